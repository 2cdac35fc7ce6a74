"""The engine's request bodies: pure functions of a query, so tests compare them across both DSLs."""

from typing import Any

from search.backends.engine_base import EngineBase
from search.documents import SearchDocument
from search.query import FACETS, SearchQuery

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


class EngineQueries(EngineBase):
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
