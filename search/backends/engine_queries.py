"""The engine's request bodies: pure functions of a query, so tests compare them across both DSLs."""

from collections.abc import Collection, Sequence
from typing import Any

from search.analysis import concept_token
from search.backends.engine_base import EngineBase
from search.documents import SearchDocument
from search.expansion import Expansion, expand
from search.glossary import Concept
from search.query import FACETS, TYPE_FACET, WHEN_VALUES, SearchQuery

# `lang.*.title`: the title stemmed in the document's own language (search.analysis). The body is
# scored only stemmed: its folded words are in `all_text`, which the query's other clauses match (the
# folded twin beside it cost every search a fifth of its scoring and moved no judged ranking).
BOOSTED_FIELDS = [
    "title^4",
    "lang.*.title^4",
    "summary^3",
    "lang.*.summary^3",
    "theme_labels^2",
    "keywords^2",
    "lang.*.body",
    "places",
]
# Where the query's words in their order weigh more: the short texts that say what a page is about.
PHRASE_FIELDS = ["title^4", "summary^3"]
HIGHLIGHT_FIELDS = ["summary", "lang.*.summary", "body", "lang.*.body"]
# What a candidate hit carries, from doc values: its key, its translation group and its language.
CANDIDATE_FIELDS = ("type", "object_id", "translation_group", "language")
SOURCE_EXCLUDES = ["body", "lang", "spelling", "title_suggest", "keywords", "places", "theme_labels"]
SNIPPET_LENGTH = 200
# Weight of the words matched across all the texts of a document (all_text).
ALL_TEXT_BOOST = 1.0
# Weight of a glossary concept the query names, beside its own words.
EXPANSION_BOOST = 0.6
MAX_EXPANDED_CONCEPTS = 6
# The texts tagged with a concept (search.analysis), weighted as the words of the query are.
CONCEPT_FIELDS = ["lang.*.title.concepts^2", "lang.*.summary.concepts^1.5", "lang.*.body.concepts"]
# What the highlights mark of a concept: its first terms in each language.
TERMS_PER_LANGUAGE = 2
# Counting the translation groups of pages in several languages: exact up to the threshold. (The cost
# of a cardinality grows with its threshold whatever it counts: 40,000 cost 30 ms a search.)
GROUP_COUNT = {"field": "translation_group", "precision_threshold": 3000}
# The aggregation of the documents the post filter lets through: the search's count.
SHOWN_GROUPS = "shown_groups"
# The same aggregations again over the documents whose page has several versions (`has_versions`),
# with the groups counted: a value's count is its documents, less these, plus their groups.
VERSIONED = "versioned"


def filter_fields(docs: list[type[SearchDocument]]) -> dict[str, str]:
    """Filter -> document field, over every type searched (types name a shared filter's field alike)."""
    fields: dict[str, str] = {}
    for doc in docs:
        fields.update(doc.engine_filters)
    return fields


def facet_aggregation(aggregations: dict[str, Any], facet: str) -> dict[str, Any]:
    """A facet's counts in an answer to `count_aggregations`, with its buckets under "values"."""
    if facet in aggregations:
        return dict(aggregations[facet])
    values = aggregations.get(SHOWN_GROUPS, {}).get(facet)
    return {"values": values} if values is not None else {}


def counted_facets(shown: list[type[SearchDocument]]) -> list[str]:
    """The facets the shown types carry, in display order: only their values can be counted, since
    the type filter narrows every other facet's count to the shown types (the type facet is apart).
    The database fallback counts the same (search.backends.database)."""
    carried = {name for doc in shown for name in doc.engine_filters}
    if any(doc.ends_field for doc in shown):
        carried.add("when")
    return [facet for facet in FACETS if facet in carried]


def language_fields(language: str | None) -> list[str]:
    """The query's fields: every language's analyzer (a query of unknown language may be in any), and
    when the language is clear, its own stemmed fields once more, so its word forms weigh most."""
    if language is None:
        return BOOSTED_FIELDS
    own = f"lang.{language}"
    return [*BOOSTED_FIELDS, f"{own}.title^2", f"{own}.summary^1.5", f"{own}.body^0.5"]


class EngineQueries(EngineBase):
    def text_query(self, text: str, typos: bool = True) -> Any:
        """The words of a search: in the fields that weigh, across all texts, as a phrase, and the
        glossary concepts they name; with `typos` (a word the index does not know), typo tolerance.
        (Over the words of a correct query the fuzzy clause only added near-misses, "care" finding
        "car" and "case", at a fifth of the search's time.)"""
        Q = self.dsl.Q
        expansion = expand(text)
        # The weight of matching across all the texts, shared with typo tolerance when it is on.
        across = ALL_TEXT_BOOST / 2 if typos else ALL_TEXT_BOOST
        typo_tolerance = Q(
            "match",
            all_text={
                "query": text,
                "fuzziness": "AUTO",
                "max_expansions": 10,
                "prefix_length": 2,
                "analyzer": "folded",
                "minimum_should_match": "2<75%",
                "boost": across,
            },
        )
        return Q(
            "bool",
            should=[
                Q(
                    "multi_match",
                    query=text,
                    fields=language_fields(expansion.language),
                    type="best_fields",
                    tie_breaker=0.3,
                    minimum_should_match="2<75%",
                ),
                # Typo tolerance over all the text at once, so the words may match in different
                # fields; its own analyzer keeps synonyms (a token graph) out of the fuzzy expansion.
                *([typo_tolerance] if typos else []),
                # The same across fields with synonyms, without fuzziness.
                Q("match", all_text={"query": text, "minimum_should_match": "2<75%", "boost": across}),
                Q(
                    "multi_match",
                    query=text,
                    fields=PHRASE_FIELDS,
                    type="phrase",
                    slop=2,
                    boost=2,
                ),
                *self.expansion_clauses(expansion),
            ],
            minimum_should_match=1,
        )

    def expansion_clauses(self, expansion: Expansion) -> list[Any]:
        """One clause per glossary concept the query names: the texts tagged with it, in any language
        (search.analysis), the best of title, summary and body."""
        Q = self.dsl.Q
        return [
            Q(
                "multi_match",
                query=concept_token(concept.id),
                fields=CONCEPT_FIELDS,
                boost=EXPANSION_BOOST,
            )
            for concept in expansion.concepts[:MAX_EXPANDED_CONCEPTS]
        ]

    def concept_phrases(
        self, concept: Concept, fields: Sequence[str], languages: Collection[str] | None = None
    ) -> list[Any]:
        """The concept's first terms in each language (of `languages`, or all), phrase-matched in that
        language's `fields`."""
        Q = self.dsl.Q
        return [
            Q(
                "multi_match",
                query=term,
                type="phrase",
                slop=1,
                fields=[f"lang.{language}.{f}" for f in fields],
            )
            for language, terms in concept.terms.items()
            if languages is None or language in languages
            for term in terms[:TERMS_PER_LANGUAGE]
        ]

    def filter_clauses(self, query: SearchQuery, docs: list[type[SearchDocument]]) -> dict[str, Any]:
        """One clause per filter, the type filter always among them (its default when none is given).
        A filter a type has no field for matches none of its documents."""
        Q = self.dsl.Q
        fields = filter_fields(docs)
        filters = {**query.filters, TYPE_FACET: query.types}
        return {
            name: self.when_clause(values)
            if name == "when"
            else Q("terms", **{fields.get(name, name): list(values)})
            for name, values in filters.items()
        }

    def when_ranges(self) -> dict[str, Any]:
        Q = self.dsl.Q
        return {"upcoming": Q("range", end={"gte": "now"}), "past": Q("range", end={"lt": "now"})}

    def when_clause(self, values: Sequence[str]) -> Any:
        ranges = self.when_ranges()
        return self.dsl.Q("bool", should=[ranges[v] for v in values if v in ranges], minimum_should_match=1)

    def year_clauses(self, query: SearchQuery, docs: Sequence[type[SearchDocument]]) -> list[Any]:
        """The year range; a type without years (members, resources) has none in it, as in the
        database search (an open-ended practice, with no last year, still has a first)."""
        Q = self.dsl.Q
        clauses = []
        if query.year_to is not None or query.year_from is not None:
            clauses.append(Q("terms", type=[doc.type_name for doc in docs if doc.year_fields]))
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

    def matching_query(
        self, query: SearchQuery, semantic: Sequence[tuple[str, str]] = (), typos: bool = True
    ) -> Any:
        """The text query, widened to the semantic signal's candidates (`(type, id)` pairs) at score 0:
        they join the match set, its count and its facets, and the fusion gives them their rank."""
        Q = self.dsl.Q
        main = self.text_query(query.text, typos) if query.text else Q("match_all")
        if not semantic:
            return main
        return Q("bool", should=[main, Q("constant_score", filter=self.keys_query(semantic), boost=0)])

    def keys_query(self, keys: Sequence[tuple[str, str]]) -> Any:
        """Exactly these documents: ids are only unique within a type, so each type is matched apart."""
        Q = self.dsl.Q
        by_type: dict[str, list[str]] = {}
        for type_name, doc_id in keys:
            by_type.setdefault(type_name, []).append(doc_id)
        return Q(
            "bool",
            should=[
                Q("bool", filter=[Q("term", type=type_name), Q("ids", values=ids)])
                for type_name, ids in by_type.items()
            ],
            minimum_should_match=1,
        )

    def build_search(
        self,
        query: SearchQuery,
        docs: list[type[SearchDocument]],
        semantic: Sequence[tuple[str, str]] = (),
        typos: bool = True,
    ) -> Any:
        """The search request of one page in one go: its hits (one per translation group, with
        highlights), the count, the facets and the spelling suggestion."""
        matches, facet_filters = self.matching(query, docs, semantic, typos)
        search = matches.extra(track_total_hits=True)
        if facet_filters:
            # After the aggregations: each facet counts as if its own filter were off (multi-select).
            search = search.post_filter("bool", filter=list(facet_filters.values()))
        # One hit per translation group: a page is found by the words of any of its versions and
        # listed once; counts are of groups too (search.versions swaps in the version to show).
        search = self.counted(
            search.extra(collapse={"field": "translation_group"}), query, docs, facet_filters
        )
        if query.text:
            search = self.highlighted(search)
        if query.sort == "newest":
            search = search.sort({"published_at": {"order": "desc"}}, {"slug": {"order": "asc"}})
        search = search.source(excludes=SOURCE_EXCLUDES)
        return search[query.offset : query.offset + query.page_size]

    def candidates_search(
        self,
        query: SearchQuery,
        docs: list[type[SearchDocument]],
        semantic: Sequence[tuple[str, str]],
        window: int,
        typos: bool = True,
    ) -> Any:
        """The first `window` matches with their lexical scores and keys only, for the fusion to rank.
        Nothing is counted (no total, no aggregations: `count_search` does that beside it), no stored
        field is read (the keys come from doc values), and the versions of a page are collapsed by
        the caller, so the engine only scores."""
        matches, facet_filters = self.matching(query, docs, semantic, typos)
        if facet_filters:
            matches = matches.filter("bool", filter=list(facet_filters.values()))
        return matches.extra(
            size=window,
            track_total_hits=False,
            stored_fields="_none_",
            docvalue_fields=list(CANDIDATE_FIELDS),
        )

    def count_search(
        self,
        query: SearchQuery,
        docs: list[type[SearchDocument]],
        semantic: Sequence[tuple[str, str]] = (),
        typos: bool = True,
    ) -> Any:
        """The count, the facets and the spelling suggestion of the search, without hits."""
        matches, facet_filters = self.matching(query, docs, semantic, typos)
        return self.counted(matches.extra(size=0, track_total_hits=False), query, docs, facet_filters)

    def matching(
        self,
        query: SearchQuery,
        docs: list[type[SearchDocument]],
        semantic: Sequence[tuple[str, str]],
        typos: bool = True,
    ) -> tuple[Any, dict[str, Any]]:
        """The search of what matches the words and the narrowing filters, and the facet filters by
        name (the caller applies them: after the aggregations, or before scoring when nothing is
        counted)."""
        dsl = self.dsl
        main = self.matching_query(query, semantic, typos)
        filters = self.filter_clauses(query, docs)
        facet_filters = {name: clause for name, clause in filters.items() if name in (*FACETS, TYPE_FACET)}
        narrowing = [clause for name, clause in filters.items() if name not in facet_filters]
        narrowing += self.year_clauses(query, docs)
        if narrowing:
            main = dsl.Q("bool", must=[main], filter=narrowing)
        return dsl.Search().query(main), facet_filters

    def counted(
        self,
        search: Any,
        query: SearchQuery,
        docs: list[type[SearchDocument]],
        facet_filters: dict[str, Any],
    ) -> Any:
        """`search` with the count and facet aggregations, and the spelling suggestion for a text."""
        facets = counted_facets([doc for doc in docs if doc.type_name in query.types])
        for name, aggregation in self.count_aggregations(facet_filters, docs, facets).items():
            search.aggs.bucket(name, aggregation)
        if query.text:
            search = search.suggest("did_you_mean", query.text, phrase=self.suggestion_options())
        return search

    def count_aggregations(
        self, facet_filters: dict[str, Any], docs: list[type[SearchDocument]], facets: Sequence[str]
    ) -> dict[str, Any]:
        """The search's count and the values of each of `facets`, counted in documents; and under
        VERSIONED the same over the documents of pages in several languages, with their translation
        groups. A facet is counted over the matches of every other facet's filter: the facets with no
        filter of their own are all counted under SHOWN_GROUPS (the matches of every filter), the
        others each under a filter of their own (`facet_aggregation` reads either)."""
        dsl = self.dsl

        def aggregations(groups: bool) -> dict[str, Any]:
            shown = dsl.A("filter", filter=dsl.Q("bool", filter=list(facet_filters.values())))
            if groups:
                shown.metric("groups", "cardinality", **GROUP_COUNT)
            counted = {SHOWN_GROUPS: shown}
            field_names = filter_fields(docs)
            for facet in (*facets, TYPE_FACET):
                if facet == "when":
                    ranges = self.when_ranges()
                    values = dsl.A("filters", filters={v: ranges[v] for v in WHEN_VALUES})
                else:
                    values = dsl.A("terms", field=field_names.get(facet, facet), size=100)
                if groups:
                    values.metric("groups", "cardinality", **GROUP_COUNT)
                if facet not in facet_filters:
                    shown.bucket(facet, values)
                    continue
                others = [clause for name, clause in facet_filters.items() if name != facet]
                counted[facet] = dsl.A("filter", filter=dsl.Q("bool", filter=others), aggs={"values": values})
            return counted

        versioned = dsl.A("filter", filter=dsl.Q("term", has_versions=True))
        for name, aggregation in aggregations(groups=True).items():
            versioned.bucket(name, aggregation)
        return {**aggregations(groups=False), VERSIONED: versioned}

    def vocabulary_search(self, word: str) -> Any:
        """Whether any document has `word` (folded) among its words: stops at the first."""
        return (
            self.dsl.Search()
            .query("term", all_text=word)
            .extra(size=0, terminate_after=1, track_total_hits=1)
        )

    def suggestion_options(self) -> dict[str, Any]:
        """ "Did you mean": a phrase suggester over shingles, collated so it only offers what matches."""
        return {
            "field": "spelling.shingles",
            "size": 1,
            "gram_size": 3,
            "max_errors": 2,
            # Corrections only for words the corpus lacks: a query of known words (most of them) costs
            # the suggester nearly nothing instead of a candidate search and a collate query.
            "direct_generator": [{"field": "spelling", "suggest_mode": "missing", "min_word_length": 3}],
            "collate": {
                "query": {"source": {"match": {"spelling": "{{suggestion}}"}}},
                "prune": False,
            },
        }

    def page_search(
        self, query: SearchQuery, keys: Sequence[tuple[str, str]], languages: Collection[str] | None = None
    ) -> Any:
        """The documents of one fused page, with highlights of the query's words (the glossary terms
        in `languages` only, the page's, when they are known)."""
        search = self.dsl.Search().query(self.keys_query(keys)).source(excludes=SOURCE_EXCLUDES)
        if query.text:
            highlight_query = self.highlight_query(query.text, languages).to_dict()
            search = self.highlighted(search, highlight_query=highlight_query)
        return search[: len(keys)]

    def highlight_query(self, text: str, languages: Collection[str] | None = None) -> Any:
        """What the marks show: the query's words in the highlighted texts (folded, or stemmed in the
        text's language) and the glossary terms it names in `languages` (or all). Not the whole text
        query: its fuzzy and cross-field clauses cost the highlighter three times the rest of the
        page's fetch, and the terms of the languages no shown text is in half of it."""
        Q = self.dsl.Q
        words = Q("multi_match", query=text, fields=HIGHLIGHT_FIELDS, type="best_fields")
        concepts = expand(text).concepts[:MAX_EXPANDED_CONCEPTS]
        terms = [
            phrase for c in concepts for phrase in self.concept_phrases(c, ("summary", "body"), languages)
        ]
        return Q("bool", should=[words, *terms], minimum_should_match=1)

    def highlighted(self, search: Any, **options: Any) -> Any:
        return search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=SNIPPET_LENGTH,
            number_of_fragments=1,
            **options,
        ).highlight(*HIGHLIGHT_FIELDS)

    def versions_search(self, groups: Sequence[str], language: str) -> Any:
        """The versions of `groups` a reader of `language` may be shown: theirs, and the originals."""
        Q = self.dsl.Q
        return (
            self.dsl.Search()
            .filter("terms", translation_group=list(groups))
            .filter(Q("bool", should=[Q("term", locale=language), Q("term", is_original=True)]))
            .source(excludes=SOURCE_EXCLUDES)
            .extra(size=2 * len(groups))
        )

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
            .extra(size=limit, collapse={"field": "translation_group"})
        )

    def more_like_this_search(
        self, doc: type[SearchDocument], obj_id: str, limit: int, group: str | None = None
    ) -> Any:
        """Documents like `obj_id`, none of its own versions (`group`), one per translation group."""
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
            .exclude("term", translation_group=group or "")
            .source(excludes=SOURCE_EXCLUDES)
            .extra(size=limit, collapse={"field": "translation_group"})
        )
