"""iCalendar (RFC 5545) for one event or a feed of events, readable by Outlook, Google and Apple calendars."""

from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from core.links import absolute_url

from .models import EventPage

PRODID = "-//Integration Network//Events//EN"


def event_uid(event: EventPage) -> str:
    # The page id never changes, so calendars update the same entry when the event is edited.
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"event-{event.pk}@{host}"


def ical_event(event: EventPage, *, online_url: bool = False) -> Event:
    """One VEVENT; `online_url` adds the meeting link, for registrants only."""
    url = absolute_url(event.get_url() or "/")
    description = [event.summary, "", url]
    if online_url and event.online_url:
        description[1:1] = ["", event.online_url]
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", event.last_published_at or timezone.now())
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("summary", event.title)
    component.add("description", "\n".join(description))
    component.add("location", event.location)
    component.add("url", url)
    component.add("categories", [event.event_type.label])
    component.add("status", "CONFIRMED")
    return component


def event_calendar(events: Iterable[EventPage], *, name: str = "", online_url: bool = False) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    events = list(events)
    for event in events:
        calendar.add_component(ical_event(event, online_url=online_url))
    if events:
        # Time zone rules only for the years the events span, instead of icalendar's 1970-2038 default.
        first = min(event.start for event in events).year - 1
        last = max(event.end for event in events).year + 2
        calendar.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last, 1, 1))
    return calendar


def ical_bytes(events: Iterable[EventPage], **kwargs) -> bytes:
    return event_calendar(events, **kwargs).to_ical()
