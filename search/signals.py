"""Receivers that queue index changes: indexed pages published, unpublished, moved or deleted; an
indexed snippet (a member) saved or deleted; an object a document shows (its lead member, a theme, a
target group, its priority) changed."""

from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import actions, fulltext
from search.documents import available_documents, displayed_models, document_for_model


def on_published(sender: type, instance: Any, **kwargs: Any) -> None:
    if document_for_model(type(instance)) is not None:
        actions.enqueue_index(instance)


def on_unpublished(sender: type, instance: Any, **kwargs: Any) -> None:
    if document_for_model(type(instance)) is not None:
        actions.enqueue_delete(instance)


def on_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    if document_for_model(sender) is not None:
        actions.enqueue_delete(instance)


def on_snippet_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A saved member (a snippet, not a page: no publish signal) is reindexed, or removed from the
    index when it is no longer searchable (made inactive): the flush reads its current state."""
    if not raw:
        actions.enqueue_index(instance)


def on_page_saved(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A page saved without publishing (made live directly, or a draft of a live page) is written to
    the database's full-text index as it now stands; the engine hears of pages when they publish."""
    if not raw:
        fulltext.refresh(document_for_model(sender).type_name, [instance.pk])  # type: ignore[union-attr]


def on_moved(sender: type, instance: Any, **kwargs: Any) -> None:
    actions.reindex_tree(instance)


def on_view_restriction_changed(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A page made private (or public again) changes whether it and its subtree can be found."""
    if not raw:
        actions.reindex_tree(instance.page)


def remember_displayed(sender: type[models.Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Keep the stored values of the shown fields, so post_save can tell whether they changed."""
    if raw or instance.pk is None:
        return
    fields = displayed_models()[sender._meta.label]
    instance._search_shown_before = sender._default_manager.filter(pk=instance.pk).values(*fields).first()


def on_displayed_saved(
    sender: type[models.Model], instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    before = getattr(instance, "_search_shown_before", None)
    if created or raw or before is None:
        return  # a new object is shown by no document yet
    fields = displayed_models()[sender._meta.label]
    if any(getattr(instance, field) != before[field] for field in fields):
        actions.reindex_displaying(instance)
    instance._search_shown_before = {field: getattr(instance, field) for field in fields}


def on_displayed_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    # Before the delete: the documents that show it can still be found through it.
    actions.reindex_displaying(instance)


def connect() -> None:
    for label in displayed_models():
        model = apps.get_model(label)
        pre_save.connect(remember_displayed, sender=model, dispatch_uid=f"search.shown.pre_save.{label}")
        post_save.connect(on_displayed_saved, sender=model, dispatch_uid=f"search.shown.post_save.{label}")
        pre_delete.connect(on_displayed_deleted, sender=model, dispatch_uid=f"search.shown.delete.{label}")
    for doc in available_documents():
        model = doc.model()
        if not issubclass(model, Page):
            post_save.connect(on_snippet_saved, sender=model, dispatch_uid=f"search.snippet.{doc.type_name}")
        else:
            post_save.connect(on_page_saved, sender=model, dispatch_uid=f"search.page_saved.{doc.type_name}")
    post_save.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restricted"
    )
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.unrestricted"
    )
    page_published.connect(on_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search.page_unpublished")
    # A move or a new slug changes the URL of the page and of everything below it.
    post_page_move.connect(on_moved, dispatch_uid="search.post_page_move")
    page_slug_changed.connect(on_moved, dispatch_uid="search.page_slug_changed")
    post_delete.connect(on_deleted, dispatch_uid="search.post_delete")
