"""Two flushes at once cannot write an older state over a newer one (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import close_old_connections, connections

from search.actions import flush_outbox
from search.backends import get_backend
from search.models import IndexOutbox
from tests.factories import MemberFactory
from tests.practices.factories import practice_page
from tests.search.conftest import engine_settings, require_engine

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_slow_flush_cannot_resurrect_a_practice_unpublished_meanwhile():
    """Flush A reads the live practice and stalls before writing; meanwhile the practice is unpublished
    and flush B applies the removal. Without one flusher at a time, A's late write would put the
    unpublished practice back into the index with the outbox empty."""
    require_engine()
    with engine_settings():
        backend = get_backend()
        backend.rebuild()
        doc = backend.type_of("practice")
        page = practice_page(MemberFactory(slug="coimbra", name="Coimbra", country="PT"), slug="market")
        flush_outbox()
        assert backend.client.exists(index=backend.alias(doc), id=page.pk)
        IndexOutbox.objects.create(object_type="practice", object_id=str(page.pk), action="index")

        a_has_read, b_has_run = threading.Event(), threading.Event()
        apply_changes = backend.apply_changes
        errors: list[BaseException] = []

        def stalling_apply_changes(*args, **kwargs):
            if threading.current_thread() is flusher_a:
                a_has_read.set()
                b_has_run.wait(timeout=3)  # a real delay: GC pause, slow network, busy engine
            return apply_changes(*args, **kwargs)

        def flush_a():
            try:
                flush_outbox()
            except BaseException as error:
                errors.append(error)
            finally:
                connections.close_all()

        backend.apply_changes = stalling_apply_changes
        flusher_a = threading.Thread(target=flush_a)
        try:
            flusher_a.start()
            assert a_has_read.wait(timeout=30)
            page.unpublish()  # queues the removal; its flush (B) runs after this commit
            b_has_run.set()
            flusher_a.join(timeout=60)
        finally:
            del backend.apply_changes
        close_old_connections()
        assert errors == []
        flush_outbox()
        backend.refresh(doc)
        assert not IndexOutbox.objects.exists()
        assert not backend.client.exists(index=backend.alias(doc), id=page.pk)
