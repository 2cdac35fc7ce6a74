"""Cards and listing pages remembered across requests (core.page_cache.cards, memo.remembered_page):
rendered once per language and options, read back in one batch, and new after a purge of what they show."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from core.page_cache import MEMBERS, PRACTICES, THEMES, purge
from core.page_cache.cards import Cards
from core.page_cache.memo import clear_local, remembered_page
from events.models import EventPage
from members.models import Member
from tests.events.factories import make_event
from tests.factories import MemberFactory
from tests.listings import card_titles, cards

pytestmark = pytest.mark.django_db


@pytest.fixture
def loads():
    return []


@pytest.fixture
def member_cards(loads):
    def load(pks):
        loads.append(sorted(pks))
        return Member.objects.filter(pk__in=pks).for_directory()

    return Cards("test-member", "members/includes/member_card.html", "member", (MEMBERS, THEMES), load)


def test_cards_are_rendered_once_per_language_and_options_in_the_order_asked(member_cards, loads):
    lyon, oslo = MemberFactory(name="Lyon"), MemberFactory(name="Oslo")
    request = RequestFactory().get("/")
    gone_pk = oslo.pk + 1000  # listed, then deleted before its card was rendered
    cards = member_cards.render(request, [oslo.pk, gone_pk, lyon.pk], level=3)
    assert [card.count("<h3") for card in cards] == [1, 1]  # a card for each object still there
    assert "Oslo" in cards[0] and "Lyon" in cards[1]
    assert member_cards.render(request, [lyon.pk, oslo.pk], level=3) == [cards[1], cards[0]]
    clear_local()  # another worker: the shared cache answers
    member_cards.render(request, [lyon.pk], level=3)
    assert loads == [sorted([oslo.pk, gone_pk, lyon.pk])]

    assert "<h4" in member_cards.render(request, [lyon.pk], level=4)[0]
    with translation.override("de"):
        member_cards.render(request, [lyon.pk, oslo.pk], level=3)
    assert loads[1:] == [[lyon.pk], sorted([lyon.pk, oslo.pk])]


def test_a_purge_of_what_a_card_shows_renders_it_again(member_cards, loads):
    lyon = MemberFactory(name="Lyon")
    request = RequestFactory().get("/")
    member_cards.render(request, [lyon.pk])
    purge([PRACTICES])  # a tag the card does not show
    member_cards.render(request, [lyon.pk])
    assert len(loads) == 1
    Member.objects.filter(pk=lyon.pk).update(name="Lyon Métropole")
    purge([MEMBERS])
    assert "Lyon Métropole" in member_cards.render(request, [lyon.pk])[0]
    assert len(loads) == 2


def test_a_remembered_page_counts_and_slices_once_per_key_and_clamps_the_number():
    members = [MemberFactory(name=f"Member {n:02}") for n in range(5)]
    calls = []

    def results():
        calls.append(1)
        return (
            Member.objects.filter(pk__in=[m.pk for m in members])
            .order_by("name")
            .values_list("pk", flat=True)
        )

    page = remembered_page("test-members", [MEMBERS], results, "2", 2, "all")
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (2, 5, 3)
    assert list(page.object_list) == [members[2].pk, members[3].pk]
    assert list(remembered_page("test-members", [MEMBERS], results, "2", 2, "all").object_list) == [
        members[2].pk,
        members[3].pk,
    ]
    assert len(calls) == 2  # counted once, sliced once
    assert remembered_page("test-members", [MEMBERS], results, "99", 2, "all").number == 3
    assert remembered_page("test-members", [MEMBERS], results, "x", 2, "all").number == 1
    empty = remembered_page("test-members", [MEMBERS], results, "1", 2, "none-left")
    assert empty.number == 1  # (a new key: counted and sliced again)


def test_listings_show_renamed_hosts_and_themes_to_visitors_the_page_cache_cannot_answer(client):
    """The event listing's and the member directory's pages and cards are remembered: a visitor with a
    session (never served from the page cache) sees a new event, a renamed host and a renamed theme
    on the next request."""
    from core.models import Theme

    member = MemberFactory(name="City of Lyon", slug="lyon", expertise_themes=["mentoring"])
    make_event(member=member, title="Study visit to Lyon", slug="study-visit-lyon")
    client.cookies["sessionid"] = "a-visitor-the-page-cache-cannot-answer"
    assert card_titles(client.get("/events/")) == ["Study visit to Lyon"]
    assert "City of Lyon" in card_titles(client.get("/members/"))

    make_event(member=member, title="Workshop in Lyon", slug="workshop-lyon")
    member.name = "Lyon Métropole"
    member.save()
    events = cards(client.get("/events/"))
    assert len(events) == 2 and all("Hosted by Lyon Métropole" in card for card in events)
    assert "Lyon Métropole" in card_titles(client.get("/members/"))

    # A renamed term alone (no page changes): the cards showing it are rendered again.
    theme = Theme.objects.get(slug="mentoring")
    theme.name = "Peer mentoring"
    theme.save()
    assert "Peer mentoring" in cards(client.get("/members/"))[0]
    event_type = EventPage.objects.get(slug="workshop-lyon").event_type
    event_type.label = "Hands-on workshop"
    event_type.save()
    assert all("Hands-on workshop" in card for card in cards(client.get("/events/")))
