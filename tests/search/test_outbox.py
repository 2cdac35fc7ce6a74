"""Publishing, unpublishing and deleting update the engine after commit, through the outbox."""

from datetime import date
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import TargetGroup, Theme
from practices.models import PracticeFolderPage
from search.actions import flush_outbox
from search.backends import get_backend
from search.documents import available_documents
from search.models import IndexOutbox
from search.query import SearchQuery
from tests.factories import MemberFactory
from tests.practices.factories import practice_page
from tests.search.conftest import CLOSED_PORT_URL, OnTheEngine


class EngineOutboxTestCase(OnTheEngine, TestCase):
    """Pages published through Wagtail, their changes applied to the real engine via the outbox."""

    rebuild_after_test_data = False  # each test rebuilds after making its member

    def setUp(self):
        self.member = MemberFactory(slug="porto", name="Porto", country="PT")
        get_backend().rebuild()
        flush_outbox()  # the member's own row (members are indexed too): each test starts with none

    def found(self, text: str) -> list[str]:
        backend = get_backend()
        backend.refresh(backend.type_of("practice"))
        return [r.slug for r in backend.search(SearchQuery(text=text)).results]

    def publish(self, **fields):
        with self.captureOnCommitCallbacks(execute=True):
            return practice_page(self.member, **fields)


class TestOutbox(EngineOutboxTestCase):
    def test_publishing_indexes_the_page_after_commit(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            practice_page(self.member, title="Welcome breakfasts in Porto", slug="breakfasts")
        assert IndexOutbox.objects.filter(action="index").count() == 1
        assert self.found("breakfasts") == []  # nothing reaches the engine before the commit
        for callback in callbacks:
            callback()
        assert self.found("breakfasts") == ["breakfasts"]
        assert not IndexOutbox.objects.exists()

    def test_unpublishing_and_deleting_remove_the_page(self):
        kept = self.publish(title="Kitchen gardens for newcomers", slug="gardens")
        gone = self.publish(title="Kitchen table conversations", slug="tables")
        assert set(self.found("kitchen")) == {"gardens", "tables"}
        with self.captureOnCommitCallbacks(execute=True):
            kept.unpublish()
        with self.captureOnCommitCallbacks(execute=True):
            gone.delete()
        assert self.found("kitchen") == []
        assert not IndexOutbox.objects.exists()

    def test_a_change_made_while_the_engine_is_down_is_kept_and_applied_later(self):
        with override_settings(SEARCH_URL=CLOSED_PORT_URL):
            self.publish(title="Bicycle lessons for women", slug="bicycles")
            entry = IndexOutbox.objects.get()
            assert (entry.action, entry.attempts) == ("index", 1)
            assert "failed" in entry.last_error
            with self.assertRaisesMessage(CommandError, "1 changes kept for the next flush"):
                call_command("search_index", "flush")
        assert IndexOutbox.objects.get().attempts == 2
        assert self.found("bicycle") == []
        call_command("search_index", "flush")
        assert self.found("bicycle") == ["bicycles"]
        assert not IndexOutbox.objects.exists()

    def test_moving_a_page_reindexes_it_under_its_new_url(self):
        page = self.publish(title="Night school for parents", slug="night-school")
        other = MemberFactory(slug="braga", name="Braga", country="PT")
        with self.captureOnCommitCallbacks(execute=True):
            page.move(PracticeFolderPage.for_member(other), pos="last-child")
        backend = get_backend()
        backend.refresh(backend.type_of("practice"))
        (result,) = backend.search(SearchQuery(text="night school")).results
        assert result.url.startswith(PracticeFolderPage.for_member(other).url)

    def test_status_command_reports_missing_documents_and_fails(self):
        page = self.publish(title="Choir for all ages", slug="choir")
        flush_outbox()
        backend = get_backend()
        backend.delete(backend.type_of("practice"), [str(page.pk)])
        backend.refresh(backend.type_of("practice"))  # status scans what a search sees
        with self.assertRaisesMessage(CommandError, "out of step"):
            call_command("search_index", "status")
        call_command("search_index", "rebuild", "--no-progress")
        call_command("search_index", "status")


def install_index_where_year_start_is_boolean(backend) -> None:
    """An index left by an older mapping: `year_start` typed boolean, so a practice with a start date
    is rejected (mapper_parsing_exception) while one without is accepted."""
    doc = backend.type_of("practice")
    backend.delete_indices()
    name = backend.new_index_name(doc)
    body = backend.document_class(doc, name)._index.to_dict()
    body["mappings"]["properties"]["year_start"] = {"type": "boolean"}
    backend.client.indices.create(index=name, body=body)
    backend.client.indices.put_alias(index=name, name=backend.alias(doc))
    for other in available_documents():  # a search spans every type's index
        if other is not doc:
            backend.rebuild_type(other)


class TestRejectedDocuments(EngineOutboxTestCase):
    """A document the engine refuses is recorded on its own; every other change flows on."""

    engine_overrides = {"SEARCH_OUTBOX_MAX_ATTEMPTS": 3}

    def setUp(self):
        super().setUp()
        install_index_where_year_start_is_boolean(get_backend())

    def test_a_rejected_document_is_recorded_and_does_not_block_the_others(self):
        self.publish(title="Street football for newcomers", slug="football", start_date=None)
        rejected = self.publish(title="Street theatre in Porto", slug="theatre", start_date=date(2020, 1, 1))
        self.publish(title="Street libraries", slug="libraries", start_date=None)
        assert sorted(self.found("street")) == ["football", "libraries"]
        row = IndexOutbox.objects.get()
        assert (row.object_id, row.action, row.attempts) == (str(rejected.pk), "index", 1)
        assert "year_start" in row.last_error and "400" in row.last_error
        assert row.next_attempt_at > timezone.now() and row.set_aside_at is None
        # Within its retry delay a flush leaves it alone.
        assert flush_outbox().rejected == 0
        assert IndexOutbox.objects.get().attempts == 1

    def test_after_its_attempts_a_rejected_change_is_set_aside_shown_and_retried_on_demand(self):
        page = self.publish(title="Street theatre in Porto", slug="theatre", start_date=date(2020, 1, 1))
        for attempts in (2, 3):
            IndexOutbox.objects.update(next_attempt_at=timezone.now())  # its retry delay has passed
            report = flush_outbox()
            assert (report.rejected, IndexOutbox.objects.get().attempts) == (1, attempts)
        row = IndexOutbox.objects.get()
        assert row.set_aside_at is not None and report.set_aside == 1
        out = StringIO()
        with self.assertRaisesMessage(CommandError, "1 index changes are set aside"):
            call_command("search_index", "status", stdout=out)
        assert f"index practice {page.pk}: 3 attempts, set aside: 400" in out.getvalue()
        # Set aside means no flush touches it until someone fixes the cause and asks again.
        IndexOutbox.objects.update(next_attempt_at=timezone.now())
        assert flush_outbox().rejected == 0
        call_command("search_index", "rebuild", "--no-progress")  # the fix: a current mapping
        call_command("search_index", "retry", stdout=StringIO())
        assert not IndexOutbox.objects.exists()
        assert self.found("theatre") == ["theatre"]
        call_command("search_index", "status", stdout=StringIO())

    def test_a_new_change_to_a_rejected_document_supersedes_the_rejected_one(self):
        page = self.publish(title="Street theatre in Porto", slug="theatre", start_date=date(2020, 1, 1))
        assert IndexOutbox.objects.get().attempts == 1
        page.start_date = None
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()
        assert not IndexOutbox.objects.exists()
        assert self.found("theatre") == ["theatre"]


class TestShownObjectsReindexTheirPractices(EngineOutboxTestCase):
    """A practice's document shows its lead member, themes, target groups and priority."""

    def result(self, slug: str):
        backend = get_backend()
        backend.refresh(backend.type_of("practice"))
        (result,) = [r for r in backend.search(SearchQuery(page_size=50)).results if r.slug == slug]
        return result

    def test_renaming_a_member_reindexes_its_practices_in_bulk(self):
        for number in range(5):
            self.publish(title=f"Harbour walk {number}", slug=f"walk-{number}")
        self.member.name = "Câmara Municipal do Porto"
        with CaptureQueriesContext(connection) as queries:
            self.member.save()
        sql = [query["sql"] for query in queries]
        # One query finds the practices and the database's full-text index reads them as one batch (two
        # more), whatever their number; one insert queues them all.
        assert len([q for q in sql if "practices_practicepage" in q]) == 3
        # One insert queues the practices, whatever their number, and one the member itself.
        assert len([q for q in sql if q.startswith('INSERT INTO "search_indexoutbox"')]) == 2
        assert IndexOutbox.objects.filter(object_type="practice").count() == 5
        flush_outbox()
        assert self.result("walk-3").lead_member == "Câmara Municipal do Porto"
        assert not IndexOutbox.objects.exists()

    def test_saving_a_member_without_a_shown_change_queues_no_practice(self):
        self.publish(title="Harbour walk", slug="walk")
        self.member.website = "https://porto.example.org/"
        self.member.save()
        # The member itself is indexed (as a member), its practices show nothing that changed.
        assert list(IndexOutbox.objects.values_list("object_type", flat=True)) == ["member"]

    def test_renaming_a_theme_makes_its_practices_findable_by_the_new_name(self):
        self.publish(title="Shared flats", slug="flats", themes=["housing"])
        theme = Theme.objects.get(slug="housing")
        theme.name = "Dwellings and tenancy"
        with self.captureOnCommitCallbacks(execute=True):
            theme.save()
        assert self.found("tenancy") == ["flats"]

    def test_relabelling_a_target_group_or_a_priority_reindexes_their_practices(self):
        page = self.publish(title="Shared flats", slug="flats", target_groups=["women"])
        group = TargetGroup.objects.get(slug="women")
        group.label = "Women and girls"
        with self.captureOnCommitCallbacks(execute=True):
            group.save()
        assert self.found("girls") == ["flats"]
        priority = page.priority
        priority.slug = "renamed-priority"
        with self.captureOnCommitCallbacks(execute=True):
            priority.save()
        assert self.result("flats").priority == "renamed-priority"

    def test_deleting_a_theme_removes_it_from_its_practices(self):
        self.publish(title="Shared flats", slug="flats", themes=["housing"])
        assert self.found("housing") == ["flats"]
        with self.captureOnCommitCallbacks(execute=True):
            Theme.objects.get(slug="housing").delete()
        assert self.result("flats").themes == []


class TestEventAndMemberOutbox(EngineOutboxTestCase):
    def found_of(self, type_name: str, text: str) -> list[str]:
        backend = get_backend()
        backend.refresh(backend.type_of(type_name))
        query = SearchQuery(text=text, filters={"type": (type_name,)})
        return [r.slug for r in backend.search(query).results]

    def test_publishing_and_unpublishing_an_event_go_through_the_outbox(self):
        from tests.events.factories import make_event

        with self.captureOnCommitCallbacks(execute=True):
            event = make_event(member=self.member, title="Welcome walk through Porto", slug="walk")
        assert self.found_of("event", "welcome walk") == ["walk"]
        with self.captureOnCommitCallbacks(execute=True):
            event.unpublish()
        assert self.found_of("event", "welcome walk") == []
        assert not IndexOutbox.objects.exists()

    def test_publishing_unpublishing_and_restricting_a_resource_go_through_the_outbox(self):
        from wagtail.models import PageViewRestriction

        from library.demo import library_index
        from tests.library.factories import resource

        with self.captureOnCommitCallbacks(execute=True):
            page = resource(library_index(), title="Toolkit for welcome desks", slug="desks")
        assert self.found_of("resource", "welcome desks") == ["desks"]
        with self.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password="desks"
            )
        assert self.found_of("resource", "welcome desks") == []
        with self.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.filter(page=page).delete()
        assert self.found_of("resource", "welcome desks") == ["desks"]
        with self.captureOnCommitCallbacks(execute=True):
            page.unpublish()
        assert self.found_of("resource", "welcome desks") == []
        assert not IndexOutbox.objects.exists()

    def test_renaming_a_publisher_reindexes_its_resources(self):
        from library.demo import library_index
        from tests.library.factories import resource

        with self.captureOnCommitCallbacks(execute=True):
            resource(library_index(), title="Toolkit for welcome desks", slug="desks", publisher=self.member)
        with self.captureOnCommitCallbacks(execute=True):
            self.member.name = "Câmara Municipal do Porto"
            self.member.save()
        backend = get_backend()
        backend.refresh(backend.type_of("resource"))
        (result,) = backend.search(SearchQuery(filters={"type": ("resource",)})).results
        assert result.lead_member == "Câmara Municipal do Porto"

    def test_saving_a_member_reindexes_it_and_deactivating_removes_it(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.member.description = "Porto trains cultural mediators for its health centres."
            self.member.save()
        assert self.found_of("member", "cultural mediators") == ["porto"]
        with self.captureOnCommitCallbacks(execute=True):
            self.member.is_active = False
            self.member.save()
        assert self.found_of("member", "cultural mediators") == []
        assert not IndexOutbox.objects.exists()


class TestVersionsThroughTheOutbox(EngineOutboxTestCase):
    def counts(self) -> tuple[int, int, dict[str, int]]:
        backend = get_backend()
        backend.refresh(backend.type_of("practice"))
        results = backend.search(SearchQuery(text="", page_size=50, filters={"type": ("practice",)}))
        by_type = {value.value: value.count for value in results.facets["type"]}
        return results.count, by_type.get("practice", 0), {v.value: v.count for v in results.facets["theme"]}

    def test_a_translation_published_after_its_original_is_counted_with_it_once(self):
        from wagtail.models import Locale
        from wagtail_localize.operations import translate_object

        from tests.factories import UserFactory

        original = self.publish(title="Welcome breakfasts in Porto", slug="breakfasts")
        self.publish(title="Kitchen gardens for newcomers", slug="gardens")
        assert self.counts()[:2] == (2, 2)
        with self.captureOnCommitCallbacks(execute=True):
            translate_object(original, [Locale.objects.get(language_code="de")], user=UserFactory())
            german = original.get_translation(Locale.objects.get(language_code="de")).specific
            german.title = "Willkommensfrühstück in Porto"
            german.save_revision().publish()
        # Both versions are in the index; the original's document was rewritten as one of two.
        count, practices, themes = self.counts()
        assert (count, practices) == (2, 2)
        assert all(n <= 2 for n in themes.values())
        assert self.found("Willkommensfrühstück") == ["breakfasts"]
        # Unpublishing the translation leaves the original alone, counted once.
        with self.captureOnCommitCallbacks(execute=True):
            german.unpublish()
        assert self.counts()[:2] == (2, 2)
