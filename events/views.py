"""Public views: the listings served by EventIndexPage's routes, the event page, registration,
the registrant's signed link and the calendar feeds. Business rules live in actions.py."""

import calendar
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.rate_limits import rate_limit
from members.models import Membership

from .actions import RegistrationDetails, RegistrationError, cancel_registration, erase_registration
from .actions import register_for_event as register_action
from .forms import EventFilterForm, RegistrationForm, parse_month
from .ical import ical_bytes
from .models import EventIndexPage, EventPage
from .tokens import registration_from_token, registration_token

PAGE_SIZE = 12
FEED_FILTERS = ("type", "priority", "theme")


def _listing(request: HttpRequest, index: EventIndexPage, *, past: bool) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    events = EventPage.objects.for_listing()
    events = (events.past() if past else events.upcoming()).for_filters(**filters)
    page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    feed_query = {name: request.GET[name] for name in FEED_FILTERS if request.GET.get(name)}
    context = index.get_context(request)
    context.update(
        {
            "form": form,
            "events": page_obj.object_list,
            "page_obj": page_obj,
            "is_past": past,
            "query_string": query.urlencode(),
            "active_filters": form.active_filters() if form.is_bound else [],
            "feed_url": reverse("events:feed") + (f"?{urlencode(feed_query)}" if feed_query else ""),
        }
    )
    return TemplateResponse(request, "events/event_index_page.html", context)


def upcoming_events(request: HttpRequest, index: EventIndexPage) -> HttpResponse:
    return _listing(request, index, past=False)


def past_events(request: HttpRequest, index: EventIndexPage) -> HttpResponse:
    return _listing(request, index, past=True)


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def month_calendar(request: HttpRequest, index: EventIndexPage) -> HttpResponse:
    today = timezone.localdate()
    requested = request.GET.get("month", "")
    month = parse_month(requested) if requested else (today.year, today.month)
    invalid_month = month is None
    if month is None:
        month = (today.year, today.month)
    year, month_number = month
    events = list(EventPage.objects.for_listing().in_month(year, month_number).order_by("start", "pk"))
    by_day: dict[date, list[EventPage]] = {}
    for event in events:
        for day in event.local_dates():
            by_day.setdefault(day, []).append(event)
    weeks = [
        [{"date": day, "in_month": day.month == month_number, "events": by_day.get(day, [])} for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    ]
    previous, following = _shift_month(year, month_number, -1), _shift_month(year, month_number, 1)
    context = index.get_context(request)
    context.update(
        {
            "month_start": date(year, month_number, 1),
            "weeks": weeks,
            "weekdays": [date(2024, 1, day) for day in range(1, 8)],  # 1 January 2024 was a Monday
            "today": today,
            "events": events,
            "invalid_month": invalid_month,
            "requested_month": requested,
            "previous_month": f"{previous[0]}-{previous[1]:02d}",
            "previous_month_start": date(*previous, 1),
            "next_month": f"{following[0]}-{following[1]:02d}",
            "next_month_start": date(*following, 1),
        }
    )
    return TemplateResponse(
        request, "events/event_calendar.html", context, status=400 if invalid_month else 200
    )


def _initial_registration(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    initial: dict[str, Any] = {"name": user.get_full_name(), "email": user.email}
    membership = Membership.objects.filter(user=user).select_related("member").first()
    if membership is not None:
        initial.update({"organisation": membership.member.name, "member": membership.member.slug})
    return initial


def event_detail(
    request: HttpRequest, event: EventPage, form: RegistrationForm | None = None
) -> HttpResponse:
    confirmed = event.confirmed_count()
    state = event.registration_state(confirmed)
    can_register = state in (EventPage.RegistrationState.OPEN, EventPage.RegistrationState.FULL)
    if form is None and can_register:
        form = RegistrationForm(initial=_initial_registration(request))
    context = event.get_context(request)
    context.update(
        {
            "registration_state": state,
            "can_register": can_register,
            "places_left": None if event.capacity is None else max(event.capacity - confirmed, 0),
            "form": form,
            "agenda_items": list(event.agenda_items.all()),
            "co_hosts": list(event.co_hosts.all()),
            "priorities": list(event.priorities.all()),
            "themes": list(event.themes.all()),
            "languages": event.language_names,
            "related_practices": [
                link.practice
                for link in event.related_practices.filter(practice__live=True).select_related("practice")
            ],
            "materials": list(event.materials.select_related("document")),
            "indicators": list(event.indicators.select_related("indicator").order_by("indicator__position")),
            "has_ended": state == EventPage.RegistrationState.ENDED,
        }
    )
    return TemplateResponse(
        request, "events/event_page.html", context, status=400 if form is not None and form.errors else 200
    )


@rate_limit("event_registration", method="POST")
def event_register(request: HttpRequest, event: EventPage) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseRedirect(f"{event.get_url(request)}#registration")
    form = RegistrationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        member = data.get("member")
        try:
            registration = register_action(
                event,
                RegistrationDetails(
                    name=data["name"],
                    email=data["email"],
                    organisation=data["organisation"] or (member.name if member else ""),
                    member=member,
                    role=data["role"],
                    accessibility_needs=data["accessibility_needs"],
                    dietary_needs=data["dietary_needs"],
                    consent=data["consent"],
                ),
            )
        except RegistrationError as error:
            form.add_error("email" if error.code == "duplicate" else None, error.messages[0])
        else:
            token = registration_token(registration)
            return HttpResponseRedirect(reverse("events:registration", kwargs={"token": token}) + "?new=1")
    return event_detail(request, event, form=form)


@require_http_methods(["GET", "POST"])
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_from_token(token)
    if registration is None:
        raise Http404(_("This link is not valid."))
    event = registration.event.specific
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel" and registration.is_active and not registration.is_anonymised:
            cancel_registration(registration)
            messages.success(request, _("Your registration is cancelled."))
        elif action == "erase" and not registration.is_anonymised:
            erase_registration(registration)
            messages.success(request, _("Your personal data has been erased."))
        else:
            return HttpResponseBadRequest(_("This action is not possible."))
        return HttpResponseRedirect(request.path)
    context = {
        "registration": registration,
        "event": event,
        "event_url": event.get_url(request),
        "is_new": request.GET.get("new") == "1",
        "waitlist_position": registration.waitlist_position(),
        "can_cancel": registration.is_active
        and not registration.is_anonymised
        and event.end > timezone.now(),
    }
    return render(request, "events/registration_detail.html", context)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request: HttpRequest, page_id: int) -> HttpResponse:
    event = get_object_or_404(EventPage.objects.for_listing(), pk=page_id)
    return _ics_response(ical_bytes([event]), f"{event.slug}.ics")


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    """Upcoming events as a subscribable calendar, optionally narrowed by type, priority and theme."""
    form = EventFilterForm({name: request.GET.get(name, "") for name in FEED_FILTERS}, show_month=False)
    if not form.is_valid():
        fields = ", ".join(sorted(form.errors))
        return HttpResponseBadRequest(_("Unknown value for: %(fields)s") % {"fields": fields})
    filters = form.filters()
    events = (
        EventPage.objects.for_listing()
        .upcoming()
        .for_filters(event_type=filters["event_type"], priority=filters["priority"], theme=filters["theme"])
    )
    return _ics_response(ical_bytes(events, name=_("Integration Network events")), "events.ics")
