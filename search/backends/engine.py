"""The engine backend: searching, suggesting and related documents, and reading the engine's answers.

Request bodies live in `engine_queries`, the index lifecycle in `engine_index`; subclasses per engine
(`opensearch`, `elasticsearch`) only say which DSL, client and errors they use.
"""

from typing import Any

from django.utils.html import escape

from search.backends.engine_index import EngineIndex
from search.backends.engine_queries import SNIPPET_LENGTH, EngineQueries
from search.documents import SearchDocument, available_documents, document_for_model
from search.query import FACETS, FacetValue, SearchQuery, SearchResult, SearchResults, Suggestion


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
        body = self.build_search(query, docs).to_dict()
        response = self._call("search", self.raw_search, index, body)
        return SearchResults(
            engine=self.name,
            count=_total(response),
            results=[self._result(hit) for hit in response["hits"]["hits"]],
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
                    return suggestion
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
