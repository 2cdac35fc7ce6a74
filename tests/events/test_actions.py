"""Registration, waiting list, cancellation, attendance, reminders and retention."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone
from icalendar import Calendar

from events import actions
from events.actions import (
    RegistrationDetails,
    RegistrationError,
    purge_old_registrations,
    recompute_event_indicators,
    record_attendance,
)
from events.emails import registration_link
from events.models import EventIndicator, Registration
from events.tokens import registration_from_token
from tests.events.factories import RegistrationFactory, in_days, make_event

pytestmark = pytest.mark.django_db


def details(email: str = "ana@example.org", **overrides) -> RegistrationDetails:
    values = {"name": "Ana Costa", "email": email, "organisation": "Câmara de Lisboa", "consent": True}
    values.update(overrides)
    return RegistrationDetails(**values)


def register(event, email="ana@example.org", **overrides):
    """A registration whose address is confirmed (a signed-in user's own): the capacity rules below."""
    return register_for_event(event, details(email, **overrides), address_confirmed=True)


def committed(action):
    """Emails are sent after commit; the test transaction never commits, so run the callbacks here."""

    def run(*args, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return action(*args, **kwargs)

    return run


register_for_event = committed(actions.register_for_event)
cancel_registration = committed(actions.cancel_registration)
erase_registration = committed(actions.erase_registration)
message_registrants = committed(actions.message_registrants)
send_due_reminders = committed(actions.send_due_reminders)


def test_registration_is_confirmed_and_emailed_with_calendar_and_signed_cancellation_link(event):
    registration = register(event)
    assert registration.status == Registration.Status.CONFIRMED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert event.title in message.subject
    link = next(line for line in message.body.splitlines() if "/events/registration/" in line)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert link.startswith(registration_link(registration).split("/events/")[0])
    assert registration_from_token(token) == registration  # timestamped: the token changes each second
    filename, content, mimetype = message.attachments[0]
    assert filename == f"{event.slug}.ics"
    assert mimetype.startswith("text/calendar")
    vevent = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.start


def test_duplicate_email_is_refused_whatever_the_case(event):
    register(event, "ana@example.org")
    with pytest.raises(RegistrationError) as error:
        register(event, "  ANA@Example.org ")
    assert error.value.code == "duplicate"
    assert Registration.objects.count() == 1


def test_the_database_refuses_a_second_active_registration_for_the_same_address(event):
    RegistrationFactory(event=event, email="ana@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=event, email="Ana@Example.org")


def test_after_cancelling_the_same_address_may_register_again(event):
    cancel_registration(register(event))
    assert register(event).status == Registration.Status.CONFIRMED


def test_registration_after_the_deadline_is_refused(member):
    event = make_event(member=member, registration_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(RegistrationError) as error:
        register(event)
    assert error.value.code == "closed"


def test_registration_before_opening_is_refused(member):
    event = make_event(member=member, registration_opens_at=timezone.now() + timedelta(days=1))
    with pytest.raises(RegistrationError) as error:
        register(event)
    assert error.value.code == "not_open"


def test_registration_without_consent_is_refused(event):
    with pytest.raises(RegistrationError):
        register_for_event(event, details(consent=False))
    assert not Registration.objects.exists()


def test_when_full_registrants_join_the_waiting_list_and_are_told_their_position(event):
    register(event, "a@example.org")
    register(event, "b@example.org")
    third = register(event, "c@example.org")
    fourth = register(event, "d@example.org")
    assert third.status == fourth.status == Registration.Status.WAITLISTED
    assert (third.waitlist_position(), fourth.waitlist_position()) == (1, 2)
    assert "waiting list" in mail.outbox[-1].subject
    assert "position 2" in mail.outbox[-1].body
    assert not mail.outbox[-1].attachments


def test_unlimited_capacity_never_waitlists(member):
    event = make_event(member=member, capacity=None)
    statuses = {register(event, f"p{n}@example.org").status for n in range(5)}
    assert statuses == {Registration.Status.CONFIRMED}


def test_cancelling_a_confirmed_place_promotes_the_earliest_waitlisted_with_an_email(event):
    first = register(event, "a@example.org")
    register(event, "b@example.org")
    waiting_first = register(event, "c@example.org")
    waiting_second = register(event, "d@example.org")
    mail.outbox.clear()
    cancel_registration(first)
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert waiting_first.status == Registration.Status.CONFIRMED
    assert waiting_second.status == Registration.Status.WAITLISTED
    assert waiting_second.waitlist_position() == 1
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "cancelled" in subjects["a@example.org"]
    assert "A place is now yours" in subjects["c@example.org"]
    promotion = next(message for message in mail.outbox if message.to == ["c@example.org"])
    assert promotion.attachments


def test_cancelling_a_waitlisted_registration_promotes_nobody(event):
    register(event, "a@example.org")
    register(event, "b@example.org")
    waiting = register(event, "c@example.org")
    other = register(event, "d@example.org")
    cancel_registration(waiting)
    other.refresh_from_db()
    assert other.status == Registration.Status.WAITLISTED
    assert event.registrations.confirmed().count() == 2


def test_erasing_cancels_promotes_and_removes_personal_data(event):
    first = register(event, "a@example.org", accessibility_needs="Step-free access", dietary_needs="Vegan")
    register(event, "b@example.org")
    waiting = register(event, "c@example.org")
    mail.outbox.clear()
    erased = erase_registration(first)
    assert erased.status == Registration.Status.CANCELLED
    assert (erased.name, erased.email, erased.accessibility_needs, erased.dietary_needs) == ("", "", "", "")
    assert erased.anonymised_at is not None
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [["c@example.org"]]


def test_message_registrants_reaches_confirmed_and_optionally_waitlisted(event):
    register(event, "a@example.org")
    register(event, "b@example.org")
    register(event, "c@example.org")
    mail.outbox.clear()
    assert message_registrants(event, subject="Room change", body="We meet in room 2.") == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]
    assert all(
        "room 2" in message.body and "/events/registration/" in message.body for message in mail.outbox
    )
    mail.outbox.clear()
    assert message_registrants(event, subject="S", body="B", include_waitlisted=True) == 3


def test_attendance_feeds_training_days_and_people_trained(member):
    event = make_event(member=member, event_type="training", start=in_days(-3), capacity=None)
    event.end = event.start + timedelta(hours=7)
    event.save()
    present = [RegistrationFactory(event=event) for _ in range(3)]
    RegistrationFactory(event=event)
    assert record_attendance(event, {registration.pk for registration in present}) == 3
    assert event.indicator_values() == {"people-trained": Decimal(3), "training-days": Decimal(3)}
    record_attendance(event, {present[0].pk})
    assert event.indicator_values() == {"people-trained": Decimal(1), "training-days": Decimal(1)}


def test_conferences_and_future_events_have_no_training_indicators(member):
    conference = make_event(member=member, event_type="conference", start=in_days(-3))
    RegistrationFactory(event=conference, attended=True)
    assert recompute_event_indicators(conference) == {}
    upcoming = make_event(member=member, event_type="training", attendance=10)
    assert recompute_event_indicators(upcoming) == {}
    assert not EventIndicator.objects.exists()


def test_page_attendance_counts_when_no_registration_was_marked(member):
    event = make_event(member=member, event_type="workshop", start=in_days(-3), attendance=12)
    event.end = event.start + timedelta(hours=3)
    event.save()
    assert recompute_event_indicators(event) == {"people-trained": Decimal(12), "training-days": Decimal(6)}


def test_reminders_go_once_to_confirmed_registrants_of_events_within_24_hours(member):
    tomorrow = make_event(member=member, start=timezone.now() + timedelta(hours=20))
    later = make_event(member=member, title="Later", start=in_days(5))
    confirmed = RegistrationFactory(event=tomorrow, email="yes@example.org")
    RegistrationFactory(event=tomorrow, email="waiting@example.org", status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=tomorrow, email="gone@example.org", status=Registration.Status.CANCELLED)
    RegistrationFactory(event=later, email="later@example.org")
    assert send_due_reminders() == 1
    assert [message.to for message in mail.outbox] == [["yes@example.org"]]
    assert "Reminder" in mail.outbox[0].subject and mail.outbox[0].attachments
    assert send_due_reminders() == 0
    confirmed.refresh_from_db()
    assert confirmed.reminder_sent_at is not None


def test_purge_anonymises_registrations_of_events_older_than_the_retention(member, settings):
    settings.EVENT_REGISTRATION_RETENTION_MONTHS = 6
    old = make_event(member=member, title="Old", start=in_days(-200))
    recent = make_event(member=member, title="Recent", start=in_days(-30))
    kept_count = RegistrationFactory(event=old, attended=True, dietary_needs="Halal")
    RegistrationFactory(event=recent)
    assert purge_old_registrations() == 1
    kept_count.refresh_from_db()
    assert kept_count.email == kept_count.name == kept_count.dietary_needs == ""
    assert kept_count.attended and kept_count.status == Registration.Status.CONFIRMED
    assert recent.registrations.get().email.endswith("@example.org")
    assert old.registrations.count() == 1
