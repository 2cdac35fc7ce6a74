"""A practice or event page remembers its route and the rows it shows (core.page_cache.routing,
memo.remember_relations) for visitors the page cache cannot answer: each change a reader can see is on
the next request."""

from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import AgendaItem, EventPage
from tests.events.factories import make_event
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(client):
    client.cookies["sessionid"] = "a-visitor-the-page-cache-cannot-answer"
    return client


def test_a_practice_page_read_again_costs_no_query_and_shows_each_published_change(visitor):
    lyon = MemberFactory(name="City of Lyon", slug="lyon")
    practice = practice_page(lyon, title="Welcome desks", themes=["mentoring"])
    assert visitor.get(practice.url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert "Welcome desks" in visitor.get(practice.url).content.decode()
    assert [query["sql"] for query in captured.captured_queries] == []

    oslo = MemberFactory(name="Oslo kommune", slug="oslo")
    practice.title = "Welcome desks in every district"
    practice.partner_members.add(oslo)
    practice.save_revision().publish()
    html = visitor.get(practice.url).content.decode()
    assert "Welcome desks in every district" in html and "Oslo kommune" in html

    oslo.name = "Oslo municipality"
    oslo.save()
    assert "Oslo municipality" in visitor.get(practice.url).content.decode()

    practice.unpublish()
    assert visitor.get(practice.url).status_code == 404


def test_an_event_page_shows_a_new_agenda_item_and_the_indicators_computed_after_it(visitor):
    from django.utils import timezone

    from events.actions import recompute_event_indicators

    held = timezone.now() - timezone.timedelta(days=2)
    event = make_event(title="Training on intake desks", event_type="training", start=held, attendance=12)
    html = visitor.get(event.url).content.decode()
    assert "Welcome and introductions" not in html and "Staff, carers or officials trained" not in html
    event = EventPage.objects.get(pk=event.pk)
    event.agenda_items.add(AgendaItem(starts_at=time(9, 30), title="Welcome and introductions"))
    event.save_revision().publish()
    assert "Welcome and introductions" in visitor.get(event.url).content.decode()

    # Computed by a task once the event has taken place: no page is published.
    assert recompute_event_indicators(EventPage.objects.get(pk=event.pk))
    assert "Staff, carers or officials trained" in visitor.get(event.url).content.decode()


def test_places_left_follow_registrations_and_a_new_capacity(visitor):
    from django.test import TestCase

    from events.actions import RegistrationDetails, register_for_event

    event = make_event(title="Workshop on intake desks", capacity=3)
    assert "3 places left" in visitor.get(event.url).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        details = RegistrationDetails(
            name="Ana", email="ana@example.org", organisation="Lisboa", consent=True
        )
        register_for_event(event, details, address_confirmed=True)
    assert "2 places left" in visitor.get(event.url).content.decode()
    event = EventPage.objects.get(pk=event.pk)
    event.capacity = 10
    event.save_revision().publish()
    assert "9 places left" in visitor.get(event.url).content.decode()


def test_a_preview_shows_the_edit_where_visitors_get_the_remembered_fragments(visitor):
    from core.models import EventType, Theme
    from members.models import Membership
    from tests.events.test_editing import post_data as event_form
    from tests.factories import member_user
    from tests.practices.test_admin_form import practice_form

    member = MemberFactory()
    event = make_event(member=member, title="Workshop on intake desks")
    practice = practice_page(member, title="Welcome desks", themes=["mentoring"])
    for page in (event, practice):
        assert page.title in visitor.get(page.url).content.decode()  # the fragments are now remembered
    editor = type(visitor)()
    editor.force_login(member_user(member, Membership.Role.EDITOR))
    edits = {
        event: event_form(event_type=str(EventType.objects.get(slug="workshop").pk), slug=event.slug),
        practice: practice_form("Welcome desks", themes=[Theme.objects.get(slug="mentoring").pk]),
    }
    for page, data in edits.items():
        url = f"/admin/pages/{page.pk}/edit/preview/"
        data.update(title="Edited in the preview", slug=page.slug)
        assert editor.post(url, data).json()["is_valid"] is True, page
        assert "<h1>Edited in the preview</h1>" in editor.get(url).content.decode(), page
        assert "Edited in the preview" not in visitor.get(page.url).content.decode()
