"""System checks for the search configuration (stable ids, never a crash)."""

from typing import Any

from django.core.checks import CheckMessage, Error, Warning, register

from search.backends import engine_name, search_url, validate_search_url
from search.dsl import ENGINES


@register("search")
def check_search_engine(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    url = search_url()
    if not url:
        return []
    problem = validate_search_url(url)
    if problem:
        return [
            Error(
                f"SEARCH_URL {url!r} is malformed: {problem}.",
                hint="Use http(s)://host:port of an OpenSearch or Elasticsearch node, or leave it empty "
                "to use the database search.",
                id="search.E001",
            )
        ]
    if engine_name() not in ENGINES:
        return [
            Error(
                f"SEARCH_ENGINE {engine_name()!r} is not supported.",
                hint="Use 'opensearch' or 'elasticsearch'.",
                id="search.E002",
            )
        ]
    try:
        from search.backends import get_backend

        reachable = get_backend().ping()
    except Exception:
        reachable = False
    if not reachable:
        return [
            Warning(
                f"The search engine at SEARCH_URL {url!r} does not answer.",
                hint="Searches fall back to the database until it does; start it "
                "(scripts/search-engine start) and run `manage.py search_index rebuild`.",
                id="search.W001",
            )
        ]
    return []
