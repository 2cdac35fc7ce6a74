"""The search page, the JSON API and autocomplete, on the database search and on the engine."""

from django.test import TestCase, override_settings
from django.urls import reverse

from search.backends import get_backend
from tests.search.conftest import CLOSED_PORT_URL, build_corpus, engine_settings, require_engine

API_KEYS = {"count", "results", "facets", "suggestion", "engine"}
FACET_KEYS = {"priority", "theme", "country", "target_group", "member_kind", "language"}


class ViewContract:
    engine = ""

    @classmethod
    def setUpTestData(cls):
        cls.pages = build_corpus()

    def api(self, **params):
        return self.client.get(reverse("search:api"), params)

    def test_api_answers_the_documented_shape(self):
        response = self.api(q="mentoring", country="IT")
        assert response.status_code == 200
        data = response.json()
        assert set(data) == API_KEYS
        assert data["engine"] == self.engine
        assert data["count"] == 1
        assert set(data["facets"]) == FACET_KEYS
        italy = next(value for value in data["facets"]["country"] if value["value"] == "IT")
        assert italy["label"] == "Italy" and italy["count"] >= 1
        assert data["results"][0]["slug"] == "mentoring"
        assert data["results"][0]["lead_member"] == "City of Turin"

    def test_api_rejects_bad_parameters_with_a_json_error(self):
        for params in (
            {"theme": "flying-cars"},
            {"page": "0"},
            {"page_size": "51"},
            {"year_from": "2024", "year_to": "2020"},
            {"country": "XX"},
        ):
            with self.subTest(params=params):
                response = self.api(**params)
                assert response.status_code == 400
                assert set(response.json()) == {"error"}

    def test_autocomplete_returns_titles_and_urls(self):
        response = self.client.get(reverse("search:autocomplete"), {"q": "Renov"})
        assert response.json() == [
            {"title": "Renovated homes for refugee households", "url": self.pages["housing"].url}
        ]
        assert self.client.get(reverse("search:autocomplete"), {"q": "x"}).json() == []

    def test_page_shows_results_facets_and_highlights(self):
        response = self.client.get(reverse("search:search"), {"q": "host", "theme": "family-based-care"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Volunteer foster families for children arriving alone" in html
        assert "<mark>Host</mark>" in html
        assert "<legend>Theme</legend>" in html
        assert 'name="theme" value="family-based-care" checked' in html

    def test_more_like_this_tag_lists_related_practices(self):
        from django.template import Context, Template

        html = Template("{% load search_tags %}{% more_like_this page %}").render(
            Context({"page": self.pages["housing"]})
        )
        assert "Related practices" in html
        assert "Neue Wohnungen für geflüchtete Familien" in html
        assert "Renovated homes for refugee households" not in html

    def test_page_explains_an_empty_result(self):
        response = self.client.get(reverse("search:search"), {"q": "zzzqqq"})
        assert "No practices match" in response.content.decode()

    def test_page_reports_bad_parameters_and_keeps_the_query(self):
        response = self.client.get(reverse("search:search"), {"q": "housing", "page": "0"})
        html = response.content.decode()
        assert response.status_code == 400
        assert 'class="error-summary"' in html
        assert 'value="housing"' in html

    def test_page_runs_a_bounded_number_of_queries(self):
        from tests.factories import MemberFactory
        from tests.practices.factories import practice_page

        member = MemberFactory()
        for number in range(25):
            practice_page(member, with_revision=False, title=f"Extra practice {number}", themes=["housing"])
        if self.engine != "database":
            get_backend().rebuild()
        # The bound holds for 27 results as for 2: no query per result or per facet value.
        with self._at_most(self.max_queries):
            response = self.client.get(reverse("search:search"), {"theme": "housing", "page_size": "50"})
        assert response.context["results"].count == 27

    def _at_most(self, bound):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        test = self

        class AtMost(CaptureQueriesContext):
            def __exit__(self, *exc):
                super().__exit__(*exc)
                test.assertLessEqual(len(self), bound, "\n".join(q["sql"] for q in self.captured_queries))

        return AtMost(connection)


@override_settings(SEARCH_URL="")
class TestViewsOnDatabaseSearch(ViewContract, TestCase):
    engine = "database"
    max_queries = 19  # measured 17 before the match ids were read once (+1)

    def test_page_says_the_database_search_is_in_use(self):
        response = self.client.get(reverse("search:search"), {"q": "housing"})
        assert "simple database search" in response.content.decode()


class TestViewsOnOpenSearch(ViewContract, TestCase):
    engine = "opensearch"
    max_queries = 7  # measured 6

    @classmethod
    def setUpClass(cls):
        require_engine()
        cls._engine_settings = engine_settings()
        cls._engine_settings.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._engine_settings.disable()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        get_backend().rebuild()

    def test_engine_down_falls_back_to_the_database_with_the_same_shape(self):
        healthy = self.api(q="mentoring", country="IT").json()
        with override_settings(SEARCH_URL=CLOSED_PORT_URL):
            response = self.api(q="mentoring", country="IT")
            page = self.client.get(reverse("search:search"), {"q": "mentoring"})
        assert response.status_code == 200
        fallback = response.json()
        assert fallback["engine"] == "database"
        assert set(fallback) == set(healthy)
        assert set(fallback["facets"]) == set(healthy["facets"])
        assert set(fallback["results"][0]) == set(healthy["results"][0])
        assert [r["slug"] for r in fallback["results"]] == [r["slug"] for r in healthy["results"]]
        assert page.status_code == 200
        assert "search engine is not answering" in page.content.decode()

    def test_did_you_mean_links_to_the_corrected_query(self):
        response = self.client.get(reverse("search:search"), {"q": "mentorng newcomrs"})
        html = response.content.decode()
        assert "Did you mean" in html
        assert "?q=mentoring+newcomers" in html
