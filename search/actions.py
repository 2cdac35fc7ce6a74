"""Keeping the index in step with the database through the outbox."""

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from search import fulltext
from search.backends import SearchUnavailable, get_backend
from search.documents import document_for_model, document_for_type, documents_displaying
from search.models import IndexOutbox, IndexWriteClock
from search.versions import has_versions, other_live_versions

logger = logging.getLogger(__name__)
FLUSH_BATCH = 500
MAX_RETRY_DELAY = 3600.0  # seconds


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
    if has_versions(doc):
        # The other versions' documents say whether their page has several versions (has_versions),
        # which a version published, unpublished or deleted may have changed.
        others = other_live_versions(obj)
        enqueue(doc.type_name, [str(pk) for pk in others], IndexOutbox.Action.INDEX)


def enqueue(type_name: str, ids: Iterable[str], action: str) -> None:
    """Queue changes for the engine, and write them at once to the database's full-text index (the
    fallback must be current exactly when the engine is not)."""
    rows = [IndexOutbox(object_type=type_name, object_id=str(i), action=action) for i in ids]
    if not rows:
        return
    if action == IndexOutbox.Action.INDEX:
        fulltext.refresh(type_name, [row.object_id for row in rows])
    else:
        fulltext.remove(type_name, [row.object_id for row in rows])
    IndexOutbox.objects.bulk_create(rows)
    transaction.on_commit(schedule_flush)


def schedule_flush(run_after: datetime | None = None) -> None:
    from django_tasks import default_task_backend

    from search.tasks import flush_search_outbox

    try:
        if run_after is None:
            flush_search_outbox.enqueue()
        elif default_task_backend.supports_defer:
            flush_search_outbox.using(run_after=run_after).enqueue()
        # Without deferred tasks the retry waits for the next flush (cron or the next change).
    except Exception:
        # The rows are committed; the next flush (cron, db_worker, next publish) applies them.
        logger.exception("could not enqueue the search outbox flush")


@dataclass
class FlushReport:
    applied: int = 0
    failed: int = 0  # kept because the engine did not answer
    rejected: int = 0  # refused by the engine, kept for a retry or set aside
    set_aside: int = 0
    error: str = ""


def max_attempts() -> int:
    return int(getattr(settings, "SEARCH_OUTBOX_MAX_ATTEMPTS", 5))


def retry_delay(attempts: int) -> timedelta:
    """How long a rejected change waits before its next try: doubling from SEARCH_OUTBOX_RETRY_DELAY."""
    base = float(getattr(settings, "SEARCH_OUTBOX_RETRY_DELAY", 30))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), MAX_RETRY_DELAY))


def flush_outbox(limit: int | None = None) -> FlushReport:
    """Apply pending changes batch by batch, one flusher at a time (see `IndexWriteClock`).

    Each change succeeds or fails on its own: a document the engine rejects is recorded on its row and
    retried later, the rest of the batch is applied. If the engine does not answer, the batch is kept
    (attempts + 1) for the next flush.
    """
    report = FlushReport()
    backend = get_backend()
    after = 0  # each change is tried at most once per flush, so a rejected one cannot spin
    while True:
        with transaction.atomic():
            version = draw_version()
            batch = list(IndexOutbox.objects.pending().filter(pk__gt=after)[:FLUSH_BATCH])
            if not batch:
                return report
            after = batch[-1].pk
            covered = _covered_rows(batch)
            try:
                rejected = _apply(backend, batch, version)
            except SearchUnavailable as error:
                _keep_for_next_flush(batch, str(error))
                report.failed += len(batch)
                report.error = str(error)
                return report
            _settle(covered, rejected, report)
        if limit is not None and report.applied >= limit:
            return report


def draw_version() -> int:
    """Lock the write clock for this transaction and draw the next index version."""
    clock = IndexWriteClock.objects.select_for_update().filter(pk=1).first()
    if clock is None:
        IndexWriteClock.objects.get_or_create(pk=1)
        clock = IndexWriteClock.objects.select_for_update().get(pk=1)
    clock.version = max(clock.version + 1, int(time.time() * 1_000_000))
    clock.save(update_fields=["version"])
    return clock.version


Key = tuple[str, str]


def _covered_rows(batch: list[IndexOutbox]) -> dict[Key, list[IndexOutbox]]:
    """Every row already committed for the batch's objects (older retries and set-aside ones too).

    The flush reads each object's current state after this, so applying it settles all these rows.
    Rows committed later are not covered: they may carry a state this flush did not read.
    """
    ids_by_type: dict[str, set[str]] = {}
    for row in batch:
        ids_by_type.setdefault(row.object_type, set()).add(row.object_id)
    covered: dict[Key, list[IndexOutbox]] = {}
    for type_name, ids in ids_by_type.items():
        rows = IndexOutbox.objects.filter(object_type=type_name, object_id__in=ids).order_by("pk")
        for row in rows:
            covered.setdefault((row.object_type, row.object_id), []).append(row)
    return covered


def _apply(backend: Any, batch: list[IndexOutbox], version: int) -> dict[Key, str]:
    """Write the current state of the batch's objects; the objects the engine rejected -> why."""
    # The last change to each object wins; earlier ones in the batch are superseded.
    latest: dict[Key, str] = {}
    for row in batch:
        latest[(row.object_type, row.object_id)] = row.action
    by_type: dict[str, dict[str, list[str]]] = {}
    for (type_name, object_id), action in latest.items():
        by_type.setdefault(type_name, {"index": [], "delete": []})[action].append(object_id)
    rejected: dict[Key, str] = {}
    for type_name, actions in by_type.items():
        try:
            doc = document_for_type(type_name)
        except KeyError:
            continue
        to_index = list(doc.queryset().filter(pk__in=actions["index"]))
        found = {str(obj.pk) for obj in to_index}
        # Queued for indexing but no longer live (unpublished since): remove instead.
        gone = [i for i in actions["index"] if i not in found] + actions["delete"]
        for object_id, reason in backend.apply_changes(doc, to_index, gone, version).items():
            rejected[(type_name, object_id)] = reason
    return rejected


def _keep_for_next_flush(batch: list[IndexOutbox], error: str) -> None:
    # The engine being down is no fault of the documents: no retry delay, never set aside for it.
    for row in batch:
        row.attempts += 1
        row.last_error = error[:2000]
    IndexOutbox.objects.bulk_update(batch, ["attempts", "last_error"])


def _settle(covered: dict[Key, list[IndexOutbox]], rejected: dict[Key, str], report: FlushReport) -> None:
    done: list[int] = []
    failed: list[IndexOutbox] = []
    now = timezone.now()
    for key, rows in covered.items():
        if key not in rejected:
            done += [row.pk for row in rows]
            report.applied += 1
            continue
        # Keep the newest change with the error; the older ones are superseded by it.
        *older, row = rows
        done += [old.pk for old in older]
        row.attempts += 1
        row.last_error = rejected[key][:2000]
        row.next_attempt_at = now + retry_delay(row.attempts)
        if row.attempts >= max_attempts():
            row.set_aside_at = now
            report.set_aside += 1
        failed.append(row)
        report.rejected += 1
        report.error = row.last_error
        logger.warning("search index rejected %s %s (attempt %s): %s", *key, row.attempts, row.last_error)
    IndexOutbox.objects.filter(pk__in=done).delete()
    if failed:
        IndexOutbox.objects.bulk_update(failed, ["attempts", "last_error", "next_attempt_at", "set_aside_at"])
        waiting = [row.next_attempt_at for row in failed if row.set_aside_at is None and row.next_attempt_at]
        if waiting:
            retry_at = min(waiting)
            transaction.on_commit(lambda: schedule_flush(run_after=retry_at))


def retry_set_aside() -> int:
    """Put every set-aside change back in the queue with a fresh attempt count (after a fix)."""
    count = IndexOutbox.objects.set_aside().update(set_aside_at=None, next_attempt_at=None, attempts=0)
    if count:
        transaction.on_commit(schedule_flush)
    return count


def reindex_displaying(obj: Any) -> int:
    """Queue, in bulk, every live document that shows `obj` (a member's name, a theme's label...)."""
    queued = 0
    for doc, lookup in documents_displaying(type(obj)):
        ids = doc.queryset().filter(**{lookup: obj}).order_by().values_list("pk", flat=True).distinct()
        object_ids = [str(pk) for pk in ids]
        enqueue(doc.type_name, object_ids, IndexOutbox.Action.INDEX)
        queued += len(object_ids)
    return queued


def reindex_tree(page: Any) -> None:
    """Queue a moved page and its indexed descendants (their URLs changed)."""
    from wagtail.models import Page

    enqueue_index(page.specific)
    for descendant in Page.objects.descendant_of(page).specific().iterator():
        if document_for_model(type(descendant)) is not None:
            enqueue_index(descendant)
