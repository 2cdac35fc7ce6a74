"""Registration modes (open, on approval, by invitation), hybrid events' two kinds of place, the
organiser's registration questions, and who gets the online link."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from icalendar import Calendar

from events import actions, actions_approval
from events.actions import RegistrationDetails, RegistrationError
from events.models import EventPage, Invitation, Registration, RegistrationQuestion
from events.registration_states import TRANSITIONS
from events.tokens import invitation_from_token, registration_token
from members.models import Membership
from tests.events.factories import make_event
from tests.factories import MemberFactory, UserFactory, member_user

pytestmark = pytest.mark.django_db

ONLINE_URL = "https://meet.example.org/room-42"


def committed(action):
    def run(*args, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return action(*args, **kwargs)

    return run


register_for_event = committed(actions.register_for_event)
approve = committed(actions_approval.approve_registration)
refuse = committed(actions_approval.refuse_registration)
invite = committed(actions_approval.invite_to_event)
cancel = committed(actions.cancel_registration)


def details(email="ana@example.org", **overrides):
    values = {"name": "Ana Costa", "email": email, "organisation": "Câmara de Lisboa", "consent": True}
    values.update(overrides)
    return RegistrationDetails(**values)


def hybrid_event(member=None, **fields):
    values = {
        "attendance_mode": EventPage.AttendanceMode.HYBRID,
        "online_url": ONLINE_URL,
        "capacity": 1,
        "online_capacity": 2,
    }
    values.update(fields)
    return make_event(member=member, **values)


# On approval -------------------------------------------------------------------------------------


def test_on_approval_a_registration_holds_no_place_until_the_organiser_approves(member):
    event = make_event(member=member, capacity=1, registration_mode=EventPage.RegistrationMode.APPROVAL)
    first = register_for_event(event, details("a@example.org"), address_confirmed=True)
    second = register_for_event(event, details("b@example.org"), address_confirmed=True)
    assert first.status == second.status == Registration.Status.AWAITING_APPROVAL
    assert event.places_taken() == 0
    assert "awaiting approval" in mail.outbox[0].subject

    assert approve(second).status == Registration.Status.CONFIRMED
    # The only place went to the one approved first: approving the other puts them on the waiting list.
    assert approve(first).status == Registration.Status.WAITLISTED
    assert [message.subject.split(":")[0] for message in mail.outbox[2:]] == [
        "Registration confirmed",
        "You are on the waiting list",
    ]
    cancel(second)
    first.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED  # the waiting list still works


def test_an_unconfirmed_address_must_confirm_before_the_organiser_sees_it(member):
    event = make_event(member=member, registration_mode=EventPage.RegistrationMode.APPROVAL)
    registration = register_for_event(event, details())
    assert registration.status == Registration.Status.PENDING_APPROVAL
    confirmed = committed(actions.confirm_registration)(registration)
    assert confirmed.status == Registration.Status.AWAITING_APPROVAL
    with pytest.raises(RegistrationError):
        # Approval is only for registrations awaiting a decision.
        approve(Registration.objects.create(event=event, name="X", email="x@example.org", consent=True))


def test_a_refusal_needs_a_reason_which_is_emailed_and_frees_the_address(member):
    event = make_event(member=member, registration_mode=EventPage.RegistrationMode.APPROVAL)
    registration = register_for_event(event, details(), address_confirmed=True)
    with pytest.raises(RegistrationError):
        refuse(registration, "   ")
    refused = refuse(registration, "Places are kept for front-line staff.")
    assert refused.status == Registration.Status.REFUSED
    assert mail.outbox[-1].subject.startswith("Your registration was not accepted")
    assert "Places are kept for front-line staff." in mail.outbox[-1].body
    # A refused registration is over: the state machine has no way out of it.
    assert not [pair for pair in TRANSITIONS if pair[0] == Registration.Status.REFUSED]
    again = register_for_event(event, details(), address_confirmed=True)
    assert again.status == Registration.Status.AWAITING_APPROVAL


def test_organisers_approve_and_refuse_in_the_admin(client, member):
    event = make_event(member=member, registration_mode=EventPage.RegistrationMode.APPROVAL)
    ana = register_for_event(event, details(), address_confirmed=True)
    ben = register_for_event(event, details("ben@example.org", name="Ben"), address_confirmed=True)
    client.force_login(member_user(member, Membership.Role.ORGANISER))
    page = client.get(reverse("events_admin:registrations", args=[event.pk])).content.decode()
    assert "Approve Ana Costa" in page and "Refuse Ben" in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("events_admin:approve", args=[event.pk, ana.pk]))
        response = client.post(reverse("events_admin:refuse", args=[event.pk, ben.pk]), {"reason": ""})
        assert response.status_code == 400
        client.post(reverse("events_admin:refuse", args=[event.pk, ben.pk]), {"reason": "Full of officials."})
    statuses = dict(event.registrations.values_list("email", "status"))
    assert statuses == {"ana@example.org": "confirmed", "ben@example.org": "refused"}
    client.force_login(member_user(MemberFactory(), Membership.Role.ORGANISER))
    carl = register_for_event(event, details("carl@example.org"), address_confirmed=True)
    refused = client.post(reverse("events_admin:approve", args=[event.pk, carl.pk]))
    assert (
        refused.status_code in (302, 403)
        and refused.get("Location") != f"/admin/event-registrations/{event.pk}/"
    )
    carl.refresh_from_db()
    assert carl.status == Registration.Status.AWAITING_APPROVAL


# By invitation ------------------------------------------------------------------------------------


def test_invitation_only_events_take_registrations_only_through_the_personal_link(client, member):
    event = make_event(member=member, registration_mode=EventPage.RegistrationMode.INVITATION)
    guest_member = MemberFactory()
    staff = UserFactory(email="officer@city.example", first_name="Olga", last_name="Officer")
    Membership.objects.create(user=staff, member=guest_member, role=Membership.Role.EDITOR)
    created = invite(event, members=[guest_member], emails=["partner@ngo.example", "OFFICER@city.example"])
    assert [invitation.email for invitation in created] == ["officer@city.example", "partner@ngo.example"]
    assert invite(event, emails=["partner@ngo.example"]) == []  # invited once only
    assert {message.to[0] for message in mail.outbox} == {"officer@city.example", "partner@ngo.example"}
    invitation = Invitation.objects.get(email="officer@city.example")
    # The mail's token was signed when the mail was written: read it back rather than sign another.
    body = next(message.body for message in mail.outbox if "officer" in message.to[0])
    pattern = re.escape(reverse("events:invitation", kwargs={"token": "TOKEN"})).replace("TOKEN", "([^/]+)")
    found = re.search(pattern, body)
    assert found and invitation_from_token(found[1]) == invitation
    link = found[0]

    with pytest.raises(RegistrationError) as error:
        register_for_event(event, details("stranger@example.org"), address_confirmed=True)
    assert error.value.code == "invitation_only"
    page = client.get(event.url).content.decode()
    assert "by invitation only" in page and 'name="email"' not in page

    assert client.get(link[:-3] + "xx/").status_code == 404  # a forged link
    form = client.get(link)
    assert form.status_code == 200 and "officer@city.example" in form.content.decode()
    response = client.post(
        link,
        {
            "name": "Olga Officer",
            "email": "someone.else@example.org",
            "organisation": "City",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    # The address is the invited one whatever is posted, and it needs no confirmation.
    assert registration.email == "officer@city.example"
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.invitation == invitation
    assert client.get(link).status_code == 302  # back to the registration once registered


# Hybrid events -----------------------------------------------------------------------------------


def test_hybrid_events_count_in_person_and_online_places_apart(member):
    event = hybrid_event(member)
    online = EventPage.Participation.ONLINE
    in_person = EventPage.Participation.IN_PERSON
    first = register_for_event(
        event, details("a@example.org", participation=in_person), address_confirmed=True
    )
    second = register_for_event(
        event, details("b@example.org", participation=in_person), address_confirmed=True
    )
    third = register_for_event(event, details("c@example.org", participation=online), address_confirmed=True)
    assert (first.status, second.status, third.status) == ("confirmed", "waitlisted", "confirmed")
    assert event.places_left_by_participation() == {in_person: 0, online: 1}
    fourth = register_for_event(event, details("d@example.org", participation=online), address_confirmed=True)
    fifth = register_for_event(event, details("e@example.org", participation=online), address_confirmed=True)
    assert (fourth.status, fifth.status) == ("confirmed", "waitlisted")
    assert second.waitlist_position() == 1 and fifth.waitlist_position() == 1
    cancel(third)  # an online place frees up: it goes to the first waiting online, not in person
    second.refresh_from_db()
    fifth.refresh_from_db()
    assert (second.status, fifth.status) == ("waitlisted", "confirmed")
    with pytest.raises(RegistrationError):
        register_for_event(make_event(member=member), details(participation=online), address_confirmed=True)


def test_only_confirmed_online_participants_get_the_online_link(client, member):
    event = hybrid_event(member, capacity=5)
    online = register_for_event(
        event, details("on@example.org", participation="online"), address_confirmed=True
    )
    in_person = register_for_event(
        event, details("here@example.org", participation="in_person"), address_confirmed=True
    )
    unconfirmed = register_for_event(event, details("later@example.org", participation="online"))
    bodies = {message.to[0]: message for message in mail.outbox}
    assert ONLINE_URL in bodies["on@example.org"].body
    assert ONLINE_URL not in bodies["here@example.org"].body
    assert ONLINE_URL not in bodies["later@example.org"].body
    attachment = bodies["on@example.org"].attachments[0][1]
    assert ONLINE_URL in Calendar.from_ical(attachment).walk("VEVENT")[0]["description"]
    for registration, sees in ((online, True), (in_person, False), (unconfirmed, False)):
        token = registration_token(registration)
        page = client.get(reverse("events:registration", kwargs={"token": token})).content.decode()
        ics_file = client.get(reverse("events:registration_ics", kwargs={"token": token})).content
        ics = str(Calendar.from_ical(ics_file).walk("VEVENT")[0]["description"])
        assert (ONLINE_URL in page, ONLINE_URL in ics) == (sees, sees), registration.email
    public = client.get(event.url).content.decode() + client.get(event.get_ics_url()).content.decode()
    assert ONLINE_URL not in public


def test_the_hybrid_form_asks_how_one_takes_part_and_shows_places_of_each_kind(client, member):
    event = hybrid_event(member, capacity=3, online_capacity=None)
    page = client.get(event.url).content.decode()
    assert 'name="participation"' in page and "I will take part" in page
    assert "3 places left" in page and "places available" in page


# Registration questions -------------------------------------------------------------------------


def test_registration_questions_are_validated_stored_and_exported(client, member):
    event = make_event(member=member)
    role = RegistrationQuestion.objects.create(
        page=event, label="Organisation type", kind="choice", choices="Municipality\nNGO", required=True
    )
    photos = RegistrationQuestion.objects.create(
        page=event, label="May we photograph you?", kind="yes_no", required=True
    )
    topics = RegistrationQuestion.objects.create(
        page=event, label="Topics", kind="multiple", choices="Housing\nJobs\nLanguage"
    )
    form = {
        "name": "Ana Costa",
        "email": "ana@example.org",
        "organisation": "Lisboa",
        "participant_type": "carer",
        "consent": "on",
        f"question_{role.pk}": "Church",  # not one of the choices
    }
    response = client.post(f"{event.url}register/", form)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Select a valid choice" in body and "This field is required" in body
    form.update(
        {
            f"question_{role.pk}": "NGO",
            f"question_{photos.pk}": "no",
            f"question_{topics.pk}": ["Housing", "Language"],
        }
    )
    assert client.post(f"{event.url}register/", form).status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.answers == {
        str(role.pk): "NGO",
        str(photos.pk): "no",
        str(topics.pk): ["Housing", "Language"],
    }
    assert registration.participant_type == "carer"

    client.force_login(member_user(member, Membership.Role.ORGANISER))
    csv = client.get(reverse("events_admin:export_csv", args=[event.pk])).content.decode("utf-8-sig")
    header, row = csv.strip().splitlines()
    assert header.endswith("Organisation type,May we photograph you?,Topics")
    assert row.endswith("NGO,No,Housing; Language")
    assert "Frontline worker or carer" in row

    committed(actions.erase_registration)(registration)
    registration.refresh_from_db()
    assert registration.answers == {}


def test_a_choice_question_needs_two_choices():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        RegistrationQuestion(label="Pick", kind="choice", choices="Only one").clean()


def test_purging_old_events_also_deletes_their_invitations(member):
    from django.utils import timezone

    event = make_event(member=member, start=timezone.now() - timedelta(days=500))
    Invitation.objects.create(event=event, email="old@example.org")
    actions.purge_old_registrations(months=12)
    assert not Invitation.objects.exists()
