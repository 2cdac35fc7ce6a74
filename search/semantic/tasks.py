"""The embedding task: its own queue entry per publish, so a slow model never holds up the index outbox."""

from django_tasks import task

from search.semantic.actions import embed_documents


@task()
def embed_documents_task(type_name: str, ids: list[int]) -> dict[str, int | str]:
    report = embed_documents(type_name, ids)
    return {
        "embedded": report.embedded,
        "reused": report.reused,
        "failed": report.failed,
        "error": report.error,
    }
