"""A practice in two languages is found by the words of either version and shown once, in the version
the listings show: the reader's language's when it is live, else the original. Run against the engine
and the database search alike."""

import pytest
from django.db import connection
from django.test import TestCase
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from practices.models import PracticePage
from search.backends import get_backend
from search.backends.database import DatabaseBackend
from search.query import SearchQuery
from tests.factories import MemberFactory, UserFactory
from tests.practices.factories import practice_page
from tests.search.conftest import OnTheEngine


def build_translated_corpus() -> dict[str, PracticePage]:
    member = MemberFactory(slug="leipzig", name="Stadt Leipzig", country="DE", city="Leipzig")
    cafe = practice_page(
        member,
        title="Language café for newcomers",
        slug="language-cafe",
        summary="Volunteers and newcomers practise conversation every week.",
        language="en",
    )
    other = practice_page(
        member,
        title="Renovated homes for refugee households",
        slug="homes",
        summary="Empty flats are renovated with the future tenants.",
        language="en",
    )
    german_locale = Locale.objects.get(language_code="de")
    translate_object(cafe, [german_locale], user=UserFactory())
    german = cafe.get_translation(german_locale).specific
    german.title = "Sprachcafé für Neuankommende"
    german.summary = "Ehrenamtliche und Neuankommende üben jede Woche im Nachbarschaftstreff."
    german.save_revision().publish()
    german = PracticePage.objects.get(pk=german.pk)
    return {"cafe": cafe, "german": german, "other": other}


class TranslatedSearchContract:
    backend = None

    @classmethod
    def setUpTestData(cls):
        cls.pages = build_translated_corpus()

    def search(self, text="", language="en"):
        with translation.override(language):
            return self.backend.search(SearchQuery(text=text, page_size=50))

    def test_words_only_in_the_german_version_find_the_practice_shown_in_the_readers_version(self):
        english = self.search("Nachbarschaftstreff")
        assert [r.id for r in english.results] == [str(self.pages["cafe"].pk)]
        assert english.results[0].title == "Language café for newcomers"
        assert english.count == 1
        german = self.search("Nachbarschaftstreff", language="de")
        assert [r.id for r in german.results] == [str(self.pages["german"].pk)]
        assert german.results[0].title == "Sprachcafé für Neuankommende"
        # The card marks the version it shows: the German one was made from the English original.
        assert german.results[0].is_translation and not english.results[0].is_translation

    def test_a_practice_in_two_languages_is_listed_and_counted_once(self):
        for language in ("en", "de", "fr"):
            with self.subTest(language=language):
                results = self.search(language=language)
                practices = [r for r in results.results if r.type == "practice"]
                assert len(practices) == 2
                assert {r.slug for r in practices} == {"language-cafe", "homes"}
                assert {v.value: v.count for v in results.facets["type"]}["practice"] == 2

    def test_english_words_find_the_german_version_for_a_german_reader(self):
        results = self.search("conversation", language="de")
        assert [r.id for r in results.results if r.type == "practice"] == [str(self.pages["german"].pk)]


class TestOpenSearchTranslations(OnTheEngine, TranslatedSearchContract, TestCase):
    @property
    def backend(self):
        return get_backend()


class TestDatabaseTranslations(TranslatedSearchContract, TestCase):
    backend = DatabaseBackend()

    @classmethod
    def setUpClass(cls):
        if connection.vendor != "sqlite":
            raise pytest.skip.Exception(f"runs on sqlite; this run uses {connection.vendor}")
        super().setUpClass()

    def test_the_result_card_marks_the_translation_it_shows(self):
        page = self.client.get("/de/search/", {"q": "Nachbarschaftstreff"}).content.decode()
        assert "Sprachcafé für Neuankommende" in page
        assert '<span class="badge badge--version">Übersetzung</span>' in page
        english = self.client.get("/search/", {"q": "Nachbarschaftstreff"}).content.decode()
        assert "Language café for newcomers" in english
        assert "badge--version" not in english
