"""The transfer pages: forms, permissions, and bounded queries."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from core.models import Indicator, Priority, TargetGroup, Theme
from members.roles import NETWORK_ADMINISTRATORS
from tests.factories import MemberFactory, UserFactory, member_user
from tests.transfers.factories import (
    AssistanceRequestFactory,
    InvitationFactory,
    MilestoneFactory,
    TransferProjectFactory,
)
from transfers.models import AssistanceInvitation, AssistanceRequest, ProjectIndicator, ProjectNote

pytestmark = pytest.mark.django_db


def offering(member, *slugs):
    member.offers_assistance = True
    member.assistance_themes.set(Theme.objects.filter(slug__in=slugs))
    member.save()  # a ParentalManyToManyField is written on save
    return member


@pytest.fixture
def requester():
    return MemberFactory(name="City of Receiving", slug="receiving", languages=["it"])


@pytest.fixture
def helper():
    return offering(
        MemberFactory(name="City of Helping", slug="helping", languages=["de"]), "family-based-care"
    )


# Request form ----------------------------------------------------------------------------------------


def test_request_form_requires_login(client):
    response = client.get(reverse("transfers:request_create"))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_request_form_is_for_member_users_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("transfers:request_create")).status_code == 403


def test_request_form_creates_the_request_and_shows_matches(client, requester, helper):
    client.force_login(member_user(requester))
    response = client.post(
        reverse("transfers:request_create"),
        {
            "requesting_member": requester.pk,
            "title": "Foster families for separated children",
            "priority": Priority.objects.get(number=1).pk,
            "themes": [Theme.objects.get(slug="family-based-care").pk],
            "target_groups": [TargetGroup.objects.get(slug="unaccompanied-minors").pk],
            "description": "We have 40 children in reception centres.",
            "timeframe_text": "Before the summer",
            "preferred_languages": ["de", "it"],
            "mode": "remote",
        },
    )
    request = AssistanceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    page = client.get(request.get_absolute_url())
    content = page.content.decode()
    assert "Foster families for separated children" in content
    assert "City of Helping" in content
    assert "Offers assistance on foster and family-based care" in content
    assert "Works in German" in content


def test_request_form_rerenders_errors_and_keeps_input(client, requester):
    client.force_login(member_user(requester))
    response = client.post(
        reverse("transfers:request_create"),
        {
            "requesting_member": requester.pk,
            "title": "Kept title",
            "priority": "",
            "description": "",
            "timeframe_start": "2026-05-01",
            "timeframe_end": "2026-04-01",
            "mode": "remote",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert not AssistanceRequest.objects.exists()
    assert 'class="error-summary"' in content
    assert 'value="Kept title"' in content
    assert "The end of the timeframe is before its start." in content
    assert 'aria-describedby="id_timeframe_end_error"' in content
    assert 'aria-invalid="true"' in content
    assert 'id="id_themes_error"' in content


def test_request_form_rejects_a_member_the_user_does_not_act_for(client, requester):
    other = MemberFactory()
    client.force_login(member_user(requester))
    client.force_login(member_user(MemberFactory()))
    user = member_user(requester)
    client.force_login(user)
    response = client.post(
        reverse("transfers:request_create"),
        {
            "requesting_member": other.pk,
            "title": "x",
            "priority": Priority.objects.get(number=1).pk,
            "themes": [Theme.objects.first().pk],
            "description": "x",
            "mode": "remote",
        },
    )
    assert response.status_code == 200
    assert not AssistanceRequest.objects.exists()


# Request page, invitations and answers ----------------------------------------------------------------


def test_request_page_is_hidden_from_uninvolved_members(client, requester):
    request = AssistanceRequestFactory(requesting_member=requester)
    client.force_login(member_user(MemberFactory()))
    assert client.get(request.get_absolute_url()).status_code == 403


def test_requester_invites_a_matched_member(client, requester, helper, django_capture_on_commit_callbacks):
    request = AssistanceRequestFactory(requesting_member=requester)
    member_user(helper, email="editor@helping.example.org")
    client.force_login(member_user(requester))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("transfers:request_invite", args=[request.pk]),
            {"members": [helper.pk], "message": "You know foster care"},
        )
    assert response.status_code == 302
    invitation = AssistanceInvitation.objects.get()
    assert invitation.member == helper and invitation.message == "You know foster care"
    assert [message.to for message in mail.outbox] == [["editor@helping.example.org"]]


def test_inviting_nobody_rerenders_with_an_error(client, requester, helper):
    request = AssistanceRequestFactory(requesting_member=requester)
    client.force_login(member_user(requester))
    response = client.post(reverse("transfers:request_invite", args=[request.pk]), {"message": "hi"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not AssistanceInvitation.objects.exists()


def test_invited_member_accepts_from_the_request_page(client, requester, helper):
    request = AssistanceRequestFactory(requesting_member=requester)
    invitation = InvitationFactory(request=request, member=helper, message="Please")
    client.force_login(member_user(helper))
    page = client.get(request.get_absolute_url())
    assert page.status_code == 200
    assert "Your answer for City of Helping" in page.content.decode()
    response = client.post(
        reverse("transfers:invitation_respond", args=[invitation.pk]),
        {"decision": "accept", "message": "Yes"},
    )
    request.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == request.project.get_absolute_url()


def test_accepting_another_members_invitation_is_forbidden(client, requester, helper):
    invitation = InvitationFactory(
        request=AssistanceRequestFactory(requesting_member=requester), member=helper
    )
    client.force_login(member_user(MemberFactory()))
    response = client.post(
        reverse("transfers:invitation_respond", args=[invitation.pk]), {"decision": "accept", "message": ""}
    )
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == AssistanceInvitation.Status.PENDING


def test_answer_without_a_decision_rerenders_with_an_error(client, requester, helper):
    invitation = InvitationFactory(
        request=AssistanceRequestFactory(requesting_member=requester), member=helper
    )
    client.force_login(member_user(helper))
    response = client.post(reverse("transfers:invitation_respond", args=[invitation.pk]), {"message": "Hmm"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert "Hmm" in response.content.decode()


# Project page ----------------------------------------------------------------------------------------


@pytest.fixture
def project(requester, helper):
    project = TransferProjectFactory(
        title="Foster care transfer", helping_member=helper, receiving_member=requester
    )
    ProjectNote.objects.create(project=project, text="Secret budget figures")
    return project


def test_project_notes_are_visible_to_both_members_and_administrators_only(
    client, project, requester, helper
):
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    for user, sees_notes in [
        (member_user(requester), True),
        (member_user(helper), True),
        (admin, True),
        (member_user(MemberFactory()), False),
    ]:
        client.force_login(user)
        response = client.get(project.get_absolute_url())
        assert response.status_code == 200
        assert ("Secret budget figures" in response.content.decode()) is sees_notes, user


def test_outsider_cannot_post_a_note(client, project):
    client.force_login(member_user(MemberFactory()))
    response = client.post(project.get_absolute_url(), {"action": "note", "text": "Sneaky"})
    assert response.status_code == 403
    assert not ProjectNote.objects.filter(text="Sneaky").exists()


def test_skipping_a_stage_shows_a_clear_error(client, project, requester):
    client.force_login(member_user(requester))
    response = client.post(project.get_absolute_url(), {"action": "stage", "to_stage": "evaluate"})
    assert response.status_code == 200
    assert "A project moves one stage at a time" in response.content.decode()
    project.refresh_from_db()
    assert project.stage == "understand"


def test_project_moves_through_stages_to_completion(client, project, requester):
    client.force_login(member_user(requester))
    for stage in ["adapt", "implement", "evaluate"]:
        assert (
            client.post(project.get_absolute_url(), {"action": "stage", "to_stage": stage}).status_code == 302
        )
    response = client.post(project.get_absolute_url(), {"action": "stage", "to_stage": "completed"})
    assert "Record at least one outcome indicator" in response.content.decode()
    indicator = Indicator.objects.get(slug="beneficiaries")
    bad = client.post(
        project.get_absolute_url(), {"action": "indicator", "indicator": indicator.pk, "value": "-3"}
    )
    assert bad.status_code == 200 and 'class="error-summary"' in bad.content.decode()
    client.post(project.get_absolute_url(), {"action": "indicator", "indicator": indicator.pk, "value": "25"})
    assert ProjectIndicator.objects.get(project=project).value == 25
    client.post(project.get_absolute_url(), {"action": "stage", "to_stage": "completed"})
    project.refresh_from_db()
    assert project.is_completed


def test_milestones_are_added_and_marked_done(client, project, helper):
    client.force_login(member_user(helper))
    due = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    client.post(project.get_absolute_url(), {"action": "milestone", "title": "Study visit", "due_date": due})
    milestone = project.milestones.get()
    client.post(project.get_absolute_url(), {"action": "milestone_done", "milestone": milestone.pk})
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    response = client.post(
        project.get_absolute_url(), {"action": "milestone", "title": "", "due_date": "soon"}
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_unknown_project_action_is_a_bad_request(client, project, helper):
    client.force_login(member_user(helper))
    assert client.post(project.get_absolute_url(), {"action": "explode"}).status_code == 400


# Dashboard and overview ------------------------------------------------------------------------------


def test_dashboard_lists_requests_invitations_and_projects(client, project, requester, helper):
    request = AssistanceRequestFactory(requesting_member=helper, title="Our housing request")
    InvitationFactory(
        request=AssistanceRequestFactory(requesting_member=requester, title="Help wanted"), member=helper
    )
    MilestoneFactory(project=project, title="Adapt the intake form")
    client.force_login(member_user(helper))
    content = client.get(reverse("transfers:dashboard")).content.decode()
    assert "Our housing request" in content
    assert "Help wanted" in content
    assert "Foster care transfer" in content
    assert "Adapt the intake form" in content
    assert request.get_absolute_url() in content


def test_dashboard_needs_a_membership(client):
    client.force_login(UserFactory())
    assert client.get(reverse("transfers:dashboard")).status_code == 403


def test_overview_is_for_network_administrators_only(client, project):
    client.force_login(member_user(MemberFactory()))
    assert client.get(reverse("transfers:overview")).status_code == 403
    assert client.get(reverse("transfers:overview_csv")).status_code == 403
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    client.force_login(admin)
    assert client.get(reverse("transfers:overview")).status_code == 200


def test_overview_counts_and_csv(admin_client, project, requester):
    AssistanceRequestFactory(requesting_member=requester, title="Still waiting")
    content = admin_client.get(reverse("transfers:overview")).content.decode()
    assert "Still waiting" in content
    project.title = "=HYPERLINK(evil)"
    project.save()
    csv_response = admin_client.get(reverse("transfers:overview_csv"))
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("ID,Title,Helping member")
    assert "'=HYPERLINK(evil)" in lines[1]
    assert "City of Helping,City of Receiving" in lines[1]
