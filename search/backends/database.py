"""The database search (search/fulltext/: PostgreSQL tsvector, SQLite FTS5) with facets counted by the ORM.

Used when SEARCH_URL is empty, and for any request the engine fails to answer. It has no typo
tolerance, synonyms, per-language stemming or "did you mean" (the page says so with a notice), but the
same semantic signal as the engine, so it too finds practices written in another language.
"""

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import numpy as np
from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.utils.html import escape
from wagtail.search.backends import get_search_backend

from search import fulltext
from search.backends.base import Capabilities, ProgressFactory, SearchBackend, TypeStatus, no_progress
from search.documents import SearchDocument, available_documents, document_for_model
from search.fulltext.table import FacetTable, facet_tables
from search.query import (
    FACETS,
    TYPE_FACET,
    FacetValue,
    SearchQuery,
    SearchResult,
    SearchResults,
    Suggestion,
    result_from_source,
)
from search.semantic.fusion import DATABASE_WEIGHTS, fuse
from search.semantic.signal import SemanticSignal, semantic_signal
from search.versions import collapse, reader_language, with_translation_state

# The fusion ranks this many of the best text matches, with the semantic candidates.
CANDIDATE_WINDOW = 200

SNIPPET_LENGTH = 200
# The semantic candidates are passed as query parameters: below SQLite's limit of 32,766.
MAX_CANDIDATES = 30_000


DATABASE_CAPABILITIES = Capabilities(
    typo_tolerance=False,
    synonyms=False,
    word_forms=False,
    suggestions=False,
    text_similarity=False,
    own_index=False,
)


class DatabaseBackend(SearchBackend):
    name = "database"
    capabilities = DATABASE_CAPABILITIES

    @property
    def location(self) -> str:
        return "the database"

    def ping(self) -> bool:
        return True

    def search(self, query: SearchQuery) -> SearchResults:
        results: list[SearchResult] = []
        count = 0
        facets: dict[str, dict[str, int]] = {facet: {} for facet in (*FACETS, TYPE_FACET)}
        # The semantic candidates count for their type whichever types are shown, as on the engine.
        every_type = replace(query, filters={k: v for k, v in query.filters.items() if k != TYPE_FACET})
        for doc in available_documents():
            table = facet_tables.get(doc)
            signal = semantic_signal(every_type, doc.type_name, DATABASE_WEIGHTS) if query.text else None
            text_rows = table.rows_of(fulltext.matching_ids(doc, query.text)) if query.text else None
            matched = np.ones(len(table), dtype=bool) if text_rows is None else text_rows.copy()
            if signal is not None:
                # The semantic signal's candidates join the match set, its count and its facets.
                matched |= table.rows_of(signal.admitted)
            masks = table.filter_masks(doc, query)
            # A page one of whose versions matches the words and filters counts, and is shown, once:
            # as the version the listings show (search.versions), as on the engine.
            preferred = table.preferred_rows(doc, reader_language())
            passing = matched & _all(masks.values(), len(table))
            shown = collapse(passing, preferred)
            type_count = int(shown.sum())
            facets[TYPE_FACET][doc.type_name] = type_count
            if doc.type_name not in query.types:
                continue
            start = max(query.offset - count, 0)
            stop = max(query.offset + query.page_size - count, 0)
            if stop > start and start < type_count:
                if query.sort == "relevance" and text_rows is not None:
                    page_ids = self._ranked_ids(
                        doc, table, passing, text_rows, query, signal, start, stop, preferred
                    )
                else:
                    rows = np.flatnonzero(shown)
                    rows = rows[np.argsort(table.newest[rows], kind="stable")][start:stop]
                    page_ids = [int(pk) for pk in table.ids[rows]]
                results += [self._result(doc, obj, query.text) for obj in self._objects(doc, page_ids)]
            count += type_count
            for facet in FACETS:
                others = _all((mask for name, mask in masks.items() if name != facet), len(table))
                counted_rows = collapse(matched & others, preferred)
                if facet in table.facets:
                    counted = table.facets[facet].counts(counted_rows)
                elif facet == "when" and table.ends is not None:
                    counted = table.when_counts(counted_rows)
                else:
                    continue
                for value, n in counted.items():
                    facets[facet][value] = facets[facet].get(value, 0) + n
        return SearchResults(
            engine=self.name,
            count=count,
            results=results,
            facets={
                facet: [
                    FacetValue(value, n)
                    for value, n in sorted(values.items(), key=lambda item: (-item[1], item[0]))
                ]
                for facet, values in facets.items()
            },
            capabilities=self.capabilities,
        )

    def _ranked_ids(
        self,
        doc: type[SearchDocument],
        table: FacetTable,
        shown: np.ndarray,
        text_rows: np.ndarray,
        query: SearchQuery,
        signal: SemanticSignal | None,
        start: int,
        stop: int,
        preferred: np.ndarray | None = None,
    ) -> list[int]:
        """Ids `start:stop` by relevance among the rows that pass (`shown`): the best text matches,
        fused with the semantic candidates when the signal is on. With `preferred`, each page takes the
        place of its best version, shown as its preferred one."""
        window = min(max(CANDIDATE_WINDOW, stop), MAX_CANDIDATES)
        shown_text = shown & text_rows
        # Without filters every text match is shown: the ranking needs no list of ids to stay within.
        within = None if np.array_equal(shown_text, text_rows) else [int(pk) for pk in table.ids[shown_text]]
        lexical = fulltext.ranked(
            doc, within, query.text, window if signal or preferred is not None else stop
        )
        if signal is None:
            return _shown_ids(table, preferred, list(lexical))[start:stop]
        allowed = table.rows_of(signal.admitted) & shown
        admitted = {int(pk) for pk in table.ids[allowed]}
        similarities = signal.similarities(list(lexical))
        similarities.update({pk: score for pk, score in signal.admitted.items() if pk in admitted})
        candidates = [*lexical, *[pk for pk in similarities if pk not in lexical]]
        concepts = signal.concepts(candidates)
        fused = fuse(lexical, similarities, signal.weights, conceptual=concepts, candidates=candidates)
        return _shown_ids(table, preferred, [pk for pk, _score in fused])[start:stop]

    def _objects(self, doc: type[SearchDocument], ids: list[int]) -> list[Any]:
        """The objects of `ids` in that order, read through `searchable()`: whatever the table says,
        nothing that stopped being public is shown."""
        found = {obj.pk: obj for obj in self._with_related(doc, doc.searchable().filter(pk__in=ids))}
        return [found[pk] for pk in ids if pk in found]

    def _with_related(self, doc: type[SearchDocument], queryset: QuerySet[Any]) -> list[Any]:
        return list(
            with_translation_state(doc, queryset)
            .select_related(*doc.card_select_related)
            .prefetch_related(*doc.card_prefetch_related)
        )

    def _result(self, doc: type[SearchDocument], obj: Any, text: str) -> SearchResult:
        source = doc.result_source(obj)
        if hasattr(obj, "is_translation"):  # pages in several languages (search.versions)
            source["is_original"] = not obj.is_translation
        return result_from_source(str(obj.pk), source, mark_terms(source.get("summary") or "", text))

    def autocomplete(self, text: str, limit: int = 8) -> list[Suggestion]:
        suggestions: list[Suggestion] = []
        for doc in available_documents():
            found = get_search_backend().autocomplete(text, doc.searchable())[:limit]
            suggestions += [Suggestion(*doc.title_and_url(obj)) for obj in found]
        return suggestions[:limit]

    def more_like_this(self, obj: Any, limit: int = 4) -> list[SearchResult]:
        """The page's own notion of related pages when it has one (practices: same priority, most
        shared themes), else same priority or shared themes; no text similarity in the database."""
        doc = document_for_model(type(obj))
        if doc is None:
            return []
        if hasattr(obj, "related_practices"):
            items = obj.related_practices(limit)
            prefetch_related_objects(items, "themes")
            return [self._result(doc, item, "") for item in items]
        theme_ids = list(obj.themes.values_list("pk", flat=True))
        related = (
            doc.model()
            .objects.live()
            .exclude(pk=obj.pk)
            .filter(Q(priority_id=obj.priority_id) | Q(themes__in=theme_ids))
            .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True))
            .order_by("-shared", "-first_published_at", "pk")
        )
        return [self._result(doc, item, "") for item in self._with_related(doc, related.distinct()[:limit])]

    # The full-text index is written in the transaction of each change (search.actions.enqueue), so
    # the outbox's flush finds nothing left to do here; these serve rebuilds and direct calls.
    def index(self, doc: type[SearchDocument], objects: Iterable[Any]) -> int:
        return fulltext.refresh(doc.type_name, [obj.pk for obj in objects])

    def delete(self, doc: type[SearchDocument], ids: Iterable[str]) -> int:
        ids = list(ids)
        fulltext.remove(doc.type_name, ids)
        return len(ids)

    def rebuild(self, progress: ProgressFactory = no_progress) -> dict[str, int]:
        return fulltext.rebuild(progress=progress)

    def status(self) -> list[TypeStatus]:
        from search.models import FullTextEntry

        statuses = []
        for doc in available_documents():
            live = {str(pk) for pk in doc.searchable().values_list("pk", flat=True)}
            held = {
                str(pk)
                for pk in FullTextEntry.objects.filter(object_type=doc.type_name).values_list(
                    "object_id", flat=True
                )
            }
            statuses.append(
                TypeStatus(
                    doc.type_name,
                    len(held),
                    len(live),
                    missing=sorted(live - held),
                    extra=sorted(held - live),
                )
            )
        return statuses


def _shown_ids(table: FacetTable, preferred: np.ndarray | None, ranked: list[int]) -> list[int]:
    """The ranked ids as the versions shown, each page once, at the place of its best version."""
    if preferred is None:
        return ranked
    wanted = np.array(ranked, dtype=np.int64)
    rows = np.minimum(np.searchsorted(table.ids, wanted), max(len(table) - 1, 0))
    inside = (table.ids[rows] == wanted) if len(table) else np.zeros(len(wanted), dtype=bool)
    return list(dict.fromkeys(int(pk) for pk in table.ids[preferred[rows[inside]]]))


def _all(masks: Iterable[np.ndarray], size: int) -> np.ndarray:
    """Rows that pass every mask."""
    keep = np.ones(size, dtype=bool)
    for mask in masks:
        keep &= mask
    return keep


def mark_terms(text: str, query: str, length: int = SNIPPET_LENGTH) -> str:
    """An escaped snippet of `text` around the first query word, each query word wrapped in <mark>."""
    words = re.findall(r"\w{3,}", query)
    if not words:
        return escape(_truncate(text, length))
    # Word characters never need escaping, in a regex or in HTML.
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\w*", re.IGNORECASE)
    snippet = text
    first = pattern.search(text)
    if first and first.start() > length // 2:
        snippet = "…" + text[text.rfind(" ", 0, first.start() - length // 4) + 1 :]
    return pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", escape(_truncate(snippet, length)))


def _truncate(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"
