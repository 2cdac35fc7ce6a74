"""OpenSearch 2.x/3.x through opensearch-py."""

from typing import Any

from search.backends import search_hosts
from search.backends.engine import EngineBackend
from search.clients import import_opensearchpy

opensearchpy = import_opensearchpy()
from opensearchpy import exceptions as os_exceptions  # noqa: E402
from opensearchpy import helpers as os_helpers  # noqa: E402

CONNECTIONS_PER_NODE = 8


class OpenSearchBackend(EngineBackend):
    engine = "opensearch"
    helpers = os_helpers
    unavailable_errors = (os_exceptions.TransportError, os_exceptions.ImproperlyConfigured)

    def make_client(self, url: str, timeout: float) -> Any:
        hosts = search_hosts(url)
        # One node: fail fast, the database answers instead. Several: a request that cannot reach a
        # node is retried on the next one (a dead node is left alone for a while), never on a timeout.
        return opensearchpy.OpenSearch(
            hosts=hosts,
            timeout=timeout,
            max_retries=len(hosts) - 1,
            retry_on_timeout=False,
            maxsize=CONNECTIONS_PER_NODE,  # the rebuild's parallel bulk requests each need one
        )

    def wait_for_green(self, index: str, seconds: int) -> None:
        # opensearch-py takes its own `timeout` keyword for the HTTP request: pass the API's in params.
        health = self.client.cluster.health(
            index=index,
            params={"wait_for_status": "green", "timeout": f"{seconds}s"},
            request_timeout=seconds + 10,
        )
        if health.get("timed_out"):
            raise os_exceptions.ConnectionTimeout("TIMEOUT", f"{index} not green after {seconds}s", health)

    def raw_search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        response: dict[str, Any] = self.client.search(index=index, body=body)
        return response

    def raw_msearch(self, index: str, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        lines: list[dict[str, Any]] = [line for body in bodies for line in ({}, body)]
        responses: list[dict[str, Any]] = self.client.msearch(index=index, body=lines)["responses"]
        return responses
