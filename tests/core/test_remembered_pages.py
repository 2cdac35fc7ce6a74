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
