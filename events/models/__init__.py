"""Events: the page tree (index → member folder → event), registrations and the event's indicators."""

from .index import EventFolderPage, EventIndexPage
from .pages import TRAINING_EVENT_TYPES, EventPage
from .querysets import EventPageQuerySet
from .registrations import Registration, RegistrationQuerySet
from .related import AgendaItem, EventIndicator, EventMaterial, EventRelatedPractice, EventTheme

__all__ = [
    "TRAINING_EVENT_TYPES",
    "AgendaItem",
    "EventFolderPage",
    "EventIndexPage",
    "EventIndicator",
    "EventMaterial",
    "EventPage",
    "EventPageQuerySet",
    "EventRelatedPractice",
    "EventTheme",
    "Registration",
    "RegistrationQuerySet",
]
