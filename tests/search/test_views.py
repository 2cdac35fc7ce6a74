"""The search page, the JSON API and autocomplete, on the database search and on the engine."""

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from search.backends import get_backend
from tests.search.conftest import CLOSED_PORT_URL, OnTheEngine, build_corpus

API_KEYS = {"count", "results", "facets", "suggestion", "engine"}
FACET_KEYS = {
    "priority",
    "theme",
    "country",
    "target_group",
    "member_kind",
    "language",
    "event_type",
    "resource_type",
    "when",
    "type",
}


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

    def test_api_searches_events_and_members_with_type(self):
        events = self.api(q="guardians", type="event").json()
        assert [r["slug"] for r in events["results"]] == ["guardians-training"]
        assert events["results"][0]["place"] == "Palazzo Civico, Turin, Italy"
        assert events["results"][0]["event_type"] == "training"
        past = next(v for v in events["facets"]["when"] if v["value"] == "past")
        assert past == {"value": "past", "label": "Past", "count": 1}
        counts = {v["value"]: v["count"] for v in events["facets"]["type"]}
        assert counts["event"] == 1 and counts["member"] == 1
        members = self.api(type="member", member_kind="ngo").json()
        assert {r["slug"] for r in members["results"]} == {"antwerp-ngo", "lyon-ngo"}
        assert {r["member_kind"] for r in members["results"]} == {"ngo"}
        assert self.api(type="meetup").status_code == 400
        assert self.api(type="event", when="someday").status_code == 400

    def test_api_without_type_lists_practices_as_before(self):
        data = self.api().json()
        assert data["count"] == 7
        assert {r["type"] for r in data["results"]} == {"practice"}
        assert {v["value"]: v["count"] for v in data["facets"]["type"]} == {
            "practice": 7,
            "event": 2,
            "member": 6,
            "resource": 1,
        }

    def test_page_shows_the_type_filter_with_counts(self):
        response = self.client.get(reverse("search:search"), {"q": "guardians", "type": "event"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Search practices, events, members and resources</h1>" in html
        assert 'aria-current="page" data-type="event">Events <span class="search-types__count">(1' in html
        assert 'data-type="member">Members <span class="search-types__count">(1' in html
        assert '<input type="hidden" name="type" value="event">' in html
        assert "Training for guardians of children arriving alone" in html
        assert "Palazzo Civico, Turin, Italy" in html
        assert "<legend>Type of event</legend>" in html and "<legend>When</legend>" in html
        assert "<legend>Target group</legend>" not in html

    def test_page_shows_member_cards_with_kind_and_country(self):
        response = self.client.get(reverse("search:search"), {"q": "guardians", "type": "member"})
        html = response.content.decode()
        assert '<a href="/members/turin/">City of Turin</a>' in html
        assert "Municipality" in html and "Turin · Italy" in html
        assert "Former guardians office" not in html
        assert "Running between" not in html  # members have no years

    def test_page_shows_resource_cards_with_kind_and_languages(self):
        response = self.client.get(reverse("search:search"), {"q": "guardians"})
        html = response.content.decode()
        assert 'data-type="resource">Resources <span class="search-types__count">(1' in html
        response = self.client.get(reverse("search:search"), {"q": "guardians", "type": "resource"})
        html = response.content.decode()
        url = self.pages["guardians-curriculum"].url
        assert f'<a href="{url}">Curriculum for volunteer guardians</a>' in html
        assert '<p class="card__kicker">Training curriculum</p>' in html
        assert "City of Turin · Files in: English, Italian" in html
        assert "<legend>Type of resource</legend>" in html and "<legend>Language</legend>" in html
        assert "Closed toolkit for guardians" not in html and "Draft curriculum" not in html
        assert "Running between" not in html  # resources have no years
        response = self.client.get(reverse("search:search"), {"q": "zzzqqq", "type": "resource"})
        assert "No resources match" in response.content.decode()

    def test_results_in_another_language_carry_their_lang_on_their_own_words_only(self):
        html = self.client.get(reverse("search:search"), {"language": "de"}).content.decode()
        # The title is German; the card's kicker and labels stay in the interface language.
        assert '<li class="card search-result search-result--practice">' in html
        assert '<h3 class="card__title" lang="de"><a' in html
        with translation.override("de"):  # and back to English after the request, for the next test
            german = self.client.get(reverse("search:search"), {"language": "de"}).content.decode()
        assert '<h3 class="card__title"><a' in german and 'lang="de"><a' not in german

    def test_page_explains_an_empty_event_result(self):
        response = self.client.get(reverse("search:search"), {"q": "zzzqqq", "type": "event"})
        assert "No events match" in response.content.decode()

    def test_event_member_and_resource_pages_run_a_bounded_number_of_queries(self):
        from library.demo import library_index
        from tests.events.factories import in_days, make_event
        from tests.factories import MemberFactory
        from tests.library.factories import resource

        for number in range(12):
            member = MemberFactory(description="Extra member for the query bound.")
            make_event(
                member=member, revision=False, title=f"Extra event {number}", start=in_days(5 + number)
            )
            resource(
                library_index(),
                title=f"Extra resource {number}",
                themes=["housing"],
                languages=("en", "de"),
                publisher=member,
            )
        if self.engine != "database":
            get_backend().rebuild()
        self.client.get(reverse("search:search"), {"q": "warm"})  # fills the caches, as above
        for params, count in (({"type": "event"}, 14), ({"type": "member"}, 18), ({"type": "resource"}, 13)):
            with self.subTest(params=params), self._at_most(self.max_queries):
                response = self.client.get(reverse("search:search"), {**params, "page_size": "50"})
            assert response.context["results"].count == count

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
        # The first search after a change fills what later ones read from memory or the cache (the
        # database search's facet tables: one query per type and filter; site, settings, footer links).
        self.client.get(reverse("search:search"), {"q": "warm"})
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
    max_queries = 21  # measured 17 before the match ids were read once (+1), and the other types' counts (+2)

    def test_page_says_the_database_search_is_in_use(self):
        response = self.client.get(reverse("search:search"), {"q": "housing"})
        assert "simple database search" in response.content.decode()


class TestViewsOnOpenSearch(OnTheEngine, ViewContract, TestCase):
    engine = "opensearch"
    max_queries = 7  # measured 6

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
