"""The probes of bad input that used to be 500s: a NUL character anywhere (PostgreSQL refuses it in
text), and ids too large for the database in URLs. Each is now a 400 or a 404."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from members.roles import NETWORK_ADMINISTRATORS
from tests.events.factories import make_event
from tests.factories import MemberFactory, UserFactory
from tests.members.factories import join_form_data

pytestmark = pytest.mark.django_db

NUL_PROBES = [
    "/practices/?theme=a%00b",
    "/practices/?q=%00",
    "/events/?type=%00",
    "/events/feed.ics?priority=%00",
    "/members/?q=x%00",
    "/search/?q=housing%00",
    "/api/search/?country=%00",
    "/api/search/autocomplete/?q=ho%00",
]


@pytest.mark.parametrize("url", NUL_PROBES)
def test_a_nul_character_in_a_filter_or_query_is_a_400(url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert "NUL character" in response.json()["error"]
    else:
        assert "NUL character" in response.content.decode()


def test_a_nul_character_in_a_form_is_a_400_and_nothing_is_saved():
    from members.models import MembershipApplication

    response = Client(raise_request_exception=False).post("/members/join/", join_form_data(kind="a\x00"))
    assert response.status_code == 400
    assert not MembershipApplication.objects.exists()


def test_oversized_ids_in_public_and_organiser_urls_are_not_found():
    event = make_event(member=MemberFactory())
    administrator = UserFactory(username="admin-probe", is_staff=True)
    administrator.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    client = Client(raise_request_exception=False)
    huge = "9" * 30
    assert client.get(f"/events/ics/{event.pk}/").status_code == 200
    assert client.get(f"/events/ics/{huge}/").status_code == 404
    assert client.get("/events/ics/9223372036854775808/").status_code == 404
    client.force_login(administrator)
    for url in [
        f"/admin/event-registrations/{huge}/",
        f"/admin/event-registrations/{huge}/export.csv",
        f"/admin/event-registrations/{huge}/message/",
        f"/admin/membership-applications/review/{huge}/",
        f"/transfers/requests/{huge}/",
    ]:
        assert client.get(url, follow=True).status_code == 404, url
