"""Public views outside the page tree: the registrant's signed link and the calendar feeds. What the
event pages' routes show (listings, calendar, event page, registration) is built in contexts.py;
business rules live in actions.py."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.page_cache import EVENTS, MEMBERS, THEMES
from core.page_cache.pages import cached_page

from .actions import cancel_registration, erase_registration
from .contexts import FEED_FILTERS
from .forms import EventFilterForm
from .ical import ical_bytes
from .models import EventPage
from .tokens import registration_from_token


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
@cached_page(EVENTS, MEMBERS, THEMES, time_sensitive=True)
def event_ics(request: HttpRequest, page_id: int) -> HttpResponse:
    event = get_object_or_404(EventPage.objects.for_listing(), pk=page_id)
    return _ics_response(ical_bytes([event]), f"{event.slug}.ics")


@require_GET
@cached_page(EVENTS, MEMBERS, THEMES, time_sensitive=True)
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
