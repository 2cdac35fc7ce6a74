"""Serialising practices, events and members for the index costs a fixed number of queries per batch."""

import pytest

from search.documents import PracticeDocument
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


def make_practices(count: int) -> None:
    members = [MemberFactory(slug=f"member-{n}", name=f"Member {n}") for n in range(3)]
    for number in range(count):
        page = practice_page(
            members[number % 3],
            with_revision=False,
            slug=f"practice-{number}",
            themes=["housing", "mentoring"],
            target_groups=["women", "refugees"],
        )
        page.keywords.add(f"keyword {number}")
        page.save()


@pytest.mark.parametrize("count", [3, 30])
def test_a_batch_is_serialised_in_the_same_few_queries_whatever_its_size(
    count, django_assert_max_num_queries
):
    make_practices(count)
    # The batch's rows, its themes, target groups and keywords, the site root paths (three queries
    # on a cold cache), and one more to find that the batch was the last.
    with django_assert_max_num_queries(8):
        documents = [
            PracticeDocument.prepare(page) for batch in PracticeDocument.batches(100) for page in batch
        ]
    assert len(documents) == count
    assert all(sorted(doc["themes"]) == ["housing", "mentoring"] for doc in documents)
    assert all(sorted(doc["target_groups"]) == ["refugees", "women"] for doc in documents)
    assert {doc["keywords"] for doc in documents} == {f"keyword {n}" for n in range(count)}
    assert all(doc["url"].startswith("/practices/member-") for doc in documents)
    assert all(doc["lead_member_name"].startswith("Member ") for doc in documents)


def test_batches_cover_every_live_practice_once():
    make_practices(7)
    batches = list(PracticeDocument.batches(3))
    assert [len(batch) for batch in batches] == [3, 3, 1]
    assert len({page.pk for batch in batches for page in batch}) == 7


@pytest.mark.parametrize("count", [2, 12])
def test_events_and_members_serialise_in_the_same_few_queries_whatever_their_number(
    count, django_assert_max_num_queries
):
    from core.models import Priority, Theme
    from events.models import EventPage
    from members.models import Member
    from search.documents import EventDocument, MemberDocument
    from tests.events.factories import make_event

    for number in range(count):
        member = MemberFactory(slug=f"host-{number}", name=f"Host {number}")
        member.expertise_themes.set(Theme.objects.filter(slug="housing"))
        member.save()
        event = make_event(member=member, revision=False, slug=f"event-{number}")
        event.priorities.set([Priority.objects.get(number=1)])
        event.themes.set(list(Theme.objects.filter(slug="housing")))
        event.save()
    # Events: rows, priorities, themes, site root paths (three on a cold cache), the last empty batch.
    with django_assert_max_num_queries(8):
        events = [EventDocument.prepare(e) for batch in EventDocument.batches(100) for e in batch]
    # Members: rows with their kind, expertise and assistance themes, the last empty batch.
    with django_assert_max_num_queries(4):
        members = [MemberDocument.prepare(m) for batch in MemberDocument.batches(100) for m in batch]
    assert len(events) == EventPage.objects.live().count() == count
    assert all(
        doc["priority"] == ["local-regional-networks"] and doc["themes"] == ["housing"] for doc in events
    )
    assert all(doc["place"] == "Palazzo Marino, Milano, Italy" for doc in events)
    assert len(members) == Member.objects.active().count()
    assert {doc["themes"][0] for doc in members if doc["slug"].startswith("host-")} == {"housing"}


def test_inactive_members_are_not_indexed():
    from search.documents import MemberDocument

    MemberFactory(slug="gone", is_active=False)
    MemberFactory(slug="here")
    assert {m.slug for m in MemberDocument.queryset()} >= {"here"}
    assert "gone" not in {m.slug for m in MemberDocument.queryset()}
