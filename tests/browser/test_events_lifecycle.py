"""Events from invitation to evaluation in Chromium: an organiser approves a participant, a hybrid event
keeps its online link for confirmed online participants and shows the reader's own time, and after the
event the organiser sends the follow-up, a participant fills the survey, the organiser's results match,
and the certificate downloads and verifies (a forged code is rejected)."""

import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from events.models import EventPage, EventRelatedPractice, Registration, RegistrationQuestion
from events.models.lifecycle import new_certificate_code
from members.models import Membership
from tests.browser.accessibility import axe_violations
from tests.events.factories import RegistrationFactory, in_days, make_event
from tests.factories import MemberFactory, member_user
from tests.practices.factories import practice_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"
ONLINE_URL = "https://meet.example.org/hybrid-room"


def sign_in(page, username: str, next_path: str) -> None:
    page.goto(f"/admin/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{next_path}")


def link_in(message, fragment: str) -> str:
    line = next(line for line in message.body.splitlines() if fragment in line)
    return urlsplit(line.strip()).path


def test_a_visitor_asks_for_a_place_and_the_organiser_approves_them(page):
    member = MemberFactory()
    event = make_event(
        member=member,
        title="Study visit to Ghent's reception centre",
        event_type="study-visit",
        capacity=12,
        registration_mode=EventPage.RegistrationMode.APPROVAL,
        start=in_days(20),
    )
    RegistrationQuestion.objects.create(
        page=event, label="Organisation type", kind="choice", choices="Municipality\nNGO", required=True
    )
    page.goto(event.url)
    assert axe_violations(page) == []
    page.get_by_text("The organisers choose the participants").first.wait_for()
    page.get_by_label("Full name", exact=True).fill("Ana Costa")
    page.get_by_label("Email", exact=True).fill("ana@example.org")
    page.get_by_label("Organisation", exact=True).fill("Câmara Municipal de Lisboa")
    page.get_by_label("You take part as").select_option("official")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Ask for a place").click()
    page.get_by_text("Select a valid choice").or_(page.get_by_text("This field is required")).first.wait_for()
    page.get_by_label("Municipality").check()
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Ask for a place").click()
    page.get_by_role("heading", name="Check your email to confirm").wait_for()
    page.goto(link_in(mail.outbox[0], "/events/confirm/"))
    page.get_by_role("button", name="Confirm my registration").click()
    page.locator(".registration-status").get_by_text("Awaiting the organiser's approval").wait_for()
    assert "awaiting approval" in mail.outbox[-1].subject

    organiser = member_user(member, Membership.Role.ORGANISER)
    sign_in(page, organiser.username, f"/admin/event-registrations/{event.pk}/")
    page.get_by_text("1 awaiting your decision").wait_for()
    page.get_by_text("Organisation type: Municipality").wait_for()
    page.get_by_role("button", name="Approve Ana Costa").click()
    page.get_by_text("Ana Costa is approved and has a place.").wait_for()
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    assert mail.outbox[-1].subject.startswith("Registration confirmed") and mail.outbox[-1].to == [
        "ana@example.org"
    ]
    # The one error is the form sent back with its errors (answered 400), as intended.
    assert [message for message in page.console_errors if "status of 400" not in message] == []


def test_a_hybrid_event_keeps_the_online_link_for_confirmed_online_participants(browser, live_server):
    member = MemberFactory()
    event = make_event(
        member=member,
        title="Hybrid workshop on language cafés",
        attendance_mode=EventPage.AttendanceMode.HYBRID,
        online_url=ONLINE_URL,
        capacity=1,
        online_capacity=30,
        timezone="Europe/Brussels",
        start=in_days(9, hour=13),
    )
    RegistrationFactory(event=event, participation="in_person", email="first@example.org")  # in person: full
    context = browser.new_context(base_url=live_server.url, timezone_id="America/New_York")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(event.url)
        assert axe_violations(page) == []
        assert ONLINE_URL not in page.content()
        page.locator(".event-time__local").get_by_text("America/New_York").wait_for()  # the reader's own time
        page.get_by_text("In person: full, waiting list open").wait_for()
        page.get_by_text("Online: 30 places left").wait_for()
        page.get_by_label("Full name", exact=True).fill("Olu Online")
        page.get_by_label("Email", exact=True).fill("olu@example.org")
        page.get_by_label("Organisation", exact=True).fill("Comune di Bologna")
        page.get_by_role("radio", name="Online").check()
        page.get_by_label("I agree").check()
        page.get_by_role("button", name="Register").click()
        page.get_by_role("heading", name="Check your email to confirm").wait_for()
        assert ONLINE_URL not in page.content()  # not before the address is confirmed
        page.goto(link_in(mail.outbox[0], "/events/confirm/"))
        page.get_by_role("button", name="Confirm my registration").click()
        page.locator(".online-link").wait_for()
        assert page.locator(".online-link").inner_text() == ONLINE_URL
        assert ONLINE_URL in mail.outbox[-1].body
        with page.expect_download() as download:
            page.get_by_role("link", name="Add to my calendar (.ics)").click()
        ics = Calendar.from_ical(download.value.path().read_bytes())
        assert ONLINE_URL in str(ics.walk("VEVENT")[0]["description"])
        registration = Registration.objects.get(email="olu@example.org")
        assert (registration.status, registration.participation) == ("confirmed", "online")
    finally:
        context.close()


def test_after_the_event_follow_up_survey_results_and_a_verified_certificate(page):
    member = MemberFactory(name="City of Ghent")
    start = (timezone.now() - timedelta(days=3)).replace(hour=8, minute=0, second=0, microsecond=0)
    event = make_event(
        member=member,
        title="Training on intake interviews",
        event_type="training",
        start=start,
        end=start + timedelta(hours=7),
    )
    practice = practice_page(member, title="Buddy programme for newcomers")
    EventRelatedPractice.objects.create(page=event, practice=practice)
    RegistrationFactory(
        event=event, name="Ana Costa", email="ana@example.org", attended=True, participant_type="carer"
    )
    RegistrationFactory(event=event, name="Ben Absent", email="ben@example.org")

    organiser = member_user(member, Membership.Role.ORGANISER)
    sign_in(page, organiser.username, f"/admin/event-registrations/{event.pk}/follow-up/")
    page.get_by_text("It goes to 1 participant marked as attended.").wait_for()
    page.get_by_label("Your message to the participants").fill("Thank you! The slides are attached.")
    page.get_by_role("button", name="Send the follow-up").click()
    page.get_by_text("Follow-up sent to 1 participants.").wait_for()
    (follow_up,) = mail.outbox
    assert follow_up.to == ["ana@example.org"] and "Buddy programme for newcomers" in follow_up.body
    page.context.clear_cookies()  # the participant has no account

    page.goto(link_in(follow_up, "/feedback/"))
    assert axe_violations(page) == []
    page.get_by_role("group", name=re.compile("how satisfied")).get_by_label("4").check()
    page.get_by_role("group", name=re.compile("How useful")).get_by_label("5").check()
    page.get_by_label("What will you apply in your work?").fill("Peer intake interviews")
    page.get_by_label("Buddy programme for newcomers").check()
    page.get_by_label("Anything else").fill("More time for questions")
    page.get_by_role("button", name="Send my feedback").click()
    page.get_by_role("status").get_by_text("Thank you for your feedback.").wait_for()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate of attendance (PDF)").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = pdf.pages[0].extract_text()
    assert "Ana Costa" in text and "Training on intake interviews" in text
    code = re.search(r"([A-Z2-9]{4}-){4}[A-Z2-9]{4}", text).group(0)

    page.goto("/events/certificates/")
    assert axe_violations(page) == []
    page.get_by_label("Verification code").fill(code)
    page.get_by_role("button", name="Check").click()
    page.get_by_role("heading", name="This certificate is genuine").wait_for()
    assert "Ana Costa" in page.content() and "ana@example.org" not in page.content()
    page.goto(f"/events/certificates/{new_certificate_code()}/")
    page.get_by_role("heading", name="No certificate has this code").wait_for()

    sign_in(page, organiser.username, f"/admin/event-registrations/{event.pk}/report/")
    assert page.locator(".mean-satisfaction").inner_text() == "4.0"
    assert page.locator(".mean-usefulness").inner_text() == "5.0"
    assert page.locator(".figure-attended").inner_text() == "1"
    assert page.locator(".figure-no-shows").inner_text() == "1"
    page.locator(".will-apply").get_by_text("Peer intake interviews").wait_for()
    page.locator(".comments").get_by_text("More time for questions").wait_for()
    page.get_by_text("Buddy programme for newcomers: 1").wait_for()
    # The one error is the forged code's page, answered 404 as intended.
    assert [message for message in page.console_errors if "status of 404" not in message] == []
