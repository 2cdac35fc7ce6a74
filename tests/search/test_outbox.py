"""Publishing, unpublishing and deleting update the engine after commit, through the outbox."""

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from search.backends import get_backend
from search.models import IndexOutbox
from search.query import SearchQuery
from tests.factories import MemberFactory
from tests.practices.factories import practice_page
from tests.search.conftest import CLOSED_PORT_URL, engine_settings, require_engine


class TestOutbox(TestCase):
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

    def setUp(self):
        self.member = MemberFactory(slug="porto", name="Porto", country="PT")
        get_backend().rebuild()

    def found(self, text: str) -> list[str]:
        backend = get_backend()
        backend.refresh(backend.type_of("practice"))
        return [r.slug for r in backend.search(SearchQuery(text=text)).results]

    def publish(self, **fields):
        with self.captureOnCommitCallbacks(execute=True):
            return practice_page(self.member, **fields)

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
            page.move(other.practice_folder, pos="last-child")
        backend = get_backend()
        backend.refresh(backend.type_of("practice"))
        (result,) = backend.search(SearchQuery(text="night school")).results
        assert result.url.startswith(other.practice_folder.url)

    def test_status_command_reports_missing_documents_and_fails(self):
        page = self.publish(title="Choir for all ages", slug="choir")
        get_backend().delete(get_backend().type_of("practice"), [str(page.pk)])
        with self.assertRaisesMessage(CommandError, "out of step"):
            call_command("search_index", "status")
        call_command("search_index", "rebuild", "--no-progress")
        call_command("search_index", "status")
