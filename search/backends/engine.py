"""The engine backend: searching, suggesting and related documents, and reading the engine's answers.

Request bodies live in `engine_queries`, the index lifecycle in `engine_index`; subclasses per engine
(`opensearch`, `elasticsearch`) only say which DSL, client and errors they use.
"""

from dataclasses import replace
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.utils.html import escape

from search.analysis import LANGUAGES
from search.backends.engine_index import EngineIndex
from search.backends.engine_queries import (
    SHOWN_GROUPS,
    SNIPPET_LENGTH,
    VERSIONED,
    EngineQueries,
    facet_aggregation,
)
from search.documents import SearchDocument, available_documents, document_for_model
from search.expansion import words
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
from search.semantic.fusion import ENGINE_WEIGHTS, fuse
from search.semantic.signal import SemanticSignal, semantic_signal
from search.versions import reader_language, translation_group

# The fusion ranks this many of the best matches (more when the page asked for lies beyond them).
CANDIDATE_WINDOW = 200
MAX_CANDIDATE_WINDOW = 1000
# Fuzziness AUTO allows no edit below three letters: shorter words need no vocabulary check.
TYPO_MIN_LENGTH = 3


# Whether the indices have a word, remembered by each process for ten minutes: a word a new page brings
# is typo-tolerant until then (it still matches exactly), and one whose last page is gone is not (it
# matches nothing either way). Keyed by the indices searched and the word; the least used go first.
known_words = LocMemCache("search-known-words", {"TIMEOUT": 600, "OPTIONS": {"MAX_ENTRIES": 20_000}})


def known_word_key(index: str, word: str) -> str:
    return f"{index}:{word}"


class EngineBackend(EngineQueries, EngineIndex):
    def _indices(self, query: SearchQuery | None = None) -> tuple[str, list[type[SearchDocument]]]:
        """Every type's index: the type filter is a post filter, so the type facet counts them all."""
        docs = available_documents()
        return ",".join(self.alias(doc) for doc in docs), docs

    def search(self, query: SearchQuery) -> SearchResults:
        index, docs = self._indices(query)
        # The semantic candidates join the match set whichever types are shown, so the type facet
        # counts practices alike on every tab; only a search showing practices fuses the two signals.
        every_type = replace(query, filters={k: v for k, v in query.filters.items() if k != TYPE_FACET})
        signal = semantic_signal(every_type, weights=ENGINE_WEIGHTS)
        semantic = [("practice", str(i)) for i in signal.admitted] if signal else []
        typos = bool(query.text) and not self.knows_every_word(index, query.text)
        if signal is None or query.sort != "relevance" or "practice" not in query.types:
            body = self.build_search(query, docs, semantic, typos).to_dict()
            response = self._search("search", index, body)
            results = self._shown_versions(index, response["hits"]["hits"])
            return self._results(response, query, results)
        return self._fused_search(query, index, docs, signal, semantic, typos)

    def knows_every_word(self, index: str, text: str) -> bool:
        """Whether every word of `text` is in some document: then no word is a typo to tolerate.
        Words this process has not asked about for a while cost one request, a search each."""
        keys = {known_word_key(index, w): w for w in words(text) if len(w) >= TYPO_MIN_LENGTH}
        answers: dict[str, bool] = known_words.get_many(keys)
        unasked = sorted(key for key in keys if key not in answers)
        if unasked:
            bodies = [self.vocabulary_search(keys[key]).to_dict() for key in unasked]
            found = self._search_all("check the words of a search", index, bodies)
            fresh = {key: _total(response) > 0 for key, response in zip(unasked, found, strict=True)}
            known_words.set_many(fresh)
            answers.update(fresh)
        return all(answers.values())

    def _fused_search(
        self,
        query: SearchQuery,
        index: str,
        docs: list[type[SearchDocument]],
        signal: SemanticSignal,
        semantic: list[tuple[str, str]],
        typos: bool,
    ) -> SearchResults:
        """Rank the first CANDIDATE_WINDOW matches by fused score, then fetch the page's documents.

        The candidates and the counts are two searches of one request, which the engine runs side by
        side: scoring the best matches and counting all of them each cost about as much as the other."""
        window = min(max(CANDIDATE_WINDOW, query.offset + query.page_size), MAX_CANDIDATE_WINDOW)
        candidates, response = self._search_all(
            "search",
            index,
            [
                self.candidates_search(query, docs, semantic, window, typos).to_dict(),
                self.count_search(query, docs, semantic, typos).to_dict(),
            ],
        )
        lexical: dict[tuple[str, str], float] = {}
        languages: dict[tuple[str, str], str] = {}
        groups: set[str] = set()
        for hit in candidates["hits"]["hits"]:
            fields = hit.get("fields", {})
            group = _first(fields.get("translation_group"))
            if group and group in groups:
                continue  # one version of each page: its best-scored
            groups.add(group)
            key = (_first(fields.get("type")), _first(fields.get("object_id")))
            lexical[key] = float(hit.get("_score") or 0)
            languages[key] = _first(fields.get("language"))
        keys = list(lexical)
        lexical = {key: score for key, score in lexical.items() if score > 0}
        practice_ids = [int(doc_id) for type_name, doc_id in keys if type_name == "practice"]
        similarities = signal.similarities(practice_ids)
        ranked = fuse(
            lexical,
            {("practice", str(i)): score for i, score in similarities.items()},
            signal.weights,
            conceptual={("practice", str(i)): share for i, share in signal.concepts(practice_ids).items()},
            candidates=keys,
        )
        present = set(keys)
        page = [(key, score) for key, score in ranked if key in present][
            query.offset : query.offset + query.page_size
        ]
        results: list[SearchResult] = []
        if page:
            shown = [key for key, _ in page]
            hits = self._search(
                "fetch a page",
                index,
                self.page_search(query, shown, _languages(shown, languages)).to_dict(),
            )["hits"]["hits"]
            by_key = {(hit["_source"].get("type", ""), hit["_id"]): hit for hit in hits}
            found = [by_key[key] | {"_score": score} for key, score in page if key in by_key]
            results = self._shown_versions(index, found)
        return self._results(response, query, results)

    def _results(
        self, response: dict[str, Any], query: SearchQuery, results: list[SearchResult]
    ) -> SearchResults:
        aggregations = response.get("aggregations", {})
        versioned = aggregations.get(VERSIONED, {})
        shown = aggregations.get(SHOWN_GROUPS)
        return SearchResults(
            engine=self.name,
            count=_groups(shown, versioned.get(SHOWN_GROUPS)) if shown else _total(response),
            results=results,
            facets={
                facet: _facet_values(
                    facet_aggregation(aggregations, facet), facet_aggregation(versioned, facet)
                )
                for facet in (*FACETS, TYPE_FACET)
            },
            suggestion=self._suggestion(response, query.text),
            capabilities=self.capabilities,
        )

    def autocomplete(self, text: str, limit: int = 8) -> list[Suggestion]:
        index, _docs = self._indices()
        response = self._search("autocomplete", index, self.autocomplete_search(text, limit).to_dict())
        return [
            Suggestion(hit["_source"]["title"], hit["_source"]["url"]) for hit in response["hits"]["hits"]
        ]

    def more_like_this(self, obj: Any, limit: int = 4) -> list[SearchResult]:
        doc = document_for_model(type(obj))
        if doc is None:
            return []
        body = self.more_like_this_search(doc, str(obj.pk), limit, translation_group(doc, obj)).to_dict()
        response = self._search("find related documents", self.alias(doc), body)
        return self._shown_versions(self.alias(doc), response["hits"]["hits"])

    def _shown_versions(self, index: str, hits: list[dict[str, Any]]) -> list[SearchResult]:
        """The results of collapsed `hits`, each as the version the listings show (search.versions):
        its group's version in the reader's language, else its original. One more request, only
        when a hit is in another language; no database query."""
        language = reader_language()
        groups = {
            hit["_source"]["translation_group"]
            for hit in hits
            if hit["_source"].get("locale") not in (None, language)
            and hit["_source"].get("translation_group")
        }
        best: dict[str, dict[str, Any]] = {}
        if groups:
            body = self.versions_search(sorted(groups), language).to_dict()
            for version in self._search("find versions", index, body)["hits"]["hits"]:
                group = version["_source"]["translation_group"]
                if group not in best or version["_source"].get("locale") == language:
                    best[group] = version
        results = []
        for hit in hits:
            shown = best.get(hit["_source"].get("translation_group", ""))
            if shown is not None and shown["_id"] != hit["_id"]:
                results.append(replace(self._result(shown | {"highlight": {}}), score=hit.get("_score")))
            else:
                results.append(self._result(hit))
        return results

    def _result(self, hit: dict[str, Any]) -> SearchResult:
        source = hit["_source"]
        highlight = _pick_highlight(hit.get("highlight") or {}, source.get("summary") or "")
        return result_from_source(hit["_id"], source, highlight, hit.get("_score"))

    def _suggestion(self, response: dict[str, Any], text: str) -> str | None:
        for entry in response.get("suggest", {}).get("did_you_mean", []):
            for option in entry.get("options", []):
                suggestion = option.get("text", "")
                if (
                    suggestion
                    and suggestion.casefold() != text.casefold()
                    and option.get("collate_match", True)
                ):
                    return str(suggestion)
        return None


def _languages(keys: list[tuple[str, str]], languages: dict[tuple[str, str], str]) -> set[str] | None:
    """The languages of these documents' texts; None when one is in no language the index analyses
    (its texts fill every language's fields)."""
    found = {languages.get(key, "") for key in keys}
    return found if found <= set(LANGUAGES) else None


def _first(values: list[Any] | None) -> str:
    """The one value of a doc-values field in a hit's `fields`."""
    return str(values[0]) if values else ""


def _total(response: dict[str, Any]) -> int:
    total = response["hits"]["total"]
    return total["value"] if isinstance(total, dict) else int(total)


def _facet_values(aggregation: dict[str, Any], versioned: dict[str, Any]) -> list[FacetValue]:
    """A facet's values, each with its count of translation groups (engine_queries.count_aggregations)."""
    buckets = aggregation.get("values", {}).get("buckets", [])
    of_versions = versioned.get("values", {}).get("buckets", [])
    if isinstance(buckets, dict):  # a `filters` aggregation (upcoming / past): named buckets
        versions = of_versions if isinstance(of_versions, dict) else {}
        return [
            FacetValue(name, _groups(b, versions.get(name))) for name, b in buckets.items() if b["doc_count"]
        ]
    versions = {bucket["key"]: bucket for bucket in of_versions} if isinstance(of_versions, list) else {}
    values = [
        FacetValue(str(bucket["key"]), _groups(bucket, versions.get(bucket["key"]))) for bucket in buckets
    ]
    # A value shared by many versions of few pages may count fewer groups than the next one.
    return sorted(values, key=lambda value: -value.count)


def _groups(bucket: dict[str, Any], versioned: dict[str, Any] | None) -> int:
    """A count of translation groups (a page in three languages counts once): the bucket's documents,
    those of pages in several languages replaced by their groups."""
    if not versioned or not versioned.get("doc_count"):
        return int(bucket["doc_count"])
    return int(bucket["doc_count"]) - int(versioned["doc_count"]) + int(versioned["groups"]["value"])


def _pick_highlight(highlight: dict[str, list[str]], summary: str) -> str:
    """The summary fragment with the most marks, else the body's; else the start of the summary.

    The engine escapes the text itself (encoder=html), so only its <mark> tags are markup.
    """
    for prefix in ("summary", "body"):
        fragments = [f for name, values in highlight.items() if _text_of(name) == prefix for f in values]
        if fragments:
            return max(fragments, key=lambda fragment: (fragment.count("<mark>"), -len(fragment)))
    return escape(_truncate(summary))


def _text_of(field: str) -> str:
    """The text a highlighted field holds: `summary` for `summary` and `lang.de.summary`."""
    parts = field.split(".")
    return parts[2] if parts[0] == "lang" and len(parts) > 2 else parts[0]


def _truncate(text: str, length: int = SNIPPET_LENGTH) -> str:
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"
