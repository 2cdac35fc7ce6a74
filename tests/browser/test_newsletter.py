"""The newsletter's public pages pass axe's WCAG 2.1 AA rules, and subscribing works in Chromium."""

import pytest

from newsletter.models import Subscription
from newsletter.tokens import personal_token
from tests.browser.accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_subscribe_and_preferences_pages_are_accessible(page):
    page.goto("/newsletter/")
    assert axe_violations(page) == []
    page.fill("#id_email", "reader@example.org")
    page.check("#id_consent")
    page.get_by_role("button", name="Subscribe").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    subscription = Subscription.objects.get(email="reader@example.org")
    page.goto(f"/newsletter/preferences/{personal_token(subscription)}/")
    assert axe_violations(page) == []
    assert page.console_errors == []
