"""Practices in a transfer: interest in a practice, the practices a project transfers, and the
receiving member's own practice recorded as transferred."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.links import absolute_url
from members.models import Member

from ..emails import send_to_member
from ..models import TransferInterest, TransferProject, TransferredPractice
from .access import TransferError, require_acts_for, require_participant

if TYPE_CHECKING:
    from practices.models import PracticePage, PracticePageQuerySet


def express_interest(
    *, practice: "PracticePage", user: User, member: Member, message: str = ""
) -> TransferInterest:
    """Record that `member` wants to transfer `practice`; the lead member hears of it by email."""
    require_acts_for(user, member.pk)
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


def source_practice_candidates(project: TransferProject) -> "PracticePageQuerySet":
    """Live practices the helping member leads or takes part in."""
    from practices.models import PracticePage

    candidates: PracticePageQuerySet = (
        PracticePage.objects.live().led_or_partnered_by(project.helping_member_id).order_by("title", "pk")
    )
    return candidates


def set_source_practices(
    *, project: TransferProject, user: User, practices: Iterable["PracticePage"]
) -> TransferProject:
    require_participant(user, project)
    practices = list(practices)
    allowed = set(source_practice_candidates(project).values_list("pk", flat=True))
    if any(practice.pk not in allowed for practice in practices):
        raise TransferError(
            _("Source practices must be published practices of the helping member."), field="practices"
        )
    project.source_practices.set(practices)
    return project


def own_practice_candidates(project: TransferProject) -> "PracticePageQuerySet":
    """Practices of the receiving member that can be recorded as transferred from this project."""
    from practices.models import PracticePage

    candidates: PracticePageQuerySet = (
        PracticePage.objects.filter(lead_member=project.receiving_member_id)
        .exclude(pk__in=project.source_practices.values("pk"))
        .order_by("title", "pk")
    )
    return candidates


@transaction.atomic
def link_transferred_practice(
    *, project: TransferProject, user: User, practice: "PracticePage"
) -> list[TransferredPractice]:
    """After completion, the receiving member records its own practice as transferred from the sources."""
    require_acts_for(user, project.receiving_member_id)
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
