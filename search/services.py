"""What views and templates call: search with a database fallback, autocomplete, related practices."""

import logging
from typing import Any

from search.backends import SearchUnavailable, get_backend, get_database_backend
from search.query import (
    FACETS,
    TYPE_FACET,
    TYPES,
    FacetValue,
    SearchQuery,
    SearchResult,
    SearchResults,
    Suggestion,
)

FIXED_ORDER = ("priority", "when", TYPE_FACET)

logger = logging.getLogger(__name__)


def search(query: SearchQuery, labels: dict[str, dict[str, str]]) -> SearchResults:
    """Run `query` on the configured backend; if the engine does not answer, on the database."""
    backend = get_backend()
    try:
        results = backend.search(query)
    except SearchUnavailable:
        logger.warning("search engine unavailable; answering from the database", exc_info=True)
        results = get_database_backend().search(query)
        results.fallback = True
    _complete_facets(results, query, labels)
    return results


def _complete_facets(results: SearchResults, query: SearchQuery, labels: dict[str, dict[str, str]]) -> None:
    """Label every facet value and keep selected values listed (with 0) so they can be unticked."""
    for facet in (*FACETS, TYPE_FACET):
        values = results.facets.setdefault(facet, [])
        present = {value.value for value in values}
        # Every type is listed (with 0), so the type filter always offers all three.
        listed = query.types + tuple(TYPES) if facet == TYPE_FACET else query.values(facet)
        values += [FacetValue(value, 0) for value in dict.fromkeys(listed) if value not in present]
        selected = query.types if facet == TYPE_FACET else query.values(facet)
        for value in values:
            value.label = labels.get(facet, {}).get(value.value, value.value)
            value.selected = value.value in selected
        if facet in FIXED_ORDER:  # the call's order, past after upcoming, the types' order; not by count
            order = list(labels.get(facet, {}))
            values.sort(key=lambda v: order.index(v.value) if v.value in order else len(order))


def autocomplete(text: str, limit: int = 8) -> list[Suggestion]:
    text = " ".join(text.split())[:100]
    if len(text) < 2:
        return []
    try:
        return get_backend().autocomplete(text, limit)
    except SearchUnavailable:
        return get_database_backend().autocomplete(text, limit)


def related_practices(page: Any, limit: int = 4) -> list[SearchResult]:
    """Practices like `page`: text similarity in the engine, else same priority and shared themes.
    The same for every reader of a language: remembered until a page (a view restriction too), a
    member or a theme changes (core.page_cache.memo), like the cached pages that show them."""
    from core.page_cache import MEMBERS, PRACTICES, THEMES
    from core.page_cache.memo import remember_shown

    def compute() -> list[SearchResult]:
        try:
            related = get_backend().more_like_this(page, limit)
        except SearchUnavailable:
            related = []
        return related or get_database_backend().more_like_this(page, limit)

    keys = (type(page).__name__, page.pk, limit)
    return remember_shown("related-practices", [PRACTICES, MEMBERS, THEMES], compute, *keys)
