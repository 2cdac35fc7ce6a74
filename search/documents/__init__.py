"""What goes into the index: one `SearchDocument` per indexed type, written once for both DSLs.

A document names its fields (built with `Analysis`), the searchable objects, how to turn one object
into a dict, and how the shared filters map onto its model for the database fallback. One module per
type; this package re-exports them and holds the registry.
"""

from django.db import models

from search.documents.base import SearchDocument, plain_text, year_of
from search.documents.events import EventDocument
from search.documents.members import MemberDocument
from search.documents.practices import PracticeDocument
from search.documents.resources import ResourceDocument

__all__ = [
    "DOCUMENTS",
    "EventDocument",
    "MemberDocument",
    "PracticeDocument",
    "ResourceDocument",
    "SearchDocument",
    "available_documents",
    "displayed_models",
    "document_for_model",
    "document_for_type",
    "documents_displaying",
    "plain_text",
    "year_of",
]

# Every indexed type, in the order results of equal score are listed.
DOCUMENTS: list[type[SearchDocument]] = [PracticeDocument, EventDocument, MemberDocument, ResourceDocument]


def available_documents() -> list[type[SearchDocument]]:
    """The registered types whose model is installed."""
    return [doc for doc in DOCUMENTS if doc.is_available()]


def document_for_type(type_name: str) -> type[SearchDocument]:
    for doc in DOCUMENTS:
        if doc.type_name == type_name:
            return doc
    raise KeyError(type_name)


def documents_displaying(model: type[models.Model]) -> list[tuple[type[SearchDocument], str]]:
    """The indexed types that show objects of `model`, with the lookup from each to such an object."""
    label = model._meta.label
    return [(doc, doc.displays[label][0]) for doc in available_documents() if label in doc.displays]


def displayed_models() -> dict[str, tuple[str, ...]]:
    """Model label -> the fields of it some document shows."""
    shown: dict[str, set[str]] = {}
    for doc in available_documents():
        for label, (_lookup, fields) in doc.displays.items():
            shown.setdefault(label, set()).update(fields)
    return {label: tuple(sorted(fields)) for label, fields in shown.items()}


def document_for_model(model: type[models.Model]) -> type[SearchDocument] | None:
    for doc in available_documents():
        if issubclass(model, doc.model()):
            return doc
    return None
