"""Mail never breaks a request: every email leaves through the task queue after commit, a failed send is
kept and retried, and one that keeps failing is listed for administrators."""

import socket
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.models import UndeliveredEmail
from core.outbox import message_from_data, message_to_data
from members.models import MembershipApplication
from members.roles import NETWORK_ADMINISTRATORS
from tests.factories import UserFactory
from tests.members.factories import join_form_data

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    """The real SMTP backend, pointed at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2


def smtp_back(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_with_smtp_down_an_applicant_gets_the_success_page_and_the_mail_is_retried(
    client, settings, smtp_down, django_capture_on_commit_callbacks
):
    settings.NETWORK_ADMIN_EMAILS = ["secretariat@network.example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/members/join/", join_form_data())
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert MembershipApplication.objects.get().organisation_name == "Municipality of Braga"
    failure = UndeliveredEmail.objects.get()
    assert failure.purpose == "members:application_submitted"
    assert failure.recipients == ["secretariat@network.example.org"]
    assert failure.status == UndeliveredEmail.Status.RETRYING
    assert "ConnectionRefusedError" in failure.last_error

    # Not due yet: the sweep leaves it alone.
    call_command("retry_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert UndeliveredEmail.objects.get().attempts == 1

    # SMTP is back and the retry is due: it is delivered and the row is gone.
    smtp_back(settings)
    UndeliveredEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("retry_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [message.subject for message in mail.outbox] == [
        "New membership application: Municipality of Braga"
    ]
    assert not UndeliveredEmail.objects.exists()


def test_a_mail_that_keeps_failing_is_given_up_and_listed_for_administrators(
    client, settings, smtp_down, django_capture_on_commit_callbacks
):
    settings.EMAIL_MAX_ATTEMPTS = 3
    settings.NETWORK_ADMIN_EMAILS = ["secretariat@network.example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/members/join/", join_form_data())
    for _attempt in range(2):
        UndeliveredEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        call_command("retry_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    failure = UndeliveredEmail.objects.get()
    assert (failure.status, failure.attempts) == (UndeliveredEmail.Status.GAVE_UP, 3)

    administrator = UserFactory(username="network-admin", is_superuser=True, is_staff=True)
    administrator.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    client.force_login(administrator)
    html = client.get("/admin/undelivered_emails/").content.decode()
    assert "New membership application: Municipality of Braga" in html
    assert "Gave up" in html


def test_the_retry_delay_grows_and_is_capped():
    delays = [UndeliveredEmail.backoff(attempt) for attempt in range(1, 8)]
    assert delays[:3] == [timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=45)]
    assert delays[-1] == timedelta(hours=6)


def test_a_message_with_alternatives_and_attachments_survives_the_queue():
    message = mail.EmailMultiAlternatives("Subject", "Body", "from@example.org", ["to@example.org"])
    message.attach_alternative("<p>Body</p>", "text/html")
    message.attach("event.ics", b"BEGIN:VCALENDAR", "text/calendar")
    copy = message_from_data(message_to_data(message))
    assert (copy.subject, copy.body, copy.to, copy.alternatives[0][1]) == (
        "Subject",
        "Body",
        ["to@example.org"],
        "text/html",
    )
    assert copy.attachments[0][:2] == ("event.ics", "BEGIN:VCALENDAR")  # Django decodes text/*
