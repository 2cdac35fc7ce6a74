"""Publishing or unpublishing a practice, an event or a library resource rebuilds the open data, after
the commit (so the task reads what was committed, and a failed task never undoes the editor's
publication)."""

from typing import Any

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from events.models import EventPage
from library.models import ResourcePage
from practices.models import PracticePage

from .tasks import regenerate_open_data


def _regenerate(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(regenerate_open_data.enqueue)


def connect() -> None:
    for model in (PracticePage, EventPage, ResourcePage):
        page_published.connect(_regenerate, sender=model, dispatch_uid=f"open-data-{model.__name__}")
        page_unpublished.connect(_regenerate, sender=model, dispatch_uid=f"open-data-un-{model.__name__}")
