"""`manage.py search_index rebuild|status|flush|retry`: keep the search engine's index right."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from search.actions import flush_outbox, max_attempts, retry_set_aside
from search.backends import SearchUnavailable, get_backend, get_database_backend
from search.models import IndexOutbox

SHOWN_FAILURES = 20


class Command(BaseCommand):
    help = (
        "rebuild: fill a new index per type and swap its alias (searches keep answering). "
        "status: compare what the engine holds with the live content. "
        "flush: apply pending index changes kept while the engine was down (run it from cron or let "
        "`manage.py db_worker` run the queued flush task). "
        "retry: queue the changes the engine kept rejecting (set aside) again, after fixing the cause."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "status", "flush", "retry"])
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")

    def handle(self, *args: Any, action: str, no_progress: bool = False, **options: Any) -> None:
        backend = get_backend()
        try:
            getattr(self, f"do_{action}")(backend, no_progress)
        except SearchUnavailable as error:
            raise CommandError(f"The search engine did not answer: {error}") from None

    def do_rebuild(self, backend: Any, no_progress: bool) -> None:
        def progress(doc: Any, total: int) -> Any:
            return tqdm(
                total=total, desc=doc.index_basename, unit="doc", disable=no_progress, file=self.stderr
            )

        # The database's own full-text index serves whenever the engine cannot: rebuilt every time.
        for type_name, count in get_database_backend().rebuild(progress).items():
            self.stdout.write(f"{type_name}: {count} documents in the database's full-text index.")
        if not backend.capabilities.own_index:
            self.stdout.write("SEARCH_URL is empty: the database search is in use.")
            return
        counts = backend.rebuild(progress)
        for type_name, count in counts.items():
            self.stdout.write(f"{type_name}: {count} documents indexed into {backend.name}; alias swapped.")

    def do_status(self, backend: Any, no_progress: bool) -> None:
        in_sync = True
        for entry in backend.status():
            engine = "-" if entry.engine_count is None else entry.engine_count
            self.stdout.write(f"{entry.type_name}: engine {engine}, database {entry.database_count}")
            if entry.missing:
                self.stdout.write(f"  missing from the engine: {_ids(entry.missing)}")
            if entry.extra:
                self.stdout.write(f"  in the engine but not live: {_ids(entry.extra)}")
            if entry.stale_analysis:
                self.stdout.write("  built with other synonyms or glossary concepts than the code's")
            in_sync = in_sync and entry.in_sync
        self.stdout.write(f"pending changes in the outbox: {IndexOutbox.objects.count()}")
        failing = list(IndexOutbox.objects.failing()[:SHOWN_FAILURES])
        for row in failing:
            state = _retry_state(row)
            self.stdout.write(
                f"  {row.action} {row.object_type} {row.object_id}: {row.attempts} attempts, {state}: "
                f"{row.last_error}"
            )
        set_aside = IndexOutbox.objects.set_aside().count()
        if set_aside:
            self.stdout.write(
                f"set aside after {max_attempts()} attempts: {set_aside} "
                "(fix the cause, then `manage.py search_index retry`)"
            )
        problems = []
        if not in_sync:
            problems.append("The index is out of step: run `manage.py search_index rebuild`.")
        if set_aside:
            problems.append(f"{set_aside} index changes are set aside: see above.")
        if problems:
            raise CommandError(" ".join(problems))

    def do_flush(self, backend: Any, no_progress: bool) -> None:
        report = flush_outbox()
        self.stdout.write(f"Applied {report.applied} pending index changes.")
        if report.rejected:
            self.stdout.write(
                f"{report.rejected} changes rejected by the engine ({report.set_aside} set aside): "
                f"{report.error}"
            )
        if report.failed:
            raise CommandError(f"{report.failed} changes kept for the next flush: {report.error}")

    def do_retry(self, backend: Any, no_progress: bool) -> None:
        count = retry_set_aside()
        self.stdout.write(f"Queued {count} set-aside changes again.")
        self.do_flush(backend, no_progress)


def _retry_state(row: IndexOutbox) -> str:
    if row.set_aside_at:
        return "set aside"
    if row.next_attempt_at:
        return f"next try after {row.next_attempt_at:%Y-%m-%d %H:%M:%S}"
    return "next flush"


def _ids(ids: list[str], shown: int = 20) -> str:
    more = f" (and {len(ids) - shown} more)" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more
