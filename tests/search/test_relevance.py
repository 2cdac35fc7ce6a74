"""Ranking quality over the demo corpus must not drop below the levels stated in queries.json."""

import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from search.backends import get_backend, get_database_backend
from search.evaluation import evaluate, load_relevance_set
from tests.search.conftest import engine_settings, require_engine

RELEVANCE = load_relevance_set()


class TestRelevance(TestCase):
    """The demo corpus is loaded once (it takes a while) and ranked by each backend."""

    @classmethod
    def setUpTestData(cls):
        accounts = Path(tempfile.mkdtemp()) / "demo-accounts.txt"
        with mock.patch("core.demo.DEMO_ACCOUNTS_FILE", accounts), open(Path("/dev/null"), "w") as quiet:
            call_command("load_demo_data", stdout=quiet)

    def check(self, backend, engine):
        assert len(RELEVANCE["queries"]) >= 20
        evaluation = evaluate(backend, RELEVANCE["queries"])
        bar = RELEVANCE["thresholds"][engine]
        assert evaluation.mrr >= bar["mrr"], evaluation.misses
        assert evaluation.recall_at_10 >= bar["recall_at_10"], evaluation.misses

    def test_ranking_quality_of_the_engine(self):
        require_engine()
        with engine_settings():
            get_backend().rebuild()
            self.check(get_backend(), "opensearch")

    def test_ranking_quality_of_the_database_search(self):
        self.check(get_database_backend(), f"database_{connection.vendor}")
