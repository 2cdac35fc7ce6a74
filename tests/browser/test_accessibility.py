"""Every public page type passes axe-core's WCAG 2.1 AA rules in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import axe_violations
from tests.events.factories import in_days, make_event
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/no-such-page/",
        "/practices/",
        "/practices/success-stories/",
        "/priorities/migrant-minors/",
        "/events/",
        "/events/calendar/",
        "/events/past/",
        "/members/",
        "/members/join/",
        "/search/?q=housing",
    ],
)
def test_public_page_meets_wcag_21_aa(page, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_mobile_navigation_toggle_is_keyboard_operable(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("navigation", name="Main").is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Practices").is_visible()
    assert axe_violations(page) == []


def test_the_accessibility_check_reports_a_real_violation(page):
    page.set_content('<html lang="en"><body><main><h1>Form</h1><input type="text"></main></body></html>')
    assert any(line.startswith("label ") for line in axe_violations(page))


def test_filters_fold_behind_a_counted_toggle_on_a_phone_and_apply_only_with_their_button(page):
    MemberFactory(name="City of Ghent", country="BE", city="Ghent")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/members/?country=BE&kind=")
    toggle = page.get_by_role("button", name="Filters (1 active)")
    filters = page.locator("#member-filters")
    assert toggle.get_attribute("aria-controls") == "member-filters"
    assert toggle.get_attribute("aria-expanded") == "false" and not filters.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and filters.is_visible()
    page.get_by_label("Offers technical assistance").check()
    assert "assistance" not in page.url
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1366, "height": 800})
    # The page reacts to the new width on its media query's change event: wait for it.
    expect(toggle).to_be_hidden()
    expect(filters).to_be_visible()


def test_filters_stay_open_without_javascript(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    page.goto("/members/")
    assert page.locator("#member-filters").is_visible()
    assert not page.locator(".filters-toggle").is_visible()
    context.close()


def test_a_refused_registration_on_a_phone_focuses_the_error_summary_in_view(page):
    event = make_event(member=MemberFactory(), title="Workshop on intake desks", start=in_days(12))
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(event.url)
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/register/")
    summary = page.locator(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    top = summary.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < 800, top  # on screen where the page reloads, not 2,000 px below
    first_link = summary.get_by_role("link").first
    field = page.locator(first_link.get_attribute("href"))
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby")
    assert axe_violations(page) == []
