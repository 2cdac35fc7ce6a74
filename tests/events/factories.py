"""Factories for events: pages are added under the host member's folder, live, with a revision."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from core.models import EventType
from events.models import EventFolderPage, EventPage, Registration
from tests.factories import MemberFactory


def in_days(days: float, hour: int = 9) -> datetime:
    moment = timezone.now() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_event(
    *, member=None, event_type: str = "workshop", publish: bool = True, revision: bool = True, **fields
) -> EventPage:
    """A published event hosted by `member` (a new member when omitted); `revision=False` makes a live
    page without a revision, which is quicker for listings with many events."""
    member = member or MemberFactory()
    folder = EventFolderPage.objects.get(member=member)
    start = fields.pop("start", None) or in_days(10)
    defaults = {
        "title": "Workshop on intake desks",
        "summary": "Officials compare how their intake desks work.",
        "start": start,
        "end": fields.pop("end", None) or start + timedelta(hours=7),
        "timezone": "Europe/Brussels",
        "city": "Milano",
        "venue": "Palazzo Marino",
        "languages": ["en", "it"],
        "capacity": 20,
    }
    defaults.update(fields)
    event = EventPage(event_type=EventType.objects.get(slug=event_type), **defaults)
    folder.add_child(instance=event)
    if publish and revision:
        event.save_revision().publish()
    elif publish:
        event.live = True
        event.save()
    else:
        event.live = False
        event.save()
    event.refresh_from_db()
    return event


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    organisation = "City of Testville"
    consent = True
    status = Registration.Status.CONFIRMED
