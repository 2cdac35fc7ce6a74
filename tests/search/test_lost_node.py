"""A search that loses a node mid-way (a shard's answer lost between the query and the fetch phase) is
sent once more, to the shard's other copy; any other shard failure still fails the search at once. The
real node failure is tests/search/test_cluster.py; these pin the rule on the engine's own answers."""

import pytest

from search.backends.base import SearchUnavailable
from search.backends.engine_base import LostNode
from search.backends.opensearch import OpenSearchBackend


def answer(*failure_types: str) -> dict:
    failures = [{"shard": 0, "reason": {"type": kind, "reason": "..."}} for kind in failure_types]
    return {
        "_shards": {
            "total": 2,
            "successful": 2 - len(failures),
            "failed": len(failures),
            "failures": failures,
        }
    }


@pytest.fixture
def backend():
    return OpenSearchBackend("http://127.0.0.1:9", "lost-node-test", 1)  # no request is sent


def test_only_shard_failures_of_a_departed_node_count_as_a_lost_node(backend):
    with pytest.raises(LostNode):
        backend._check_answer("search", answer("node_disconnected_exception"))
    with pytest.raises(LostNode):
        backend._check_answer("search", answer("node_not_connected_exception", "node_closed_exception"))
    for failures in (("query_shard_exception",), ("node_disconnected_exception", "query_shard_exception")):
        with pytest.raises(SearchUnavailable) as error:
            backend._check_answer("search", answer(*failures))
        assert not isinstance(error.value, LostNode)
    backend._check_answer("search", answer())  # no failure, no error


def test_a_search_that_lost_a_node_is_sent_once_more_and_only_once(backend):
    attempts = []

    def read(outcomes):
        def run():
            attempts.append(1)
            outcome = outcomes.pop(0)
            if isinstance(outcome, Exception):
                raise outcome
            return outcome

        return run

    assert backend._once_more_on_lost_node(read([LostNode("node left"), "answer"])) == "answer"
    assert len(attempts) == 2
    with pytest.raises(LostNode):
        backend._once_more_on_lost_node(read([LostNode("node left"), LostNode("still gone"), "never"]))
    with pytest.raises(SearchUnavailable):
        backend._once_more_on_lost_node(read([SearchUnavailable("bad query"), "never"]))
    assert len(attempts) == 5
