"""Ranking quality on the judgment set: every backend above its stated floors, the engine well above
untuned BM25, per kind and per half (the held-out half was never tuned on)."""

import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from search.backends import get_backend, get_database_backend
from search.baseline import BaselineIndex
from search.evaluation import KINDS, Report, backend_ranker, evaluate, load_floors, load_judgments, table
from search.query import SearchQuery
from search.semantic.actions import sweep
from tests.search.conftest import engine_settings, require_engine

JUDGMENTS = load_judgments()
FLOORS = load_floors()
# The three searches of issue 10's "Why", and a practice that answers each.
EXAMPLES = {
    "Wohnungssuche für anerkannte Flüchtlinge": {
        "lyon-housing-intermediation-platform",
        "ljubljana-first-home-housing-support",
    },
    "apoyo psicológico para víctimas de trata": {
        "vienna-trauma-informed-counselling-survivors",
        "valencia-remote-psychological-support-rural-survivors",
        "valencia-safe-house-trauma-therapy-women",
    },
    "opvang van slachtoffers van mensenhandel": {
        "valencia-safe-house-trauma-therapy-women",
        "strasbourg-hebergement-securise-emploi-traite",
        "vilnius-shelter-language-life-skills-survivors",
        "catania-transition-flats-young-women-after-shelter",
    },
}


class TestRelevance(TestCase):
    """The demo corpus is loaded and embedded once (it takes a while) and ranked by each backend."""

    @classmethod
    def setUpTestData(cls):
        accounts = Path(tempfile.mkdtemp()) / "demo-accounts.txt"
        with mock.patch("core.demo.DEMO_ACCOUNTS_FILE", accounts), open(Path("/dev/null"), "w") as quiet:
            call_command("load_demo_data", stdout=quiet)
        sweep()  # publishing embeds after commit, which a test transaction never reaches

    def check_floors(self, report: Report, floors: dict) -> None:
        failures = []
        for half, by_kind in floors.items():
            for kind, by_metric in by_kind.items():
                scores = report.scores(None if kind == "all" else kind, half)
                for metric, floor in by_metric.items():
                    if getattr(scores, metric) < floor:
                        failures.append(f"{half}/{kind}: {metric} {getattr(scores, metric):.3f} < {floor}")
        assert not failures, (failures, report.worst("heldout"))

    def check_examples(self, backend) -> None:
        for text, answers in EXAMPLES.items():
            top = [r.slug for r in backend.search(SearchQuery(text=text, page_size=3)).results]
            assert answers & set(top), (text, top)

    def test_the_engine_beats_untuned_bm25_and_its_floors(self):
        require_engine()
        with engine_settings():
            backend = get_backend()
            backend.rebuild()
            baseline = BaselineIndex(backend)
            baseline.build()
            try:
                engine = evaluate(backend_ranker(backend), JUDGMENTS)
                bm25 = evaluate(baseline.ranker(), JUDGMENTS)
            finally:
                baseline.drop()
            print("\n" + table({"bm25": bm25, "opensearch": engine}, half="heldout"))
            self.check_floors(engine, FLOORS["opensearch"])
            margin = FLOORS["margin_over_bm25"]
            for half in ("tuning", "heldout"):
                assert engine.scores(half=half).ndcg >= bm25.scores(half=half).ndcg + margin, half
            self.check_examples(backend)

    def test_the_database_search_meets_its_floors(self):
        backend = get_database_backend()
        report = evaluate(backend_ranker(backend), JUDGMENTS)
        print("\n" + table({f"database ({connection.vendor})": report}, half="heldout"))
        self.check_floors(report, FLOORS[f"database_{connection.vendor}"])
        self.check_examples(backend)


def test_every_floor_names_a_known_half_kind_and_metric():
    for name in ("opensearch", "database_sqlite", "database_postgresql"):
        assert set(FLOORS[name]) == {"tuning", "heldout"}
        for by_kind in FLOORS[name].values():
            assert set(by_kind) == {*KINDS, "all"}
            assert all(set(by_metric) == {"ndcg", "mrr", "recall"} for by_metric in by_kind.values())
