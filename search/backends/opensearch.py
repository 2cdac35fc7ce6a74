"""OpenSearch 2.x/3.x through opensearch-py."""

from collections.abc import Iterable, Iterator
from typing import Any

from search.backends.engine import EngineBackend
from search.clients import import_opensearchpy

opensearchpy = import_opensearchpy()
from opensearchpy import exceptions as os_exceptions  # noqa: E402
from opensearchpy import helpers as os_helpers  # noqa: E402


class OpenSearchBackend(EngineBackend):
    engine = "opensearch"
    unavailable_errors = (os_exceptions.TransportError, os_exceptions.ImproperlyConfigured)

    def make_client(self, url: str, timeout: float) -> Any:
        return opensearchpy.OpenSearch(hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False)

    def bulk(self, actions: Iterable[dict[str, Any]], **options: Any) -> tuple[int, list[Any]]:
        return os_helpers.bulk(
            self.client, actions, chunk_size=500, request_timeout=max(self.timeout, 60), **options
        )

    def scan_ids(self, index: str) -> Iterator[str]:
        for hit in os_helpers.scan(
            self.client, index=index, query={"query": {"match_all": {}}}, _source=False
        ):
            yield hit["_id"]

    def raw_search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.client.search(index=index, body=body)
