"""Every public page type passes axe-core's WCAG 2.1 AA rules in a real browser."""

import pytest

from tests.browser.accessibility import axe_violations

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
