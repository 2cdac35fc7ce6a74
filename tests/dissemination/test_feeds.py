"""RSS 2.0 and Atom feeds of practices and success stories, and sitemap.xml: parsed by an independent
parser (feedparser) and checked for the elements each format requires."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from core.links import absolute_url
from practices.models import PracticePage

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(autouse=True)
def _db(db):
    """Every test runs in its own transaction, inside the module's corpus."""


def assert_rss2(xml: bytes) -> ET.Element:
    root = ET.fromstring(xml)  # noqa: S314 (our own output, in a test)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), f"channel has no {required}"
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")
        assert item.findtext("link") and item.findtext("guid") and item.findtext("pubDate")
    return channel


def assert_atom(xml: bytes) -> ET.Element:
    feed = ET.fromstring(xml)  # noqa: S314 (our own output, in a test)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{required}") or "").strip(), f"feed has no {required}"
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{required}") or "").strip(), f"entry has no {required}"
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None  # required unless the feed has one
    return feed


@pytest.mark.parametrize("name", ["practices_rss", "practices_atom"])
def test_practice_feeds_list_published_public_practices(client, corpus, name):
    response = client.get(reverse(f"dissemination:{name}"))
    assert response.status_code == 200
    (assert_rss2 if name.endswith("rss") else assert_atom)(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if name.endswith("rss") else "atom10")
    assert sorted(entry.title for entry in parsed.entries) == sorted(p.title for p in corpus.public_practices)
    housing = next(entry for entry in parsed.entries if entry.title == "Housing desk for newcomers")
    assert housing.link == absolute_url(corpus.public_practices[0].url)
    assert housing.author == "City of Ghent"


@pytest.mark.parametrize("name", ["success_stories_rss", "success_stories_atom"])
def test_success_story_feeds_list_only_success_stories(client, corpus, name):
    parsed = feedparser.parse(client.get(reverse(f"dissemination:{name}")).content)
    assert not parsed.bozo
    assert [entry.title for entry in parsed.entries] == ["Foster families for unaccompanied minors"]


@pytest.mark.parametrize(
    "params",
    [
        {"priority": "ensuring-that-unaccompanied-and-separated-children"},
        {"theme": "housing"},
        {"country": "it"},
        {"language": "it"},
        {"theme": "no-such-theme"},
    ],
)
def test_feeds_filter_like_the_listing(client, corpus, params):
    parsed = feedparser.parse(client.get(reverse("dissemination:practices_atom"), params).content)
    site = {k: (v.upper() if k == "country" else v) for k, v in params.items()}
    expected = PracticePage.objects.live_public().for_filters(**site).values_list("title", flat=True)
    assert sorted(entry.title for entry in parsed.entries) == sorted(expected)
    self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
    assert next(iter(params)) in self_link


def test_sitemap_lists_every_public_page_with_language_alternates(client, corpus):
    response = client.get(reverse("dissemination:sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output, in a test)
    entries = root.findall(f"{SITEMAP}url")
    locations = {entry.findtext(f"{SITEMAP}loc") for entry in entries}
    paths = {location.removeprefix("http://testserver") for location in locations}
    for page in corpus.public_practices + corpus.events + [corpus.past_event]:
        assert page.url in paths
    for hidden in (corpus.draft, corpus.restricted, corpus.draft_event):
        assert not any(hidden.url_path.rstrip("/").split("/")[-1] in loc for loc in locations)
    assert any(loc.endswith("/members/ghent/") for loc in locations)
    assert any("/priorities/" in loc for loc in locations)
    # Member folders only redirect to their index's listing.
    for folder in ("/practices/ghent/", "/events/ghent/", "/library/ghent/"):
        assert not any(loc.endswith(folder) for loc in locations), folder
    for entry in entries:
        languages = {link.get("hreflang") for link in entry.findall(f"{XHTML}link")}
        assert {"en", "x-default"} <= languages
