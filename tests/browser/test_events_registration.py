"""A visitor finds an upcoming workshop by filter, registers, confirms their address through the emailed
link, and cancels through the registration link."""

from urllib.parse import urlsplit

import pytest
from django.core import mail

from events.models import Registration
from tests.browser.accessibility import axe_violations
from tests.events.factories import in_days, make_event
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_registers_confirms_by_the_emailed_link_and_cancels(page):
    member = MemberFactory()
    make_event(member=member, title="Workshop on intake desks", event_type="workshop", start=in_days(12))
    make_event(member=member, title="Conference on reception", event_type="conference", start=in_days(14))

    page.goto("/events/")
    page.get_by_label("Type").select_option("workshop")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/events/?*type=workshop*")
    assert page.get_by_role("link", name="Conference on reception").count() == 0
    page.get_by_role("link", name="Workshop on intake desks").click()

    assert axe_violations(page) == []
    page.get_by_label("Full name", exact=True).fill("Ana Costa")
    page.get_by_label("Email", exact=True).fill("ana@example.org")
    page.get_by_label("Organisation", exact=True).fill("Câmara Municipal de Lisboa")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Register").click()

    page.get_by_role("heading", name="Check your email to confirm").wait_for()
    assert Registration.objects.get().status == Registration.Status.PENDING
    assert len(mail.outbox) == 1 and not mail.outbox[0].attachments
    confirm = next(line for line in mail.outbox[0].body.splitlines() if "/events/confirm/" in line)
    page.goto(urlsplit(confirm.strip()).path)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm my registration").click()
    page.get_by_text("Thank you: your registration is confirmed.").wait_for()
    assert page.locator(".registration-status").inner_text() == "Confirmed"
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert len(mail.outbox) == 2 and mail.outbox[1].attachments
    link = next(line for line in mail.outbox[1].body.splitlines() if "/events/registration/" in line)

    page.goto(urlsplit(link).path)
    page.get_by_role("button", name="Cancel my registration").click()
    page.get_by_text("Your registration is cancelled.").wait_for()
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    assert page.console_errors == []
