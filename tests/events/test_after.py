"""After the event: follow-up email, anonymous feedback, certificates (PDF, verification, retention) and
the event reports with their roll-up for the impact figures."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pypdf import PdfReader
from wagtail.documents.models import Document

from events import actions, actions_after
from events.actions import RegistrationError
from events.actions_after import FeedbackAnswers, certificate_for_code, issue_certificate, submit_feedback
from events.models import Certificate, EventMaterial, EventRelatedPractice, FeedbackResponse, Registration
from events.models.lifecycle import new_certificate_code
from events.reports import event_reports, feedback_results, impact_figures
from events.tokens import registration_from_token, registration_token
from members.models import Membership
from tests.events.factories import RegistrationFactory, make_event
from tests.factories import member_user
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


def committed(action):
    def run(*args, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return action(*args, **kwargs)

    return run


send_follow_up = committed(actions_after.send_follow_up)


@pytest.fixture
def held(member):
    """A training held two days ago, 09:00-16:00 in Brussels, with three attendees, one no-show and one
    cancellation; a practice was presented and the slides uploaded."""
    start = (timezone.now() - timedelta(days=2)).replace(hour=8, minute=0, second=0, microsecond=0)
    event = make_event(
        member=member, event_type="training", start=start, end=start + timedelta(hours=7), capacity=10
    )
    practice = practice_page(member, title="Language cafés in libraries")
    EventRelatedPractice.objects.create(page=event, practice=practice)
    document = Document.objects.create(
        title="Slides", file=ContentFile(b"%PDF-1.4 slides", name="slides.pdf")
    )
    EventMaterial.objects.create(page=event, document=document)
    for number, kind in enumerate(["carer", "carer", "official"]):
        RegistrationFactory(
            event=event,
            name=f"Attendee {number}",
            email=f"a{number}@example.org",
            attended=True,
            participant_type=kind,
        )
    RegistrationFactory(event=event, name="No Show", email="noshow@example.org", participant_type="staff")
    RegistrationFactory(event=event, email="gone@example.org", status=Registration.Status.CANCELLED)
    return event


def attendee(event, number=0):
    return event.registrations.get(email=f"a{number}@example.org")


# Follow-up ---------------------------------------------------------------------------------------


def test_follow_up_goes_to_attendees_with_materials_practices_survey_and_certificate(held):
    assert send_follow_up(held, message="Thank you all; the next session is in May.") == 3
    assert sorted(message.to[0] for message in mail.outbox) == [
        "a0@example.org",
        "a1@example.org",
        "a2@example.org",
    ]
    body = next(message.body for message in mail.outbox if message.to == ["a0@example.org"])
    assert "the next session is in May" in body
    assert "Slides: http" in body and "/documents/" in body
    assert "Language cafés in libraries: http" in body
    # The links carry the attendee's own signed token (signed when the mail was written: its
    # timestamp may be a second older than one signed here, so it is read back, not compared).
    for view in ("feedback", "certificate"):
        pattern = re.escape(reverse(f"events:{view}", kwargs={"token": "TOKEN"})).replace("TOKEN", "([^/]+)")
        found = re.search(pattern, body)
        assert found, view
        assert registration_from_token(found.group(1)) == attendee(held), view
    assert Certificate.objects.count() == 3  # issued with the follow-up: they verify from the start


def test_follow_up_waits_for_the_end_of_the_event(member):
    with pytest.raises(RegistrationError):
        send_follow_up(make_event(member=member), message="Too early")


def test_organisers_send_the_follow_up_from_the_admin(client, member, held):
    client.force_login(member_user(member, Membership.Role.ORGANISER))
    url = reverse("events_admin:follow_up", args=[held.pk])
    page = client.get(url).content.decode()
    assert "3 participants marked as attended" in page and "Slides" in page
    assert client.post(url, {"message": ""}).status_code == 400
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(url, {"message": "See you soon"}).status_code == 302
    assert len(mail.outbox) == 3


# Feedback ----------------------------------------------------------------------------------------


def test_feedback_is_for_attendees_once_and_is_stored_without_their_identity(client, held):
    no_show = held.registrations.get(email="noshow@example.org")
    no_show_url = reverse("events:feedback", kwargs={"token": registration_token(no_show)})
    assert client.get(no_show_url).status_code == 403
    url = reverse("events:feedback", kwargs={"token": registration_token(attendee(held))})
    form = client.get(url).content.decode()
    assert "Language cafés in libraries" in form
    assert client.post(url, {"satisfaction": "9", "usefulness": "4"}).status_code == 400
    practice = held.related_practices.get().practice
    response = client.post(
        url,
        {
            "satisfaction": "4",
            "usefulness": "5",
            "will_apply": "Peer intake interviews",
            "practices_of_interest": [practice.pk],
        },
    )
    assert response.status_code == 302
    stored = FeedbackResponse.objects.get()
    assert (stored.satisfaction, stored.usefulness, stored.will_apply) == (4, 5, "Peer intake interviews")
    assert list(stored.practices_of_interest.all()) == [practice]
    # Nothing in the response points back to the person.
    assert {f.name for f in FeedbackResponse._meta.get_fields()} >= {"event", "given_on"}
    assert not [f for f in FeedbackResponse._meta.get_fields() if f.related_model is Registration]
    assert "already given" in client.get(url).content.decode()
    with pytest.raises(RegistrationError):
        submit_feedback(attendee(held), FeedbackAnswers(satisfaction=5, usefulness=5))


def test_the_organisers_results_match_the_answers_given(client, member, held):
    answers = [(5, 4, "Buddy system", "Great"), (3, 2, "", "Too long"), (4, 5, "Intake desk", "")]
    for number, (satisfaction, usefulness, will_apply, comments) in enumerate(answers):
        submit_feedback(
            attendee(held, number),
            FeedbackAnswers(
                satisfaction=satisfaction, usefulness=usefulness, will_apply=will_apply, comments=comments
            ),
        )
    results = feedback_results(held)
    assert results.responses == 3
    assert results.satisfaction == pytest.approx(4.0) and results.usefulness == pytest.approx(11 / 3)
    assert results.satisfaction_counts == [(1, 0), (2, 0), (3, 1), (4, 1), (5, 1)]
    assert results.will_apply == ["Buddy system", "Intake desk"]
    assert results.comments == ["Great", "Too long"]
    client.force_login(member_user(member, Membership.Role.ORGANISER))
    page = client.get(reverse("events_admin:report", args=[held.pk])).content.decode()
    assert re.search(r'class="mean-satisfaction">4\.0<', page)
    assert re.search(r'class="mean-usefulness">3\.7<', page)
    assert "Buddy system" in page and "Too long" in page
    assert "Attendee 0" not in page


# Certificates ------------------------------------------------------------------------------------


def test_the_certificate_is_a_tagged_pdf_with_what_a_screen_reader_needs(client, held):
    token = registration_token(attendee(held))
    response = client.get(reverse("events:certificate", kwargs={"token": token}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root and str(root["/Lang"]).startswith("en")
    assert "Certificate of attendance" in str(reader.metadata.title)
    text = reader.pages[0].extract_text()
    certificate = Certificate.objects.get()
    assert "Attendee 0" in text and held.title in text and certificate.code in text
    assert "7 hours (1 training days)" in text and held.host_member.name in text
    assert reverse("events:certificate_verify_code", kwargs={"code": certificate.code}) in text
    # Downloading again gives the same certificate, not a second one.
    client.get(reverse("events:certificate", kwargs={"token": token}))
    assert Certificate.objects.count() == 1


def test_only_attendees_of_an_ended_event_get_a_certificate(client, held, member):
    no_show = held.registrations.get(email="noshow@example.org")
    assert (
        client.get(reverse("events:certificate", kwargs={"token": registration_token(no_show)})).status_code
        == 404
    )
    upcoming = make_event(member=member)
    registration = RegistrationFactory(event=upcoming, attended=True)
    with pytest.raises(RegistrationError):
        issue_certificate(registration)


def test_verification_proves_a_real_certificate_and_rejects_a_forged_one(client, held):
    certificate = issue_certificate(attendee(held))
    page = client.get(reverse("events:certificate_verify_code", kwargs={"code": certificate.code}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "This certificate is genuine" in html and "Attendee 0" in html and held.title in html
    # Only what the certificate says: no email, organisation or needs.
    assert "a0@example.org" not in html and "City of Testville" not in html.split("Organiser")[0]
    typed = client.get(
        reverse("events:certificate_verify"), {"code": certificate.code.lower().replace("-", " ")}
    )
    assert typed.status_code == 200 and "genuine" in typed.content.decode()
    forged = new_certificate_code()
    rejected = client.get(reverse("events:certificate_verify_code", kwargs={"code": forged}))
    assert rejected.status_code == 404 and "No certificate has this code" in rejected.content.decode()
    assert client.get(reverse("events:certificate_verify"), {"code": "x' OR 1=1"}).status_code == 404


def test_certificates_keep_verifying_after_anonymisation_until_their_own_retention_ends(client, held):
    registration = attendee(held)
    certificate = issue_certificate(registration)
    committed(actions.erase_registration)(registration)
    token = registration_token(registration)
    assert client.get(reverse("events:certificate", kwargs={"token": token})).status_code == 404
    assert client.get(reverse("events:feedback", kwargs={"token": token})).status_code == 404
    assert certificate_for_code(certificate.code) is not None
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=timezone.now() - timedelta(days=6 * 366))
    assert certificate_for_code(certificate.code) is None  # past retention: no longer verifies
    out = io.StringIO()
    call_command("purge_event_registrations", stdout=out)
    assert "Certificates deleted: 1" in out.getvalue()
    assert not Certificate.objects.exists()


@given(typed=st.text(max_size=40))
@hypothesis_settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_only_an_issued_code_verifies_whatever_is_typed(held, typed):
    certificate = Certificate.objects.first() or issue_certificate(attendee(held))
    found = certificate_for_code(typed)
    assert found is None or found == certificate
    assert certificate_for_code(certificate.code.replace("-", "").lower()) == certificate


def test_codes_are_unguessable_and_unique():
    codes = {new_certificate_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(r"([A-HJ-NP-Z2-9]{4}-){4}[A-HJ-NP-Z2-9]{4}", code) for code in codes)


# Reports -----------------------------------------------------------------------------------------


def test_the_event_report_counts_places_attendance_no_shows_feedback_and_training_days(held):
    submit_feedback(
        attendee(held),
        FeedbackAnswers(
            satisfaction=4, usefulness=3, practices_of_interest=[held.related_practices.get().practice]
        ),
    )
    (report,) = event_reports([held])
    assert (report.places, report.registered, report.confirmed, report.cancelled) == (10, 5, 4, 1)
    assert (report.attended, report.no_shows, report.attendance_rate) == (3, 1, 0.75)
    assert (report.feedback_responses, report.satisfaction, report.usefulness) == (1, 4.0, 3.0)
    assert report.follow_up_interest == 1
    assert report.training_days_by_type == {"carer": Decimal(2), "official": Decimal(1)}
    # Anonymisation keeps the counts.
    actions.purge_old_registrations(months=0)
    (after,) = event_reports([held])
    assert (after.attended, after.no_shows, after.training_days_by_type) == (
        3,
        1,
        report.training_days_by_type,
    )


def test_impact_figures_roll_up_every_ended_event_in_bounded_queries(
    django_assert_max_num_queries, member, held
):
    other = make_event(
        member=member, event_type="workshop", start=held.start - timedelta(days=30), capacity=None
    )
    RegistrationFactory(event=other, attended=True, participant_type="staff", email="w@example.org")
    make_event(member=member)  # upcoming: not in the default roll-up
    with django_assert_max_num_queries(6):
        figures = impact_figures()
    assert figures.events == 2 and figures.places is None
    assert (figures.attended, figures.no_shows) == (4, 1)
    assert figures.training_days_by_type["carer"] == Decimal(2)
    assert figures.training_days_by_type["staff"] == Decimal(1)
    assert figures.training_days == Decimal(4)


def test_the_organiser_report_lists_the_members_events_and_exports_csv(client, member, held):
    client.force_login(member_user(member, Membership.Role.ORGANISER))
    url = reverse("events_admin:organiser_report")
    page = client.get(url).content.decode()
    assert held.title in page and 'class="figure-attended">3<' in page
    csv = client.get(url, {"member": member.slug, "format": "csv"}).content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("Event,Start,Organiser,Places,Registrations")
    assert csv[1].startswith(f"{held.title},") and ",3,1,0.75," in csv[1]
    assert csv[-1].startswith("Total,")
    event_csv = client.get(reverse("events_admin:report", args=[held.pk]), {"format": "csv"})
    assert event_csv["Content-Type"].startswith("text/csv")


# Privacy ------------------------------------------------------------------------------------------


def test_the_privacy_notice_states_the_certificate_retention_in_force(settings):
    from notices.demo import privacy_body

    settings.EVENT_CERTIFICATE_RETENTION_YEARS = 7
    text = " ".join(str(value) for _kind, value in privacy_body("dpo@example.org"))
    assert "kept 7 years after it was issued" in text
    assert "Feedback on events" in text and "without your name" in text


def test_a_signed_in_persons_export_and_erasure_cover_registrations_and_certificates(held):
    from core.personal_data import erase_personal_data, export_personal_data
    from core.sections import account_page_sections
    from tests.factories import UserFactory

    registration = attendee(held)
    certificate = issue_certificate(registration)
    user = UserFactory(email="A0@example.org")
    exported = export_personal_data(user)["event_registrations"]
    assert [row["event"] for row in exported["registrations"]] == [held.title]
    assert exported["certificates"][0]["code"] == certificate.code
    sections = [
        section for section in account_page_sections.sections(user) if section.template.startswith("events/")
    ]
    assert sections and sections[0].data["rows"][0]["certificate_url"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        erase_personal_data(user)
    registration.refresh_from_db()
    assert registration.is_anonymised and registration.name == ""
    assert certificate_for_code(certificate.code) is None
    assert attendee(held, 1).name == "Attendee 1"  # others untouched


# Bounded queries and fuzzing -----------------------------------------------------------------------


def test_the_organiser_report_queries_do_not_grow_with_the_number_of_events(client, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member_user(member, Membership.Role.ORGANISER))
    url = reverse("events_admin:organiser_report")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make_event(member=member, revision=False, start=timezone.now() - timedelta(days=40))
    queries()  # the first request also loads what stays cached (site, settings)
    one = queries()
    for offset in range(5):
        event = make_event(member=member, revision=False, start=timezone.now() - timedelta(days=50 + offset))
        RegistrationFactory(event=event, attended=True)
    assert queries() == one


@pytest.mark.parametrize(
    "typed",
    ["\x00", "' OR 1=1 --", "%", "x" * 5000, "ﬁ€ß𝔘", "ABCD-EFGH-JKLM-NPQR-STUV", " " * 200, "\u202e"],
)
def test_any_typed_code_is_answered_without_an_error(client, typed):
    response = client.get(reverse("events:certificate_verify"), {"code": typed})
    assert response.status_code in (200, 400, 404)
    assert "This certificate is genuine" not in response.content.decode()


@pytest.mark.parametrize("typed", ["", "abcd", "ABCD-EFGH-JKLM-NPQR-STU", "a" * 20, "🙂" * 20])
def test_a_code_that_was_never_issued_is_rejected(typed):
    assert certificate_for_code(typed) is None
