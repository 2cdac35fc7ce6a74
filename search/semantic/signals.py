"""Receivers that keep vectors in step with publishing: embed on publish, forget on anything that hides."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from search.documents import document_for_model
from search.semantic.actions import forget_documents, schedule_embedding
from search.semantic.texts import SEMANTIC_TEXTS


def _type_of(instance: Any) -> str | None:
    doc = document_for_model(type(instance))
    return doc.type_name if doc is not None and doc.type_name in SEMANTIC_TEXTS else None


def on_published(sender: type, instance: Any, **kwargs: Any) -> None:
    type_name = _type_of(instance)
    if type_name:
        schedule_embedding(type_name, [instance.pk])


def on_hidden(sender: type, instance: Any, **kwargs: Any) -> None:
    type_name = _type_of(instance)
    if type_name:
        forget_documents(type_name, [instance.pk])


def on_restriction_changed(sender: type, instance: PageViewRestriction, **kwargs: Any) -> None:
    """A view restriction hides the page and its subtree from search; lifting it brings them back."""
    pages = instance.page.get_descendants(inclusive=True).specific()
    for page in pages:
        type_name = _type_of(page)
        if type_name:
            forget_documents(type_name, [page.pk])
            schedule_embedding(type_name, [page.pk])  # embeds it again only if it is still public


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="search.semantic.page_published")
    page_unpublished.connect(on_hidden, dispatch_uid="search.semantic.page_unpublished")
    post_delete.connect(on_hidden, dispatch_uid="search.semantic.post_delete")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.semantic.restricted"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.semantic.unrestricted"
    )
