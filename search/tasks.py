"""Background work: apply the outbox (queued after each commit; `manage.py db_worker` runs it)."""

from django_tasks import task

from search.actions import flush_outbox


@task()
def flush_search_outbox() -> dict[str, int | str]:
    report = flush_outbox()
    return {"applied": report.applied, "failed": report.failed, "error": report.error}
