"""The database search (search/fulltext/: PostgreSQL tsvector, SQLite FTS5) with facets counted by the ORM.

Used when SEARCH_URL is empty, and for any request the engine fails to answer. It has no typo
tolerance, synonyms, per-language stemming or "did you mean" (the page says so with a notice), but the
same semantic signal as the engine, so it too finds practices written in another language.
"""

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.html import escape
from wagtail.search.backends import get_search_backend

from core.facets import count_facets
from search import fulltext
from search.backends.base import Capabilities, ProgressFactory, SearchBackend, TypeStatus, no_progress
from search.documents import SearchDocument, available_documents, document_for_model
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

    def _matching(self, doc: type[SearchDocument], query: SearchQuery) -> QuerySet[Any]:
        """Searchable objects matching the text (any of its words), unordered."""
        queryset = doc.searchable()
        return fulltext.matching(doc, queryset, query.text) if query.text else queryset

    def _filtered(
        self, doc: type[SearchDocument], queryset: QuerySet[Any], query: SearchQuery, skip: str | None = None
    ) -> QuerySet[Any]:
        model = doc.model()
        for name, values in query.filters.items():
            if name in (skip, TYPE_FACET):
                continue
            if name == "when" and doc.ends_field:
                queryset = queryset.filter(when_q(values, doc.ends_field))
                continue
            lookup = doc.orm_filters.get(name)
            if lookup is None:  # a filter this type has no field for matches none of it
                return queryset.none()
            if "__" in lookup:  # across a relation: a subquery keeps rows distinct
                queryset = queryset.filter(
                    pk__in=model.objects.filter(**{f"{lookup}__in": values}).values("pk")
                )
            else:
                queryset = queryset.filter(**{f"{lookup}__in": values})
        if query.year_to is None and query.year_from is None:
            return queryset
        if doc.year_fields is None:  # a type without years has nothing in a year range
            return queryset.none()
        first, last = doc.year_fields
        if query.year_to is not None:
            queryset = queryset.filter(**{f"{first}__year__lte": query.year_to})
        if query.year_from is not None:
            queryset = queryset.filter(
                Q(**{f"{last}__isnull": True}) | Q(**{f"{last}__year__gte": query.year_from})
            )
        return queryset

    def search(self, query: SearchQuery) -> SearchResults:
        results: list[SearchResult] = []
        count = 0
        facets: dict[str, dict[str, int]] = {facet: {} for facet in (*FACETS, TYPE_FACET)}
        # The semantic candidates count for their type whichever types are shown, as on the engine.
        every_type = replace(query, filters={k: v for k, v in query.filters.items() if k != TYPE_FACET})
        for doc in available_documents():
            if doc.type_name not in query.types:
                facets[TYPE_FACET][doc.type_name] = self._type_count(doc, every_type)
                continue
            matching = self._matching(doc, query)
            filtered = self._filtered(doc, matching, query)
            if query.sort == "newest" or not query.text:
                filtered = filtered.order_by(*doc.newest_ordering)
            unranked = matching
            signal = semantic_signal(every_type, doc.type_name, DATABASE_WEIGHTS)
            if signal is not None:
                # The semantic signal's candidates join the match set, its count and its facets.
                admitted = self._filtered(
                    doc, doc.model().objects.filter(pk__in=list(signal.admitted)), query
                )
                unranked = doc.model().objects.filter(
                    Q(pk__in=unranked.order_by().values("pk")) | Q(pk__in=admitted.values("pk"))
                )
            type_count = self._filtered(doc, unranked, query).count()
            start = max(query.offset - count, 0)
            stop = max(query.offset + query.page_size - count, 0)
            if stop > start and start < type_count:
                if query.sort == "relevance" and query.text:
                    page = self._ranked_page(doc, filtered, unranked, query, signal, start, stop)
                else:
                    page = self._with_related(doc, filtered[start:stop])
                results += [self._result(doc, obj, query.text) for obj in page]
            count += type_count
            facets[TYPE_FACET][doc.type_name] = type_count
            matched = doc.model().objects.filter(pk__in=unranked.order_by().values("pk"))

            def matching_except(
                facet: str, doc: type[SearchDocument] = doc, matched: QuerySet[Any] = matched
            ) -> QuerySet[Any]:
                return self._filtered(doc, matched, query, skip=facet)

            type_facets = count_facets(
                matching_except,
                {facet: doc.orm_filters[facet] for facet in FACETS if facet in doc.orm_filters},
            )
            if doc.ends_field:
                type_facets["when"] = count_when(matching_except("when"), doc.ends_field)
            for facet, values in type_facets.items():
                for value, n in values.items():
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

    def _type_count(self, doc: type[SearchDocument], query: SearchQuery) -> int:
        """How many objects of a type not shown would match: the type filter's count."""
        unranked = self._matching(doc, replace(query, sort="newest"))
        signal = semantic_signal(query, doc.type_name, DATABASE_WEIGHTS)
        if signal is not None:
            admitted = doc.model().objects.filter(pk__in=list(signal.admitted))
            unranked = doc.model().objects.filter(
                Q(pk__in=unranked.order_by().values("pk")) | Q(pk__in=admitted.values("pk"))
            )
        return self._filtered(doc, unranked, query).count()

    def _ranked_page(
        self,
        doc: type[SearchDocument],
        filtered: QuerySet[Any],
        matched: QuerySet[Any],
        query: SearchQuery,
        signal: SemanticSignal | None,
        start: int,
        stop: int,
    ) -> list[Any]:
        """Objects `start:stop` by relevance: the best text matches, fused with the semantic candidates
        when the signal is on."""
        window = min(max(CANDIDATE_WINDOW, stop), MAX_CANDIDATES)
        lexical = fulltext.ranked(doc, filtered, query.text, window if signal else stop)
        if signal is None:
            page_ids = list(lexical)[start:stop]
        else:
            allowed = set(
                self._filtered(doc, matched, query)
                .filter(pk__in=list(signal.admitted))
                .values_list("pk", flat=True)
            )
            similarities = signal.similarities(list(lexical))
            similarities.update({pk: score for pk, score in signal.admitted.items() if pk in allowed})
            candidates = [*lexical, *[pk for pk in similarities if pk not in lexical]]
            fused = fuse(
                lexical, similarities, signal.weights, conceptual=signal.concepts, candidates=candidates
            )
            page_ids = [pk for pk, _score in fused[start:stop]]
        objects = {
            obj.pk: obj for obj in self._with_related(doc, doc.model().objects.filter(pk__in=page_ids))
        }
        return [objects[pk] for pk in page_ids if pk in objects]

    def _with_related(self, doc: type[SearchDocument], queryset: QuerySet[Any]) -> list[Any]:
        return list(
            queryset.select_related(*doc.card_select_related).prefetch_related(*doc.card_prefetch_related)
        )

    def _result(self, doc: type[SearchDocument], obj: Any, text: str) -> SearchResult:
        source = doc.result_source(obj)
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


def when_q(values: Iterable[str], field: str, now: datetime | None = None) -> Q:
    """Events upcoming (not ended yet, as the listings say) or past, at the time of the search."""
    now = now or timezone.now()
    ranges = {"upcoming": Q(**{f"{field}__gte": now}), "past": Q(**{f"{field}__lt": now})}
    clause = Q(pk__in=[])
    for value in values:
        clause |= ranges.get(value, Q(pk__in=[]))
    return clause


def count_when(events: QuerySet[Any], field: str) -> dict[str, int]:
    """Upcoming and past events among `events`, in one aggregate query."""
    ranges = when_q(["upcoming"], field), when_q(["past"], field)
    counts = events.aggregate(
        upcoming=Count("pk", filter=ranges[0], distinct=True),
        past=Count("pk", filter=ranges[1], distinct=True),
    )
    return {value: n for value, n in counts.items() if n}


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
