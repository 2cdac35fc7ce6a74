"""Production hardening seen from a browser: a strict Content-Security-Policy without inline script on
public pages (so no nonce, and cached pages stay valid), a looser one in the Wagtail admin, and a
Permissions-Policy that switches off what the site never uses."""

import re

import pytest
from django.contrib.auth.models import Group

from members.roles import NETWORK_ADMINISTRATORS
from tests.events.factories import make_event
from tests.factories import MemberFactory, UserFactory
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db

# An executable inline script: no src, and not a JSON-LD data block (CSP's script-src does not apply to
# data blocks, which browsers never run).
INLINE_SCRIPT = re.compile(r'<script(?![^>]*\b(?:src=|type="application/ld\+json"))[^>]*>', re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_the_inline_checks_can_fail():
    assert INLINE_SCRIPT.search("<p>x</p><script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/site.js" defer></script>')
    assert EVENT_HANDLER.search('<button onclick="go()">')
    assert INLINE_STYLE.search('<p style="color:red">')


@pytest.fixture
def public_urls():
    member = MemberFactory(slug="ghent")
    event = make_event(member=member)
    practice = practice_page(member, themes=["housing"])
    return [
        "/",
        "/practices/",
        practice.url,
        "/priorities/legal-migration/",
        "/events/",
        "/events/calendar/",
        event.url,
        "/members/",
        "/members/ghent/",
        "/members/join/",
        "/search/?q=housing",
    ]


def test_public_pages_have_a_strict_policy_and_no_inline_script_or_style(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert "nonce-" not in response["Content-Security-Policy"], url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not EVENT_HANDLER.search(html), url
        assert not INLINE_STYLE.search(html), url


def test_error_pages_need_no_inline_style(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert not INLINE_STYLE.search(response.content.decode())


def test_the_wagtail_admin_gets_the_looser_policy_it_needs(client):
    administrator = UserFactory(username="csp-admin", is_staff=True)
    administrator.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    client.force_login(administrator)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_permissions_policy_switches_off_unused_features(client):
    header = client.get("/")["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"]:
        assert feature in header
