"""The library: resources with files in several languages, tagged like practices, filtered with counts."""

import io

import pytest
from wagtail.documents.models import Document

from library.demo import library_index, load_demo_resources
from library.models import ResourceFile, ResourceFolderPage, ResourcePage
from tests.events.factories import make_event
from tests.factories import MemberFactory
from tests.library.factories import resource
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    index = library_index()
    member = MemberFactory(name="City of Ghent")
    practice = practice_page(member, title="Buddies for newcomers")
    draft = practice_page(member, title="Unpublished practice", publish=False)
    event = make_event(member=member, title="Mentoring workshop")
    guideline = resource(
        index, title="Buddy guideline", themes=["mentoring"], languages=("en", "fr"), publisher=member
    )
    guideline.practices.set([practice, draft])
    guideline.events.set([event])
    guideline.save_revision().publish()
    resource(index, title="Campaign kit", resource_type="campaign", priority=5, languages=("it",))
    resource(index, title="Skills research", resource_type="research", priority=3, themes=["skills-matching"])
    return {"index": index, "guideline": guideline, "practice": practice}


def test_a_resource_shows_its_files_by_language_and_where_it_came_from(client, library):
    html = client.get(library["guideline"].url).content.decode()
    assert "Buddy guideline en" in html and "Buddy guideline fr" in html
    assert 'hreflang="fr"' in html
    assert "Buddies for newcomers" in html and "Mentoring workshop" in html
    assert "Unpublished practice" not in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ({}, {"Buddy guideline", "Campaign kit", "Skills research"}),
        ({"resource_type": "campaign"}, {"Campaign kit"}),
        ({"theme": "mentoring"}, {"Buddy guideline"}),
        ({"language": "fr"}, {"Buddy guideline"}),
        ({"priority": "nonexistent"}, set()),
    ],
)
def test_the_listing_filters_like_the_practice_listing(client, library, query, expected):
    response = client.get(library["index"].url, query)
    assert response.status_code == 200
    assert {page.title for page in response.context["page_obj"]} == expected


def test_facet_counts_count_the_other_filters(client, library):
    response = client.get(library["index"].url, {"resource_type": "guideline"})
    languages = next(facet for facet in response.context["facets"] if facet["name"] == "language")
    assert {choice["value"]: choice["count"] for choice in languages["choices"]} == {"en": 1, "fr": 1}
    types = next(facet for facet in response.context["facets"] if facet["name"] == "resource_type")
    assert {choice["value"]: choice["count"] for choice in types["choices"]} == {
        "guideline": 1,
        "campaign": 1,
        "research": 1,
    }


def test_listing_queries_are_bounded(client, library, django_assert_max_num_queries):
    for number in range(8):
        resource(library["index"], title=f"Extra {number}", languages=("en", "de"))
    with django_assert_max_num_queries(40):
        assert client.get(library["index"].url).status_code == 200


def test_demo_resources_load_twice_without_duplicates_in_their_members_folders():
    members = [MemberFactory(slug="ghent", name="City of Ghent"), MemberFactory(slug="graz", name="Graz")]
    load_demo_resources(io.StringIO())
    count = ResourcePage.objects.count()
    documents = Document.objects.count()
    load_demo_resources(io.StringIO())
    assert count == 6 and ResourcePage.objects.count() == count and Document.objects.count() == documents
    assert ResourceFile.objects.values("language").distinct().count() >= 6
    first, second = (
        ResourcePage.objects.get(slug=slug)
        for slug in ("buddy-schemes-guideline", "guardianship-training-curriculum")
    )
    assert (first.publisher, second.publisher) == tuple(members)
    assert first.url == "/library/ghent/buddy-schemes-guideline/"
    assert second.get_parent().pk == ResourceFolderPage.for_member(members[1]).pk
    assert ResourcePage.objects.get(slug="labour-pathways-research").publisher is None  # the network's own
    pdf = Document.objects.first().file.read()
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")


def test_the_api_lists_public_resources_with_their_files_and_filters(client, library):
    response = client.get("/api/v1/resources", {"language": "fr"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    record = data["results"][0]
    assert record["title"] == "Buddy guideline"
    assert {item["language"]["code"] for item in record["files"]} == {"en", "fr"}
    assert record["practice_ids"] == [library["practice"].pk]  # the unpublished one is left out
    detail = client.get(f"/api/v1/resources/{record['id']}")
    assert detail.status_code == 200 and detail.json()["resource_type"]["slug"] == "guideline"
    assert client.get("/api/v1/resources/999999").status_code == 404
    assert client.get("/api/v1/resources", {"language": "xx"}).status_code == 400


def test_the_feeds_carry_new_resources(client, library):
    import feedparser

    rss = feedparser.parse(client.get("/feeds/resources.rss").content)
    assert {entry.title for entry in rss.entries} == {"Buddy guideline", "Campaign kit", "Skills research"}
    atom = feedparser.parse(client.get("/feeds/resources.atom", {"resource_type": "campaign"}).content)
    assert [entry.title for entry in atom.entries] == ["Campaign kit"]


def test_a_translated_resource_is_listed_once_in_the_readers_version(client, library):
    from wagtail.models import Locale
    from wagtail_localize.operations import translate_object

    from tests.factories import UserFactory

    guideline = library["guideline"]
    german_locale = Locale.objects.get(language_code="de")
    translate_object(guideline, [german_locale], user=UserFactory())
    german = guideline.get_translation(german_locale).specific
    german.title = "Leitfaden für Buddys"
    german.save_revision().publish()

    english = client.get("/library/").content.decode()
    assert english.count(">Buddy guideline</a>") == 1 and "Leitfaden für Buddys" not in english
    in_german = client.get("/de/library/").content.decode()
    assert ">Leitfaden für Buddys</a>" in in_german and ">Buddy guideline</a>" not in in_german
    assert '<span class="badge badge--version">Übersetzung</span>' in in_german
    profile = client.get(f"/de/members/{guideline.publisher.slug}/").content.decode()
    assert ">Leitfaden für Buddys</a>" in profile and ">Buddy guideline</a>" not in profile
