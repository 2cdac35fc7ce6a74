"""What members do in a knowledge transfer: ask for help, invite, answer, run the project to its end.

Each action checks (permission, then the rule) and then changes data; notifications leave only after
the transaction commits. Rule violations raise `TransferError` with a message for the user; acting for
a member one does not belong to raises `PermissionDenied`.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Indicator, Priority, TargetGroup, Theme
from members.models import Member

from .emails import absolute_url, send_to_member
from .models import (
    AssistanceInvitation,
    AssistanceRequest,
    Milestone,
    ProjectIndicator,
    ProjectNote,
    TransferInterest,
    TransferProject,
    TransferredPractice,
)
from .permissions import AnyUser, acts_for, is_network_admin


class TransferError(Exception):
    """A rule of the transfer process was broken; the message is meant for the user."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _require_acts_for(user: AnyUser, member_id: int | None) -> None:
    if not acts_for(user, member_id):
        raise PermissionDenied(gettext_lazy("You do not act for this member."))


def can_see_notes(user: AnyUser, project: TransferProject) -> bool:
    return is_network_admin(user) or any(acts_for(user, pk) for pk in project.member_ids)


def is_participant(user: AnyUser, project: TransferProject) -> bool:
    return any(acts_for(user, pk) for pk in project.member_ids)


def _require_participant(user: AnyUser, project: TransferProject) -> None:
    if not is_participant(user, project):
        raise PermissionDenied(gettext_lazy("Only the two members of this project can change it."))


# Assistance requests ---------------------------------------------------------------------------------


@dataclass
class RequestDetails:
    title: str
    priority: Priority
    description: str
    themes: list[Theme]
    target_groups: list[TargetGroup] = field(default_factory=list)
    timeframe_start: datetime.date | None = None
    timeframe_end: datetime.date | None = None
    timeframe_text: str = ""
    preferred_languages: list[str] = field(default_factory=list)
    mode: str = AssistanceRequest.Mode.EITHER


@transaction.atomic
def create_assistance_request(*, user: AnyUser, member: Member, details: RequestDetails) -> AssistanceRequest:
    _require_acts_for(user, member.pk)
    if not member.is_active:
        raise TransferError(_("This member is no longer active in the network."))
    if not details.themes:
        raise TransferError(_("Choose at least one theme."), field="themes")
    if details.timeframe_start and details.timeframe_end and details.timeframe_end < details.timeframe_start:
        raise TransferError(_("The end of the timeframe is before its start."), field="timeframe_end")
    request = AssistanceRequest.objects.create(
        requesting_member=member,
        created_by=user,
        title=details.title.strip(),
        priority=details.priority,
        description=details.description.strip(),
        timeframe_start=details.timeframe_start,
        timeframe_end=details.timeframe_end,
        timeframe_text=details.timeframe_text.strip(),
        preferred_languages=list(dict.fromkeys(details.preferred_languages)),
        mode=details.mode,
    )
    request.themes.set(details.themes)
    request.target_groups.set(details.target_groups)
    return request


@transaction.atomic
def close_request(*, request: AssistanceRequest, user: AnyUser) -> AssistanceRequest:
    """The requester withdraws a request that no longer needs a helper."""
    _require_acts_for(user, request.requesting_member_id)
    if request.status != AssistanceRequest.Status.OPEN:
        raise TransferError(_("Only an open request can be closed."))
    request.status = AssistanceRequest.Status.CLOSED
    request.save(update_fields=["status", "updated_at"])
    request.invitations.filter(status=AssistanceInvitation.Status.PENDING).update(
        status=AssistanceInvitation.Status.WITHDRAWN
    )
    return request


@transaction.atomic
def invite_members(
    *, request: AssistanceRequest, user: AnyUser, members: Iterable[Member], message: str = ""
) -> list[AssistanceInvitation]:
    """Invite each member to help; each invited member's contact officers and editors get an email."""
    _require_acts_for(user, request.requesting_member_id)
    members = list(members)
    if request.status != AssistanceRequest.Status.OPEN:
        raise TransferError(_("This request is no longer open."))
    if not members:
        raise TransferError(_("Choose at least one member to invite."), field="members")
    if any(member.pk == request.requesting_member_id for member in members):
        raise TransferError(_("A member cannot invite itself."), field="members")
    if any(not member.is_active for member in members):
        raise TransferError(_("Only active members can be invited."), field="members")
    already = set(request.invitations.filter(member__in=members).values_list("member__name", flat=True))
    if already:
        raise TransferError(
            _("Already invited: %(names)s.") % {"names": ", ".join(sorted(already))}, field="members"
        )
    invitations = AssistanceInvitation.objects.bulk_create(
        [
            AssistanceInvitation(request=request, member=member, invited_by=user, message=message.strip())
            for member in members
        ]
    )
    request_url = absolute_url(request.get_absolute_url())
    for member in members:
        transaction.on_commit(
            lambda member=member: send_to_member(
                member,
                _("%(member)s asks for your technical assistance") % {"member": request.requesting_member},
                "transfers/emails/invitation.txt",
                {"request": request, "message": message.strip(), "request_url": request_url},
            )
        )
    return invitations


@transaction.atomic
def respond_to_invitation(
    *, invitation: AssistanceInvitation, user: AnyUser, accept: bool, message: str = ""
) -> AssistanceInvitation:
    """The invited member accepts (the request becomes a transfer project) or declines, with a message."""
    _require_acts_for(user, invitation.member_id)
    # Lock the request so two members accepting at the same moment cannot both become the helper.
    request = AssistanceRequest.objects.select_for_update().get(pk=invitation.request_id)
    invitation = AssistanceInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != AssistanceInvitation.Status.PENDING:
        raise TransferError(_("This invitation has already been answered."))
    if accept and request.status != AssistanceRequest.Status.OPEN:
        raise TransferError(_("This request is no longer open."))
    invitation.status = (
        AssistanceInvitation.Status.ACCEPTED if accept else AssistanceInvitation.Status.DECLINED
    )
    invitation.response_message = message.strip()
    invitation.responded_by = user
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "response_message", "responded_by", "responded_at"])
    project = None
    if accept:
        project = TransferProject.objects.create(
            title=request.title,
            helping_member_id=invitation.member_id,
            receiving_member_id=request.requesting_member_id,
            request=request,
        )
        request.status = AssistanceRequest.Status.MATCHED
        request.save(update_fields=["status", "updated_at"])
        request.invitations.filter(status=AssistanceInvitation.Status.PENDING).update(
            status=AssistanceInvitation.Status.WITHDRAWN
        )
    context = {
        "request": request,
        "invitation": invitation,
        "helper": invitation.member,
        "project": project,
        "url": absolute_url(project.get_absolute_url() if project else request.get_absolute_url()),
    }
    if accept:
        subject = _("%(member)s accepted to help: %(title)s")
    else:
        subject = _("%(member)s declined to help: %(title)s")
    subject = subject % {"member": invitation.member, "title": request.title}
    transaction.on_commit(
        lambda: send_to_member(request.requesting_member, subject, "transfers/emails/response.txt", context)
    )
    return invitation


# Transfer projects -----------------------------------------------------------------------------------


@transaction.atomic
def advance_stage(*, project: TransferProject, user: AnyUser, to_stage: str) -> TransferProject:
    """Move the project to the next stage; stages are never skipped and completing needs outcomes."""
    _require_participant(user, project)
    project = TransferProject.objects.select_for_update().get(pk=project.pk)
    next_stage = project.next_stage
    if next_stage is None:
        raise TransferError(_("This project is already completed."))
    if to_stage != next_stage:
        valid = {value for value, _label in TransferProject.Stage.choices}
        wanted = TransferProject.Stage(to_stage).label if to_stage in valid else to_stage
        raise TransferError(
            _(
                "A project moves one stage at a time: from “%(current)s” it can only go to “%(next)s”, "
                "not “%(wanted)s”."
            )
            % {"current": project.get_stage_display(), "next": next_stage.label, "wanted": wanted}
        )
    if next_stage == TransferProject.Stage.COMPLETED and not project.indicators.exists():
        raise TransferError(_("Record at least one outcome indicator before completing the project."))
    project.stage = next_stage
    fields = ["stage"]
    if next_stage == TransferProject.Stage.COMPLETED:
        project.completed_at = timezone.now()
        fields.append("completed_at")
        if project.request_id:
            AssistanceRequest.objects.filter(pk=project.request_id).update(
                status=AssistanceRequest.Status.CLOSED, updated_at=timezone.now()
            )
    project.save(update_fields=fields)
    return project


def add_milestone(
    *, project: TransferProject, user: AnyUser, title: str, due_date: datetime.date
) -> Milestone:
    _require_participant(user, project)
    if project.is_completed:
        raise TransferError(_("This project is completed."))
    return Milestone.objects.create(project=project, title=title.strip(), due_date=due_date)


def complete_milestone(*, milestone: Milestone, user: AnyUser) -> Milestone:
    _require_participant(user, milestone.project)
    if milestone.done_at is not None:
        raise TransferError(_("This milestone is already done."))
    milestone.done_at = timezone.now()
    milestone.save(update_fields=["done_at"])
    return milestone


def add_note(*, project: TransferProject, user: AnyUser, text: str) -> ProjectNote:
    _require_participant(user, project)
    if not text.strip():
        raise TransferError(_("Write something in the note."), field="text")
    return ProjectNote.objects.create(project=project, author=user, text=text.strip())


def record_indicator(
    *, project: TransferProject, user: AnyUser, indicator: Indicator, value: Decimal
) -> ProjectIndicator:
    """Record (or correct) an outcome; allowed once the project is being evaluated or completed."""
    _require_participant(user, project)
    if project.stage not in {TransferProject.Stage.EVALUATE, TransferProject.Stage.COMPLETED}:
        raise TransferError(
            _("Outcome indicators are recorded when the project reaches the evaluation stage.")
        )
    if value < 0:
        raise TransferError(_("An indicator value cannot be negative."), field="value")
    try:
        with transaction.atomic():
            result, _created = ProjectIndicator.objects.update_or_create(
                project=project, indicator=indicator, defaults={"value": value}
            )
    except IntegrityError as error:  # a concurrent first write of the same indicator
        raise TransferError(_("This indicator was just recorded; reload the page.")) from error
    return result


def study_visit_candidates(project: TransferProject):
    """Live events hosted or co-hosted by either member of the project, not yet linked to it."""
    from events.models import EventPage

    ids = list(project.member_ids)
    return (
        EventPage.objects.live()
        .filter(Q(host_member__in=ids) | Q(co_hosts__in=ids))
        .exclude(pk__in=project.study_visits.values("pk"))
        .distinct()
        .order_by("start", "pk")
    )


def add_study_visit(*, project: TransferProject, user: AnyUser, event) -> TransferProject:
    """Link an event of one of the two members as a study visit of the project."""
    _require_participant(user, project)
    if not study_visit_candidates(project).filter(pk=event.pk).exists():
        raise TransferError(
            _("A study visit must be a published event hosted by one of the two members."), field="event"
        )
    project.study_visits.add(event)
    return project


# Practices: interest, source practices, transferred practices --------------------------------------


def express_interest(*, practice, user: AnyUser, member: Member, message: str = "") -> TransferInterest:
    """Record that `member` wants to transfer `practice`; the lead member hears of it by email."""
    _require_acts_for(user, member.pk)
    if not practice.live:
        raise TransferError(_("This practice is not published."))
    if practice.lead_member_id == member.pk:
        raise TransferError(_("This is your own member's practice."))
    try:
        with transaction.atomic():
            interest = TransferInterest.objects.create(
                practice=practice, member=member, user=user, message=message.strip()
            )
    except IntegrityError as error:
        raise TransferError(
            _("%(member)s has already said it wants to transfer this practice.") % {"member": member}
        ) from error
    lead = practice.lead_member
    if lead is not None:
        subject = _("%(member)s wants to transfer your practice “%(title)s”") % {
            "member": member,
            "title": practice.title,
        }
        context = {
            "interest": interest,
            "interested": member,
            "practice": practice,
            "practice_url": absolute_url(practice.url or "/"),
            "dashboard_url": absolute_url(reverse("transfers:dashboard")),
        }
        transaction.on_commit(lambda: send_to_member(lead, subject, "transfers/emails/interest.txt", context))
    return interest


def source_practice_candidates(project: TransferProject):
    """Live practices the helping member leads or takes part in."""
    from practices.models import PracticePage

    return (
        PracticePage.objects.live()
        .filter(Q(lead_member=project.helping_member_id) | Q(partner_members=project.helping_member_id))
        .distinct()
        .order_by("title", "pk")
    )


def set_source_practices(*, project: TransferProject, user: AnyUser, practices: Iterable) -> TransferProject:
    _require_participant(user, project)
    practices = list(practices)
    allowed = set(source_practice_candidates(project).values_list("pk", flat=True))
    if any(practice.pk not in allowed for practice in practices):
        raise TransferError(
            _("Source practices must be published practices of the helping member."), field="practices"
        )
    project.source_practices.set(practices)
    return project


def own_practice_candidates(project: TransferProject):
    """Practices of the receiving member that can be recorded as transferred from this project."""
    from practices.models import PracticePage

    return (
        PracticePage.objects.filter(lead_member=project.receiving_member_id)
        .exclude(pk__in=project.source_practices.values("pk"))
        .order_by("title", "pk")
    )


@transaction.atomic
def link_transferred_practice(
    *, project: TransferProject, user: AnyUser, practice
) -> list[TransferredPractice]:
    """After completion, the receiving member records its own practice as transferred from the sources."""
    _require_acts_for(user, project.receiving_member_id)
    if not project.is_completed:
        raise TransferError(_("A practice can be linked once the project is completed."))
    if practice.lead_member_id != project.receiving_member_id:
        raise TransferError(_("Choose one of your own member's practices."), field="practice")
    sources = list(project.source_practices.all())
    if not sources:
        raise TransferError(_("First record which practices this project transferred."), field="practice")
    if TransferredPractice.objects.filter(project=project, new_practice=practice).exists():
        raise TransferError(_("This practice is already linked to the project."), field="practice")
    return TransferredPractice.objects.bulk_create(
        [
            TransferredPractice(
                project=project, source_practice=source, new_practice=practice, linked_by=user
            )
            for source in sources
        ]
    )
