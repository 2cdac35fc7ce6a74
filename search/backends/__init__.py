"""Picks the search backend from settings.

SEARCH_URL empty -> Wagtail's database search. SEARCH_URL http(s)://... -> the engine named by
SEARCH_ENGINE ("opensearch", the default, or "elasticsearch"); list every node of a cluster,
comma-separated, and the client moves to another node when one fails.
"""

import threading
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from search.backends.base import SearchBackend, SearchUnavailable, TypeStatus
from search.backends.database import DatabaseBackend

__all__ = ["SearchBackend", "SearchUnavailable", "TypeStatus", "get_backend", "get_database_backend"]

_cache: dict[tuple[Any, ...], SearchBackend] = {}
_lock = threading.Lock()


def search_url() -> str:
    return (getattr(settings, "SEARCH_URL", "") or "").strip()


def engine_name() -> str:
    return (getattr(settings, "SEARCH_ENGINE", "") or "opensearch").strip().lower()


def search_hosts(url: str) -> list[str]:
    """The node URLs of SEARCH_URL: one, or several separated by commas (every node of a cluster)."""
    return [host.strip() for host in url.split(",") if host.strip()]


def validate_search_url(url: str) -> str | None:
    """Why `url` (one node URL or several, comma-separated) is not usable, or None."""
    hosts = search_hosts(url)
    if not hosts:
        return "it names no host"
    for host in hosts:
        parts = urlsplit(host)
        if parts.scheme not in {"http", "https"}:
            return "the scheme must be http or https"
        try:
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError:
            return "the port is not a number between 0 and 65535"
        if not parts.hostname:
            return "it names no host"
    return None


def get_backend() -> SearchBackend:
    """The configured backend (engine clients are reused across requests)."""
    url = search_url()
    if not url:
        return get_database_backend()
    key = (engine_name(), url, settings.SEARCH_INDEX_PREFIX, float(getattr(settings, "SEARCH_TIMEOUT", 5)))
    backend = _cache.get(key)
    if backend is None:
        with _lock:
            backend = _cache.get(key) or _make_engine_backend(*key)
            _cache[key] = backend
    return backend


def _make_engine_backend(engine: str, url: str, prefix: str, timeout: float) -> SearchBackend:
    if engine == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend(url, prefix, timeout)
    if engine == "opensearch":
        from search.backends.opensearch import OpenSearchBackend

        return OpenSearchBackend(url, prefix, timeout)
    raise ValueError(f"SEARCH_ENGINE must be 'opensearch' or 'elasticsearch', not {engine!r}")


def get_database_backend() -> DatabaseBackend:
    return DatabaseBackend()
