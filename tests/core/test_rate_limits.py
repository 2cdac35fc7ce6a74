"""Rate limits (django-ratelimit) on every public form and API: past its limit a client gets 429 with a
readable page, or a JSON error from the APIs; other clients are not affected."""

import pytest

from events.models import Registration
from tests.events.factories import make_event
from tests.factories import MemberFactory, member_user

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.30"


def registration_data(number: int) -> dict[str, str]:
    return {
        "name": f"Person {number}",
        "email": f"p{number}@example.org",
        "organisation": "Lisboa",
        "consent": "on",
    }


def test_one_address_cannot_fill_an_event_with_anonymous_registrations(client, settings):
    event = make_event(member=MemberFactory(), capacity=50)
    limit = int(settings.RATE_LIMITS["event_registration"].split("/")[0])
    answers = [
        client.post(f"{event.url}register/", registration_data(number), REMOTE_ADDR=ADDRESS).status_code
        for number in range(30)
    ]
    assert answers == [302] * limit + [429] * (30 - limit)
    assert Registration.objects.count() == limit
    response = client.post(f"{event.url}register/", registration_data(99), REMOTE_ADDR=ADDRESS)
    assert "Too many requests" in response.content.decode()
    assert response["Retry-After"] == "60"
    other = client.post(f"{event.url}register/", registration_data(100), REMOTE_ADDR="203.0.113.5")
    assert other.status_code == 302


def test_behind_a_trusted_proxy_each_visitor_has_their_own_bucket(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search_api": "2/m"}
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        assert client.get("/api/search/", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 200
    assert client.get("/api/search/", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429
    # Another visitor through the same proxy, and a spoofed first hop cannot borrow a fresh bucket.
    assert client.get("/api/search/", HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 200
    spoofed = client.get("/api/search/", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1", **proxy)
    assert spoofed.status_code == 429


def test_without_a_trusted_proxy_a_spoofed_forwarded_header_does_not_reset_the_limit(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search_api": "1/m"}
    assert client.get("/api/search/", HTTP_X_FORWARDED_FOR="1.1.1.1", REMOTE_ADDR=ADDRESS).status_code == 200
    assert client.get("/api/search/", HTTP_X_FORWARDED_FOR="2.2.2.2", REMOTE_ADDR=ADDRESS).status_code == 429


@pytest.mark.parametrize(
    ("name", "url"),
    [("search_api", "/api/search/?q=housing"), ("autocomplete", "/api/search/autocomplete/?q=hou")],
)
def test_the_search_apis_answer_429_in_json(client, settings, name, url):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, name: "1/m"}
    assert client.get(url, REMOTE_ADDR=ADDRESS).status_code == 200
    response = client.get(url, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Too many requests" in response.json()["error"]


def test_the_search_page_answers_429_with_a_page(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search_page": "1/m"}
    assert client.get("/search/?q=housing", REMOTE_ADDR=ADDRESS).status_code == 200
    response = client.get("/search/?q=housing", REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    assert "<h1>Too many requests</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("assistance_request", "/transfers/requests/new/"),
        ("interest", "/transfers/practices/999999/interest/"),
    ],
)
def test_signed_in_members_are_limited_per_user_on_transfer_forms(client, settings, name, url):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, name: "1/h"}
    client.force_login(member_user(MemberFactory()))
    assert client.post(url, {}).status_code in {200, 404}
    assert client.post(url, {}).status_code == 429
    # Reading the form is not limited.
    assert client.get("/transfers/requests/new/").status_code == 200
