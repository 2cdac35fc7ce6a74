"""Registrations a stranger cannot abuse: an anonymous registration counts only once its address is
confirmed by the emailed link; unconfirmed places go back to the pool; links expire as documented."""

import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone, translation

from events import actions
from events.actions import RegistrationDetails, RegistrationError
from events.models import Registration
from events.registration_states import TRANSITIONS, TransitionNotAllowed, check_transition
from events.tokens import confirmation_token, registration_token
from members.models import Membership
from tests.events.factories import RegistrationFactory, in_days, make_event
from tests.factories import member_user

pytestmark = pytest.mark.django_db
Status = Registration.Status


def committed(action):
    def run(*args, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return action(*args, **kwargs)

    return run


register_for_event = committed(actions.register_for_event)
confirm_registration = committed(actions.confirm_registration)
expire_unconfirmed = committed(actions.expire_unconfirmed_registrations)


def details(email: str) -> RegistrationDetails:
    return RegistrationDetails(name="Ana Costa", email=email, organisation="Lisboa", consent=True)


def form_data(**overrides):
    data = {"name": "Ana Costa", "email": "ana@example.org", "organisation": "Lisboa", "consent": "on"}
    data.update(overrides)
    return data


def confirm_link(message) -> str:
    line = next(line for line in message.body.splitlines() if "/events/confirm/" in line)
    return urlsplit(line.strip()).path


def test_an_anonymous_registration_holds_a_place_but_counts_only_once_confirmed(client, member):
    event = make_event(member=member, capacity=1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"{event.url}register/", form_data())
    registration = Registration.objects.get()
    assert registration.status == Status.PENDING and event.confirmed_count() == 0
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    assert "confirm" in mail.outbox[0].subject.lower() and not mail.outbox[0].attachments
    # The held place: the next visitor meets a full event and is offered the waiting list.
    assert "Join the waiting list" in client.get(event.url).content.decode()
    link = confirm_link(mail.outbox[0])
    assert "Confirm my registration" in client.get(link).content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.PENDING  # opening the link (a mail scanner, say) confirms nothing
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(link, follow=True)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED and registration.confirmed_at
    assert "your registration is confirmed" in response.content.decode()
    assert mail.outbox[-1].attachments  # the confirmation, with its calendar file


def test_the_confirmation_link_expires_after_the_confirmation_hours(client, member, settings, monkeypatch):
    settings.EVENT_CONFIRMATION_HOURS = 2
    event = make_event(member=member)
    registration = register_for_event(event, details("ana@example.org"))
    link = f"/events/confirm/{confirmation_token(registration)}/"
    later = time.time() + 2 * 3600 + 5
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


def test_a_confirmation_link_cannot_stand_in_for_the_registration_link(client, member):
    registration = RegistrationFactory(event=make_event(member=member), status=Status.PENDING)
    assert client.get(f"/events/registration/{confirmation_token(registration)}/").status_code == 404
    assert client.post(f"/events/confirm/{registration_token(registration)}/").status_code == 404


def test_unconfirmed_places_return_to_the_pool_and_the_waiting_list_moves_up_in_order(member):
    event = make_event(member=member, capacity=1)
    start = timezone.now()
    held = register_for_event(event, details("first@example.org"), now=start)
    first = register_for_event(event, details("w1@example.org"), address_confirmed=True, now=start)
    second = register_for_event(event, details("w2@example.org"), address_confirmed=True, now=start)
    assert [first.status, second.status] == [Status.WAITLISTED, Status.WAITLISTED]
    mail.outbox.clear()
    assert expire_unconfirmed(now=start + timedelta(hours=23)) == 0
    assert expire_unconfirmed(now=start + timedelta(hours=25)) == 1
    for registration in (held, first, second):
        registration.refresh_from_db()
    assert (held.status, first.status, second.status) == (Status.EXPIRED, Status.CONFIRMED, Status.WAITLISTED)
    assert [message.to for message in mail.outbox] == [["w1@example.org"]]
    with pytest.raises(RegistrationError) as error:
        confirm_registration(held, now=start + timedelta(hours=25))
    assert error.value.code == "not_pending"


def test_confirming_too_late_is_refused_and_gives_the_place_back(member):
    event = make_event(member=member, capacity=1)
    start = timezone.now()
    held = register_for_event(event, details("late@example.org"), now=start)
    waiting = register_for_event(event, details("w@example.org"), address_confirmed=True, now=start)
    with pytest.raises(RegistrationError) as error:
        confirm_registration(held, now=start + timedelta(hours=24, seconds=1))
    assert error.value.code == "expired"
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert held.status == Status.EXPIRED and waiting.status == Status.CONFIRMED


def test_the_scheduled_command_expires_overdue_registrations(member, settings):
    settings.EVENT_CONFIRMATION_HOURS = 1
    event = make_event(member=member)
    registration = RegistrationFactory(
        event=event, status=Status.PENDING, confirm_by=timezone.now() - timedelta(minutes=1)
    )
    call_command("expire_unconfirmed_registrations")
    registration.refresh_from_db()
    assert registration.status == Status.EXPIRED


def test_an_expired_address_may_register_again(member):
    event = make_event(member=member)
    RegistrationFactory(event=event, email="ana@example.org", status=Status.EXPIRED)
    assert register_for_event(event, details("ana@example.org")).status == Status.PENDING


def test_a_full_event_puts_a_confirmed_anonymous_registrant_on_the_waiting_list(member):
    event = make_event(member=member, capacity=1)
    RegistrationFactory(event=event)
    pending = register_for_event(event, details("ana@example.org"))
    assert pending.status == Status.PENDING_WAITLIST
    assert confirm_registration(pending).status == Status.WAITLISTED


def test_signed_in_members_register_their_own_address_in_one_step(client, member):
    event = make_event(member=member)
    user = member_user(member, Membership.Role.EDITOR, email="bea@example.org")
    client.force_login(user)
    client.post(f"{event.url}register/", form_data(email="BEA@example.org"))
    client.post(f"{event.url}register/", form_data(email="stranger@example.org"))
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"BEA@example.org": Status.CONFIRMED, "stranger@example.org": Status.PENDING}


def test_the_honeypot_turns_a_robot_away_without_a_registration_or_an_email(client, member):
    event = make_event(member=member)
    html = client.get(event.url).content.decode()
    assert 'class="form-trap" aria-hidden="true"' in html and 'tabindex="-1"' in html
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"{event.url}register/", form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not Registration.objects.exists() and mail.outbox == []


def test_the_cancel_link_stops_working_when_the_event_starts(client, member):
    event = make_event(member=member, start=timezone.now() - timedelta(hours=1))
    event.end = timezone.now() + timedelta(hours=5)
    event.save()
    registration = RegistrationFactory(event=event)
    url = f"/events/registration/{registration_token(registration)}/"
    assert "Cancel my registration" not in client.get(url).content.decode()
    assert client.post(url, {"action": "cancel"}).status_code == 400
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_the_erase_link_works_after_the_event_until_the_registration_is_anonymised(client, member):
    event = make_event(member=member, start=in_days(-30))
    registration = RegistrationFactory(event=event, email="ana@example.org")
    url = f"/events/registration/{registration_token(registration)}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "erase"}).status_code == 302
    registration.refresh_from_db()
    assert registration.anonymised_at and registration.email == ""
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "erase"}).status_code == 404


def test_the_transition_table_refuses_moves_it_does_not_have():
    assert check_transition(Status.PENDING, Status.CONFIRMED).trigger == "confirm_registration"
    with pytest.raises(TransitionNotAllowed):
        check_transition(Status.EXPIRED, Status.CONFIRMED)
    with pytest.raises(TransitionNotAllowed):
        check_transition(Status.CANCELLED, Status.WAITLISTED)
    assert all(transition.who for transition in TRANSITIONS.values())


def test_a_registrants_emails_are_written_in_the_language_they_registered_in(client, member):
    event = make_event(member=member, capacity=5)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/fr{event.url}register/", form_data())
    registration = Registration.objects.get()
    assert registration.language == "fr"
    assert mail.outbox[0].subject.startswith("Veuillez confirmer votre inscription")
    # Later emails come from an organiser's action or a worker, in whatever language they run in.
    with translation.override("de"):
        confirm_registration(registration)
    assert mail.outbox[-1].subject.startswith("Inscription confirmée")
    # Whoever acts in the default interface language registers for English emails (the test client
    # leaves the language of its last request active, so it is set here).
    with translation.override("en"):
        english = register_for_event(event, details("ben@example.org"))
    assert english.language == "en" and mail.outbox[-1].subject.startswith("Please confirm")
