"""The section registries: how one app's content reaches another app's page without an import."""

import pytest

from core.models import Priority
from core.sections import (
    Section,
    SectionRegistry,
    home_page_sections,
    member_profile_sections,
    priority_page_sections,
    remembered,
)
from tests.events.factories import make_event
from tests.factories import MemberFactory
from tests.practices.factories import practice_page


def test_sections_come_in_registration_order_and_skip_providers_with_nothing_to_show():
    registry: SectionRegistry[[str]] = SectionRegistry("test page")

    @registry.register
    def first(name: str) -> Section | None:
        return Section("first.html", {"name": name})

    @registry.register
    def silent(name: str) -> Section | None:
        return None

    @registry.register
    def second(name: str) -> Section | None:
        return Section("second.html")

    sections = registry.sections("Milano")
    assert [section.template for section in sections] == ["first.html", "second.html"]
    assert sections[0].data == {"name": "Milano"}
    assert sections[1].data == {}


@pytest.mark.django_db
def test_a_remembered_section_is_computed_once_per_argument_and_language_until_its_tag_is_purged(
    settings,
):
    import time

    from django.utils import translation

    from core.page_cache import PAGES, PRACTICES, THEMES
    from core.page_cache.tags import purge

    settings.PAGE_CACHE_SHORT_MAX_AGE = 1
    calls: list[tuple[str, str]] = []

    @remembered(PRACTICES)
    def lasting(name: str) -> Section | None:
        calls.append(("lasting", name))
        return Section("lasting.html", {"name": name})

    @remembered(PRACTICES, time_sensitive=True)
    def brief(name: str) -> Section | None:
        calls.append(("brief", name))
        return Section("brief.html", {"name": name})

    assert lasting("Milano") == lasting("Milano") == Section("lasting.html", {"name": "Milano"})
    lasting("Lyon")
    with translation.override("de"):
        lasting("Milano")
    assert calls == [("lasting", "Milano"), ("lasting", "Lyon"), ("lasting", "Milano")]
    for tag in (PRACTICES, PAGES):
        purge([tag])
        lasting("Milano")
    purge([THEMES])  # a tag the section does not show
    lasting("Milano")
    assert calls.count(("lasting", "Milano")) == 4

    brief("Milano")
    brief("Milano")
    time.sleep(1.2)  # past PAGE_CACHE_SHORT_MAX_AGE: what changes with time is recomputed
    brief("Milano")
    lasting("Milano")
    assert calls.count(("brief", "Milano")) == 2 and calls.count(("lasting", "Milano")) == 4


def test_registering_a_provider_twice_keeps_one_section():
    registry: SectionRegistry[[]] = SectionRegistry("test page")

    def only() -> Section | None:
        return Section("only.html")

    registry.register(only)
    registry.register(only)
    assert registry.sections() == [Section("only.html")]
    registry.unregister(only)
    assert registry.sections() == []


def test_each_content_app_registers_its_sections_at_startup():
    def names(registry: SectionRegistry) -> set[str]:
        return {f"{provider.__module__}.{provider.__name__}" for provider in registry.providers}

    assert names(home_page_sections) == {
        "practices.sections.latest_practices",
        "events.sections.upcoming_events",
    }
    assert names(member_profile_sections) == {
        "practices.sections.practices_of",
        "events.sections.events_hosted_by",
        "library.sections.resources_of",
    }
    assert names(priority_page_sections) == {"events.sections.upcoming_events_on"}


@pytest.mark.django_db
def test_pages_show_the_sections_other_apps_contribute(client):
    member = MemberFactory(name="Busy Town")
    priority = Priority.objects.first()
    practice_page(member, title="One-stop shop for newcomers")
    event = make_event(member=member, title="Study visit to the intake desk")
    event.priorities.add(priority)
    event.save()  # a ParentalManyToManyField writes its rows on save

    home = client.get("/").content.decode()
    assert "One-stop shop for newcomers" in home and "Study visit to the intake desk" in home
    profile = client.get(member.get_absolute_url()).content.decode()
    assert "One-stop shop for newcomers" in profile and "Study visit to the intake desk" in profile
    priority_html = client.get(f"/priorities/{priority.slug}/").content.decode()
    assert "Study visit to the intake desk" in priority_html


@pytest.mark.django_db
def test_pages_leave_out_sections_with_nothing_to_show(client):
    member = MemberFactory(name="Quiet Town")
    assert home_page_sections.sections() == []
    assert member_profile_sections.sections(member) == []
    assert priority_page_sections.sections(Priority.objects.first()) == []
    assert 'id="home-events-title"' not in client.get("/").content.decode()
