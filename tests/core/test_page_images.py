"""The one image a practice or an event carries: a text alternative is required unless decorative."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.page_cache import PAGES, purge
from tests.events.factories import make_event
from tests.factories import MemberFactory, UserFactory, make_image
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    member = MemberFactory()
    return practice_page(member, publish=False), make_event(member=member, publish=False)


def test_an_image_without_alt_text_or_description_is_refused_on_practices_and_events(pages):
    for page in pages:
        page.image = make_image(description="")
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "image_alt_text" in error.value.message_dict


def test_the_page_alt_text_wins_over_the_image_description(pages):
    for page in pages:
        page.image = make_image(description="A blue square")
        page.image_alt_text = "Volunteers at the language café"
        page.full_clean()
        assert page.image_alt == "Volunteers at the language café"


def test_the_image_description_serves_as_alt_text_when_the_page_has_none(pages):
    for page in pages:
        page.image = make_image(description="Newcomers at the town library")
        page.full_clean()
        assert page.image_alt == "Newcomers at the town library"


def test_a_decorative_image_needs_no_alt_text_and_renders_an_empty_one(pages):
    for page in pages:
        page.image = make_image(description="")
        page.image_is_decorative = True
        page.full_clean()
        assert page.image_alt == ""


def test_a_page_without_image_is_valid_and_has_no_alt(pages):
    for page in pages:
        page.full_clean()
        assert page.image is None and page.image_alt == ""


def render_listing(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_card_shows_the_image_as_avif_and_webp_with_a_sized_lazy_fallback_in_the_original_kind(client):
    member = MemberFactory()
    practice_page(
        member, title="Language café", image=make_image("Cafe", description=""), image_alt_text="Volunteers"
    )
    html = render_listing(client, "/practices/")
    picture = html[html.index("<picture>") : html.index("</picture>")]
    assert "<source " in picture and 'type="image/avif"' in picture and 'type="image/webp"' in picture
    assert ".avif 400w" in picture and ".avif 800w" in picture
    img = picture[picture.index("<img") :]
    assert 'alt="Volunteers"' in img and 'loading="lazy"' in img
    assert 'width="400"' in img and 'height="225"' in img  # reserves its box: no layout shift
    assert ".png" in img  # a PNG original falls back to PNG, not to a lossy JPEG


def test_a_card_without_image_has_no_picture_and_no_empty_box(client):
    practice_page(MemberFactory(), title="Without image")
    html = render_listing(client, "/practices/")
    assert "<picture" not in html and "card__image" not in html and "card--with-image" not in html


def test_the_page_image_is_fetched_at_once_and_a_decorative_one_has_an_empty_alt(client):
    member = MemberFactory()
    page = practice_page(member, image=make_image("Pattern"), image_is_decorative=True)
    event = make_event(member=member, image=make_image("Room", description="The meeting room"))
    html = render_listing(client, page.url)
    img = html[html.index('class="page-image"') - 400 : html.index('class="page-image"') + 200]
    assert 'alt=""' in img and 'fetchpriority="high"' in img and 'loading="lazy"' not in img
    html = render_listing(client, event.url)
    assert 'alt="The meeting room"' in html and 'class="page-image"' in html


def test_the_installed_pillow_really_encodes_avif_renditions():
    image = make_image("Avif check")
    rendition = image.get_rendition("format-avif|fill-400x225")
    with rendition.file.open("rb") as file:
        header = file.read(32)
    assert header[4:12] in (b"ftypavif", b"ftypavis")
    assert (rendition.width, rendition.height) == (400, 225)


def test_listing_queries_do_not_grow_with_the_number_of_images(client, django_assert_max_num_queries):
    member = MemberFactory()
    for number in range(8):
        image = make_image(f"Picture {number}")
        practice_page(member, title=f"Imaged {number}", image=image, image_alt_text="x")
        make_event(member=member, title=f"Event {number}", image=image, image_alt_text="x")
    client.force_login(UserFactory())  # a signed-in view is never served from the page cache
    for url in ("/practices/?sort=title", "/events/"):
        render_listing(client, url)  # renditions are created once, on the first view
        purge([PAGES])  # the cards are rendered again, not read from what the first view remembered
        with CaptureQueriesContext(connection) as queries:
            assert render_listing(client, url).count("<picture>") == 8
        image_queries = [
            q["sql"] for q in queries.captured_queries if 'FROM "wagtailimages_rendition"' in q["sql"]
        ]
        # One query for the renditions of every card's image, whatever the number of cards.
        assert len(image_queries) == 1, image_queries
