"""Listings show one version of each practice: the reader's language's when a live one exists, else the
original, and say which it is."""

import re

import pytest
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from practices.models import PracticePage
from tests.factories import MemberFactory, UserFactory
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


def translated(page: PracticePage, language_code: str, *, publish: bool = True, **fields) -> PracticePage:
    """A wagtail-localize translation of `page`, with `fields` changed, published unless told not."""
    locale = Locale.objects.get(language_code=language_code)
    translate_object(page, [locale], user=UserFactory())
    translation = page.get_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    revision = translation.save_revision()
    if publish:
        revision.publish()
    return PracticePage.objects.get(pk=translation.pk)


@pytest.fixture
def practice():
    member = MemberFactory(slug="city-of-ghent", name="City of Ghent")
    return practice_page(member, title="One-stop desk", summary="A desk for newcomers.")


def cards(html: str) -> list[str]:
    return re.findall(r'<li class="card practice-card.*?</li>', html, re.S)


def test_a_german_reader_sees_the_german_version_once_marked_as_a_translation(client, practice):
    translated(practice, "de", title="Zentrale Anlaufstelle", summary="Eine Anlaufstelle.")
    listing = cards(client.get("/de/practices/").content.decode())
    assert len(listing) == 1
    assert "Zentrale Anlaufstelle" in listing[0]
    assert "Übersetzung" in listing[0]
    assert "lang=" not in listing[0].split("card__title")[1].split(">")[0]  # German text, German page


def test_an_english_reader_sees_the_original_once_unmarked(client, practice):
    translated(practice, "de", title="Zentrale Anlaufstelle")
    listing = cards(client.get("/practices/").content.decode())
    assert len(listing) == 1
    assert "One-stop desk" in listing[0]
    assert "badge--version" not in listing[0]


def test_a_reader_without_a_version_in_their_language_sees_the_original_marked_with_its_language(
    client, practice
):
    translated(practice, "de", title="Zentrale Anlaufstelle")
    listing = cards(client.get("/fr/practices/").content.decode())
    assert len(listing) == 1
    assert "One-stop desk" in listing[0]
    assert "Original (Anglais)" in listing[0]
    assert 'class="card__title" lang="en"' in listing[0]


def test_a_draft_translation_does_not_replace_the_original(client, practice):
    translated(practice, "de", publish=False, title="Entwurf")
    listing = cards(client.get("/de/practices/").content.decode())
    assert len(listing) == 1
    assert "One-stop desk" in listing[0]
    assert "Entwurf" not in listing[0]


def test_the_home_page_and_the_member_profile_show_the_readers_version(client, practice):
    translated(practice, "de", title="Zentrale Anlaufstelle")
    for url in ["/de/", "/de/members/city-of-ghent/"]:
        html = client.get(url).content.decode()
        assert html.count("Zentrale Anlaufstelle") >= 1, url
        assert "One-stop desk" not in html, url


def test_the_practice_page_links_its_other_language_version(client, practice):
    german = translated(practice, "de", title="Zentrale Anlaufstelle")
    html = client.get(practice.url).content.decode()
    assert re.search(rf'<link rel="alternate" hreflang="de" href="[^"]*{re.escape(german.url)}"', html)
