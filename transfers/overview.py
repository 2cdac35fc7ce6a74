"""The network-wide view for administrators, and the CSV export of transfer projects."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from core.models import Priority

from .models import AssistanceInvitation, AssistanceRequest, ProjectIndicator, TransferProject


def overview_context() -> dict[str, Any]:
    stage_counts = dict(TransferProject.objects.values_list("stage").annotate(count=Count("pk")))
    completed = TransferProject.Stage.COMPLETED
    priorities = Priority.objects.annotate(
        projects=Count("assistance_requests__project", distinct=True),
        completed_projects=Count(
            "assistance_requests__project",
            filter=Q(assistance_requests__project__stage=completed),
            distinct=True,
        ),
        open_requests=Count(
            "assistance_requests",
            filter=Q(assistance_requests__status=AssistanceRequest.Status.OPEN),
            distinct=True,
        ),
    ).order_by("number")
    pending = AssistanceInvitation.Status.PENDING
    return {
        "open_requests": list(
            AssistanceRequest.objects.without_helper()
            .select_related("requesting_member", "priority")
            .annotate(
                invitation_count=Count("invitations", distinct=True),
                pending_count=Count("invitations", filter=Q(invitations__status=pending), distinct=True),
            )
            .order_by("created_at", "pk")
        ),
        "stages": [(stage, stage_counts.get(stage.value, 0)) for stage in TransferProject.Stage],
        "priorities": list(priorities),
        "project_total": sum(stage_counts.values()),
    }


def project_rows() -> Iterator[list[object]]:
    """A header row, then one row per project (indicators as “label: value unit” joined by “; ”), for
    core.spreadsheets.csv_response, which escapes the cells."""
    yield [
        _("ID"),
        _("Title"),
        _("Helping member"),
        _("Receiving member"),
        _("Priority"),
        _("Stage"),
        _("Started"),
        _("Completed"),
        _("Outcome indicators"),
    ]
    projects = (
        TransferProject.objects.select_related("helping_member", "receiving_member", "request__priority")
        .prefetch_related(
            Prefetch("indicators", queryset=ProjectIndicator.objects.select_related("indicator"))
        )
        .order_by("pk")
    )
    for project in projects:
        indicators = "; ".join(
            f"{item.indicator.label}: {item.value.normalize():f} {item.indicator.unit}"
            for item in project.indicators.all()
        )
        priority = project.request.priority if project.request else None
        yield [
            project.pk,
            project.title,
            project.helping_member.name,
            project.receiving_member.name,
            priority.number if priority else "",
            project.get_stage_display(),
            project.started_at.date().isoformat(),
            project.completed_at.date().isoformat() if project.completed_at else "",
            indicators,
        ]
