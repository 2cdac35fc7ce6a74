"""Values pages read on every render (the site, settings, view restrictions, vocabulary, facet counts,
template fragments), remembered across requests and dropped by the same tag purges as whole pages.

A remembered value is stored with the generations its tags had when the request began, in this process's
memory and in the shared cache; it is used only while those generations are unchanged. So a purge makes it
stale on every worker at once, exactly like a cached page, and uncached renders (signed-in visitors, cache
misses) skip the database for what has not changed. The generations are read once per request (one
round trip for all tags), and again after a purge within the request.
"""

import hashlib
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache

from .tags import ALL_TAGS, PAGES, current_generations

T = TypeVar("T")

# Bounded: the least recently used values go first. Values are pickled, so callers never share an object.
_local = LocMemCache("page-cache-memo", {"OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4}})
# The generations this request read, set by PageCacheMiddleware; None outside a request (each call reads).
request_generations: ContextVar[Mapping[str, str] | None] = ContextVar("request_generations", default=None)
_in_request: ContextVar[bool] = ContextVar("page_cache_in_request", default=False)


def generations() -> Mapping[str, str]:
    known = request_generations.get()
    if known is None:
        known = current_generations()
        if _in_request.get():
            request_generations.set(known)
    return known


def begin_request(known: Mapping[str, str] | None = None) -> tuple[Any, Any]:
    """Start a request's scope; `known` are generations the caller has just read."""
    return _in_request.set(True), request_generations.set(known)


def end_request(tokens: tuple[Any, Any]) -> None:
    _in_request.reset(tokens[0])
    request_generations.reset(tokens[1])


def forget_generations() -> None:
    """After a purge: the rest of this request must read the new generations."""
    request_generations.set(None)


def remember(
    name: str, tags: Iterable[str], compute: Callable[[], T], *key: Any, timeout: int | None = None
) -> T:
    """`compute()`, or the value it gave last time for `name` and `key` while nothing in `tags` changed
    (and for at most `timeout` seconds, PAGE_CACHE_MAX_AGE by default)."""
    tags = tuple(sorted(set(tags)))
    unknown = set(tags) - set(ALL_TAGS)
    if unknown:
        raise ValueError(f"Unknown page cache tags: {sorted(unknown)}")
    known = generations()
    wanted = {tag: known[tag] for tag in tags}
    cache_key = f"{settings.PAGE_CACHE_KEY_PREFIX}memo:{name}:" + ":".join(map(str, key))
    entry = _local.get(cache_key)
    if entry is None or entry[0] != wanted:
        from .tags import page_cache

        timeout = settings.PAGE_CACHE_MAX_AGE if timeout is None else timeout
        entry = page_cache().get(cache_key)
        if entry is None or entry[0] != wanted:
            entry = (wanted, compute())
            page_cache().set(cache_key, entry, timeout=timeout)
        _local.set(cache_key, entry, timeout=timeout)
    return entry[1]


def remember_shown(
    name: str, tags: Iterable[str], compute: Callable[[], T], *key: Any, time_sensitive: bool = False
) -> T:
    """What a page shows of other pages, the same for every reader of a language: `remember`ed per
    language until a page (moved, restricted...) or one of `tags` changes, and for at most
    PAGE_CACHE_SHORT_MAX_AGE when it changes with time without a save (upcoming events), the bound the
    cached pages showing it already have. Never for what is a person's own."""
    from django.utils.translation import get_language

    timeout = settings.PAGE_CACHE_SHORT_MAX_AGE if time_sensitive else None
    return remember(name, [PAGES, *tags], compute, *key, get_language(), timeout=timeout)


def clear_local() -> None:
    """Forget this process's copies (tests; the shared cache and the generations stay the truth)."""
    _local.clear()


def form_state(form: Any) -> str:
    """The `vary=` of a `{% fragment %}` holding a form (a listing's filters): all its rendering depends
    on besides the language and its choices, i.e. whether it is bound and the values given for its
    fields, valid or not (its errors show them)."""
    data = form.data
    given = sorted((name, data.getlist(name)) for name in form.fields if name in data)
    return hashlib.sha256(repr((form.is_bound, given)).encode()).hexdigest()
