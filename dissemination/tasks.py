"""Background work of the dissemination app (django-tasks)."""

from django_tasks import task

from .open_data import publish_open_data


@task()
def regenerate_open_data() -> dict[str, int]:
    """Rebuild the open-data files and their DCAT-AP catalogue in storage."""
    return publish_open_data()
