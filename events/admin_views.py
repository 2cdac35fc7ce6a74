"""Organiser tools in the Wagtail admin: registrations per event, CSV export, messages, attendance."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.spreadsheets import csv_response
from members.permissions import (
    is_network_staff,
    may_manage_registrations,
    may_see_registrant_needs,
    member_ids_for,
)

from .actions import message_registrants, participant_count, record_attendance
from .forms import MessageRegistrantsForm, answer_text
from .models import EventPage, Registration, RegistrationQuestion

CSV_COLUMNS = [
    ("name", _("Name")),
    ("email", _("Email")),
    ("organisation", _("Organisation")),
    ("member", _("Network member")),
    ("role", _("Role")),
    ("participant_type", _("Participant type")),
    ("participation", _("Takes part")),
    ("status", _("Status")),
    ("attended", _("Attended")),
    ("accessibility_needs", _("Accessibility needs")),
    ("dietary_needs", _("Dietary needs")),
    ("created_at", _("Registered at")),
]


def _managed_event(request: HttpRequest, page_id: int) -> EventPage:
    event = get_object_or_404(EventPage.objects.select_related("host_member", "event_type"), pk=page_id)
    if not may_manage_registrations(request.user, event.host_member_id):
        raise PermissionDenied
    return event


def event_list(request: HttpRequest) -> HttpResponse:
    """The events whose registrations this user may manage, soonest first, with counts."""
    now = timezone.now()
    events = EventPage.objects.all()
    if not is_network_staff(request.user):
        events = events.filter(host_member_id__in=member_ids_for(request.user))
    events = events.select_related("host_member", "event_type").annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        waitlisted=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
    )
    context = {
        "upcoming": events.filter(end__gte=now).order_by("start"),
        "past": events.filter(end__lt=now).order_by("-start")[:50],
        "header_title": _("Event registrations"),
    }
    return TemplateResponse(request, "events/admin/event_list.html", context)


@require_http_methods(["GET", "POST"])
def registrations(request: HttpRequest, page_id: int) -> HttpResponse:
    """Registrations with status; POST saves the attendance checkboxes."""
    event = _managed_event(request, page_id)
    if request.method == "POST":
        attended = {int(value) for value in request.POST.getlist("attended") if value.isdigit()}
        count = record_attendance(event, attended)
        messages.success(request, _("Attendance saved: %(count)d participants.") % {"count": count})
        return redirect("events_admin:registrations", page_id=event.pk)
    rows = list(event.registrations.select_related("member").order_by("status", "created_at", "pk"))
    questions = list(event.registration_questions.all())
    for row in rows:
        row.answer_texts = [
            (question.label, answer_text(question, row.answers[str(question.pk)]))
            for question in questions
            if str(question.pk) in row.answers
        ]
    context = {
        "event": event,
        "registrations": rows,
        "awaiting": sum(row.status == Registration.Status.AWAITING_APPROVAL for row in rows),
        "is_hybrid": event.attendance_mode == EventPage.AttendanceMode.HYBRID,
        "confirmed": sum(row.status == Registration.Status.CONFIRMED for row in rows),
        "waitlisted": sum(row.status == Registration.Status.WAITLISTED for row in rows),
        "cancelled": sum(row.status == Registration.Status.CANCELLED for row in rows),
        "participants": participant_count(event),
        "indicators": list(event.indicators.select_related("indicator")),
        "has_started": event.start <= timezone.now(),
        "show_needs": may_see_registrant_needs(request.user, event.host_member_id),
        "header_title": _("Registrations: %(title)s") % {"title": event.title},
    }
    return TemplateResponse(request, "events/admin/registrations.html", context)


NEEDS_COLUMNS = {"accessibility_needs", "dietary_needs"}


def export_csv(request: HttpRequest, page_id: int) -> HttpResponse:
    """Every registration; the needs columns only for the host's organisers (members.permissions)."""
    event = _managed_event(request, page_id)
    columns = [
        (name, label)
        for name, label in CSV_COLUMNS
        if name not in NEEDS_COLUMNS or may_see_registrant_needs(request.user, event.host_member_id)
    ]
    questions = list(event.registration_questions.all())
    registrations = event.registrations.select_related("member").order_by("created_at", "pk")
    rows = [
        [_csv_value(registration, name) for name, _label in columns]
        + [_answer_value(registration, question) for question in questions]
        for registration in registrations
    ]
    header = [label for _name, label in columns] + [question.label for question in questions]
    return csv_response(f"registrations-{event.slug}.csv", [header, *rows])


def _answer_value(registration: Registration, question: RegistrationQuestion) -> str:
    value = registration.answers.get(str(question.pk))
    return "" if value is None else answer_text(question, value)


def _csv_value(registration: Registration, name: str) -> str:
    if name == "member":
        return registration.member.name if registration.member else ""
    if name == "status":
        return registration.get_status_display()
    if name == "participant_type":
        return registration.get_participant_type_display() if registration.participant_type else ""
    if name == "participation":
        return registration.get_participation_display()
    if name == "attended":
        return _("yes") if registration.attended else _("no")
    if name == "created_at":
        return timezone.localtime(registration.created_at).isoformat(timespec="minutes")
    return getattr(registration, name)


@require_http_methods(["GET", "POST"])
def message(request: HttpRequest, page_id: int) -> HttpResponse:
    event = _managed_event(request, page_id)
    form = MessageRegistrantsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = message_registrants(
            event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            include_waitlisted=form.cleaned_data["include_waitlisted"],
        )
        messages.success(request, _("Message sent to %(count)d registrants.") % {"count": count})
        return redirect("events_admin:registrations", page_id=event.pk)
    context = {
        "event": event,
        "form": form,
        "header_title": _("Message registrants: %(title)s") % {"title": event.title},
    }
    return TemplateResponse(request, "events/admin/message.html", context, status=400 if form.errors else 200)
