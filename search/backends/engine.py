"""The engine backend: searching, suggesting and related documents, and reading the engine's answers.

Request bodies live in `engine_queries`, the index lifecycle in `engine_index`; subclasses per engine
(`opensearch`, `elasticsearch`) only say which DSL, client and errors they use.
"""

from dataclasses import replace
from typing import Any

from django.utils.html import escape

from search.backends.engine_index import EngineIndex
from search.backends.engine_queries import SNIPPET_LENGTH, EngineQueries
from search.documents import SearchDocument, available_documents, document_for_model
from search.query import FACETS, FacetValue, SearchQuery, SearchResult, SearchResults, Suggestion
from search.semantic.fusion import ENGINE_WEIGHTS, fuse
from search.semantic.signal import SemanticSignal, semantic_signal

# The fusion ranks this many of the best matches (more when the page asked for lies beyond them).
CANDIDATE_WINDOW = 200
MAX_CANDIDATE_WINDOW = 1000


class EngineBackend(EngineQueries, EngineIndex):
    def _indices(self, query: SearchQuery | None = None) -> tuple[str, list[type[SearchDocument]]]:
        docs = available_documents()
        if query is not None and query.values("type"):
            docs = [doc for doc in docs if doc.type_name in query.values("type")]
        if not docs:
            docs = available_documents()[:1]
        return ",".join(self.alias(doc) for doc in docs), docs

    def search(self, query: SearchQuery) -> SearchResults:
        index, docs = self._indices(query)
        wanted = any(d.type_name == "practice" for d in docs)
        signal = semantic_signal(query, weights=ENGINE_WEIGHTS) if wanted else None
        semantic = [("practice", str(i)) for i in signal.admitted] if signal else []
        if signal is None or query.sort != "relevance":
            body = self.build_search(query, docs, semantic).to_dict()
            response = self._call("search", self.raw_search, index, body)
            return self._results(response, query, [self._result(hit) for hit in response["hits"]["hits"]])
        return self._fused_search(query, index, docs, signal, semantic)

    def _fused_search(
        self,
        query: SearchQuery,
        index: str,
        docs: list[type[SearchDocument]],
        signal: SemanticSignal,
        semantic: list[tuple[str, str]],
    ) -> SearchResults:
        """Rank the first CANDIDATE_WINDOW matches by fused score, then fetch the page's documents."""
        window = min(max(CANDIDATE_WINDOW, query.offset + query.page_size), MAX_CANDIDATE_WINDOW)
        body = self.build_search(query, docs, semantic, candidates=window).to_dict()
        response = self._call("search", self.raw_search, index, body)
        keys = [(hit["_source"].get("type", ""), hit["_id"]) for hit in response["hits"]["hits"]]
        lexical = {
            key: float(hit.get("_score") or 0)
            for key, hit in zip(keys, response["hits"]["hits"], strict=True)
        }
        practice_ids = [int(doc_id) for type_name, doc_id in keys if type_name == "practice"]
        similarities = signal.similarities(practice_ids)
        ranked = fuse(
            {key: score for key, score in lexical.items() if score > 0},
            {("practice", str(i)): score for i, score in similarities.items()},
            signal.weights,
            conceptual={("practice", str(i)): share for i, share in signal.concepts.items()},
            candidates=keys,
        )
        present = set(keys)
        page = [(key, score) for key, score in ranked if key in present][
            query.offset : query.offset + query.page_size
        ]
        results: list[SearchResult] = []
        if page:
            hits = self._call(
                "fetch a page",
                self.raw_search,
                index,
                self.page_search(query, [k for k, _ in page]).to_dict(),
            )["hits"]["hits"]
            by_key = {(hit["_source"].get("type", ""), hit["_id"]): hit for hit in hits}
            for key, score in page:
                if key in by_key:
                    results.append(replace(self._result(by_key[key]), score=score))
        return self._results(response, query, results)

    def _results(
        self, response: dict[str, Any], query: SearchQuery, results: list[SearchResult]
    ) -> SearchResults:
        return SearchResults(
            engine=self.name,
            count=_total(response),
            results=results,
            facets={
                facet: [
                    _facet_value(bucket)
                    for bucket in response.get("aggregations", {})
                    .get(facet, {})
                    .get("values", {})
                    .get("buckets", [])
                ]
                for facet in FACETS
            },
            suggestion=self._suggestion(response, query.text),
            capabilities=self.capabilities,
        )

    def autocomplete(self, text: str, limit: int = 8) -> list[Suggestion]:
        index, _docs = self._indices()
        response = self._call(
            "autocomplete", self.raw_search, index, self.autocomplete_search(text, limit).to_dict()
        )
        return [
            Suggestion(hit["_source"]["title"], hit["_source"]["url"]) for hit in response["hits"]["hits"]
        ]

    def more_like_this(self, obj: Any, limit: int = 4) -> list[SearchResult]:
        doc = document_for_model(type(obj))
        if doc is None:
            return []
        body = self.more_like_this_search(doc, str(obj.pk), limit).to_dict()
        response = self._call("find related documents", self.raw_search, self.alias(doc), body)
        return [self._result(hit) for hit in response["hits"]["hits"]]

    def _result(self, hit: dict[str, Any]) -> SearchResult:
        source = hit["_source"]
        summary = source.get("summary") or ""
        return SearchResult(
            type=source.get("type", ""),
            id=hit["_id"],
            slug=source.get("slug", ""),
            title=source.get("title", ""),
            url=source.get("url", ""),
            priority=source.get("priority"),
            themes=list(source.get("themes") or []),
            country=source.get("country"),
            lead_member=source.get("lead_member_name") or "",
            summary=summary,
            highlight=_pick_highlight(hit.get("highlight") or {}, summary),
            language=source.get("language"),
            year_start=source.get("year_start"),
            score=hit.get("_score"),
        )

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


def _total(response: dict[str, Any]) -> int:
    total = response["hits"]["total"]
    return total["value"] if isinstance(total, dict) else int(total)


def _facet_value(bucket: dict[str, Any]) -> FacetValue:
    return FacetValue(value=str(bucket["key"]), count=int(bucket["doc_count"]))


def _pick_highlight(highlight: dict[str, list[str]], summary: str) -> str:
    """The summary fragment with the most marks, else the body's; else the start of the summary.

    The engine escapes the text itself (encoder=html), so only its <mark> tags are markup.
    """
    for prefix in ("summary", "body"):
        fragments = [f for name, values in highlight.items() if name.split(".")[0] == prefix for f in values]
        if fragments:
            return max(fragments, key=lambda fragment: (fragment.count("<mark>"), -len(fragment)))
    return escape(_truncate(summary))


def _truncate(text: str, length: int = SNIPPET_LENGTH) -> str:
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + "…"
