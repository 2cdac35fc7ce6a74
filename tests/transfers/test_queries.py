"""Listing pages run a number of queries that does not grow with the rows they show."""

import pytest
from django.urls import reverse

from core.models import Indicator
from tests.factories import MemberFactory, member_user
from tests.practices.factories import practice_page
from tests.transfers.factories import (
    AssistanceRequestFactory,
    InvitationFactory,
    MilestoneFactory,
    TransferProjectFactory,
)
from transfers.models import ProjectIndicator, TransferInterest

pytestmark = pytest.mark.django_db

ROWS = 8


@pytest.fixture
def busy_member():
    """A member with many practices, interests, requests, invitations and projects."""
    member = MemberFactory(name="Busy City", slug="busy")
    others = [MemberFactory(slug=f"other-{number}") for number in range(ROWS)]
    for number, other in enumerate(others):
        practice = practice_page(member, themes=["family-based-care"], with_revision=False)
        TransferInterest.objects.create(practice=practice, member=other, message=f"Interest {number}")
        request = AssistanceRequestFactory(requesting_member=member, title=f"Request {number}")
        InvitationFactory(request=request, member=other)
        InvitationFactory(request=AssistanceRequestFactory(requesting_member=other), member=member)
        project = TransferProjectFactory(helping_member=other, receiving_member=member, request=request)
        MilestoneFactory(project=project)
        MilestoneFactory(project=project)
        ProjectIndicator.objects.create(
            project=project, indicator=Indicator.objects.get(slug="beneficiaries"), value=number
        )
    return member


def warm(client, url: str) -> None:
    """One request first: it fills what every later request reads from the cache (site, settings, the
    footer's notice links, the person's profile row), so the bound is that of every request after it."""
    assert client.get(url).status_code == 200


def test_dashboard_queries_are_bounded(client, busy_member, django_assert_max_num_queries):
    client.force_login(member_user(busy_member))
    warm(client, reverse("transfers:dashboard"))
    with django_assert_max_num_queries(24):
        response = client.get(reverse("transfers:dashboard"))
    content = response.content.decode()
    assert content.count("Request 7") == 1
    assert "Interest 7" in content


def test_overview_and_csv_queries_are_bounded(admin_client, busy_member, django_assert_max_num_queries):
    warm(admin_client, reverse("transfers:overview"))
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("transfers:overview"))
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        csv_response = admin_client.get(reverse("transfers:overview_csv"))
    assert len(csv_response.content.decode().splitlines()) == ROWS + 1


def test_request_page_queries_are_bounded(client, busy_member, django_assert_max_num_queries):
    request = AssistanceRequestFactory(requesting_member=busy_member)
    for number in range(ROWS):
        InvitationFactory(request=request, member=MemberFactory(slug=f"invited-{number}"))
    client.force_login(member_user(busy_member))
    warm(client, request.get_absolute_url())
    with django_assert_max_num_queries(24):
        response = client.get(request.get_absolute_url())
    assert response.status_code == 200


def test_project_page_queries_are_bounded(client, busy_member, django_assert_max_num_queries):
    project = TransferProjectFactory(helping_member=busy_member, receiving_member=MemberFactory())
    for _ in range(ROWS):
        MilestoneFactory(project=project)
    client.force_login(member_user(busy_member))
    warm(client, project.get_absolute_url())
    with django_assert_max_num_queries(26):
        response = client.get(project.get_absolute_url())
    assert response.status_code == 200
