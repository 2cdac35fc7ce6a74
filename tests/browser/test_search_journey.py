"""A visitor searches, narrows the results with a facet, jumps to a practice through autocomplete, and
switches to events and members with the type filter."""

import re

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
    assert "theme=" not in page.url  # ticking a box changes nothing until the button (WCAG 3.2.2)
    page.get_by_role("button", name="Apply filters").click()
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


def test_type_filter_finds_an_event_and_a_member(page, corpus):
    page.goto("/search/?q=guardians")
    types = page.get_by_role("navigation", name="Show")
    events = types.get_by_role("link", name=re.compile("^Events"))
    assert "".join(events.inner_text().split()) == "Events(1results)"
    events.click()
    page.wait_for_url("**type=event**")
    (card,) = page.locator(".search-result").all()
    assert card.locator(".card__title").inner_text() == "Training for guardians of children arriving alone"
    assert "Palazzo Civico, Turin, Italy" in card.locator(".card__meta").inner_text()
    # Ticking a facet keeps to events.
    page.get_by_role("group", name="When").get_by_label("Past").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**when=past**")
    assert "type=event" in page.url
    assert page.locator(".result-count").inner_text() == "1 result"
    assert axe_violations(page) == []
    page.goto("/search/?q=guardians")
    members = page.get_by_role("navigation", name="Show").get_by_role("link", name=re.compile("^Members"))
    assert "".join(members.inner_text().split()) == "Members(1results)"
    members.click()
    page.wait_for_url("**type=member**")
    page.get_by_role("link", name="City of Turin").click()
    page.wait_for_url("**/members/turin/")
    assert page.locator("h1").inner_text() == "City of Turin"
    assert page.console_errors == []
