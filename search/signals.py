"""Receivers that queue index changes when indexed pages are published, unpublished, moved or deleted."""

from typing import Any

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import actions
from search.documents import document_for_model


def on_published(sender: type, instance: Any, **kwargs: Any) -> None:
    if document_for_model(type(instance)) is not None:
        actions.enqueue_index(instance)


def on_unpublished(sender: type, instance: Any, **kwargs: Any) -> None:
    if document_for_model(type(instance)) is not None:
        actions.enqueue_delete(instance)


def on_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    if document_for_model(sender) is not None:
        actions.enqueue_delete(instance)


def on_moved(sender: type, instance: Any, **kwargs: Any) -> None:
    actions.reindex_tree(instance)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search.page_unpublished")
    # A move or a new slug changes the URL of the page and of everything below it.
    post_page_move.connect(on_moved, dispatch_uid="search.post_page_move")
    page_slug_changed.connect(on_moved, dispatch_uid="search.page_slug_changed")
    post_delete.connect(on_deleted, dispatch_uid="search.post_delete")
