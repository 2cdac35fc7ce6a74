"""Elasticsearch 8/9 through the official client (whose `elasticsearch.dsl` is the DSL)."""

from typing import Any

import elasticsearch
from elasticsearch import helpers as es_helpers

from search.backends import search_hosts
from search.backends.engine import EngineBackend


class ElasticsearchBackend(EngineBackend):
    engine = "elasticsearch"
    helpers = es_helpers
    unavailable_errors = (elasticsearch.ApiError, elasticsearch.TransportError)

    def make_client(self, url: str, timeout: float) -> Any:
        hosts = search_hosts(url)
        return elasticsearch.Elasticsearch(
            hosts, request_timeout=timeout, max_retries=len(hosts) - 1, retry_on_timeout=False
        )

    def wait_for_green(self, index: str, seconds: int) -> None:
        health = self.client.options(request_timeout=seconds + 10).cluster.health(
            index=index, wait_for_status="green", timeout=f"{seconds}s"
        )
        if health.get("timed_out"):
            raise elasticsearch.ConnectionTimeout(f"{index} not green after {seconds}s")

    def raw_search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        response: dict[str, Any] = self.client.search(index=index, body=body).body
        return response

    def raw_msearch(self, index: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        lines: list[dict[str, Any]] = [line for body in bodies for line in ({}, body)]
        responses: list[dict[str, Any]] = self.client.msearch(index=index, searches=lines).body["responses"]
        return responses
