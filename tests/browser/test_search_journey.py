"""A visitor searches, narrows the results with a facet and jumps to a practice through autocomplete."""

import pytest

from tests.browser.accessibility import axe_violations
from tests.search.conftest import build_corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def corpus(settings):
    settings.SEARCH_URL = ""  # the database search: the journey is the same on the engine
    return build_corpus()


def test_facet_click_narrows_the_results(page, corpus):
    page.goto("/search/?q=")
    assert page.locator(".result-count").inner_text() == "7 results"
    page.get_by_role("group", name="Theme").get_by_label("Housing").check()
    page.wait_for_url("**theme=housing**")
    assert page.locator(".result-count").inner_text() == "2 results"
    titles = page.locator(".search-result .card__title").all_inner_texts()
    assert sorted(titles) == [
        "Neue Wohnungen für geflüchtete Familien",
        "Renovated homes for refugee households",
    ]
    assert page.get_by_role("group", name="Theme").get_by_label("Housing").is_checked()
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_autocomplete_suggests_titles_and_opens_the_chosen_practice(page, corpus):
    page.goto("/search/")
    box = page.get_by_role("combobox", name="Search for")
    box.press_sequentially("Renov", delay=30)
    option = page.get_by_role("option", name="Renovated homes for refugee households")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Enter")
    page.wait_for_url(f"**{corpus['housing'].url}")
    assert page.locator("h1").inner_text() == "Renovated homes for refugee households"
    assert page.console_errors == []


def test_search_works_without_javascript(browser, live_server, corpus):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search/")
    page.get_by_label("Search for").fill("mentoring")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**q=mentoring**")
    assert "Mentoring newcomers into their first job" in page.locator(".result-list").inner_text()
    context.close()
