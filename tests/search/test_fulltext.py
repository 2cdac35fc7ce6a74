"""The database search's own full-text index: written with each change, queried on SQLite and PostgreSQL."""

from io import StringIO

from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase

from core.models import Theme
from search import fulltext
from search.backends import get_database_backend
from search.documents import PracticeDocument
from search.models import FullTextEntry
from search.query import SearchQuery
from tests.factories import MemberFactory
from tests.practices.factories import practice_page


def found(text: str, **filters) -> list[str]:
    results = get_database_backend().search(SearchQuery(text=text, filters=filters, page_size=50))
    return [result.slug for result in results.results]


def indexed(slug: str) -> bool:
    from practices.models import PracticePage

    page = PracticePage.objects.get(slug=slug)
    return FullTextEntry.objects.filter(object_type="practice", object_id=page.pk).exists()


class FullTextIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.member = MemberFactory(slug="aarhus", name="Aarhus Kommune", country="DK", city="Aarhus")
        cls.creche = practice_page(
            cls.member,
            title="Crèche places while parents learn Danish",
            slug="creche",
            summary="Childcare next to the classroom.",
            themes=["language-training"],
            language="en",
        )
        cls.wohnen = practice_page(
            cls.member,
            title="Wohnungen für geflüchtete Familien",
            slug="wohnen",
            summary="Die Stadt vermittelt leerstehende Wohnungen.",
            language="de",
        )

    def test_a_published_practice_is_in_the_index_and_found(self):
        assert indexed("creche")
        assert found("childcare classroom") == ["creche"]

    def test_accents_and_case_do_not_matter_on_sqlite(self):
        if connection.vendor != "sqlite":
            self.skipTest("PostgreSQL folds case; accents are kept (no unaccent extension is assumed)")
        assert found("CRECHE") == ["creche"]

    def test_a_practice_is_analysed_in_its_own_language_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("SQLite stems English only")
        assert found("Wohnung") == ["wohnen"]  # German stemming: Wohnungen -> wohnung

    def test_unpublishing_removes_it_and_publishing_brings_it_back(self):
        self.creche.unpublish()
        assert not indexed("creche")
        assert found("childcare") == []
        self.creche.save_revision().publish()
        assert found("childcare") == ["creche"]

    def test_an_edit_is_searchable_as_soon_as_it_is_published(self):
        self.wohnen.summary = "Die Stadt vermittelt Mentoren."
        self.wohnen.save_revision().publish()
        assert found("Mentoren") == ["wohnen"]
        assert found("leerstehende") == []

    def test_renaming_a_theme_reindexes_the_practices_that_show_it(self):
        theme = Theme.objects.get(slug="language-training")
        theme.name = "Sprachkurse und Dolmetschen"
        theme.save()
        assert found("Dolmetschen") == ["creche"]

    def test_words_that_are_query_syntax_are_searched_as_words(self):
        for text in ['"', "OR", "NEAR(", "a:b", "-", "*", "' OR 1=1 --", "\x00", "&|!():"]:
            with self.subTest(text=text):
                get_database_backend().search(SearchQuery(text=text))  # no error, whatever it finds

    def test_a_text_without_words_matches_nothing(self):
        assert found("?!") == []

    def test_rebuild_refills_the_index_from_the_live_practices(self):
        FullTextEntry.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fulltext_fts")
        assert found("childcare") == []
        out = StringIO()
        call_command("search_index", "rebuild", "--no-progress", stdout=out)
        assert "practice: 2 documents in the database's full-text index." in out.getvalue()
        assert found("childcare") == ["creche"]
        assert all(status.in_sync for status in get_database_backend().status())

    def test_each_write_tells_every_process_its_facet_table_is_stale_and_a_rollback_does_not(self):
        from search.fulltext.table import facet_tables

        before = fulltext.generation("practice")
        fulltext.refresh("practice", [self.wohnen.pk])
        refreshed = fulltext.generation("practice")
        fulltext.remove("practice", [self.wohnen.pk])
        removed = fulltext.generation("practice")
        assert len({before, refreshed, removed}) == 3
        with self.assertRaises(RuntimeError), transaction.atomic():
            fulltext.refresh("practice", [self.wohnen.pk])
            inside = facet_tables.get(PracticeDocument)  # built from the write about to be undone
            raise RuntimeError("the change is rolled back")
        assert fulltext.generation("practice") == removed
        # The next write draws a new number: the table built inside the rolled-back write is not reused.
        fulltext.refresh("practice", [self.wohnen.pk])
        assert facet_tables.get(PracticeDocument) is not inside
        # Another process (here: a table built before the write) rebuilds on its next search.
        stale = facet_tables.get(PracticeDocument)
        fulltext.refresh("practice", [self.wohnen.pk])
        assert facet_tables.get(PracticeDocument) is not stale
        assert facet_tables.get(PracticeDocument) is facet_tables.get(PracticeDocument)

    def test_status_names_what_the_index_misses(self):
        fulltext.remove("practice", [self.wohnen.pk])
        status = {s.type_name: s for s in get_database_backend().status()}["practice"]
        assert status.missing == [str(self.wohnen.pk)]

    def test_a_summary_match_outranks_a_body_match(self):
        practice_page(
            self.member,
            title="Evening courses",
            slug="evening",
            summary="Courses in the evening.",
            approach="Childcare is mentioned once, in the body.",
            language="en",
        )
        ranked = fulltext.ranked(PracticeDocument, None, "childcare", 10)
        assert list(ranked)[:1] == [self.creche.pk]  # "Childcare" in its summary outweighs a body mention

    def test_a_page_made_private_leaves_the_index(self):
        from wagtail.models import PageViewRestriction

        restriction = PageViewRestriction.objects.create(
            page=self.creche, restriction_type=PageViewRestriction.PASSWORD, password="only-staff"
        )
        assert not indexed("creche")
        assert found("childcare") == []
        restriction.delete()
        assert found("childcare") == ["creche"]

    def test_facets_count_the_matches_of_every_other_filter(self):
        results = get_database_backend().search(
            SearchQuery(text="Wohnungen childcare", filters={"language": ("de",)})
        )
        assert [r.slug for r in results.results] == ["wohnen"]
        languages = {value.value: value.count for value in results.facets["language"]}
        assert languages == {"de": 1, "en": 1}  # the language facet ignores its own filter
