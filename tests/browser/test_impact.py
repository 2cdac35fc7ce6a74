"""The impact dashboard in Chromium: every chart and map draws, nothing is requested from elsewhere,
axe finds no WCAG 2.1 AA violation, and the filters work with JavaScript switched off."""

from datetime import timedelta

import pytest

from events.actions import record_attendance
from tests.browser.accessibility import axe_violations
from tests.browser.test_dissemination import keep_requests_local
from tests.events.factories import RegistrationFactory, in_days, make_event
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def figures():
    ghent = MemberFactory(name="City of Ghent", country="BE")
    bologna = MemberFactory(name="Bologna", country="IT")
    practice_page(
        ghent, priority=1, indicators=[("beneficiaries", 120), ("children-0-14", 8)], with_revision=False
    )
    practice_page(bologna, priority=2, indicators=[("beneficiaries", 60)], with_revision=False)
    make_event(member=ghent, start=in_days(-20), end=in_days(-20) + timedelta(hours=6), attendance=30)
    # A held training with a carer marked as attended: the event figures and their training-days chart.
    training = make_event(member=bologna, event_type="training", start=in_days(-3), revision=False)
    carer = RegistrationFactory(event=training, participant_type="carer")
    RegistrationFactory(event=training, participant_type="official")
    record_attendance(training, {carer.pk})


def test_charts_and_maps_render_with_every_request_on_our_site(page, figures):
    outside = keep_requests_local(page)
    page.goto("/impact/")
    images = page.locator(".impact-chart__figure img")
    assert images.count() >= 7
    assert page.locator("#chart-training-days-by-participant-type img").count() == 1
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        page.wait_for_function("image => image.complete", arg=image.element_handle(), timeout=10_000)
        # A broken or refused SVG has no natural size.
        assert image.evaluate("image => image.naturalWidth") > 0, image.get_attribute("src")
    assert "180" in page.locator('[data-figure="beneficiaries"]').inner_text()
    assert page.locator('[data-event-figure="registered"] .impact-total').inner_text() == "2"
    assert page.locator('[data-event-figure="no-shows"] .impact-total').inner_text() == "1"
    assert outside == []
    assert page.console_errors == []
    assert axe_violations(page) == []


def test_filters_work_without_javascript(browser, live_server, figures):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/impact/")
    page.select_option("#impact-country", "IT")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url("**/impact/?*country=IT*")
    assert "60" in page.locator('[data-figure="beneficiaries"]').inner_text()
    context.close()
