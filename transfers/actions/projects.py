"""Running a transfer project: stages, milestones, notes and outcome indicators."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Indicator

from ..models import AssistanceRequest, Milestone, ProjectIndicator, ProjectNote, TransferProject
from .access import TransferError, require_participant


@transaction.atomic
def advance_stage(*, project: TransferProject, user: User, to_stage: str) -> TransferProject:
    """Move the project to the next stage; stages are never skipped and completing needs outcomes."""
    require_participant(user, project)
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


def add_milestone(*, project: TransferProject, user: User, title: str, due_date: datetime.date) -> Milestone:
    require_participant(user, project)
    if project.is_completed:
        raise TransferError(_("This project is completed."))
    return Milestone.objects.create(project=project, title=title.strip(), due_date=due_date)


def complete_milestone(*, milestone: Milestone, user: User) -> Milestone:
    require_participant(user, milestone.project)
    if milestone.done_at is not None:
        raise TransferError(_("This milestone is already done."))
    milestone.done_at = timezone.now()
    milestone.save(update_fields=["done_at"])
    return milestone


def add_note(*, project: TransferProject, user: User, text: str) -> ProjectNote:
    require_participant(user, project)
    if not text.strip():
        raise TransferError(_("Write something in the note."), field="text")
    return ProjectNote.objects.create(project=project, author=user, text=text.strip())


def record_indicator(
    *, project: TransferProject, user: User, indicator: Indicator, value: Decimal
) -> ProjectIndicator:
    """Record (or correct) an outcome; allowed once the project is being evaluated or completed."""
    require_participant(user, project)
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
