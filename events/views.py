"""Public views outside the page tree: the registrant's signed link and the calendar feeds. What the
event pages' routes show (listings, calendar, event page, registration) is built in contexts.py;
business rules live in actions.py."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.page_cache import EVENTS, MEMBERS, THEMES
from core.page_cache.pages import cached_page
from core.rate_limits import rate_limit

from .actions import (
    RegistrationError,
    can_cancel,
    cancel_registration,
    confirm_registration,
    erase_registration,
)
from .actions_after import has_attended
from .contexts import FEED_FILTERS, registration_summary, submit_registration
from .filters import EventListingFilter
from .forms import RegistrationForm
from .ical import ical_bytes
from .models import EventPage
from .tokens import (
    LinkExpired,
    invitation_from_token,
    registration_from_confirmation_token,
    registration_from_token,
    registration_token,
)


@require_http_methods(["GET", "POST"])
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's page: status, cancel (until the event starts), erase (until anonymised)."""
    registration = registration_from_token(token)
    if registration is None:
        raise Http404(_("This link is not valid, or the registration's personal data has been erased."))
    event = registration.event.specific
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel" and can_cancel(registration):
            cancel_registration(registration)
            messages.success(request, _("Your registration is cancelled."))
        elif action == "erase":
            erase_registration(registration)
            messages.success(request, _("Your personal data has been erased. This link no longer works."))
            return HttpResponseRedirect(event.get_url(request) or "/")
        else:
            return HttpResponseBadRequest(_("This action is not possible."))
        return HttpResponseRedirect(request.path)
    context = {
        "registration": registration,
        "event": event,
        "event_url": event.get_url(request),
        "is_new": request.GET.get("new") == "1",
        "waitlist_position": registration.waitlist_position(),
        "can_cancel": can_cancel(registration),
        "attended": has_attended(registration),
        "token": token,
    }
    return render(request, "events/registration_detail.html", context)


@require_GET
def registration_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's own calendar file: with the online link once they have an online place."""
    registration = registration_from_token(token)
    if registration is None:
        raise Http404(_("This link is not valid, or the registration's personal data has been erased."))
    event = registration.event.specific
    return _ics_response(ical_bytes([event], online_url=registration.gets_online_link), f"{event.slug}.ics")


@require_http_methods(["GET", "POST"])
@rate_limit("event_registration", method="POST")
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation's personal link: the event and its registration form, for the invited address."""
    found = invitation_from_token(token)
    if found is None:
        raise Http404(_("This invitation link is not valid."))
    event = found.event.specific
    existing = event.registrations.active().for_email(found.email).first()
    if existing is not None:
        return HttpResponseRedirect(
            reverse("events:registration", kwargs={"token": registration_token(existing)})
        )
    summary = registration_summary(event)
    form: RegistrationForm | None = None
    status = 200
    if request.method == "POST" and summary["registration_is_open"]:
        submission = submit_registration(request, event, invitation=found)
        if submission.registration_url:
            return HttpResponseRedirect(submission.registration_url)
        form, status = submission.form, 400
    elif summary["registration_is_open"]:
        form = RegistrationForm(event=event, invitation=found)
    context = {**summary, "event": event, "invitation": found, "form": form, "action": request.path}
    return render(request, "events/invitation.html", context, status=status)


@require_http_methods(["GET", "POST"])
def registration_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed confirmation link. GET only shows a button, so a mail scanner that opens links does
    not confirm a registration a stranger made; the POST confirms."""
    try:
        registration = registration_from_confirmation_token(token)
    except LinkExpired:
        return render(request, "events/registration_confirm.html", {"expired": True}, status=410)
    if registration is None:
        raise Http404(_("This link is not valid."))
    event = registration.event.specific
    context = {"registration": registration, "event": event, "event_url": event.get_url(request)}
    if request.method == "POST":
        try:
            registration = confirm_registration(registration)
        except RegistrationError as error:
            context["error"] = error.messages[0]
            return render(request, "events/registration_confirm.html", context, status=409)
        messages.success(request, _("Thank you: your registration is confirmed."))
        return HttpResponseRedirect(
            reverse("events:registration", kwargs={"token": registration_token(registration)})
        )
    if not registration.is_unconfirmed:
        return HttpResponseRedirect(
            reverse("events:registration", kwargs={"token": registration_token(registration)})
        )
    return render(request, "events/registration_confirm.html", context)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@cached_page(EVENTS, MEMBERS, THEMES, time_sensitive=True)
def event_ics(request: HttpRequest, page_id: int) -> HttpResponse:
    event = get_object_or_404(EventPage.objects.for_listing(), pk=page_id)
    return _ics_response(ical_bytes([event]), f"{event.slug}.ics")


@require_GET
@cached_page(EVENTS, MEMBERS, THEMES, time_sensitive=True)
def feed(request: HttpRequest) -> HttpResponse:
    """Upcoming events as a subscribable calendar, optionally narrowed by type, priority and theme."""
    listing = EventListingFilter(
        {name: request.GET.get(name, "") for name in FEED_FILTERS},
        queryset=EventPage.objects.for_listing().one_version_each().upcoming(),
        show_month=False,
    )
    if not listing.is_valid():
        fields = ", ".join(sorted(listing.errors))
        return HttpResponseBadRequest(_("Unknown value for: %(fields)s") % {"fields": fields})
    return _ics_response(ical_bytes(listing.qs, name=_("Integration Network events")), "events.ics")
