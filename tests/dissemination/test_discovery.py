"""OpenGraph and schema.org JSON-LD on practice, event and member pages; and the promise that no
contact officer's name, email or phone leaves through any public output."""

import json
import re

import pytest
from django.urls import reverse

from tests.dissemination.conftest import SECRET_ONLINE_URL, personal_values

pytestmark = pytest.mark.django_db
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def _db(db):
    """Every test runs in its own transaction, inside the module's corpus."""


def json_ld(html: str) -> dict:
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_practice_page_has_creative_work_and_open_graph(client, corpus):
    housing = corpus.public_practices[0]
    html = client.get(housing.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "CreativeWork"
    assert data["name"] == housing.title
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["author"]["name"] == "City of Ghent"
    assert f'<meta property="og:title" content="{housing.title}">' in html
    assert '<meta property="og:type" content="article">' in html


def test_event_json_ld_has_location_mode_and_availability(client, corpus):
    workshop, webinar = corpus.events
    data = json_ld(client.get(workshop.url).content.decode())
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["addressLocality"] == "Milano"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    online = json_ld(client.get(webinar.url).content.decode())
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == {"@type": "VirtualLocation", "url": online["url"]}


def test_member_page_is_a_government_organization(client, corpus):
    data = json_ld(client.get(corpus.ghent.get_absolute_url()).content.decode())
    assert data["@type"] == "GovernmentOrganization"
    assert data["address"]["addressCountry"] == "BE"


def test_json_ld_cannot_close_its_script_element(client, corpus):
    housing = corpus.public_practices[0]
    housing.summary = "Desk </script><script>alert(1)</script> & more"
    housing.save_revision().publish()
    html = client.get(housing.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["description"] == housing.summary


def public_outputs(client, corpus) -> dict[str, str]:
    """Every public output: API, feeds, sitemap, open data, and the pages' JSON-LD."""
    urls = [
        reverse("api-v1:practices"),
        reverse("api-v1:events") + "?when=all",
        reverse("api-v1:members"),
        *[reverse("api-v1:practice", kwargs={"practice_id": p.pk}) for p in corpus.public_practices],
        *[reverse("api-v1:event", kwargs={"event_id": e.pk}) for e in corpus.events],
        *[reverse("api-v1:member", kwargs={"slug": m.slug}) for m in (corpus.ghent, corpus.tuscany)],
        *[reverse(f"dissemination:{name}") for name in ("practices_rss", "practices_atom")],
        *[reverse(f"dissemination:{name}") for name in ("success_stories_rss", "success_stories_atom")],
        reverse("dissemination:sitemap"),
        *[
            reverse("dissemination:open_data_file", kwargs={"filename": name})
            for name in (
                "practices.csv",
                "practice-indicators.csv",
                "practices.json",
                "events.csv",
                "events.json",
                "catalogue.ttl",
            )
        ],
    ]
    outputs = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        outputs[url] = body.decode()
    pages = [*corpus.public_practices, *corpus.events, corpus.past_event]
    for page in pages:
        outputs[f"JSON-LD of {page.url}"] = "".join(JSON_LD.findall(client.get(page.url).content.decode()))
    for member in (corpus.ghent, corpus.tuscany):
        html = client.get(member.get_absolute_url()).content.decode()
        outputs[f"JSON-LD of {member.get_absolute_url()}"] = "".join(JSON_LD.findall(html))
    return outputs


def test_no_contact_officer_data_in_any_public_output(client, corpus):
    secrets = [*personal_values(corpus), SECRET_ONLINE_URL, "Head of the integration desk"]
    outputs = public_outputs(client, corpus)
    assert len(outputs) == 29 and all(outputs.values())
    # The scan reads real content: a member's public name is found in every kind of output.
    assert sum("ghent" in text.lower() for text in outputs.values()) >= 20
    for where, text in outputs.items():
        for secret in secrets:
            assert secret.lower() not in text.lower(), f"{secret!r} leaked in {where}"
            # Emails also as they appear JSON-escaped or URL-encoded.
            assert secret.replace("@", "%40").lower() not in text.lower(), f"{secret!r} leaked in {where}"
