"""Tags say what a cached page shows; purging a tag gives it a new generation.

Each stored page keeps the generations its tags had when its rendering began. A page is served only while
every one of them is unchanged, so a purge makes all pages with the tag stale in one cache write, across
every worker sharing the cache. Generations are random, never counters: a generation evicted from the
cache and created again can never match an old page by accident.

A purge also runs after the writing transaction commits: a render that read the old rows began before
that, so it holds an older generation and is never served after it.
"""

import uuid
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest

PAGES = "pages"  # any page's title, URL or place in the tree: navigation, breadcrumbs, links
PRACTICES = "practices"
EVENTS = "events"
REGISTRATIONS = "registrations"  # places left, waiting lists
MEMBERS = "members"
RESOURCES = "resources"  # the library: its listing and resource pages
THEMES = "themes"  # themes, priorities and the other vocabulary terms that label facets
SETTINGS = "settings"  # network settings shown in every footer

ALL_TAGS = (PAGES, PRACTICES, EVENTS, REGISTRATIONS, MEMBERS, RESOURCES, THEMES, SETTINGS)
# Every page shows the navigation, the footer and links to other pages.
EVERY_PAGE = (PAGES, SETTINGS)


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation_key(tag: str) -> str:
    return f"{settings.PAGE_CACHE_KEY_PREFIX}generation:{tag}"


def current_generations() -> dict[str, str]:
    """Every tag's generation, in one round trip. A missing one (never purged, or evicted) is created, so
    that "no generation" is never a state an old page or value could match again."""
    names = {tag: generation_key(tag) for tag in ALL_TAGS}
    found = page_cache().get_many(list(names.values()))
    missing = [tag for tag, name in names.items() if name not in found]
    for tag in missing:
        page_cache().add(names[tag], uuid.uuid4().hex, timeout=None)
    if missing:
        found.update(page_cache().get_many([names[tag] for tag in missing]))
    return {tag: found[name] for tag, name in names.items()}


def declare(request: HttpRequest, tags: Iterable[str], max_age: int | None = None) -> None:
    """Let the response to `request` be cached, as a page that shows what `tags` name, for at most
    `max_age` seconds (settings.PAGE_CACHE_MAX_AGE by default). Without a declaration nothing is cached."""
    unknown = set(tags) - set(ALL_TAGS)
    if unknown:
        raise ValueError(f"Unknown page cache tags: {sorted(unknown)}")
    request.page_cache_tags = tuple(sorted({*tags, *EVERY_PAGE}))  # type: ignore[attr-defined]
    request.page_cache_max_age = max_age or settings.PAGE_CACHE_MAX_AGE  # type: ignore[attr-defined]


def new_generations(tags: Sequence[str]) -> None:
    page_cache().set_many({generation_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)


def purge(tags: Iterable[str]) -> None:
    """Make every cached page carrying one of `tags` stale, here and in the front cache."""
    tags = tuple(sorted(set(tags)))
    if not tags:
        return
    from .front import purge_front_cache
    from .memo import forget_generations

    if transaction.get_connection().in_atomic_block:
        # At once, so that whoever reads this transaction's rows (its own connection, a test) never gets
        # the old page; and again after the commit (below), because a request that rendered the old rows
        # in between may have stored its page under the first new generation.
        new_generations(tags)
        forget_generations()

    def after_commit() -> None:
        new_generations(tags)
        forget_generations()
        purge_front_cache(tags)

    transaction.on_commit(after_commit)
