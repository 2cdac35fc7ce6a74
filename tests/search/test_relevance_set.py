"""The judgment set in search/relevance/judgments.json keeps the shape and rules it was written to.

Structure only: these tests never rank anything. Each rule is a small function that returns the
problems it finds, and each function is first shown to catch a broken query before it is trusted.
"""

import json
import math
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JUDGMENTS_FILE = ROOT / "search" / "relevance" / "judgments.json"
PRACTICES_FILE = ROOT / "core" / "demo_content" / "practices.json"
MEMBERS_FILE = ROOT / "core" / "demo_content" / "members.json"

KIND_MINIMUMS = {"cross-language": 30, "paraphrase": 20, "typo": 10, "filtered": 10, "same-language": 15}
MINIMUM_QUERIES = 100
LANGUAGES = {"en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "el"}
FILTER_KEYS = {"priority", "theme", "target_group", "country", "member_kind", "language"}
WHY_QUERIES = (
    "Wohnungssuche für anerkannte Flüchtlinge",
    "apoyo psicológico para víctimas de trata",
    "opvang van slachtoffers van mensenhandel",
)
# English inflectional endings, longest first; enough to tell "refugee" from "refugees" or "housed".
SUFFIXES = ("ings", "ing", "ies", "ers", "es", "ed", "er", "s")

JUDGMENT_SET = json.loads(JUDGMENTS_FILE.read_text(encoding="utf-8"))
QUERIES = JUDGMENT_SET["queries"]
PRACTICES = {p["slug"]: p for p in json.loads(PRACTICES_FILE.read_text(encoding="utf-8"))["practices"]}
MEMBER_KINDS = {m["slug"]: m["kind"] for m in json.loads(MEMBERS_FILE.read_text(encoding="utf-8"))["members"]}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> set[str]:
    return {w for w in re.split(r"[^\w]+", fold(text)) if len(w) >= 3}


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def same_word(a: str, b: str) -> bool:
    """Equal, or one an inflection of the other (same stem, or a shared start of five letters or more)."""
    if a == b or stem(a) == stem(b):
        return True
    shorter = min(len(a), len(b))
    return shorter >= 5 and a[:5] == b[:5] and (a.startswith(b) or b.startswith(a) or shorter >= 6)


def grade_two(query: dict) -> list[str]:
    return [slug for slug, grade in query["judgments"].items() if grade == 2]


def cross_language_problems(query: dict) -> list[str]:
    return [
        f"{query['id']}: grade-2 {slug} is written in the query's language {query['language']}"
        for slug in grade_two(query)
        if PRACTICES[slug]["language"] == query["language"]
    ]


def paraphrase_problems(query: dict) -> list[str]:
    problems = []
    for slug in grade_two(query):
        for title_word in words(PRACTICES[slug]["title"]):
            for query_word in words(query["q"]):
                if same_word(query_word, title_word):
                    problems.append(f"{query['id']}: '{query_word}' repeats '{title_word}' of {slug}'s title")
    return problems


def satisfies(practice: dict, key: str, value: str) -> bool:
    if key == "priority":
        return str(practice["priority"]) == value
    if key == "theme":
        return value in practice["themes"]
    if key == "target_group":
        return value in practice["target_groups"]
    if key == "member_kind":
        return MEMBER_KINDS[practice["lead_member"]] == value
    return practice[key] == value  # country, language


def filter_problems(query: dict) -> list[str]:
    problems = [f"{query['id']}: unknown filter {key}" for key in set(query["filters"]) - FILTER_KEYS]
    for slug in query["judgments"]:
        for key, value in query["filters"].items():
            if key in FILTER_KEYS and not satisfies(PRACTICES[slug], key, value):
                problems.append(f"{query['id']}: {slug} does not satisfy {key}={value}")
    return problems


def recomputed_halves(queries: list[dict], seed: int) -> dict[str, str]:
    """Per kind: ids sorted, shuffled by a fresh random.Random(seed), first ceil(n/2) to tuning."""
    halves = {}
    for kind in sorted({q["kind"] for q in queries}):
        ids = sorted(q["id"] for q in queries if q["kind"] == kind)
        random.Random(seed).shuffle(ids)
        cut = math.ceil(len(ids) / 2)
        halves.update(dict.fromkeys(ids[:cut], "tuning"))
        halves.update(dict.fromkeys(ids[cut:], "heldout"))
    return halves


def test_each_rule_catches_a_broken_query():
    broken = {
        "id": "bad",
        "q": "housing platforms for refugees",
        "language": "en",
        "kind": "paraphrase",
        "filters": {"country": "DE", "colour": "red"},
        "judgments": {"lyon-housing-intermediation-platform": 2},
    }
    assert len(cross_language_problems(broken)) == 1
    assert len(paraphrase_problems(broken)) == 4  # housing, platforms (inflection), for, refugees
    assert len(filter_problems(broken)) == 2  # unknown key, Lyon is not in Germany
    assert not paraphrase_problems({**broken, "q": "landlords renting to people granted asylum"})
    assert recomputed_halves([broken], 1) == {"bad": "tuning"}


def test_set_has_enough_queries_of_each_kind():
    counts = Counter(q["kind"] for q in QUERIES)
    assert len(QUERIES) >= MINIMUM_QUERIES
    assert set(counts) == set(KIND_MINIMUMS), counts
    for kind, minimum in KIND_MINIMUMS.items():
        assert counts[kind] >= minimum, (kind, counts[kind])


def test_ids_are_unique_and_fields_are_complete():
    ids = [q["id"] for q in QUERIES]
    assert len(ids) == len(set(ids))
    for query in QUERIES:
        assert query["q"].strip() and query["need"].strip(), query["id"]
        assert query["language"] in LANGUAGES, query["id"]
        assert query["half"] in {"tuning", "heldout"}, query["id"]
        assert bool(query["filters"]) == (query["kind"] == "filtered"), query["id"]


def test_every_judged_slug_is_a_practice_of_the_corpus():
    unknown = {slug for q in QUERIES for slug in q["judgments"] if slug not in PRACTICES}
    assert not unknown


def test_grades_are_one_or_two_and_every_query_has_a_practice_to_transfer():
    for query in QUERIES:
        assert set(query["judgments"].values()) <= {1, 2}, query["id"]
        assert grade_two(query), query["id"]


def test_cross_language_queries_never_share_the_language_of_a_grade_two_practice():
    queries = [q for q in QUERIES if q["kind"] == "cross-language"]
    assert [p for q in queries for p in cross_language_problems(q)] == []
    assert {q["language"] for q in queries} == LANGUAGES


def test_paraphrases_share_no_title_word_with_a_grade_two_practice():
    problems = [p for q in QUERIES if q["kind"] == "paraphrase" for p in paraphrase_problems(q)]
    assert problems == []


def test_filtered_queries_judge_only_practices_that_pass_their_filters():
    problems = [p for q in QUERIES if q["kind"] == "filtered" for p in filter_problems(q)]
    assert problems == []


def test_halves_are_the_seeded_split():
    split = JUDGMENT_SET["split"]
    expected = recomputed_halves(QUERIES, split["seed"])
    assert {q["id"]: q["half"] for q in QUERIES} == expected
    for kind in KIND_MINIMUMS:
        halves = Counter(q["half"] for q in QUERIES if q["kind"] == kind)
        assert halves["tuning"] - halves["heldout"] in {0, 1}, kind


@pytest.mark.parametrize("text", WHY_QUERIES)
def test_the_examples_of_the_issue_are_cross_language_queries(text):
    matches = [q for q in QUERIES if q["q"] == text]
    assert len(matches) == 1
    assert matches[0]["kind"] == "cross-language"


def test_every_corpus_language_and_priority_has_practices_to_transfer():
    targets = {slug for q in QUERIES for slug in grade_two(q)}
    assert {PRACTICES[s]["language"] for s in targets} == LANGUAGES
    assert {PRACTICES[s]["priority"] for s in targets} == {1, 2, 3, 4, 5}
