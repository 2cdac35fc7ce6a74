"""The open-data download: regenerated on publish into storage, round-trips (download, parse, same
counts as the site, licence per row), only openly licensed practices, DCAT-AP valid."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF

from dissemination.licences import OPEN_DATA_LICENCES
from dissemination.open_data import storage_name
from events.models import EventPage
from practices.models import PracticePage

pytestmark = pytest.mark.django_db
SHAPES = Path(__file__).parent / "data" / "dcat-ap-shapes.ttl"


@pytest.fixture(autouse=True)
def _db(db):
    """Every test runs in its own transaction, inside the module's corpus."""


def download(client, filename: str) -> bytes:
    response = client.get(reverse("dissemination:open_data_file", kwargs={"filename": filename}))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def rows(client, filename: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(download(client, filename).decode("utf-8"))))


def test_csv_and_json_round_trip_with_the_sites_counts_and_a_licence_per_row(client, corpus):
    site_practices = PracticePage.objects.live_public().filter(licence__in=OPEN_DATA_LICENCES)
    practices = rows(client, "practices.csv")
    assert len(practices) == site_practices.count() == 2
    assert {row["title"] for row in practices} == set(site_practices.values_list("title", flat=True))
    assert all(row["licence"] in OPEN_DATA_LICENCES and row["licence_url"] for row in practices)
    data = json.loads(download(client, "practices.json"))
    assert data["count"] == 2 and {p["id"] for p in data["practices"]} == {int(r["id"]) for r in practices}
    indicators = rows(client, "practice-indicators.csv")
    assert [(row["indicator"], row["value"], row["licence"]) for row in indicators] == [
        ("beneficiaries", "340.0", "CC-BY-4.0")
    ]
    events = rows(client, "events.csv")
    assert len(events) == EventPage.objects.live().public().count() == 3
    assert json.loads(download(client, "events.json"))["count"] == 3


def test_practices_whose_licence_forbids_reuse_are_left_out(client, corpus):
    titles = {row["title"] for row in rows(client, "practices.csv")}
    assert "Language cafe" not in titles  # CC BY-NC
    assert "Members-only practice" not in titles and "Draft practice never shown" not in titles


def test_data_dictionary_describes_every_csv_column(client, corpus):
    dictionary = json.loads(download(client, "data-dictionary.json"))
    for filename in ("practices.csv", "practice-indicators.csv", "events.csv", "resources.csv"):
        header = download(client, filename).decode().splitlines()[0].split(",")
        assert [column["name"] for column in dictionary["columns"][filename]] == header
        assert all(column["description"] for column in dictionary["columns"][filename])


def test_publishing_regenerates_the_files_in_storage(client, corpus, django_capture_on_commit_callbacks):
    story = corpus.public_practices[1]
    download(client, "practices.csv")
    story.title = "Foster families, renamed"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    with default_storage.open(storage_name("practices.csv")) as stored:
        assert "Foster families, renamed" in stored.read().decode()
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    with default_storage.open(storage_name("practices.json")) as stored:
        assert "Foster families, renamed" not in stored.read().decode()


def test_dcat_ap_catalogue_validates_against_the_shapes(client, corpus):
    data = Graph().parse(data=download(client, "catalogue.ttl"), format="turtle")
    conforms, _graph, report = validate(data, shacl_graph=str(SHAPES), inference="none")
    assert conforms, report
    assert len(list(data.subjects(RDF.type, DCAT.Dataset))) == 3
    assert len(list(data.subjects(RDF.type, DCAT.Distribution))) == 7


def test_the_shapes_reject_a_catalogue_missing_mandatory_properties():
    broken = Graph().parse(
        data="""@prefix dcat: <http://www.w3.org/ns/dcat#> .
        <http://example.org/c> a dcat:Catalog .
        <http://example.org/d> a dcat:Distribution .""",
        format="turtle",
    )
    conforms, _graph, report = validate(broken, shacl_graph=str(SHAPES), inference="none")
    assert not conforms
    assert "accessURL" in report and "title" in report


def test_open_data_page_documents_the_files(client, corpus):
    page = client.get(reverse("dissemination:open_data")).content.decode()
    for filename in ("practices.csv", "events.json", "catalogue.ttl", "licence_url"):
        assert filename in page
    assert client.get("/open-data/secrets.txt").status_code == 404


def test_publishing_a_resource_puts_it_in_the_download_and_a_draft_stays_out(
    client, corpus, django_capture_on_commit_callbacks
):
    from library.demo import library_index
    from library.models import ResourcePage
    from tests.library.test_library import resource

    index = library_index()
    with django_capture_on_commit_callbacks(execute=True):
        toolkit = resource(index, title="Open toolkit", resource_type="toolkit", languages=("en", "fr"))
    draft = ResourcePage(title="Draft toolkit", resource_type="toolkit", summary="Not yet.", live=False)
    index.add_child(instance=draft)
    with default_storage.open(storage_name("resources.csv")) as stored:
        (row,) = csv.DictReader(io.StringIO(stored.read().decode("utf-8")))
    assert row["id"] == str(toolkit.pk) and row["title"] == "Open toolkit"
    assert row["resource_type"] == "toolkit" and row["languages"] == "en;fr"
    assert len(row["file_urls"].split(";")) == 2 and all(
        u.startswith("http") for u in row["file_urls"].split(";")
    )
    with default_storage.open(storage_name("resources.json")) as stored:
        data = json.loads(stored.read())
    assert data["count"] == 1 and [r["title"] for r in data["resources"]] == ["Open toolkit"]
    catalogue = Graph().parse(data=download(client, "catalogue.ttl"), format="turtle")
    titles = {str(title) for title in catalogue.objects(None, DCTERMS.title)}
    assert {"resources.csv", "resources.json"} <= titles
    with django_capture_on_commit_callbacks(execute=True):
        toolkit.unpublish()
    with default_storage.open(storage_name("resources.json")) as stored:
        assert json.loads(stored.read())["count"] == 0


def test_a_members_resource_is_in_the_api_feeds_and_download_only_once_published_and_public(
    client, corpus, django_capture_on_commit_callbacks
):
    import feedparser
    from wagtail.models import PageViewRestriction

    from library.demo import library_index
    from tests.library.factories import resource

    index = library_index()
    with django_capture_on_commit_callbacks(execute=True):
        published = resource(index, title="Ghent intake toolkit", slug="intake", publisher=corpus.ghent)
        draft = resource(index, title="Ghent draft toolkit", publisher=corpus.ghent, publish=False)
        restricted = resource(index, title="Ghent members-only toolkit", publisher=corpus.ghent)
        PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
        published.save_revision().publish()  # regenerates the download after the restriction
    api = client.get("/api/v1/resources").json()
    assert [item["title"] for item in api["results"]] == ["Ghent intake toolkit"]
    assert api["results"][0]["publisher"]["slug"] == "ghent"
    assert api["results"][0]["url"].endswith("/library/ghent/intake/")
    for hidden in (draft, restricted):
        assert client.get(f"/api/v1/resources/{hidden.pk}").status_code == 404
    feed = feedparser.parse(client.get("/feeds/resources.atom").content)
    assert [entry.title for entry in feed.entries] == ["Ghent intake toolkit"]
    with default_storage.open(storage_name("resources.json")) as stored:
        data = json.loads(stored.read())
    assert [record["title"] for record in data["resources"]] == ["Ghent intake toolkit"]
    (row,) = rows(client, "resources.csv")
    assert row["publisher"] == "ghent"
