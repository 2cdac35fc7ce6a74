"""Elasticsearch 8/9 through the official client (whose `elasticsearch.dsl` is the DSL)."""

from collections.abc import Iterable, Iterator
from typing import Any

import elasticsearch
from elasticsearch import helpers as es_helpers

from search.backends.engine import EngineBackend


class ElasticsearchBackend(EngineBackend):
    engine = "elasticsearch"
    unavailable_errors = (elasticsearch.ApiError, elasticsearch.TransportError)

    def make_client(self, url: str, timeout: float) -> Any:
        return elasticsearch.Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )

    def bulk(self, actions: Iterable[dict[str, Any]], **options: Any) -> tuple[int, list[Any]]:
        return es_helpers.bulk(
            self.client, actions, chunk_size=500, request_timeout=max(self.timeout, 60), **options
        )

    def scan_ids(self, index: str) -> Iterator[str]:
        for hit in es_helpers.scan(
            self.client, index=index, query={"query": {"match_all": {}}}, _source=False
        ):
            yield hit["_id"]

    def raw_search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.client.search(index=index, body=body).body
