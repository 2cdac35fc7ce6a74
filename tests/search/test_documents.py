"""Serialising practices for the index costs a fixed number of queries per batch."""

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
