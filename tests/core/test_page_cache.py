"""The anonymous page cache: what it stores, for whom, and that every kind of change is seen at once."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from core.models import NetworkSettings, Priority, Theme
from events.models import Registration
from practices.models import PracticeFolderPage, PracticePage
from tests.events.factories import RegistrationFactory, make_event
from tests.factories import MemberFactory, member_user
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


def cached(client, url: str) -> str:
    """The page at `url`, after proving the cache now holds it (the second request is a hit)."""
    first = client.get(url)
    assert first.status_code == 200, url
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit", url
    assert second.content == first.content
    return second.content.decode()


def fresh(client, url: str):
    return client.get(url)


@pytest.fixture
def member():
    return MemberFactory(name="City of Lyon", slug="lyon")


@pytest.fixture
def practice(member):
    return practice_page(member, title="Welcome desks in every district", themes=["housing"])


def test_an_anonymous_page_is_stored_once_and_served_from_the_cache(client, practice):
    first = client.get("/practices/")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/practices/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "s-maxage=600" in second["Cache-Control"]
    assert "max-age=0" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]
    assert set(second["xkey"].split()) >= {"practices", "members", "themes", "pages", "settings"}


def test_parameter_order_and_tracking_parameters_share_one_cached_page(client, practice):
    client.get("/practices/?theme=housing&sort=title")
    response = client.get("/practices/?utm_source=newsletter&sort=title&fbclid=abc&theme=housing")
    assert response["X-Page-Cache"] == "hit"
    assert "utm_source" not in response.content.decode()
    assert client.get("/practices/?sort=title")["X-Page-Cache"] == "miss"


def test_a_signed_in_page_is_never_stored_nor_served_from_the_cache(client, practice, member):
    cached(client, practice.url)
    client.force_login(member_user(member))
    response = client.get(practice.url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Sign out" in response.content.decode()
    client.logout()
    client.cookies.clear()
    assert "Sign out" not in client.get(practice.url).content.decode()


def test_a_session_or_messages_cookie_bypasses_the_cache(client, practice):
    cached(client, "/practices/")
    for name in ("sessionid", "messages"):
        client.cookies.clear()
        client.cookies[name] = "anything"
        assert "X-Page-Cache" not in client.get("/practices/"), name


def test_uncacheable_answers_are_not_stored(client):
    assert "X-Page-Cache" not in client.get("/practices/not-a-page/")
    assert "X-Page-Cache" not in client.get("/events/calendar/?month=nonsense")
    assert "X-Page-Cache" not in client.get("/search/")


def test_a_cached_event_page_carries_no_csrf_token_and_its_form_still_works(client, member):
    event = make_event(member=member, capacity=5)
    client.cookies["csrftoken"] = "a" * 32  # someone else's token must not be rendered into the page
    html = cached(client, event.url)
    assert 'name="csrfmiddlewaretoken" value="" data-csrf-field' in html
    assert not re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', html)
    assert "js/csrf-field.js" in html

    csrf_client = type(client)(enforce_csrf_checks=True)
    token_response = csrf_client.get(reverse("csrf_token"))
    assert "no-store" in token_response["Cache-Control"] or "no-cache" in token_response["Cache-Control"]
    token = token_response.json()["token"]
    data = {
        "name": "Ana Silva",
        "email": "ana@example.org",
        "organisation": "Lisboa",
        "consent": "on",
        "csrfmiddlewaretoken": token,
    }
    response = csrf_client.post(f"{event.url}register/", data)
    assert response.status_code == 302
    assert Registration.objects.filter(event=event, email="ana@example.org").exists()
    without_token = type(client)(enforce_csrf_checks=True).post(f"{event.url}register/", data)
    assert without_token.status_code == 403


def test_the_registration_form_page_for_visitors_without_javascript_is_never_cached(client, member):
    event = make_event(member=member)
    response = client.get(f"{event.url}register/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', response.content.decode())


# Each change, and the cached pages that show what it changed.


def test_publishing_a_practice_shows_it_on_every_page_that_lists_it(client, member, practice):
    priority = Priority.objects.get(number=1)
    urls = [
        "/",
        "/practices/",
        "/practices/?theme=housing",
        priority.get_absolute_url(),
        f"/members/{member.slug}/",
    ]
    for url in urls:
        assert "Language cafés for parents" not in cached(client, url)
    practice_page(member, title="Language cafés for parents", themes=["housing"], priority=priority)
    for url in urls:
        assert "Language cafés for parents" in fresh(client, url).content.decode(), url


def test_editing_a_published_practice_shows_the_new_text(client, practice):
    assert "Welcome desks in every district" in cached(client, practice.url)
    practice.title = "One welcome desk per district"
    practice.save_revision().publish()
    assert "One welcome desk per district" in fresh(client, practice.url).content.decode()
    assert "One welcome desk per district" in fresh(client, "/practices/").content.decode()


def test_unpublishing_a_practice_removes_it_from_its_url_and_the_listings(client, practice):
    cached(client, practice.url)
    cached(client, "/practices/?theme=housing")
    practice.unpublish()
    assert fresh(client, practice.url).status_code == 404
    assert (
        "Welcome desks in every district" not in fresh(client, "/practices/?theme=housing").content.decode()
    )


def test_moving_a_practice_to_another_member_changes_its_url(client, practice):
    other = MemberFactory(name="City of Ghent", slug="ghent")
    old_url = practice.url
    cached(client, old_url)
    practice.move(PracticeFolderPage.for_member(other), pos="last-child")
    new_url = PracticePage.objects.get(pk=practice.pk).url
    moved = fresh(client, old_url)
    assert moved.status_code == 301 and moved["Location"] == new_url
    assert new_url in fresh(client, "/practices/").content.decode()


def test_deleting_a_practice_removes_it_from_the_listing(client, practice):
    url = practice.url
    assert "Welcome desks in every district" in cached(client, "/practices/")
    cached(client, url)
    Page.objects.get(pk=practice.pk).delete()
    assert "Welcome desks in every district" not in fresh(client, "/practices/").content.decode()
    assert fresh(client, url).status_code == 404


def test_renaming_a_member_shows_on_its_practices_and_the_directory(client, member, practice):
    cached(client, practice.url)
    cached(client, "/members/")
    member.name = "Métropole de Lyon"
    member.save()
    assert "Métropole de Lyon" in fresh(client, practice.url).content.decode()
    assert "Métropole de Lyon" in fresh(client, "/members/").content.decode()


def test_changing_an_event_shows_on_its_page_the_listing_and_the_feed(client, member):
    event = make_event(member=member, title="Study visit to Lyon")
    for url in (event.url, "/events/", "/events/feed.ics", "/"):
        assert "Study visit to Lyon" in cached(client, url)
    event.title = "Study visit to Lyon and Villeurbanne"
    event.save_revision().publish()
    for url in (event.url, "/events/", "/events/feed.ics", "/"):
        assert "Study visit to Lyon and Villeurbanne" in fresh(client, url).content.decode(), url


def test_publishing_a_resource_shows_it_on_the_cached_library_at_once(client, member, practice):
    from library.demo import library_index
    from tests.library.factories import resource

    index = library_index()
    kept = resource(index, title="Toolkit for welcome desks", practices=[practice])
    urls = ["/library/", "/library/?language=fr", kept.url]
    for url in urls:
        assert "Buddy scheme guideline" not in cached(client, url)
    cached(client, "/practices/")
    added = resource(index, title="Buddy scheme guideline", languages=("en", "fr"), publisher=member)
    for url in urls[:2]:
        assert "Buddy scheme guideline" in fresh(client, url).content.decode(), url
    # The library's own tag: the practice listing, which shows no resource, stays cached.
    assert fresh(client, "/practices/")["X-Page-Cache"] == "hit"
    cached(client, added.url)
    added.unpublish()
    assert fresh(client, added.url).status_code == 404
    assert "Buddy scheme guideline" not in fresh(client, "/library/").content.decode()
    # A resource page lists the practices it came from: it follows their changes.
    assert "Welcome desks in every district" in cached(client, kept.url)
    practice.unpublish()
    assert "Welcome desks in every district" not in fresh(client, kept.url).content.decode()


def test_a_registration_updates_the_places_left(client, member):
    event = make_event(member=member, capacity=3)
    assert "3 places left" in cached(client, event.url)
    RegistrationFactory(event=event)
    assert "2 places left" in fresh(client, event.url).content.decode()


def test_renaming_a_theme_shows_in_the_listings_facets_and_cards(client, practice):
    assert "Housing" in cached(client, "/practices/")
    theme = Theme.objects.get(slug="housing")
    theme.name = "Housing and shelter"
    theme.save()
    assert "Housing and shelter" in fresh(client, "/practices/").content.decode()


def test_changing_the_site_settings_shows_in_every_footer(client, practice):
    for url in ("/", "/practices/", practice.url):
        cached(client, url)
    settings = NetworkSettings.load()
    settings.funding_statement = "Funded by the test fund."
    settings.save()
    for url in ("/", "/practices/", practice.url):
        assert "Funded by the test fund." in fresh(client, url).content.decode(), url


def test_after_commit_a_change_made_meanwhile_by_another_request_is_purged_again(
    client, practice, django_capture_on_commit_callbacks
):
    """A page rendered from the old rows between the save and its commit is not served after the commit."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        practice.title = "Renamed inside a transaction"
        practice.save_revision().publish()
    # Stands for a request that, before the commit, stored the page as it was then.
    cached(client, "/practices/")
    assert callbacks
    for callback in callbacks:
        callback()
    assert fresh(client, "/practices/")["X-Page-Cache"] == "miss"
