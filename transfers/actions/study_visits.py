"""Study visits: events of either member linked to a transfer project."""

from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from ..models import TransferProject
from .access import TransferError, require_participant

if TYPE_CHECKING:
    from events.models import EventPage, EventPageQuerySet


def study_visit_candidates(project: TransferProject) -> "EventPageQuerySet":
    """Live events hosted or co-hosted by either member of the project, not yet linked to it."""
    from events.models import EventPage

    candidates: EventPageQuerySet = (
        EventPage.objects.live()
        .hosted_or_cohosted_by(list(project.member_ids))
        .exclude(pk__in=project.study_visits.values("pk"))
        .order_by("start", "pk")
    )
    return candidates


def add_study_visit(*, project: TransferProject, user: User, event: "EventPage") -> TransferProject:
    """Link an event of one of the two members as a study visit of the project."""
    require_participant(user, project)
    if not study_visit_candidates(project).filter(pk=event.pk).exists():
        raise TransferError(
            _("A study visit must be a published event hosted by one of the two members."), field="event"
        )
    project.study_visits.add(event)
    return project
