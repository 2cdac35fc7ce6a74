"""The API docs page works with every request kept on this machine (no CDN), and a practice page
carries JSON-LD a browser parses; both pass axe's WCAG 2.1 AA rules."""

import json
from urllib.parse import urlparse

import pytest

from tests.browser.accessibility import axe_violations
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}


def keep_requests_local(page) -> list[str]:
    """Abort, and record, every request that would leave this machine."""
    outside: list[str] = []

    def route(route):
        url = route.request.url
        if urlparse(url).scheme in ("data", "blob") or urlparse(url).hostname in LOCAL_HOSTS:
            return route.continue_()
        outside.append(url)
        return route.abort()

    page.route("**/*", route)
    return outside


def test_api_docs_load_from_vendored_assets_only(page):
    outside = keep_requests_local(page)
    page.goto("/api/v1/docs")
    page.get_by_text("/api/v1/practices", exact=True).first.wait_for()
    assert page.locator(".swagger-ui .info .title").first.inner_text().startswith("Integration Network")
    assert outside == []
    assert page.console_errors == []
    assert axe_violations(page) == []


def test_practice_page_json_ld_parses_in_the_browser(page):
    member = MemberFactory(slug="ghent", name="City of Ghent", country="BE")
    practice = practice_page(member, title="Housing desk for newcomers", themes=["housing"])
    outside = keep_requests_local(page)
    page.goto(practice.url)
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "CreativeWork" and data["name"] == "Housing desk for newcomers"
    assert page.locator('meta[property="og:title"]').get_attribute("content") == practice.title
    assert outside == []
    assert axe_violations(page) == []
