"""Organiser tools after the event, in the Wagtail admin: the follow-up email, the event's report with
its anonymous feedback results, and the report across a member's events, each exportable as CSV."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from core.spreadsheets import csv_response
from members.models import Member
from members.permissions import is_network_staff, member_ids_for

from .actions import RegistrationError
from .actions_after import follow_up_recipients, send_follow_up
from .admin_views import _managed_event
from .forms import FollowUpForm
from .models import EventPage, Registration
from .reports import PARTICIPANT_TYPES, event_reports, feedback_results, report_rows, total_report

PARTICIPANT_TYPE_LABELS = {**dict(Registration.ParticipantType.choices), "": gettext_lazy("Not stated")}
REPORT_HEADER = [
    gettext_lazy("Event"),
    gettext_lazy("Start"),
    gettext_lazy("Organiser"),
    gettext_lazy("Places"),
    gettext_lazy("Registrations"),
    gettext_lazy("Confirmed"),
    gettext_lazy("Waiting list"),
    gettext_lazy("Refused"),
    gettext_lazy("Cancelled"),
    gettext_lazy("Attended"),
    gettext_lazy("No-shows"),
    gettext_lazy("Attendance rate"),
    gettext_lazy("Feedback responses"),
    gettext_lazy("Satisfaction (1-5)"),
    gettext_lazy("Usefulness for transfer (1-5)"),
    gettext_lazy("Interest in practices shown"),
]


def _header() -> list[str]:
    return [str(label) for label in REPORT_HEADER] + [
        _("Training days: %(type)s") % {"type": PARTICIPANT_TYPE_LABELS[kind]} for kind in PARTICIPANT_TYPES
    ]


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, page_id: int) -> HttpResponse:
    event = _managed_event(request, page_id)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = send_follow_up(event, message=form.cleaned_data["message"])
        except RegistrationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Follow-up sent to %(count)d participants.") % {"count": count})
            return redirect("events_admin:report", page_id=event.pk)
    context = {
        "event": event,
        "form": form,
        "recipients": len(follow_up_recipients(event)),
        "has_ended": event.end <= timezone.now(),
        "materials": list(event.materials.select_related("document")),
        "practices": [link.practice for link in event.related_practices.select_related("practice")],
        "header_title": _("Follow-up: %(title)s") % {"title": event.title},
    }
    return TemplateResponse(
        request, "events/admin/follow_up.html", context, status=400 if form.errors else 200
    )


@require_GET
def report(request: HttpRequest, page_id: int) -> HttpResponse:
    """One event's figures and its feedback, as anonymous combined results."""
    event = _managed_event(request, page_id)
    (event_report,) = event_reports([event])
    if request.GET.get("format") == "csv":
        return csv_response(f"report-{event.slug}.csv", [_header(), *report_rows([event_report])])
    context = {
        "event": event,
        "report": event_report,
        "feedback": feedback_results(event),
        "training_days": [
            (PARTICIPANT_TYPE_LABELS[kind], days) for kind, days in event_report.training_days_by_type.items()
        ],
        "header_title": _("Report: %(title)s") % {"title": event.title},
    }
    return TemplateResponse(request, "events/admin/report.html", context)


@require_GET
def organiser_report(request: HttpRequest) -> HttpResponse:
    """Every event of the members this user organises for (network staff: any member), by year."""
    members = Member.objects.order_by("name")
    if not is_network_staff(request.user):
        members = members.filter(pk__in=member_ids_for(request.user))
    member = members.filter(slug=request.GET.get("member", "")).first() or members.first()
    years = sorted(
        {
            moment.year
            for moment in EventPage.objects.filter(host_member=member).values_list("start", flat=True)
        },
        reverse=True,
    )
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    events = EventPage.objects.filter(host_member=member).select_related("event_type", "host_member")
    if year is not None:
        events = events.filter(start__year=year)
    reports = event_reports(events.order_by("start"))
    total = total_report(reports)
    if request.GET.get("format") == "csv":
        slug = member.slug if member else "none"
        return csv_response(
            f"events-report-{slug}{'-' + str(year) if year else ''}.csv",
            [_header(), *report_rows(reports), [_("Total"), "", "", *report_rows([total])[0][3:]]],
        )
    context = {
        "members": members,
        "member": member,
        "years": years,
        "year": year,
        "reports": reports,
        "total": total,
        "training_days": [
            (PARTICIPANT_TYPE_LABELS[kind], days) for kind, days in total.training_days_by_type.items()
        ],
        "header_title": _("Event reports"),
    }
    return TemplateResponse(request, "events/admin/organiser_report.html", context)
