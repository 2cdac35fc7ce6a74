"""Values pages read on every render (the site, settings, view restrictions, vocabulary, facet counts,
template fragments), remembered across requests and dropped by the same tag purges as whole pages.

A remembered value is stored with the generations its tags had when the request began, in this process's
memory and in the shared cache; it is used only while those generations are unchanged. So a purge makes it
stale on every worker at once, exactly like a cached page, and uncached renders (signed-in visitors, cache
misses) skip the database for what has not changed. The generations are read once per request (one
round trip for all tags), and again after a purge within the request.
"""

import hashlib
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.paginator import Page, Paginator

from .tags import ALL_TAGS, PAGES, current_generations

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

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


def _wanted(tags: Iterable[str]) -> dict[str, str]:
    """The generations `tags` have for this request: what a remembered value must have been stored with."""
    tags = tuple(sorted(set(tags)))
    unknown = set(tags) - set(ALL_TAGS)
    if unknown:
        raise ValueError(f"Unknown page cache tags: {sorted(unknown)}")
    known = generations()
    return {tag: known[tag] for tag in tags}


def _cache_key(name: str, key: Iterable[Any]) -> str:
    return f"{settings.PAGE_CACHE_KEY_PREFIX}memo:{name}:" + ":".join(map(str, key))


def remember(
    name: str, tags: Iterable[str], compute: Callable[[], T], *key: Any, timeout: int | None = None
) -> T:
    """`compute()`, or the value it gave last time for `name` and `key` while nothing in `tags` changed
    (and for at most `timeout` seconds, PAGE_CACHE_MAX_AGE by default)."""
    wanted = _wanted(tags)
    cache_key = _cache_key(name, key)
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


def remember_many(
    name: str,
    tags: Iterable[str],
    items: Sequence[K],
    compute: Callable[[list[K]], Mapping[K, T]],
    *key: Any,
    timeout: int | None = None,
) -> dict[K, T]:
    """`remember` for many values at once, one per item (`key` followed by the item): those not
    remembered are read from the shared cache in one round trip, and computed together by
    `compute(missing items)`, which returns a value for each."""
    from .tags import page_cache

    wanted = _wanted(tags)
    timeout = settings.PAGE_CACHE_MAX_AGE if timeout is None else timeout
    cache_keys = {item: _cache_key(name, (*key, item)) for item in items}
    found: dict[K, T] = {}

    def take(entries: Mapping[str, Any], missing: list[K]) -> list[K]:
        still = []
        for item in missing:
            entry = entries.get(cache_keys[item])
            if entry is None or entry[0] != wanted:
                still.append(item)
            else:
                found[item] = entry[1]
        return still

    missing = take(_local.get_many(cache_keys.values()), list(cache_keys))
    if missing:
        shared = page_cache().get_many([cache_keys[item] for item in missing])
        computed = take(shared, missing)
        _local.set_many(
            {cache_keys[item]: (wanted, found[item]) for item in missing if item in found}, timeout
        )
        if computed:
            values = compute(computed)
            entries = {cache_keys[item]: (wanted, values[item]) for item in computed}
            page_cache().set_many(entries, timeout=timeout)
            _local.set_many(entries, timeout=timeout)
            found.update((item, values[item]) for item in computed)
    return {item: found[item] for item in items}


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


def remember_relations(
    instance: Any, name: str, tags: Iterable[str], load: Callable[[Any], None], *, remembered: bool = True
) -> None:
    """`load(instance)` sets what a page shows of other rows on `instance` (related objects, prefetched
    relations); remembered as `remember_shown` does, the same rows are set on the next request's
    instance without a query. Not `remembered` for a preview, whose relations are the editor's."""
    if not remembered or instance.pk is None:
        load(instance)
        return

    def compute() -> tuple[dict[str, Any], dict[str, Any]]:
        before = set(instance._state.fields_cache)
        load(instance)
        related = {name: value for name, value in instance._state.fields_cache.items() if name not in before}
        return related, dict(getattr(instance, "_prefetched_objects_cache", {}))

    related, prefetched = remember_shown(name, tags, compute, instance.pk)
    for field_name, value in related.items():
        # Only where the instance still points at that row (an edited copy may point elsewhere).
        attname = getattr(instance._meta.get_field(field_name), "attname", None)
        if attname is not None and getattr(instance, attname) == getattr(value, "pk", None):
            instance._state.fields_cache[field_name] = value
    instance._prefetched_objects_cache = {**getattr(instance, "_prefetched_objects_cache", {}), **prefetched}


def remembered_page(
    name: str,
    tags: Iterable[str],
    results: Callable[[], Any],
    number: Any,
    per_page: int,
    *key: Any,
    time_sensitive: bool = False,
) -> Page:
    """Page `number` of a public listing: `results()` (a queryset) is counted and sliced only when the
    count or that page is not remembered (`remember_shown`, per `key` and language), so a listing read
    again costs no query. The page's objects are what the queryset gives, prefetches included."""
    count = remember_shown(
        f"{name}:count", tags, lambda: results().count(), *key, time_sensitive=time_sensitive
    )
    page = Paginator(range(count), per_page).get_page(number)
    start = (page.number - 1) * per_page
    page.object_list = remember_shown(
        f"{name}:page",
        tags,
        lambda: list(results()[start : start + per_page]),
        *key,
        page.number,
        time_sensitive=time_sensitive,
    )
    return page


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
