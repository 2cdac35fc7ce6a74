"""A three-node OpenSearch cluster (three JVMs) keeps searching and indexing when one node is killed.

Starts the cluster with `scripts/search-engine start --nodes 3` (unless SEARCH_CLUSTER_URL names a
running one), SIGKILLs the JVM holding the practices' primary shard mid-traffic, restarts it, and
checks that no document was lost. Runs in CI (CI=true) or with SEARCH_CLUSTER=1: it takes about two
minutes and 1.2 GB of memory.
"""

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.test import override_settings

from search.actions import enqueue_index, flush_outbox
from search.backends import get_backend, search_hosts
from search.backends.opensearch import OpenSearchBackend
from search.models import IndexOutbox
from search.query import SearchQuery
from tests.conftest import IN_CI
from tests.factories import MemberFactory
from tests.practices.factories import practice_page
from tests.search.conftest import TEST_PREFIX

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "search-engine"
CLUSTER_URL = "http://127.0.0.1:9301,http://127.0.0.1:9302,http://127.0.0.1:9303"

pytestmark = [pytest.mark.cluster, pytest.mark.search_engine, pytest.mark.django_db]


def _start_cluster() -> None:
    subprocess.run([str(SCRIPT), "start", "--nodes", "3"], check=True, timeout=300, cwd=ROOT)


@pytest.fixture(scope="module")
def cluster_url():
    url = os.environ.get("SEARCH_CLUSTER_URL", "")
    if url:
        yield url
        return
    if not (IN_CI or os.environ.get("SEARCH_CLUSTER") == "1"):
        pytest.skip("starts a three-node cluster (three JVMs, ~1.2 GB): set SEARCH_CLUSTER=1 or CI=true")
    _start_cluster()
    try:
        yield CLUSTER_URL
    finally:
        # Only the cluster: the single node of SEARCH_URL serves the rest of the suite.
        subprocess.run([str(SCRIPT), "stop", "--nodes", "3"], check=False, timeout=120, cwd=ROOT)


def _node_pid(node_name: str) -> int:
    return int((ROOT / "var" / "opensearch-cluster" / node_name / "node.pid").read_text())


def test_searches_and_updates_go_on_while_a_node_dies_and_nothing_is_lost(cluster_url):
    prefix = f"{TEST_PREFIX}-cluster"
    with override_settings(
        SEARCH_URL=cluster_url, SEARCH_INDEX_PREFIX=prefix, SEARCH_TIMEOUT=10, SEARCH_REPLICAS=1
    ):
        backend = get_backend()
        assert len(search_hosts(backend.url)) == 3
        member = MemberFactory(slug="tampere", name="Tampere", country="FI")
        pages = [practice_page(member, with_revision=False, slug=f"before-{n}") for n in range(30)]
        try:
            backend.rebuild()
            doc = backend.type_of("practice")
            (index,) = backend.client.indices.get_alias(name=backend.alias(doc))
            shards = backend.client.cat.shards(index=index, format="json")
            assert sorted(s["prirep"] for s in shards if s["state"] == "STARTED") == ["p", "r"]
            primary_node = next(s["node"] for s in shards if s["prirep"] == "p")

            answers, failures = [], []
            stop = threading.Event()

            def keep_searching():
                while not stop.is_set():
                    try:
                        answers.append(backend.search(SearchQuery(page_size=1)).count)
                    except Exception as error:  # recorded; the test asserts there were none
                        failures.append(error)
                    time.sleep(0.02)

            searcher = threading.Thread(target=keep_searching)
            searcher.start()
            kept_for_later = 0
            try:
                for n in range(30):
                    if n == 10:
                        os.kill(_node_pid(primary_node), signal.SIGKILL)
                        killed_at = len(answers)
                    page = practice_page(member, with_revision=False, slug=f"during-{n}")
                    pages.append(page)
                    enqueue_index(page)
                    kept_for_later += flush_outbox().failed
                    time.sleep(0.1)
            finally:
                stop.set()
                searcher.join()
            # Every search answered, also after the kill; the index moved on with the survivors.
            assert failures == []
            assert len(answers) > killed_at + 10
            assert max(answers) >= 40
            _start_cluster()  # brings the killed node back
            backend.wait_for_green(index, 120)
            while IndexOutbox.objects.exists():
                assert flush_outbox().failed == 0
            backend.refresh(doc)
            live = {str(page.pk) for page in pages}
            assert set(backend.scan_ids(backend.alias(doc))) == live
            # Each node, the returned one too, answers with every document.
            for host in search_hosts(cluster_url):
                single = OpenSearchBackend(host, prefix, 10)
                assert single.search(SearchQuery()).count == len(live)
        finally:
            backend.delete_indices()
    print(f"kept for a later flush while the primary moved: {kept_for_later} changes")
