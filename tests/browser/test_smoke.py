"""The home page renders in a real browser and the main navigation takes a visitor to each section."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_page_renders_with_navigation_and_no_console_errors(page):
    page.goto("/")
    assert page.locator("h1").first.inner_text().strip() != ""
    navigation = page.get_by_role("navigation", name="Main")
    for label in ["Practices", "Events", "Members", "Search"]:
        assert navigation.get_by_role("link", name=label).is_visible()
    assert page.console_errors == []


def test_skip_link_is_first_focusable_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_search_from_home_page_reaches_search_page(page):
    page.goto("/")
    page.get_by_label("Search practices, events and members").fill("housing")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=housing")
    assert page.console_errors == []
