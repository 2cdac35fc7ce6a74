"""Validation of search parameters, shared by the page and the API."""

import pytest
from django.http import QueryDict

from search.backends.database import mark_terms
from search.query import InvalidSearchQuery, SearchQuery

ALLOWED = {"priority": {"legal-migration"}, "theme": {"housing", "mentoring"}, "country": {"DE", "IT"}}


def parse(params: str) -> SearchQuery:
    return SearchQuery.from_params(QueryDict(params), ALLOWED)


def test_parses_filters_pages_and_years():
    query = parse(
        "q=  foster   care &theme=housing&theme=mentoring&country=DE&page=2&page_size=20&year_from=2019"
    )
    assert query.text == "foster care"
    assert query.filters == {"theme": ("housing", "mentoring"), "country": ("DE",)}
    assert (query.page, query.page_size, query.offset, query.year_from) == (2, 20, 20, 2019)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ("theme=flying-cars", "Unknown theme: flying-cars."),
        ("page=0", "page must be at least 1."),
        ("page=two", "page must be a whole number."),
        ("page_size=51", "page_size must be at most 50."),
        ("year_from=2024&year_to=2020", "year_from must not be after year_to."),
        ("type=recipe", "Unknown type: recipe."),
        ("sort=random", "sort must be one of: relevance, newest."),
    ],
)
def test_rejects_bad_parameters_with_a_readable_message(params, message):
    with pytest.raises(InvalidSearchQuery) as error:
        parse(params)
    assert str(error.value) == message


def test_database_snippet_escapes_text_and_marks_query_words():
    snippet = mark_terms("Housing <script>alert(1)</script> for families & children", "housing children")
    assert snippet == (
        "<mark>Housing</mark> &lt;script&gt;alert(1)&lt;/script&gt; for families &amp; <mark>children</mark>"
    )
