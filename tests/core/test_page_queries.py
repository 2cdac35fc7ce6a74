"""Every public page type renders with at most 15 SQL queries when the page cache cannot answer (a visitor
with a session), and the count does not grow with the amount of content."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.factories import make_event
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db

BOUND = 15


def queries(client, url: str) -> list[str]:
    """The queries of one render of `url`, once the remembered lookups are warm (as on a running server)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert "X-Page-Cache" not in response, "the page cache answered: nothing was rendered"
    return [query["sql"] for query in captured.captured_queries]


def add_content(member, partner, count: int, offset: int) -> None:
    for n in range(count):
        practice_page(
            member,
            title=f"Practice {offset + n}",
            themes=["language-training", "mentoring"],
            target_groups=["refugees"],
            partners=[partner],
            indicators=[("beneficiaries", 10 + n)],
            is_success_story=n % 2 == 0,
            with_revision=False,
        )
        make_event(member=member, title=f"Event {offset + n}", slug=f"event-{offset + n}", revision=False)


def page_urls(client, member) -> dict[str, str]:
    listing = client.get("/practices/").content.decode()
    events = client.get("/events/").content.decode()
    practice = re.search(r'href="(/practices/[a-z0-9-]+/[a-z0-9-]+/)"', listing)
    event = re.search(r'href="(/events/[a-z0-9-]+/[a-z0-9-]+/)"', events)
    assert practice and event
    return {
        "home": "/",
        "practice listing": "/practices/",
        "filtered practice listing": "/practices/?theme=mentoring&sort=title",
        "success stories": "/practices/success-stories/",
        "practice page": practice.group(1),
        "priority page": "/priorities/local-regional-networks/",
        "event listing": "/events/",
        "filtered event listing": "/events/?type=workshop&mode=in_person",
        "calendar": "/events/calendar/",
        "event page": event.group(1),
        "member directory": "/members/",
        "member profile": f"/members/{member.slug}/",
        "search page": "/search/?q=housing",
    }


def test_every_public_page_type_renders_within_the_query_bound_whatever_the_content(client):
    member = MemberFactory(name="City of Lyon", slug="lyon", expertise_themes=["mentoring"])
    partner = MemberFactory(name="City of Ghent", slug="ghent")
    add_content(member, partner, 3, offset=0)
    client.cookies["sessionid"] = "a-visitor-the-page-cache-cannot-answer"
    urls = page_urls(client, member)
    few = {name: queries(client, url) for name, url in urls.items()}
    add_content(member, partner, 12, offset=100)
    many = {name: queries(client, url) for name, url in urls.items()}

    over = {name: len(found) for name, found in many.items() if len(found) > BOUND}
    assert not over, f"over {BOUND} queries: {over}\n" + "\n".join(many[next(iter(over))])
    grown = {name: (len(few[name]), len(many[name])) for name in urls if len(many[name]) > len(few[name])}
    assert not grown, f"queries grow with the content: {grown}"


def test_the_remembered_lookups_follow_changes_for_visitors_the_page_cache_cannot_answer(client):
    from core.models import NetworkSettings, Theme

    member = MemberFactory(name="City of Lyon", slug="lyon")
    practice = practice_page(member, title="Welcome desks", themes=["mentoring"])
    client.cookies["sessionid"] = "a-visitor-the-page-cache-cannot-answer"
    assert "Welcome desks" in client.get("/practices/").content.decode()

    theme = Theme.objects.get(slug="mentoring")
    theme.name = "Homes for everyone"
    theme.save()
    assert "Homes for everyone" in client.get("/practices/").content.decode()

    settings_row = NetworkSettings.load()
    settings_row.funding_statement = "Funded by the test suite."
    settings_row.save()
    assert "Funded by the test suite." in client.get("/practices/").content.decode()

    cafes = practice_page(member, title="Language cafés", themes=["mentoring"])
    listing = client.get("/practices/?theme=mentoring").content.decode()
    assert "Language cafés" in listing and "Welcome desks" in listing
    assert "Language cafés" in client.get(practice.url).content.decode()  # a related practice now
    cafes.unpublish()
    assert "Language cafés" not in client.get(practice.url).content.decode()

    old_url = practice.url
    practice.slug = "welcome-desks-everywhere"
    practice.save_revision().publish()
    practice.refresh_from_db()
    assert practice.url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(practice.url).status_code == 200


def test_remembered_sections_follow_new_and_withdrawn_practices_and_events(client):
    """The home page's, a member profile's and a priority page's lists are remembered (core.sections): a
    visitor the page cache cannot answer still sees a practice or event as soon as it is published,
    and no longer once it is withdrawn."""
    member = MemberFactory(name="City of Lyon", slug="lyon")
    practice = practice_page(member, title="Welcome desks", themes=["mentoring"])
    client.cookies["sessionid"] = "a-visitor-the-page-cache-cannot-answer"
    profile = f"/members/{member.slug}/"
    for url in ("/", profile):
        assert "Welcome desks" in client.get(url).content.decode()
        assert "Language cafés" not in client.get(url).content.decode()

    priority = f"/priorities/{practice.priority.slug}/"
    assert "Language cafés" not in client.get(priority).content.decode()

    cafes = practice_page(member, title="Language cafés", themes=["mentoring"])
    event = make_event(member=member, title="Study visit to Lyon", slug="study-visit-lyon")
    for url in ("/", profile):
        html = client.get(url).content.decode()
        assert "Language cafés" in html and "Study visit to Lyon" in html, url
    assert "Language cafés" in client.get(priority).content.decode()

    cafes.unpublish()
    event.unpublish()
    for url in ("/", profile, priority):
        html = client.get(url).content.decode()
        assert "Language cafés" not in html and "Study visit to Lyon" not in html, url


def test_a_new_view_restriction_hides_a_practice_at_once(client):
    from wagtail.models import PageViewRestriction

    member = MemberFactory(name="City of Lyon", slug="lyon")
    practice = practice_page(member, title="Welcome desks", themes=["mentoring"])
    client.cookies["sessionid"] = "a-visitor-the-page-cache-cannot-answer"
    assert client.get(practice.url).status_code == 200
    assert "Welcome desks" in client.get("/practices/").content.decode()
    # A practice on the same priority and theme lists it among its related practices (remembered).
    other = practice_page(member, title="Language cafés", themes=["mentoring"])
    assert "Welcome desks" in client.get(other.url).content.decode()

    PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(practice.url).status_code == 302  # to the sign-in page
    assert "Welcome desks" not in client.get("/practices/").content.decode()
    assert "Welcome desks" not in client.get(other.url).content.decode()
