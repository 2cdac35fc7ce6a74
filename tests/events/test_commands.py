"""Management commands (reminders, retention) and the demo loader."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone

from core.demo import read_demo_file
from core.demo_images import attach_demo_images
from events.demo import load_demo_events
from events.models import EventIndicator, EventPage, Registration
from tests.events.factories import RegistrationFactory, in_days, make_event
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(*args, stdout=out)
    return out.getvalue()


def test_send_event_reminders_emails_each_registrant_once(member):
    event = make_event(member=member, start=timezone.now() + timedelta(hours=6))
    RegistrationFactory(event=event, email="ana@example.org")
    assert "Reminders sent: 1" in run("send_event_reminders")
    assert "Reminders sent: 0" in run("send_event_reminders")
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]


def test_purge_event_registrations_honours_the_months_option(member):
    event = make_event(member=member, start=in_days(-100))
    registration = RegistrationFactory(event=event)
    assert "anonymised: 0" in run("purge_event_registrations")
    assert "anonymised: 1" in run("purge_event_registrations", "--months", "3")
    registration.refresh_from_db()
    assert registration.anonymised_at and registration.email == ""


def test_commands_refuse_bad_arguments_with_a_readable_error():
    with pytest.raises(CommandError, match="must not be negative"):
        call_command("purge_event_registrations", "--months", "-1")
    with pytest.raises(CommandError, match="at least 1"):
        call_command("send_event_reminders", "--hours", "0")


def test_demo_loader_imports_every_event_idempotently():
    records = read_demo_file("events")
    for slug in {record["host_member"] for record in records}:
        MemberFactory(slug=slug, name=slug.replace("-", " ").title())
    load_demo_events(io.StringIO())
    load_demo_events(io.StringIO())
    events = EventPage.objects.live()
    assert events.count() == len(records) == 45
    now = timezone.now()
    past = events.filter(end__lt=now)
    assert past.exclude(outcome_summary="").count() == past.filter(attendance__isnull=False).count() == 15
    upcoming = list(events.filter(end__gte=now))
    # The demo dates are fixed: as the calendar moves on, an upcoming event's deadline may have passed.
    states = {event.registration_state(0, now) for event in upcoming if event.registration_closes_at > now}
    assert states == {EventPage.RegistrationState.OPEN}
    assert {
        event.registration_state(0, now) for event in upcoming if event.registration_closes_at <= now
    } <= {EventPage.RegistrationState.CLOSED}
    sample = events.get(slug="study-visit-ghent-one-stop-desk-2025")
    assert sample.agenda_items.count() == 6
    assert sample.revisions.count() == 2 and sample.live_revision is not None
    assert EventIndicator.objects.filter(event=sample, indicator__slug="people-trained").get().value == 23
    assert not Registration.objects.exists()
    out = io.StringIO()
    attach_demo_images("event", EventPage, out)
    attach_demo_images("event", EventPage, out)
    assert "Demo images: 3 event pages given an illustration." in out.getvalue()
    assert out.getvalue().endswith("Demo images: 0 event pages given an illustration.")
    load_demo_events(io.StringIO())  # loading the corpus again keeps the illustrations
    pictured = {event.slug: event for event in EventPage.objects.exclude(image=None)}
    assert len(pictured) == 3
    assert pictured["webinar-measuring-campaign-reach-2025"].image_alt == ""  # decorative on purpose
    assert pictured["study-visit-ghent-one-stop-desk-2025"].image_alt.startswith("Illustration: the one-stop")
