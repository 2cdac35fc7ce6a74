"""The transfer process as actions: request, invite, answer, run the project to its completion."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from core.models import Indicator, Priority, Theme
from members.models import ContactOfficer
from tests.factories import MemberFactory, member_user
from tests.transfers.factories import AssistanceRequestFactory, InvitationFactory, TransferProjectFactory
from transfers import actions
from transfers.actions import RequestDetails, TransferError
from transfers.models import AssistanceInvitation, AssistanceRequest, TransferProject

pytestmark = pytest.mark.django_db


@pytest.fixture
def requester():
    return MemberFactory(name="City of Receiving", slug="receiving")


@pytest.fixture
def helper():
    member = MemberFactory(name="City of Helping", slug="helping")
    ContactOfficer.objects.create(member=member, name="Ana", role="Officer", email="ana@helping.example.org")
    return member


def details(**overrides) -> RequestDetails:
    values = {
        "title": "Foster care",
        "priority": Priority.objects.get(number=1),
        "description": "Families for separated children.",
        "themes": [Theme.objects.get(slug="family-based-care")],
    }
    values.update(overrides)
    return RequestDetails(**values)


def test_member_user_creates_a_request(requester):
    user = member_user(requester)
    request = actions.create_assistance_request(
        user=user, member=requester, details=details(preferred_languages=["it", "it", "en"])
    )
    assert request.requesting_member == requester
    assert request.status == AssistanceRequest.Status.OPEN
    assert request.preferred_languages == ["it", "en"]
    assert list(request.themes.values_list("slug", flat=True)) == ["family-based-care"]


def test_user_of_another_member_cannot_create_a_request_for_it(requester):
    outsider = member_user(MemberFactory())
    with pytest.raises(PermissionDenied):
        actions.create_assistance_request(user=outsider, member=requester, details=details())


def test_request_needs_a_theme_and_an_ordered_timeframe(requester):
    user = member_user(requester)
    with pytest.raises(TransferError, match="at least one theme"):
        actions.create_assistance_request(user=user, member=requester, details=details(themes=[]))
    with pytest.raises(TransferError, match="before its start") as raised:
        actions.create_assistance_request(
            user=user,
            member=requester,
            details=details(
                timeframe_start=datetime.date(2026, 5, 1), timeframe_end=datetime.date(2026, 4, 1)
            ),
        )
    assert raised.value.field == "timeframe_end"


def test_invitation_emails_the_invited_members_officers_and_editors_after_commit(
    requester, helper, django_capture_on_commit_callbacks
):
    request = AssistanceRequestFactory(requesting_member=requester)
    user = member_user(requester)
    member_user(helper, email="editor@helping.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        actions.invite_members(request=request, user=user, members=[helper], message="Please help")
        assert mail.outbox == []
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["ana@helping.example.org", "editor@helping.example.org"]
    assert "City of Receiving asks for your technical assistance" in mail.outbox[0].subject
    assert "Please help" in mail.outbox[0].body
    assert f"/transfers/requests/{request.pk}/" in mail.outbox[0].body


def test_cannot_invite_itself_or_the_same_member_twice(requester, helper):
    request = AssistanceRequestFactory(requesting_member=requester)
    user = member_user(requester)
    with pytest.raises(TransferError, match="cannot invite itself"):
        actions.invite_members(request=request, user=user, members=[requester])
    actions.invite_members(request=request, user=user, members=[helper])
    with pytest.raises(TransferError, match="Already invited: City of Helping"):
        actions.invite_members(request=request, user=user, members=[helper])


def test_only_the_requester_invites(requester, helper):
    request = AssistanceRequestFactory(requesting_member=requester)
    with pytest.raises(PermissionDenied):
        actions.invite_members(request=request, user=member_user(helper), members=[helper])


def test_accepting_starts_a_project_withdraws_other_invitations_and_tells_the_requester(
    requester, helper, django_capture_on_commit_callbacks
):
    request = AssistanceRequestFactory(requesting_member=requester)
    requester_user = member_user(requester, email="boss@receiving.example.org")
    invitation = InvitationFactory(request=request, member=helper)
    other = InvitationFactory(request=request)
    with django_capture_on_commit_callbacks(execute=True):
        actions.respond_to_invitation(
            invitation=invitation, user=member_user(helper), accept=True, message="Gladly"
        )
    invitation.refresh_from_db()
    request.refresh_from_db()
    other.refresh_from_db()
    assert invitation.status == AssistanceInvitation.Status.ACCEPTED
    assert invitation.response_message == "Gladly"
    assert request.status == AssistanceRequest.Status.MATCHED
    assert other.status == AssistanceInvitation.Status.WITHDRAWN
    project = request.project
    assert (project.helping_member, project.receiving_member) == (helper, requester)
    assert project.stage == TransferProject.Stage.UNDERSTAND
    assert [message.to for message in mail.outbox] == [[requester_user.email]]
    assert "City of Helping accepted to help" in mail.outbox[0].subject
    assert "Gladly" in mail.outbox[0].body


def test_declining_keeps_the_request_open(requester, helper, django_capture_on_commit_callbacks):
    request = AssistanceRequestFactory(requesting_member=requester)
    member_user(requester)
    invitation = InvitationFactory(request=request, member=helper)
    with django_capture_on_commit_callbacks(execute=True):
        actions.respond_to_invitation(
            invitation=invitation, user=member_user(helper), accept=False, message="Busy"
        )
    request.refresh_from_db()
    assert request.status == AssistanceRequest.Status.OPEN
    assert not TransferProject.objects.exists()
    assert "declined" in mail.outbox[0].subject


def test_a_member_cannot_answer_an_invitation_addressed_to_another(requester, helper):
    invitation = InvitationFactory(
        request=AssistanceRequestFactory(requesting_member=requester), member=helper
    )
    with pytest.raises(PermissionDenied):
        actions.respond_to_invitation(invitation=invitation, user=member_user(requester), accept=True)
    invitation.refresh_from_db()
    assert invitation.status == AssistanceInvitation.Status.PENDING


def test_an_invitation_is_answered_once(requester, helper):
    invitation = InvitationFactory(
        request=AssistanceRequestFactory(requesting_member=requester), member=helper
    )
    user = member_user(helper)
    actions.respond_to_invitation(invitation=invitation, user=user, accept=False)
    with pytest.raises(TransferError, match="already been answered"):
        actions.respond_to_invitation(invitation=invitation, user=user, accept=True)


def test_stages_advance_one_at_a_time_and_completion_needs_an_indicator(requester, helper):
    project = TransferProjectFactory(helping_member=helper, receiving_member=requester)
    user = member_user(requester)
    with pytest.raises(TransferError, match=r"one stage at a time.*“Adapt”, not “Implement”"):
        actions.advance_stage(project=project, user=user, to_stage="implement")
    for stage in ["adapt", "implement", "evaluate"]:
        project = actions.advance_stage(project=project, user=user, to_stage=stage)
    assert project.stage == "evaluate"
    with pytest.raises(TransferError, match="at least one outcome indicator"):
        actions.advance_stage(project=project, user=user, to_stage="completed")
    indicator = Indicator.objects.get(slug="beneficiaries")
    actions.record_indicator(project=project, user=user, indicator=indicator, value=Decimal("42"))
    actions.record_indicator(project=project, user=user, indicator=indicator, value=Decimal("45"))
    project = actions.advance_stage(project=project, user=user, to_stage="completed")
    assert project.is_completed and project.completed_at is not None
    assert list(project.indicators.values_list("value", flat=True)) == [Decimal("45")]
    with pytest.raises(TransferError, match="already completed"):
        actions.advance_stage(project=project, user=user, to_stage="completed")


def test_indicators_wait_for_the_evaluation_stage(requester, helper):
    project = TransferProjectFactory(helping_member=helper, receiving_member=requester)
    with pytest.raises(TransferError, match="evaluation stage"):
        actions.record_indicator(
            project=project,
            user=member_user(helper),
            indicator=Indicator.objects.get(slug="beneficiaries"),
            value=Decimal("1"),
        )


def test_only_the_two_members_change_a_project(requester, helper):
    project = TransferProjectFactory(helping_member=helper, receiving_member=requester)
    outsider = member_user(MemberFactory())
    with pytest.raises(PermissionDenied):
        actions.advance_stage(project=project, user=outsider, to_stage="adapt")
    with pytest.raises(PermissionDenied):
        actions.add_note(project=project, user=outsider, text="Hello")
    note = actions.add_note(project=project, user=member_user(helper), text=" First call done ")
    assert note.text == "First call done"


def test_completing_a_project_closes_its_request(requester, helper):
    request = AssistanceRequestFactory(requesting_member=requester, status=AssistanceRequest.Status.MATCHED)
    project = TransferProjectFactory(
        helping_member=helper, receiving_member=requester, request=request, stage="evaluate"
    )
    user = member_user(helper)
    actions.record_indicator(
        project=project, user=user, indicator=Indicator.objects.get(slug="beneficiaries"), value=Decimal(3)
    )
    actions.advance_stage(project=project, user=user, to_stage="completed")
    request.refresh_from_db()
    assert request.status == AssistanceRequest.Status.CLOSED
