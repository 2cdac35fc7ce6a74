"""What the event pages' routes show: the listings and the calendar of EventIndexPage, and the event page
with its registration form. Each function builds a context; the page renders it (see models/index.py
and models/pages.py). Business rules live in actions.py."""

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from core.page_cache import EVENTS, MEMBERS, PRACTICES, REGISTRATIONS, RESOURCES, THEMES
from core.page_cache.memo import form_state, remember_relations, remember_shown, remembered_page
from members.models import Membership

from .actions import RegistrationDetails, RegistrationError
from .actions import register_for_event as register_action
from .cards import EVENT_CARDS
from .filters import EventListingFilter, parse_month
from .forms import RegistrationForm
from .models import EventIndexPage, EventPage, Invitation
from .tokens import registration_token

PAGE_SIZE = 12
FEED_FILTERS = ("type", "priority", "theme")


def listing_context(request: HttpRequest, index: EventIndexPage, *, past: bool) -> dict[str, Any]:
    """/events/ (upcoming, soonest first) or /events/past/ (latest first), filtered and paginated."""
    events = EventPage.objects.for_listing().one_version_each()
    listing = EventListingFilter(request.GET or None, queryset=events.past() if past else events.upcoming())
    filter_state = form_state(listing.form)
    page_obj = remembered_page(
        "event-listing",
        [EVENTS, MEMBERS, THEMES],
        lambda: listing.qs.values_list("pk", flat=True),
        request.GET.get("page"),
        PAGE_SIZE,
        filter_state,
        past,
        time_sensitive=True,  # what is upcoming moves on by itself
    )
    query = request.GET.copy()
    query.pop("page", None)
    feed_query = {name: request.GET[name] for name in FEED_FILTERS if request.GET.get(name)}
    return {
        "form": listing.form,
        "filter_state": filter_state,
        "cards": EVENT_CARDS.render(request, page_obj.object_list, level=3, show_summary=True),
        "page_obj": page_obj,
        "is_past": past,
        "query_string": query.urlencode(),
        "active_filters": listing.active_filters(),
        "feed_url": reverse("events:feed") + (f"?{urlencode(feed_query)}" if feed_query else ""),
    }


def calendar_context(request: HttpRequest, index: EventIndexPage) -> dict[str, Any]:
    """/events/calendar/: one month as weeks of days with their events. `invalid_month` is true when the
    requested month could not be read (the current month is shown instead)."""
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
    month_start = date(year, month_number, 1)
    previous, following = month_start - relativedelta(months=1), month_start + relativedelta(months=1)
    return {
        "month_start": month_start,
        "weeks": weeks,
        "weekdays": [date(2024, 1, day) for day in range(1, 8)],  # 1 January 2024 was a Monday
        "today": today,
        "events": events,
        "invalid_month": invalid_month,
        "requested_month": requested,
        "previous_month": previous.strftime("%Y-%m"),
        "previous_month_start": previous,
        "next_month": following.strftime("%Y-%m"),
        "next_month_start": following,
    }


def _initial_registration(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    initial: dict[str, Any] = {"name": user.get_full_name(), "email": user.email}
    membership = Membership.objects.filter(user=user).select_related("member").first()
    if membership is not None:
        initial.update({"organisation": membership.member.name, "member": membership.member.slug})
    return initial


def registration_counts(event: EventPage) -> tuple[dict[str, int | None], int]:
    """Places left per kind and confirmed registrations, as the page and its JSON-LD show them:
    remembered until the event or a registration changes, and for at most PAGE_CACHE_SHORT_MAX_AGE
    (unconfirmed places expire with time), the bound of the cached page. Registering counts again."""
    if event.pk is None:  # the preview of an event not saved yet
        return event.places_left_by_participation(), 0
    return remember_shown(
        "event-registration-counts",
        [EVENTS, REGISTRATIONS],
        lambda: (event.places_left_by_participation(), event.confirmed_count()),
        event.pk,
        time_sensitive=True,
    )


def registration_summary(event: EventPage) -> dict[str, Any]:
    """The registration box: the state (full only when every kind of place is), places left per kind."""
    state = event.registration_state(0)
    places_left, event.confirmed_registrations = registration_counts(event)
    if state == EventPage.RegistrationState.OPEN and all(left == 0 for left in places_left.values()):
        state = EventPage.RegistrationState.FULL
    is_open = state in (EventPage.RegistrationState.OPEN, EventPage.RegistrationState.FULL)
    labels = dict(EventPage.Participation.choices)
    return {
        "registration_state": state,
        "registration_is_open": is_open,
        "places_left": places_left.get(event.participations[0]) if len(places_left) == 1 else None,
        "places_left_by_kind": [
            {"kind": kind, "label": labels[kind], "left": left} for kind, left in places_left.items()
        ]
        if len(places_left) > 1
        else [],
        "by_invitation": event.registration_mode == EventPage.RegistrationMode.INVITATION,
        "on_approval": event.registration_mode == EventPage.RegistrationMode.APPROVAL,
    }


def prefetch_shown_relations(event: EventPage, *, remembered: bool = True) -> None:
    """Load what the page and its JSON-LD both show once: the vocabulary from memory, each relation one
    query, and remembered until an event, member, term, practice or document changes (not for a
    preview, whose relations are the editor's)."""
    from core.models import EventType, Theme
    from core.vocabulary import terms

    if event.pk is None:  # the preview of an event not saved yet: its relations are in memory
        return
    if event.event_type_id is not None:
        event.event_type = next(t for t in terms(EventType) if t.pk == event.event_type_id)
    remember_relations(
        event,
        "event-relations",
        [EVENTS, MEMBERS, THEMES, PRACTICES, RESOURCES],
        _load_shown_relations,
        remembered=remembered,
    )
    themes = {theme.pk: theme for theme in terms(Theme)}
    for item in event.tagged_themes.all():
        item.tag = themes[item.tag_id]


def _load_shown_relations(event: EventPage) -> None:
    from django.db.models import Prefetch, prefetch_related_objects

    from .models import EventIndicator, EventMaterial, EventRelatedPractice

    prefetch_related_objects(
        [event],
        "host_member",
        "co_hosts",
        "priorities",
        "tagged_themes",
        "agenda_items",
        "registration_questions",
        Prefetch(
            "related_practices",
            queryset=EventRelatedPractice.objects.filter(practice__live=True).select_related("practice"),
        ),
        Prefetch("materials", queryset=EventMaterial.objects.select_related("document")),
        Prefetch(
            "indicators",
            queryset=EventIndicator.objects.select_related("indicator").order_by("indicator__position"),
        ),
    )


def event_context(
    request: HttpRequest, event: EventPage, form: RegistrationForm | None = None
) -> dict[str, Any]:
    """The event page: facts, agenda, materials, and the registration form (a fresh one, or `form` when
    a submission is shown again with its errors) while registration is possible. Invitation-only
    events show no form: their invitations' personal links do (events/views.invitation)."""
    prefetch_shown_relations(event, remembered=not getattr(request, "is_preview", False))
    summary = registration_summary(event)
    can_register = summary["registration_is_open"] and not summary["by_invitation"]
    has_ended = summary["registration_state"] == EventPage.RegistrationState.ENDED
    if form is None and can_register:
        form = RegistrationForm(event=event, initial=_initial_registration(request))
    return {
        **summary,
        "can_register": can_register,
        "form": form,
        "shared_fields": shared_fields_key(event, form),
        "register_action": f"{event.get_url(request) or ''}register/",
        "agenda_items": list(event.agenda_items.all()),
        "co_hosts": list(event.co_hosts.all()),
        "priorities": list(event.priorities.all()),
        "themes": [item.tag for item in event.tagged_themes.all()],
        "languages": event.language_names,
        "related_practices": [link.practice for link in event.related_practices.all()],
        "materials": list(event.materials.all()),
        # The preview of an event not saved yet has no indicators computed.
        "indicators": list(event.indicators.all()) if event.pk else [],
        "has_ended": has_ended,
        # The `vary=` of the main column, a fragment the same for every visitor: all it shows is the
        # event's and its relations' (the fragment's tags), and whether it has ended.
        "shown_state": f"{event.pk}:{has_ended}",
    }


def shared_fields_key(event: EventPage, form: RegistrationForm | None) -> str:
    """The `vary=` of the registration fields as a fragment every visitor shares: only for a fresh form
    holding nothing of a person (an anonymous visitor's). "" for a signed-in person's form (their name
    and email) or a submission shown again with its errors: those never go into the shared cache."""
    if form is None or form.is_bound or any(form.initial.values()):
        return ""
    return f"{event.pk}:{form_state(form)}"


@dataclass
class RegistrationSubmission:
    """A posted registration form: `registration_url` (the registrant's signed link) once registered."""

    form: RegistrationForm
    registration_url: str = ""


def _is_own_address(request: HttpRequest, email: str) -> bool:
    """A signed-in user registering their account's address registers in one step; any other address
    (a stranger's, perhaps) has to be confirmed from its mailbox."""
    user = request.user
    account_email = (getattr(user, "email", "") or "").strip().lower()
    return bool(user.is_authenticated and account_email and account_email == email.strip().lower())


def submit_registration(
    request: HttpRequest, event: EventPage, invitation: Invitation | None = None
) -> RegistrationSubmission:
    """Validate the posted form and register through actions.register_for_event; the form carries any
    error (a duplicate email, registration just closed) to be shown on the event page."""
    form = RegistrationForm(request.POST, event=event, invitation=invitation)
    if not form.is_valid():
        return RegistrationSubmission(form)
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
                participant_type=data["participant_type"],
                participation=data.get("participation", ""),
                answers=form.answers(),
                invitation=invitation,
            ),
            address_confirmed=_is_own_address(request, data["email"]),
        )
    except RegistrationError as error:
        form.add_error("email" if error.code == "duplicate" else None, error.messages[0])
        return RegistrationSubmission(form)
    url = reverse("events:registration", kwargs={"token": registration_token(registration)}) + "?new=1"
    return RegistrationSubmission(form, registration_url=url)
