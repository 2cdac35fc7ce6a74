"""What every engine backend holds: a client, the DSL, index names, and one way to call the engine.

The engine backend is three mixins over this base: request bodies (`engine_queries`), index lifecycle
(`engine_index`) and searching with response parsing (`engine`). Subclasses per engine
(`opensearch`, `elasticsearch`) only say which DSL, client and errors they use.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from types import ModuleType
from typing import Any, TypeVar

from search.backends.base import Capabilities, SearchBackend, SearchUnavailable
from search.documents import SearchDocument
from search.dsl import Dsl, get_dsl

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Shard failures that only say the node holding a shard left the cluster while a search ran (between the
# query and the fetch phase): sent again, the search reaches the shard's other copy.
LOST_NODE_FAILURES = frozenset(
    {"node_disconnected_exception", "node_not_connected_exception", "node_closed_exception"}
)


class LostNode(SearchUnavailable):
    """A search failed on shards whose node has just left the cluster (LOST_NODE_FAILURES)."""


ENGINE_CAPABILITIES = Capabilities(
    typo_tolerance=True,
    synonyms=True,
    word_forms=True,
    suggestions=True,
    text_similarity=True,
    own_index=True,
)


class EngineBase(SearchBackend):
    engine: str = ""
    capabilities = ENGINE_CAPABILITIES
    unavailable_errors: tuple[type[BaseException], ...] = ()
    # The client library's `helpers` module: opensearch-py's and elasticsearch-py's take the same calls.
    helpers: ModuleType
    # Documents per bulk request.
    bulk_chunk = 500

    def __init__(self, url: str, index_prefix: str, timeout: float) -> None:
        self.url = url
        self.index_prefix = index_prefix
        self.timeout = timeout
        self.dsl: Dsl = get_dsl(self.engine)
        self.client = self.make_client(url, timeout)
        self.name = self.engine

    @property
    def location(self) -> str:
        return self.url

    # --- what subclasses provide -------------------------------------------------------------
    def make_client(self, url: str, timeout: float) -> Any:
        raise NotImplementedError

    def bulk(self, actions: Iterable[dict[str, Any]], **options: Any) -> tuple[int, Any]:
        result: tuple[int, Any] = self.helpers.bulk(
            self.client, actions, chunk_size=self.bulk_chunk, request_timeout=max(self.timeout, 60), **options
        )
        return result

    def parallel_bulk(
        self, actions: Iterable[dict[str, Any]], thread_count: int, chunk_size: int | None = None
    ) -> Iterator[tuple[bool, Any]]:
        return iter(
            self.helpers.parallel_bulk(
                self.client,
                actions,
                thread_count=thread_count,
                chunk_size=chunk_size or self.bulk_chunk,
                queue_size=thread_count,
                request_timeout=max(self.timeout, 60),
            )
        )

    def scan_ids(self, index: str) -> Iterator[str]:
        for hit in self.helpers.scan(
            self.client, index=index, query={"query": {"match_all": {}}}, _source=False
        ):
            yield hit["_id"]

    def wait_for_green(self, index: str, seconds: int) -> None:
        """Block until every shard copy of `index` is allocated (its replicas caught up)."""
        raise NotImplementedError

    def raw_search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def raw_msearch(self, index: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        raise NotImplementedError

    # --- names ---------------------------------------------------------------------------------
    def alias(self, doc: type[SearchDocument]) -> str:
        return f"{self.index_prefix}-{doc.index_basename}"

    def new_index_name(self, doc: type[SearchDocument]) -> str:
        return f"{self.alias(doc)}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def document_class(self, doc: type[SearchDocument], index_name: str | None = None) -> Any:
        return doc.document_class(self.dsl, index_name or self.alias(doc))

    def _call(self, what: str, func: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            response = func(*args, **kwargs)
        except self.unavailable_errors as error:
            logger.warning("search engine at %s failed to %s: %s", self.url, what, error)
            raise SearchUnavailable(f"{self.engine} failed to {what}: {error}") from error
        if isinstance(response, dict):
            self._check_answer(what, response)
        return response

    def _search(self, what: str, index: str, body: dict[str, Any]) -> dict[str, Any]:
        """One search of `index`, sent once more when a node left the cluster while it ran."""
        return self._once_more_on_lost_node(lambda: self._call(what, self.raw_search, index, body))

    def _search_all(self, what: str, index: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Several searches of `index` in one request (the engine runs them in parallel); any one
        failing fails them all, as a single search would (and, like it, is sent once more when a node
        left the cluster while they ran)."""

        def search_all() -> list[dict[str, Any]]:
            responses: list[dict[str, Any]] = self._call(what, self.raw_msearch, index, bodies)
            for response in responses:
                self._check_answer(what, response)
            return responses

        return self._once_more_on_lost_node(search_all)

    @staticmethod
    def _once_more_on_lost_node(read: Callable[[], T]) -> T:
        try:
            return read()
        except LostNode:
            return read()  # routed to the other copies now; a second failure is the caller's to handle

    def _check_answer(self, what: str, response: dict[str, Any]) -> None:
        if "error" in response:  # one search of a multi-search
            reason = response["error"]
            logger.warning("search engine at %s failed to %s: %s", self.url, what, reason)
            raise SearchUnavailable(f"{self.engine} failed to {what}: {reason}")
        failed = response.get("_shards", {}).get("failed", 0)
        if failed:
            # A search spans one index per type: a partial answer would silently drop a type.
            failures = response["_shards"].get("failures") or [{}]
            reason = failures[0].get("reason", {})
            logger.warning("search engine at %s: %s shards failed to %s: %s", self.url, failed, what, reason)
            lost_node = all(
                failure.get("reason", {}).get("type") in LOST_NODE_FAILURES for failure in failures
            )
            error = LostNode if lost_node else SearchUnavailable
            raise error(f"{self.engine} failed to {what} on {failed} shards: {reason}")

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:
            return False
