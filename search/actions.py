"""Keeping the index in step with the database through the outbox."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from search.backends import SearchUnavailable, get_backend
from search.documents import document_for_model, document_for_type
from search.models import IndexOutbox

logger = logging.getLogger(__name__)
FLUSH_BATCH = 500


def enqueue_index(obj: Any) -> None:
    """Queue `obj` for (re)indexing; applied after the surrounding transaction commits."""
    _enqueue(obj, IndexOutbox.Action.INDEX)


def enqueue_delete(obj: Any) -> None:
    _enqueue(obj, IndexOutbox.Action.DELETE)


def _enqueue(obj: Any, action: str) -> None:
    doc = document_for_model(type(obj))
    if doc is None:
        return
    enqueue(doc.type_name, [str(obj.pk)], action)


def enqueue(type_name: str, ids: Iterable[str], action: str) -> None:
    rows = [IndexOutbox(object_type=type_name, object_id=str(i), action=action) for i in ids]
    if not rows:
        return
    IndexOutbox.objects.bulk_create(rows)
    transaction.on_commit(schedule_flush)


def schedule_flush() -> None:
    from search.tasks import flush_search_outbox

    try:
        flush_search_outbox.enqueue()
    except Exception:
        # The rows are committed; the next flush (cron, db_worker, next publish) applies them.
        logger.exception("could not enqueue the search outbox flush")


@dataclass
class FlushReport:
    applied: int = 0
    failed: int = 0
    error: str = ""


def flush_outbox(limit: int | None = None) -> FlushReport:
    """Apply pending changes in order; on an engine failure keep them (attempts+1) for the next flush."""
    report = FlushReport()
    backend = get_backend()
    while True:
        with transaction.atomic():
            batch = list(_lock_batch(FLUSH_BATCH))
            if not batch:
                return report
            try:
                _apply(backend, batch)
            except SearchUnavailable as error:
                report.failed += len(batch)
                report.error = str(error)
                IndexOutbox.objects.filter(pk__in=[row.pk for row in batch]).update(
                    last_error=str(error)[:2000]
                )
                for row in batch:
                    row.attempts += 1
                IndexOutbox.objects.bulk_update(batch, ["attempts"])
                return report
            IndexOutbox.objects.filter(pk__in=[row.pk for row in batch]).delete()
            report.applied += len(batch)
        if limit is not None and report.applied >= limit:
            return report


def _lock_batch(size: int) -> Iterable[IndexOutbox]:
    queryset = IndexOutbox.objects.pending()
    if transaction.get_connection().features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True)
    return queryset[:size]


def _apply(backend: Any, batch: list[IndexOutbox]) -> None:
    # The last change to each object wins; earlier ones in the batch are superseded.
    latest: dict[tuple[str, str], str] = {}
    for row in batch:
        latest[(row.object_type, row.object_id)] = row.action
    by_type: dict[str, dict[str, list[str]]] = {}
    for (type_name, object_id), action in latest.items():
        by_type.setdefault(type_name, {"index": [], "delete": []})[action].append(object_id)
    for type_name, actions in by_type.items():
        try:
            doc = document_for_type(type_name)
        except KeyError:
            continue
        to_index = list(doc.queryset().filter(pk__in=actions["index"]))
        found = {str(obj.pk) for obj in to_index}
        # Queued for indexing but no longer live (unpublished since): remove instead.
        gone = [i for i in actions["index"] if i not in found] + actions["delete"]
        if to_index:
            backend.index(doc, to_index)
        if gone:
            backend.delete(doc, gone)


def reindex_tree(page: Any) -> None:
    """Queue a moved page and its indexed descendants (their URLs changed)."""
    from wagtail.models import Page

    enqueue_index(page.specific)
    for descendant in Page.objects.descendant_of(page).specific().iterator():
        if document_for_model(type(descendant)) is not None:
            enqueue_index(descendant)
