"""The public read API at /api/v1/: published public content only, the site's filters, pagination,
labels' language, conditional GET, rate limits and 4xx JSON errors."""

import pytest
from django.urls import reverse

from core.links import absolute_url
from practices.models import PracticePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _db(db):
    """Every test runs in its own transaction, inside the module's corpus."""


def get(client, name, **params):
    return client.get(reverse(f"api-v1:{name}"), params)


def titles(response) -> list[str]:
    return sorted(item["title"] for item in response.json()["results"])


def test_practices_list_only_published_public_practices(client, corpus):
    response = get(client, "practices")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert titles(response) == sorted(page.title for page in corpus.public_practices)
    assert response.json()["count"] == 3


def test_drafts_and_restricted_practices_are_not_found(client, corpus):
    for page in (corpus.draft, corpus.restricted):
        response = client.get(reverse("api-v1:practice", kwargs={"practice_id": page.pk}))
        assert response.status_code == 404
        assert response.json()["error"]


def test_practice_record_has_stable_id_canonical_url_licence_and_indicators(client, corpus):
    housing = corpus.public_practices[0]
    data = client.get(reverse("api-v1:practice", kwargs={"practice_id": housing.pk})).json()
    assert data["id"] == housing.pk
    assert data["url"] == absolute_url(housing.url)
    assert data["api_url"].endswith(f"/api/v1/practices/{housing.pk}")
    assert data["licence"] == {
        "code": "CC-BY-4.0",
        "label": "Creative Commons Attribution 4.0 (CC BY 4.0)",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert data["indicators"][0]["indicator"]["slug"] == "beneficiaries"
    assert data["indicators"][0]["value"] == 340
    assert "contact_officer" not in data and "contact_role" not in data


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"priority": "ensuring-that-unaccompanied-and-separated-children"}, None),
        ({"theme": "housing"}, ["Housing desk for newcomers"]),
        ({"target_group": "refugees"}, ["Housing desk for newcomers"]),
        ({"country": "it"}, ["Foster families for unaccompanied minors"]),
        ({"member_kind": "municipality", "theme": "language-training"}, ["Language cafe"]),
        ({"language": "it"}, ["Foster families for unaccompanied minors"]),
        ({"success_stories": "true"}, ["Foster families for unaccompanied minors"]),
        ({"member": "ghent", "sort": "title"}, None),
        ({"status": "completed"}, []),
    ],
)
def test_practice_filters_match_the_site_listing(client, corpus, params, expected):
    response = get(client, "practices", **params)
    assert response.status_code == 200, response.json()
    site_kwargs = {key: value for key, value in params.items() if key != "sort"}
    if "success_stories" in site_kwargs:
        site_kwargs["success_stories"] = True
    if "country" in site_kwargs:
        site_kwargs["country"] = site_kwargs["country"].upper()
    site = PracticePage.objects.live_public().for_filters(**site_kwargs)
    assert titles(response) == sorted(site.values_list("title", flat=True))
    if expected is not None:
        assert titles(response) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "x"},
        {"page_size": "1000"},
        {"country": "Z1"},
        {"status": "abandoned"},
        {"language": "xx"},
        {"priority": "not a slug"},
        {"lang": "tlh"},
        {"success_stories": "maybe"},
    ],
)
def test_bad_parameters_answer_400_json(client, corpus, params):
    response = get(client, "practices", **params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "Some parameters are not valid."
    assert body["detail"][0]["parameter"] == next(iter(params))


def test_pages_link_to_each_other_and_keep_filters(client, corpus):
    first = get(client, "practices", page_size=2, sort="title").json()
    assert first["count"] == 3 and len(first["results"]) == 2
    assert first["previous"] is None
    assert "sort=title" in first["next"] and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert [item["title"] for item in second["results"]] == ["Language cafe"]
    assert second["next"] is None
    beyond = get(client, "practices", page=9).json()
    assert beyond["results"] == [] and beyond["count"] == 3


def test_events_upcoming_past_and_filters(client, corpus):
    upcoming = get(client, "events")
    assert [item["title"] for item in upcoming.json()["results"]] == [
        "Workshop on intake desks",
        "Webinar on foster care",
    ]
    assert titles(get(client, "events", when="past")) == ["Study visit to Ghent"]
    assert titles(get(client, "events", when="all", type="study-visit")) == ["Study visit to Ghent"]
    assert titles(get(client, "events", mode="online")) == ["Webinar on foster care"]
    assert titles(get(client, "events", member="tuscany")) == ["Webinar on foster care"]
    webinar = get(client, "events", mode="online").json()["results"][0]
    assert webinar["registration"]["slug"] == "open"
    assert webinar["places_left"] == 20
    assert "online_url" not in webinar


def test_members_and_vocabulary(client, corpus):
    members = get(client, "members", country="BE").json()
    assert [item["slug"] for item in members["results"]] == ["ghent"]
    assert "contact_officers" not in members["results"][0]
    detail = client.get(reverse("api-v1:member", kwargs={"slug": "tuscany"})).json()
    assert detail["name"] == "Tuscany Region"
    assert client.get(reverse("api-v1:member", kwargs={"slug": "nobody"})).status_code == 404
    priorities = get(client, "priorities").json()
    assert [p["number"] for p in priorities] == [1, 2, 3, 4, 5]
    housing = next(item for item in get(client, "themes").json() if item["slug"] == "housing")
    assert housing["label"] == "Housing"
    assert housing["labels"]["en"] == "Housing" and housing["labels"]["de"] == "Wohnen"
    assert all(item["unit"] and item["units"]["fr"] for item in get(client, "indicators").json())
    assert get(client, "target_groups").status_code == 200


def test_conditional_get_answers_304(client, corpus):
    first = get(client, "practices")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag and last_modified
    url = reverse("api-v1:practices")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    corpus.public_practices[0].save_revision().publish()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_language_of_labels_follows_lang_and_accept_language(client, corpus):
    response = get(client, "practices", lang="en")
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    assert client.get(reverse("api-v1:themes"), HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_rate_limit_answers_429_json(client, corpus, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public_api": "2/m"}
    assert get(client, "themes").status_code == 200
    assert get(client, "themes").status_code == 200
    limited = get(client, "themes")
    assert limited.status_code == 429
    assert limited.json()["error"]
    assert limited["Retry-After"] == "60"


def test_list_endpoints_run_a_bounded_number_of_queries(client, corpus, django_assert_max_num_queries):
    from tests.practices.factories import practice_page

    for number in range(6):
        practice_page(corpus.ghent, title=f"Extra {number}", themes=["housing"], with_revision=False)
    with django_assert_max_num_queries(14):
        assert len(get(client, "practices", page_size=50).json()["results"]) == 9
    with django_assert_max_num_queries(10):
        assert get(client, "events", when="all").json()["count"] == 3
    with django_assert_max_num_queries(6):
        assert get(client, "members").json()["count"] == 2


def test_docs_page_serves_vendored_swagger_ui_and_the_schema(client):
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/practices" in schema["paths"]


def test_practice_page_and_join_terms_state_the_licence(client, corpus):
    housing, _story, closed = corpus.public_practices
    page = client.get(housing.url).content.decode()
    assert 'rel="license" href="https://creativecommons.org/licenses/by/4.0/"' in page
    assert "Creative Commons Attribution-NonCommercial 4.0" in client.get(closed.url).content.decode()
    join = client.get(reverse("members:join")).content.decode()
    assert "Creative Commons Attribution 4.0 (CC BY 4.0)" in join
