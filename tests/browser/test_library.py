"""The library's listing and a resource page pass axe's WCAG 2.1 AA rules, every request local."""

import pytest

from library.demo import library_index
from tests.browser.accessibility import axe_violations
from tests.browser.test_dissemination import keep_requests_local
from tests.library.test_library import resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_library_pages_are_accessible(page):
    index = library_index()
    guideline = resource(index, title="Buddy guideline", themes=["mentoring"], languages=("en", "fr"))
    outside = keep_requests_local(page)
    page.goto("/library/")
    page.select_option("#filter-language", "fr")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Buddy guideline").wait_for()
    assert axe_violations(page) == []
    page.goto(guideline.url)
    assert page.locator('section[aria-labelledby="resource-files-title"] a[hreflang="fr"]').count() == 1
    assert axe_violations(page) == []
    assert outside == []
    assert page.console_errors == []
