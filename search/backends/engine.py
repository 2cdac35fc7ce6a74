"""What OpenSearch and Elasticsearch share: request bodies, response parsing, index lifecycle.

Subclasses only say which DSL, client and errors they use. Each type lives in its own index
(`<prefix>-practices-<timestamp>`) reached through an alias (`<prefix>-practices`), so a rebuild fills
a new index and swaps the alias in one atomic call while searches keep answering.
"""

import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from django.utils.html import escape

from search.backends.base import ProgressFactory, SearchBackend, SearchUnavailable, TypeStatus, no_progress
from search.documents import SearchDocument, available_documents, document_for_model, document_for_type
from search.dsl import Dsl, get_dsl
from search.query import FACETS, SearchQuery, SearchResult, SearchResults, Suggestion

logger = logging.getLogger(__name__)

BOOSTED_FIELDS = [
    "title^4",
    "title.*^4",
    "summary^3",
    "summary.*^3",
    "theme_labels^2",
    "keywords^2",
    "body",
    "body.*",
    "places",
]
HIGHLIGHT_FIELDS = ["summary", "summary.*", "body", "body.*"]
SOURCE_EXCLUDES = ["body", "spelling", "title_suggest", "keywords", "places", "theme_labels"]
SNIPPET_LENGTH = 200
BULK_CHUNK = 500
# Index maintenance (refreshing a freshly loaded index, deleting one) may take far longer than a search.
MAINTENANCE_TIMEOUT = 300


class EngineBackend(SearchBackend):
    engine: str = ""

    def __init__(self, url: str, index_prefix: str, timeout: float) -> None:
        self.url = url
        self.index_prefix = index_prefix
        self.timeout = timeout
        self.dsl: Dsl = get_dsl(self.engine)
        self.client = self.make_client(url, timeout)
        self.name = self.engine

    # --- what subclasses provide -------------------------------------------------------------
    def make_client(self, url: str, timeout: float) -> Any:
        raise NotImplementedError

    unavailable_errors: tuple[type[BaseException], ...] = ()

    def bulk(self, actions: Iterable[dict[str, Any]], **options: Any) -> tuple[int, list[Any]]:
        raise NotImplementedError

    def scan_ids(self, index: str) -> Iterator[str]:
        raise NotImplementedError

    def raw_search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    # --- names ---------------------------------------------------------------------------------
    def alias(self, doc: type[SearchDocument]) -> str:
        return f"{self.index_prefix}-{doc.index_basename}"

    def new_index_name(self, doc: type[SearchDocument]) -> str:
        return f"{self.alias(doc)}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def document_class(self, doc: type[SearchDocument], index_name: str | None = None) -> type:
        return doc.document_class(self.dsl, index_name or self.alias(doc))

    def _call(self, what: str, func: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except self.unavailable_errors as error:
            logger.warning("search engine at %s failed to %s: %s", self.url, what, error)
            raise SearchUnavailable(f"{self.engine} failed to {what}: {error}") from error

    # --- request bodies (pure: tests compare them across both DSLs) ----------------------------
    def text_query(self, text: str) -> Any:
        Q = self.dsl.Q
        return Q(
            "bool",
            should=[
                Q(
                    "multi_match",
                    query=text,
                    fields=BOOSTED_FIELDS,
                    type="best_fields",
                    tie_breaker=0.3,
                    minimum_should_match="2<75%",
                ),
                # Typo tolerance over all the text at once, so the words may match in different
                # fields; its own analyzer keeps synonyms (a token graph) out of the fuzzy expansion.
                Q(
                    "match",
                    all_text={
                        "query": text,
                        "fuzziness": "AUTO",
                        "prefix_length": 1,
                        "analyzer": "folded",
                        "minimum_should_match": "2<75%",
                        "boost": 0.5,
                    },
                ),
                # The same across fields with synonyms, without fuzziness.
                Q("match", all_text={"query": text, "minimum_should_match": "2<75%", "boost": 0.5}),
                Q(
                    "multi_match",
                    query=text,
                    fields=["title^4", "summary^3", "body"],
                    type="phrase",
                    slop=2,
                    boost=2,
                ),
            ],
            minimum_should_match=1,
        )

    def filter_clauses(self, query: SearchQuery, docs: list[type[SearchDocument]]) -> dict[str, Any]:
        Q = self.dsl.Q
        fields = docs[0].engine_filters if docs else {}
        return {
            name: Q("terms", **{fields.get(name, name): list(values)})
            for name, values in query.filters.items()
        }

    def year_clauses(self, query: SearchQuery) -> list[Any]:
        Q = self.dsl.Q
        clauses = []
        if query.year_to is not None:
            clauses.append(Q("range", year_start={"lte": query.year_to}))
        if query.year_from is not None:
            clauses.append(
                Q(
                    "bool",
                    should=[Q("range", year_end={"gte": query.year_from}), ~Q("exists", field="year_end")],
                    minimum_should_match=1,
                )
            )
        return clauses

    def build_search(self, query: SearchQuery, docs: list[type[SearchDocument]]) -> Any:
        dsl = self.dsl
        search = dsl.Search().extra(track_total_hits=True)
        main = self.text_query(query.text) if query.text else dsl.Q("match_all")
        filters = self.filter_clauses(query, docs)
        # Facet filters go to post_filter so each facet counts as if its own filter were off
        # (multi-select facets); the other filters narrow everything.
        facet_filters = {name: clause for name, clause in filters.items() if name in FACETS}
        narrowing = [clause for name, clause in filters.items() if name not in FACETS]
        narrowing += self.year_clauses(query)
        if narrowing:
            main = dsl.Q("bool", must=[main], filter=narrowing)
        search = search.query(main)
        if facet_filters:
            search = search.post_filter("bool", filter=list(facet_filters.values()))
        field_names = docs[0].engine_filters if docs else {}
        for facet in FACETS:
            others = [clause for name, clause in facet_filters.items() if name != facet]
            bucket = dsl.A("filter", filter=dsl.Q("bool", filter=others))
            bucket.bucket("values", "terms", field=field_names.get(facet, facet), size=100)
            search.aggs.bucket(facet, bucket)
        if query.text:
            search = search.highlight_options(
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                encoder="html",
                fragment_size=SNIPPET_LENGTH,
                number_of_fragments=1,
            ).highlight(*HIGHLIGHT_FIELDS)
            search = search.suggest(
                "did_you_mean",
                query.text,
                phrase={
                    "field": "spelling.shingles",
                    "size": 1,
                    "gram_size": 3,
                    "max_errors": 2,
                    "direct_generator": [
                        {"field": "spelling", "suggest_mode": "always", "min_word_length": 3}
                    ],
                    "collate": {
                        "query": {"source": {"match": {"spelling": "{{suggestion}}"}}},
                        "prune": False,
                    },
                },
            )
        if query.sort == "newest":
            search = search.sort({"published_at": {"order": "desc"}}, {"slug": {"order": "asc"}})
        search = search.source(excludes=SOURCE_EXCLUDES)
        return search[query.offset : query.offset + query.page_size]

    def autocomplete_search(self, text: str, limit: int) -> Any:
        return (
            self.dsl.Search()
            .query(
                "multi_match",
                query=text,
                type="bool_prefix",
                fields=["title_suggest", "title_suggest._2gram", "title_suggest._3gram"],
            )
            .source(["title", "url"])
            .extra(size=limit)
        )

    def more_like_this_search(self, doc: type[SearchDocument], obj_id: str, limit: int) -> Any:
        Q = self.dsl.Q
        return (
            self.dsl.Search()
            .query(
                Q(
                    "more_like_this",
                    fields=["title", "summary", "body", "theme_labels"],
                    like=[{"_index": self.alias(doc), "_id": obj_id}],
                    min_term_freq=1,
                    min_doc_freq=2,
                    max_query_terms=30,
                    minimum_should_match="20%",
                )
            )
            .filter("term", type=doc.type_name)
            .source(excludes=SOURCE_EXCLUDES)
            .extra(size=limit)
        )

    # --- searching -----------------------------------------------------------------------------
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

    # --- keeping the index ---------------------------------------------------------------------
    def create_index(self, doc: type[SearchDocument], name: str, bulk_loading: bool = False) -> None:
        index = self.document_class(doc, name)._index
        if bulk_loading:
            index.settings(refresh_interval="-1", number_of_replicas=0)
        self._call("create an index", index.create, using=self.client)

    def ensure_index(self, doc: type[SearchDocument]) -> None:
        alias = self.alias(doc)
        if self._call("check an alias", self.client.indices.exists_alias, name=alias):
            return
        name = self.new_index_name(doc)
        self.create_index(doc, name)
        self._call("create an alias", self.client.indices.put_alias, index=name, name=alias)

    def index_documents(
        self,
        doc: type[SearchDocument],
        documents: Iterable[tuple[str, dict[str, Any]]],
        index_name: str | None = None,
        refresh: bool = False,
    ) -> int:
        """Bulk-index prepared `(id, document)` pairs into the alias (or a named index)."""
        if index_name is None:
            self.ensure_index(doc)
        target = index_name or self.alias(doc)
        actions = (
            {"_op_type": "index", "_index": target, "_id": doc_id, "_source": body}
            for doc_id, body in documents
        )
        count, _errors = self._call("index documents", self.bulk, actions)
        if refresh:
            self.refresh(doc, target)
        return count

    def index(self, doc: type[SearchDocument], objects: Iterable[Any]) -> int:
        return self.index_documents(doc, ((str(obj.pk), doc.prepare(obj)) for obj in objects))

    def delete(self, doc: type[SearchDocument], ids: Iterable[str]) -> int:
        self.ensure_index(doc)
        actions = [{"_op_type": "delete", "_index": self.alias(doc), "_id": str(i)} for i in ids]
        if not actions:
            return 0
        # Deleting what the index never had is fine: the goal is its absence.
        count, _errors = self._call("delete documents", self.bulk, actions, ignore_status=(404,))
        return count

    def refresh(self, doc: type[SearchDocument], index: str | None = None) -> None:
        self._call(
            "refresh",
            self.client.indices.refresh,
            index=index or self.alias(doc),
            request_timeout=max(self.timeout, MAINTENANCE_TIMEOUT),
        )

    def rebuild(self, progress: ProgressFactory = no_progress) -> dict[str, int]:
        return {doc.type_name: self.rebuild_type(doc, progress) for doc in available_documents()}

    def rebuild_type(self, doc: type[SearchDocument], progress: ProgressFactory = no_progress) -> int:
        """Fill a fresh index, catch up with changes made meanwhile, then swap the alias atomically."""
        started = datetime.now(UTC)
        name = self.new_index_name(doc)
        self.create_index(doc, name, bulk_loading=True)
        try:
            queryset = doc.queryset()
            bar = progress(doc, queryset.count())
            loaded = 0
            for chunk in _chunks(queryset.iterator(chunk_size=BULK_CHUNK), BULK_CHUNK):
                loaded += self.index_documents(
                    doc, ((str(o.pk), doc.prepare(o)) for o in chunk), index_name=name
                )
                bar.update(len(chunk))
            bar.close()
            self._catch_up(doc, name, started)
            self._call(
                "configure an index",
                self.client.indices.put_settings,
                index=name,
                body={"index": {"refresh_interval": "1s"}},
                request_timeout=max(self.timeout, MAINTENANCE_TIMEOUT),
            )
            self.refresh(doc, name)
            self.swap_alias(doc, name)
        except BaseException:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        return loaded

    def _catch_up(self, doc: type[SearchDocument], name: str, started: datetime) -> None:
        """Pages published or removed while the bulk load ran went to the old index; repeat them here."""
        model_fields = {field.name for field in doc.model()._meta.get_fields()}
        changed = doc.queryset().none()
        if "last_published_at" in model_fields:
            changed = doc.queryset().filter(last_published_at__gte=started)
        self.index_documents(doc, ((str(o.pk), doc.prepare(o)) for o in changed), index_name=name)
        self.refresh(doc, name)
        live = {str(pk) for pk in doc.queryset().values_list("pk", flat=True)}
        gone = [doc_id for doc_id in self.scan_ids(name) if doc_id not in live]
        if gone:
            actions = ({"_op_type": "delete", "_index": name, "_id": doc_id} for doc_id in gone)
            self._call("delete documents", self.bulk, actions, ignore_status=(404,))

    def swap_alias(self, doc: type[SearchDocument], name: str) -> None:
        alias = self.alias(doc)
        old = self._indices_behind(alias)
        actions: list[dict[str, Any]] = [{"remove": {"index": index, "alias": alias}} for index in old]
        actions.append({"add": {"index": name, "alias": alias}})
        if not old and self._call("check an index", self.client.indices.exists, index=alias):
            # A concrete index squats the alias name (made by hand or by an old version): replace it.
            actions.append({"remove_index": {"index": alias}})
        self._call("swap an alias", self.client.indices.update_aliases, body={"actions": actions})
        for index in old:
            self._call(
                "delete an old index",
                self.client.indices.delete,
                index=index,
                ignore_unavailable=True,
                request_timeout=max(self.timeout, MAINTENANCE_TIMEOUT),
            )

    def _indices_behind(self, alias: str) -> list[str]:
        if not self._call("check an alias", self.client.indices.exists_alias, name=alias):
            return []
        return sorted(self._call("read an alias", self.client.indices.get_alias, name=alias).keys())

    def status(self) -> list[TypeStatus]:
        report = []
        for doc in available_documents():
            live = {str(pk) for pk in doc.queryset().values_list("pk", flat=True)}
            alias = self.alias(doc)
            if not self._call("check an alias", self.client.indices.exists_alias, name=alias):
                report.append(TypeStatus(doc.type_name, None, len(live), missing=sorted(live, key=int)))
                continue
            indexed = set(self._call("list documents", lambda index: list(self.scan_ids(index)), alias))
            report.append(
                TypeStatus(
                    doc.type_name,
                    len(indexed),
                    len(live),
                    missing=sorted(live - indexed, key=_id_order),
                    extra=sorted(indexed - live, key=_id_order),
                )
            )
        return report

    def delete_indices(self) -> None:
        """Drop every index under this prefix (tests and `search_index drop`)."""
        self._call(
            "delete indices",
            self.client.indices.delete,
            index=f"{self.index_prefix}-*",
            ignore_unavailable=True,
        )

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:
            return False

    def type_of(self, type_name: str) -> type[SearchDocument]:
        return document_for_type(type_name)


def _id_order(value: str) -> tuple[int, str]:
    return (int(value), value) if value.isdigit() else (0, value)


def _chunks(iterable: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _total(response: dict[str, Any]) -> int:
    total = response["hits"]["total"]
    return total["value"] if isinstance(total, dict) else int(total)


def _facet_value(bucket: dict[str, Any]):
    from search.query import FacetValue

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
