"""The same index definitions and queries render identically through opensearch-py and elasticsearch.dsl."""

import pytest

from search.backends.elasticsearch import ElasticsearchBackend
from search.backends.engine_queries import ALL_TEXT_BOOST
from search.backends.opensearch import OpenSearchBackend
from search.documents import DOCUMENTS
from search.dsl import get_dsl
from search.query import SearchQuery

QUERIES = [
    SearchQuery(),
    SearchQuery(text="foster care"),
    SearchQuery(text="housing", filters={"theme": ("housing",), "country": ("DE", "IT")}, sort="newest"),
    SearchQuery(
        text="language courses",
        filters={"priority": ("legal-migration",), "status": ("ongoing",), "type": ("practice",)},
        year_from=2019,
        year_to=2023,
        page=3,
        page_size=20,
    ),
]


@pytest.fixture(scope="module")
def backends():
    # Clients are created lazily by the libraries: no connection is made to these URLs.
    return OpenSearchBackend("http://127.0.0.1:1", "t", 1), ElasticsearchBackend("http://127.0.0.1:1", "t", 1)


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda doc: doc.type_name)
def test_both_dsls_produce_the_same_index_definition(doc):
    opensearch = doc.document_class(get_dsl("opensearch"), "t-index")._index.to_dict()
    elasticsearch = doc.document_class(get_dsl("elasticsearch"), "t-index")._index.to_dict()
    assert opensearch == elasticsearch
    analyzers = opensearch["settings"]["analysis"]["analyzer"]
    assert {"folded", "folded_search", "pl_text", "de_text", "el_text", "sv_text"} <= set(analyzers)
    properties = opensearch["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "folded"
    assert properties["lang"]["properties"]["pl"]["properties"]["title"]["analyzer"] == "pl_text"


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.text or "match-all")
def test_both_dsls_produce_the_same_request_body(backends, query):
    opensearch, elasticsearch = backends
    docs = DOCUMENTS[:1]
    assert opensearch.build_search(query, docs).to_dict() == elasticsearch.build_search(query, docs).to_dict()
    semantic = [("practice", "3")]
    assert (
        opensearch.candidates_search(query, docs, semantic, 200).to_dict()
        == elasticsearch.candidates_search(query, docs, semantic, 200).to_dict()
    )
    assert (
        opensearch.count_search(query, docs, semantic).to_dict()
        == elasticsearch.count_search(query, docs, semantic).to_dict()
    )


def test_the_fused_searchs_candidates_only_score_and_its_counts_bring_no_hits(backends):
    query = SearchQuery(text="housing", filters={"theme": ("housing",)})
    candidates = backends[0].candidates_search(query, DOCUMENTS[:1], [("practice", "3")], 200).to_dict()
    assert candidates["size"] == 200 and candidates["track_total_hits"] is False
    assert candidates["stored_fields"] == "_none_"
    assert "aggs" not in candidates and "suggest" not in candidates
    # Nothing is counted here, so the facet filters narrow before scoring rather than after.
    assert "post_filter" not in candidates
    assert {"terms": {"themes": ["housing"]}} in candidates["query"]["bool"]["filter"][0]["bool"]["filter"]
    counts = backends[0].count_search(query, DOCUMENTS[:1], [("practice", "3")]).to_dict()
    assert counts["size"] == 0 and "post_filter" not in counts
    assert {"theme", "type", "shown_groups", "versioned"} <= set(counts["aggs"]) and "suggest" in counts


def test_both_dsls_produce_the_same_autocomplete_and_related_requests(backends):
    opensearch, elasticsearch = backends
    assert (
        opensearch.autocomplete_search("fost", 8).to_dict()
        == elasticsearch.autocomplete_search("fost", 8).to_dict()
    )
    doc = DOCUMENTS[0]
    assert (
        opensearch.more_like_this_search(doc, "7", 4).to_dict()
        == elasticsearch.more_like_this_search(doc, "7", 4).to_dict()
    )


def test_request_body_boosts_title_over_summary_over_themes_over_body(backends):
    body = backends[0].build_search(SearchQuery(text="housing"), DOCUMENTS[:1]).to_dict()
    main = body["query"]["bool"]["should"][0]["multi_match"]
    assert main["fields"][:1] == ["title^4"]
    assert (
        main["fields"].index("summary^3")
        < main["fields"].index("theme_labels^2")
        < main["fields"].index("lang.*.body")
    )
    fuzzy = body["query"]["bool"]["should"][1]["match"]["all_text"]
    assert fuzzy["fuzziness"] == "AUTO"
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["encoder"] == "html"


def test_typo_tolerance_is_left_out_of_a_query_of_known_words(backends):
    for typos, fuzzy_clauses, across in ((True, 1, ALL_TEXT_BOOST / 2), (False, 0, ALL_TEXT_BOOST)):
        should = backends[0].text_query("housing", typos=typos).to_dict()["bool"]["should"]
        all_text = [clause["match"]["all_text"] for clause in should if "all_text" in clause.get("match", {})]
        assert len([c for c in all_text if "fuzziness" in c]) == fuzzy_clauses
        assert all(clause["boost"] == across for clause in all_text)


def test_facet_filters_do_not_narrow_their_own_counts(backends):
    query = SearchQuery(filters={"theme": ("housing",), "country": ("DE",)})
    body = backends[0].build_search(query, DOCUMENTS[:1]).to_dict()
    theme_filters = body["aggs"]["theme"]["filter"]["bool"]["filter"]
    # The type filter (practices when none is given) narrows every facet but its own.
    assert theme_filters == [{"terms": {"country": ["DE"]}}, {"terms": {"type": ["practice"]}}]
    assert {"terms": {"themes": ["housing"]}} in body["post_filter"]["bool"]["filter"]
    type_filters = body["aggs"]["type"]["filter"]["bool"]["filter"]
    assert {"terms": {"type": ["practice"]}} not in type_filters


def test_only_the_facets_of_the_shown_types_are_counted(backends):
    """Another type's facet counts nothing once the type filter narrows it: it is not asked for."""
    cases = {
        ("practice",): {"priority", "theme", "target_group", "country", "member_kind", "language"},
        ("event",): {"priority", "theme", "country", "event_type", "when"},
        ("member",): {"theme", "country", "member_kind"},
        ("practice", "event"): {"priority", "theme", "target_group", "country", "member_kind"}
        | {"language", "event_type", "when"},
    }
    for types, facets in cases.items():
        query = SearchQuery(text="housing", filters={"type": types})
        body = backends[0].count_search(query, DOCUMENTS).to_dict()
        for aggs in (body["aggs"], body["aggs"]["versioned"]["aggs"]):
            counted = {*aggs, *aggs["shown_groups"].get("aggs", {})} - {"shown_groups", "versioned", "groups"}
            assert counted == facets | {"type"}, types


def test_the_facets_without_a_filter_are_counted_together(backends):
    """Facets whose counts follow the same filters share one filter aggregation: the search's own."""
    query = SearchQuery(text="housing", filters={"theme": ("housing",), "country": ("DE",)})
    aggs = backends[0].count_search(query, DOCUMENTS[:1]).to_dict()["aggs"]
    assert set(aggs) == {"shown_groups", "theme", "country", "type", "versioned"}
    assert set(aggs["shown_groups"]["aggs"]) == {"priority", "target_group", "member_kind", "language"}
    assert aggs["shown_groups"]["aggs"]["priority"] == {"terms": {"field": "priority", "size": 100}}


def test_a_page_highlights_the_glossary_terms_of_its_own_languages_only(backends):
    query = SearchQuery(text="foster care")

    def languages(body):
        phrases = body["highlight"]["highlight_query"]["bool"]["should"][1:]
        return {field.split(".")[1] for phrase in phrases for field in phrase["multi_match"]["fields"]}

    keys = [("practice", "1")]
    assert languages(backends[0].page_search(query, keys, {"de"}).to_dict()) == {"de"}
    assert len(languages(backends[0].page_search(query, keys).to_dict())) == 10
