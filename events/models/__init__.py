"""Events: the page tree (index → member folder → event), registrations and the event's indicators."""

from .pages import (
    TRAINING_EVENT_TYPES,
    AgendaItem,
    EventFolderPage,
    EventIndexPage,
    EventIndicator,
    EventMaterial,
    EventPage,
    EventPageQuerySet,
    EventRelatedPractice,
    EventTheme,
)
from .registrations import Registration, RegistrationQuerySet

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
