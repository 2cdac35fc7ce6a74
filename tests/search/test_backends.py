"""One behaviour contract, run against every backend: OpenSearch, PostgreSQL and SQLite database search.

Gaps of the database search (no typo tolerance, synonyms, stemming per language, "did you mean") are
skipped with the reason in its subclasses, so the difference stays visible.
"""

import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase

from search.analysis import concept_token
from search.backends import get_backend
from search.backends.database import DatabaseBackend
from search.backends.engine import known_word_key, known_words
from search.backends.engine_index import ANALYSIS_META
from search.query import TYPES, SearchQuery
from search.services import related_practices
from tests.search.conftest import TEST_PREFIX, OnTheEngine, build_corpus

API_KEYS = {
    "type",
    "slug",
    "title",
    "url",
    "priority",
    "themes",
    "country",
    "lead_member",
    "summary",
    "highlight",
}
ALL = {"foster", "housing", "empleo", "wohnen", "partnerstwa", "courses", "mentoring"}
EVENTS = {"housing-visit", "guardians-training"}
MEMBERS = {"turin", "antwerp-ngo", "murcia", "leipzig", "gdansk", "lyon-ngo"}


class SearchContract:
    backend = None

    @classmethod
    def setUpTestData(cls):
        cls.pages = build_corpus()

    def run_search(self, text="", **kwargs):
        return self.backend.search(SearchQuery(text=text, **kwargs))

    def slugs(self, text="", **kwargs) -> list[str]:
        return [result.slug for result in self.run_search(text, page_size=50, **kwargs).results]

    def facet(self, results, name) -> dict[str, int]:
        return {value.value: value.count for value in results.facets[name]}

    # --- behaviour every backend shares ---------------------------------------------------------
    def test_finds_a_practice_by_a_word_of_its_title(self):
        assert self.slugs("renovated") == ["housing"]

    def test_empty_query_lists_every_live_practice_but_no_draft(self):
        results = self.run_search(page_size=50)
        assert results.count == 7
        assert {r.slug for r in results.results} == ALL

    def test_results_carry_the_api_fields(self):
        result = self.run_search("mentoring").results[0]
        assert set(result.as_json()) == API_KEYS
        assert result.as_json() | {"highlight": None} == {
            "type": "practice",
            "slug": "mentoring",
            "title": "Mentoring newcomers into their first job",
            "url": self.pages["mentoring"].url,
            "priority": "legal-migration",
            "themes": ["mentoring"],
            "country": "IT",
            "lead_member": "City of Turin",
            "summary": "Retired professionals mentor third-country nationals through job applications.",
            "highlight": None,
        }

    def test_each_filter_narrows_the_results(self):
        cases = {
            "priority": (("local-regional-networks",), {"housing", "wohnen", "partnerstwa"}),
            "theme": (("housing",), {"housing", "wohnen"}),
            "target_group": (("women",), {"empleo", "courses"}),
            "country": (("IT",), {"foster", "mentoring"}),
            "member_kind": (("ngo",), {"housing", "courses"}),
            "language": (("de", "pl"), {"wohnen", "partnerstwa"}),
            "status": (("completed",), {"housing"}),
            "type": (("practice",), ALL),
        }
        for name, (values, expected) in cases.items():
            with self.subTest(filter=name):
                assert set(self.slugs(filters={name: values})) == expected

    def test_filters_combine_across_facets(self):
        assert self.slugs(filters={"theme": ("housing",), "country": ("DE",)}) == ["wohnen"]

    def test_facet_counts_cover_each_facet_and_ignore_their_own_filter(self):
        results = self.run_search(filters={"country": ("IT",)})
        assert self.facet(results, "country") == {"IT": 2, "BE": 1, "ES": 1, "DE": 1, "PL": 1, "FR": 1}
        assert self.facet(results, "theme") == {"family-based-care": 1, "mentoring": 1}
        assert self.facet(results, "priority") == {"migrant-minors": 1, "legal-migration": 1}
        assert self.facet(results, "target_group") == {
            "unaccompanied-minors": 1,
            "third-country-nationals": 1,
        }
        assert self.facet(results, "member_kind") == {"municipality": 2}
        assert self.facet(results, "language") == {"en": 2}

    def test_facet_counts_follow_the_text_query(self):
        results = self.run_search("job")
        assert self.facet(results, "country") == {"IT": 1}
        assert self.facet(results, "theme") == {"mentoring": 1}

    def test_year_range_keeps_practices_running_in_it(self):
        assert set(self.slugs(year_from=2016, year_to=2018)) == {"housing", "mentoring"}
        assert set(self.slugs(year_from=2023)) == ALL - {"housing"}

    def test_sort_newest_lists_recently_published_first(self):
        slugs = self.slugs(sort="newest")
        assert slugs[0] == "mentoring"
        assert slugs[-1] == "foster"

    def test_pages_do_not_overlap(self):
        first = self.run_search(page=1, page_size=3, sort="newest")
        third = self.run_search(page=3, page_size=3, sort="newest")
        assert first.count == third.count == 7
        assert len(first.results) == 3 and len(third.results) == 1
        assert not {r.slug for r in first.results} & {r.slug for r in third.results}

    def test_highlight_marks_matches_and_escapes_the_rest(self):
        foster = next(r for r in self.run_search("host", page_size=50).results if r.slug == "foster")
        assert "<mark>Host</mark>" in foster.highlight
        assert "&amp; volunteers" in foster.highlight
        assert "&lt;18" in foster.highlight
        assert "<18" not in foster.highlight

    def test_autocomplete_suggests_titles_from_a_prefix(self):
        suggestions = self.backend.autocomplete("renov")
        assert [(s.title, s.url) for s in suggestions] == [
            ("Renovated homes for refugee households", self.pages["housing"].url)
        ]

    def test_related_practices_exclude_the_practice_itself(self):
        related = self.backend.more_like_this(self.pages["housing"], limit=4)
        slugs = [r.slug for r in related]
        assert "housing" not in slugs
        assert "wohnen" in slugs

    # --- events and members ----------------------------------------------------------------------
    def test_type_filter_lists_live_public_events_and_active_members_only(self):
        assert set(self.slugs(filters={"type": ("event",)})) == EVENTS
        assert set(self.slugs(filters={"type": ("member",)})) == MEMBERS
        assert set(self.slugs(filters={"type": ("practice", "event")})) == ALL | EVENTS

    def test_draft_private_event_and_inactive_member_are_never_found(self):
        for types in (("event",), ("member",), ("practice", "event", "member")):
            with self.subTest(types=types):
                found = set(self.slugs("guardians", filters={"type": types}))
                assert not found & {"draft-guardians", "private-guardians", "former-guardians"}
        assert self.slugs("guardians", filters={"type": ("event",)}) == ["guardians-training"]
        assert self.slugs("guardians", filters={"type": ("member",)}) == ["turin"]
        suggested = {s.title for s in self.backend.autocomplete("Former guard")}
        suggested |= {s.title for s in self.backend.autocomplete("Closed train")}
        assert not suggested & {"Former guardians office", "Closed training for guardians"}

    def test_type_facet_counts_every_type_whichever_is_shown(self):
        for types in ((), ("event",), ("member",)):
            with self.subTest(types=types):
                results = self.run_search(filters={"type": types} if types else {})
                assert self.facet(results, "type") == {"practice": 7, "event": 2, "member": 6, "resource": 1}
        results = self.run_search("guardians", filters={"type": ("event",)})
        assert self.facet(results, "type")["event"] == 1
        assert self.facet(results, "type")["member"] == 1

    def test_event_results_carry_their_date_and_place(self):
        (result,) = self.run_search("guardians", filters={"type": ("event",)}).results
        training = self.pages["guardians-training"]
        assert set(result.as_json()) == API_KEYS | {"event_type", "start", "end", "place"}
        assert result.as_json() | {"highlight": None} == {
            "type": "event",
            "slug": "guardians-training",
            "title": "Training for guardians of children arriving alone",
            "url": training.url,
            "priority": "migrant-minors",
            "themes": ["family-based-care"],
            "country": "IT",
            "lead_member": "City of Turin",
            "summary": "Volunteer guardians learn the asylum procedure for children.",
            "highlight": None,
            "event_type": "training",
            "start": training.start.isoformat(),
            "end": training.end.isoformat(),
            "place": "Palazzo Civico, Turin, Italy",
        }
        assert "<mark>" in result.highlight

    def test_member_results_carry_their_kind_and_country(self):
        (result,) = self.run_search("guardians", filters={"type": ("member",)}).results
        assert set(result.as_json()) == API_KEYS | {"member_kind", "city"}
        assert result.as_json() | {"highlight": None} == {
            "type": "member",
            "slug": "turin",
            "title": "City of Turin",
            "url": "/members/turin/",
            "priority": None,
            "themes": ["family-based-care"],
            "country": "IT",
            "lead_member": "",
            "summary": "The city trains volunteer guardians for children who arrive alone.",
            "highlight": None,
            "member_kind": "municipality",
            "city": "Turin",
        }

    def test_event_facets_count_type_priority_theme_country_and_when(self):
        results = self.run_search(filters={"type": ("event",)})
        assert self.facet(results, "event_type") == {"study-visit": 1, "training": 1}
        assert self.facet(results, "when") == {"upcoming": 1, "past": 1}
        assert self.facet(results, "priority") == {"local-regional-networks": 1, "migrant-minors": 1}
        assert self.facet(results, "theme") == {"housing": 1, "family-based-care": 1}
        assert self.facet(results, "country") == {"DE": 1, "IT": 1}
        assert self.facet(results, "target_group") == {} and self.facet(results, "member_kind") == {}

    def test_event_filters_narrow_the_events(self):
        cases = {
            "when": (("upcoming",), {"housing-visit"}),
            "event_type": (("training",), {"guardians-training"}),
            "priority": (("migrant-minors",), {"guardians-training"}),
            "country": (("DE",), {"housing-visit"}),
            "target_group": (("women",), set()),  # a practice's filter: no event has it
        }
        for name, (values, expected) in cases.items():
            with self.subTest(filter=name):
                assert set(self.slugs(filters={"type": ("event",), name: values})) == expected
        assert self.slugs(filters={"type": ("event",), "when": ("past",)}) == ["guardians-training"]
        results = self.run_search(filters={"type": ("event",), "when": ("past",)})
        assert self.facet(results, "when") == {"upcoming": 1, "past": 1}  # its own filter ignored

    def test_member_facets_and_filters(self):
        results = self.run_search(filters={"type": ("member",)})
        assert self.facet(results, "member_kind") == {"municipality": 3, "ngo": 2, "region": 1}
        assert self.facet(results, "theme") == {"family-based-care": 1, "housing": 1}
        assert self.facet(results, "country") == {"IT": 1, "BE": 1, "ES": 1, "DE": 1, "PL": 1, "FR": 1}
        assert self.facet(results, "event_type") == {} and self.facet(results, "priority") == {}
        assert self.slugs(filters={"type": ("member",), "theme": ("housing",)}) == ["leipzig"]
        assert set(self.slugs(filters={"type": ("member",), "member_kind": ("ngo",)})) == {
            "antwerp-ngo",
            "lyon-ngo",
        }

    # --- library resources -----------------------------------------------------------------------
    def test_resources_are_found_by_their_words_but_never_a_draft_or_a_private_one(self):
        resources = {"type": ("resource",)}
        assert self.slugs(filters=resources) == ["guardians-curriculum"]
        assert self.slugs("guardians", filters=resources) == ["guardians-curriculum"]
        assert self.slugs("role play", filters=resources) == ["guardians-curriculum"]  # its description
        # "Curriculum" is also Italian for a CV: the engine adds the practice that names job applications.
        found = self.slugs("curriculum", filters={"type": TYPES})
        assert found[0] == "guardians-curriculum" and not set(found) & {"draft-curriculum", "private-toolkit"}
        assert "guardians-curriculum" not in self.slugs("guardians")  # practices unless asked for
        found = set(self.slugs("guardians password published", filters={"type": TYPES}))
        assert not found & {"draft-curriculum", "private-toolkit"}
        suggested = {s.title for s in self.backend.autocomplete("Closed tool")}
        suggested |= {s.title for s in self.backend.autocomplete("Draft curr")}
        assert not suggested & {"Closed toolkit for guardians", "Draft curriculum for guardians"}
        assert (
            self.backend.autocomplete("Curriculum for vol")[0].title == "Curriculum for volunteer guardians"
        )

    def test_resource_results_carry_their_kind_languages_and_publisher(self):
        (result,) = self.run_search("guardians", filters={"type": ("resource",)}).results
        assert set(result.as_json()) == API_KEYS | {"resource_type", "languages"}
        assert result.as_json() | {"highlight": None} == {
            "type": "resource",
            "slug": "guardians-curriculum",
            "title": "Curriculum for volunteer guardians",
            "url": self.pages["guardians-curriculum"].url,
            "priority": "migrant-minors",
            "themes": ["family-based-care"],
            "country": None,
            "lead_member": "City of Turin",
            "summary": "Session plans that prepare guardians of unaccompanied children for the asylum "
            "interview.",
            "highlight": None,
            "resource_type": "curriculum",
            "languages": ["en", "it"],
        }
        assert result.language is None  # its files' languages are not the language of its summary
        assert "<mark>" in result.highlight

    def test_resource_facets_and_filters(self):
        results = self.run_search(filters={"type": ("resource",)})
        assert self.facet(results, "resource_type") == {"curriculum": 1}
        assert self.facet(results, "language") == {"en": 1, "it": 1}
        assert self.facet(results, "priority") == {"migrant-minors": 1}
        assert self.facet(results, "target_group") == {"unaccompanied-minors": 1}
        assert self.facet(results, "event_type") == {} and self.facet(results, "country") == {}
        assert self.facet(self.run_search(), "resource_type") == {}  # practices have no such field
        cases = {
            "resource_type": (("curriculum",), {"guardians-curriculum"}),
            "language": (("it",), {"guardians-curriculum"}),
            "theme": (("family-based-care",), {"guardians-curriculum"}),
            "target_group": (("unaccompanied-minors",), {"guardians-curriculum"}),
            "priority": (("migrant-minors",), {"guardians-curriculum"}),
        }
        for name, (values, expected) in cases.items():
            with self.subTest(filter=name):
                assert set(self.slugs(filters={"type": ("resource",), name: values})) == expected
        for name, values in {"resource_type": ("toolkit",), "language": ("de",), "country": ("IT",)}.items():
            with self.subTest(filter=name):
                assert self.slugs(filters={"type": ("resource",), name: values}) == []
        assert self.slugs(filters={"type": ("resource",)}, year_from=2000) == []  # no years

    # --- analysis the engine adds ----------------------------------------------------------------
    def test_stemming_finds_other_forms_of_a_word(self):
        assert "housing" in self.slugs("house")

    def test_accent_folding(self):
        # The unaccented query meets "integración laboral" first; the glossary may add practices
        # about labour-market integration in other languages after it.
        assert self.slugs("integracion laboral")[:1] == ["empleo"]

    def test_synonyms(self):
        # The practice names its target group "Unaccompanied minors"; the query uses a synonym.
        assert self.slugs("separated children")[:1] == ["foster"]

    def test_typo_tolerance(self):
        assert self.slugs("fostr familes")[:1] == ["foster"]

    def test_own_language_word_form(self):
        # German stemming meets "Wohnungen" first; the glossary adds housing practices in other languages.
        assert self.slugs("Wohnung")[:1] == ["wohnen"]
        assert "partnerstwa" in self.slugs("partnerstwo")

    def test_did_you_mean(self):
        assert self.run_search("mentorng newcomrs").suggestion == "mentoring newcomers"


class TestOpenSearchBackend(OnTheEngine, SearchContract, TestCase):
    @property
    def backend(self):
        return get_backend()

    def test_typo_tolerance_only_when_a_word_is_not_in_the_index(self):
        index, _docs = self.backend._indices()
        assert self.backend.knows_every_word(index, "Renovated homes, for refugee households!")
        assert not self.backend.knows_every_word(index, "renovatd homes")
        # Remembered: the next searches with these words ask nothing.
        assert known_words.get(known_word_key(index, "renovatd")) is False
        assert known_words.get(known_word_key(index, "homes")) is True
        assert self.slugs("renovatd homes")[:1] == ["housing"]

    def test_texts_are_tagged_with_the_glossary_concepts_they_name_in_their_own_language(self):
        index = self.backend.alias(self.backend.type_of("practice"))

        def tags(field, text):
            answer = self.backend.client.indices.analyze(index=index, body={"field": field, "text": text})
            return [token["token"] for token in answer["tokens"]]

        foster_care = concept_token("foster-family-based-care")
        # Inflected, in German; two terms of the concept in English; nothing in a text naming none.
        assert tags("lang.de.body.concepts", "Wir gewinnen Pflegefamilien für Kinder.") == [foster_care]
        assert tags("lang.en.summary.concepts", "We train foster families and host families.") == [
            foster_care,
            foster_care,
        ]
        assert tags("lang.en.title.concepts", "The weather was fine all week.") == []
        # A German query names the concept: the English practice tagged with it is found.
        assert "foster" in self.slugs("Pflegefamilien")

    def test_rebuild_swaps_the_alias_while_searches_keep_answering(self):
        alias = self.backend.alias(self.backend.type_of("practice"))
        before = set(self.backend.client.indices.get_alias(name=alias))
        answers, failures = [], []
        stop = threading.Event()

        def keep_searching():
            while not stop.is_set():
                try:
                    answers.append(self.backend.search(SearchQuery()).count)
                except Exception as error:  # recorded, the test asserts none happened
                    failures.append(error)

        searcher = threading.Thread(target=keep_searching)
        searcher.start()
        try:
            for _ in range(3):
                self.backend.rebuild()
        finally:
            stop.set()
            searcher.join()
        after = set(self.backend.client.indices.get_alias(name=alias))
        assert failures == []
        assert len(answers) > 3 and set(answers) == {7}
        assert len(after) == 1 and after != before
        assert self.backend.client.indices.get(index=f"{TEST_PREFIX}-practices-*").keys() == after

    def test_rebuild_loads_without_refreshes_replicas_or_fsyncs_and_restores_them_before_the_swap(self):
        backend = self.backend
        client = backend.client
        seen = {}

        def index_settings(name):
            found = next(iter(client.indices.get_settings(index=name, flat_settings=True).values()))
            flat = found["settings"]
            return {
                "refresh_interval": flat.get("index.refresh_interval"),
                "number_of_replicas": flat.get("index.number_of_replicas"),
                "translog.durability": flat.get("index.translog.durability", "request"),
            }

        class Watch:
            """The progress bar of one type's load: it reads the loading index's settings."""

            def __init__(self, doc, _total):
                self.doc = doc

            def update(self, _count):
                serving = set(client.indices.get_alias(name=backend.alias(self.doc)))
                loading = set(client.indices.get(index=f"{TEST_PREFIX}-{self.doc.index_basename}-*"))
                (name,) = loading - serving
                seen[self.doc.type_name] = index_settings(name)
                if self.doc.type_name == "practice":
                    # A stray document, refreshed on its own: the load leaves at least two segments
                    # (and the catch-up deletes it, as it is no live practice).
                    client.index(index=name, id="999999", body={"type": "practice"}, refresh=True)

            def close(self):
                pass

        backend.rebuild(Watch)
        assert seen["practice"] == {
            "refresh_interval": "-1",
            "number_of_replicas": "0",
            "translog.durability": "async",
        }
        assert index_settings(backend.alias(backend.type_of("practice"))) == {
            "refresh_interval": "1s",
            "number_of_replicas": "0",
            "translog.durability": "request",
        }
        # Merged into one segment before serving, the stray document gone.
        shards = client.indices.segments(index=backend.alias(backend.type_of("practice")))["indices"]
        ((_name, index),) = shards.items()
        segments = [s for shard in index["shards"]["0"] for s in shard["segments"].values() if s["search"]]
        assert len(segments) == 1 and segments[0]["num_docs"] == 7
        assert self.run_search("renovated").count == 1

    def test_status_names_missing_and_extra_documents(self):
        doc = self.backend.type_of("practice")
        self.backend.delete(doc, [str(self.pages["courses"].pk)])
        self.backend.index_documents(
            doc, [("999999", {"type": "practice", "slug": "ghost", "title": "Ghost"})]
        )
        self.backend.refresh(doc)
        statuses = {status.type_name: status for status in self.backend.status()}
        assert set(statuses) == {"practice", "event", "member", "resource"}
        assert statuses["practice"].missing == [str(self.pages["courses"].pk)]
        assert statuses["practice"].extra == ["999999"]
        assert statuses["event"].in_sync and statuses["member"].in_sync and statuses["resource"].in_sync
        self.backend.rebuild()
        assert all(status.in_sync for status in self.backend.status())

    def test_status_names_an_index_built_with_other_synonyms_or_concepts(self):
        alias = self.backend.alias(self.backend.type_of("event"))
        assert not any(status.stale_analysis for status in self.backend.status())
        # As an index built before the glossary changed is labelled.
        self.backend.client.indices.put_mapping(index=alias, body={"_meta": {ANALYSIS_META: "older"}})
        statuses = {status.type_name: status for status in self.backend.status()}
        assert statuses["event"].stale_analysis and not statuses["event"].in_sync
        assert statuses["practice"].in_sync
        out = io.StringIO()
        with pytest.raises(CommandError, match="out of step"):
            call_command("search_index", "status", stdout=out)
        assert "built with other synonyms or glossary concepts" in out.getvalue()
        self.backend.rebuild()
        assert all(status.in_sync for status in self.backend.status())


class DatabaseContract(SearchContract):
    backend = DatabaseBackend()
    vendor = ""

    @classmethod
    def setUpClass(cls):
        if connection.vendor != cls.vendor:
            raise pytest.skip.Exception(f"runs on {cls.vendor}; this run uses {connection.vendor}")
        super().setUpClass()

    def test_synonyms(self):
        pytest.skip("the database search has no synonyms")

    def test_typo_tolerance(self):
        pytest.skip("the database search has no typo tolerance")

    def test_did_you_mean(self):
        pytest.skip("the database search makes no spelling suggestions")


class TestSQLiteDatabaseBackend(DatabaseContract, TestCase):
    vendor = "sqlite"

    def test_own_language_word_form(self):
        pytest.skip("SQLite's FTS5 stems English only (Porter): German and Polish word forms are not found")

    def test_related_practices_exclude_the_practice_itself(self):
        super().test_related_practices_exclude_the_practice_itself()
        # The database finds relatives by shared priority and themes, not by text.
        assert related_practices(self.pages["housing"])[0].slug == "wohnen"


@pytest.mark.postgres
class TestPostgresDatabaseBackend(DatabaseContract, TestCase):
    vendor = "postgresql"

    def test_own_language_word_form(self):
        # Each practice is analysed in its own language's configuration: German stemming meets "Wohnungen".
        # PostgreSQL has no Polish configuration (Polish text is indexed with `simple`), so no Polish here.
        assert self.slugs("Wohnung")[:1] == ["wohnen"]
