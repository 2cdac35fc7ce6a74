"""Events: the page tree (index → member folder → event), registrations and the event's indicators."""

from .index import EventFolderPage, EventIndexPage
from .lifecycle import Certificate, FeedbackResponse, Invitation, RegistrationQuestion, new_certificate_code
from .pages import TRAINING_EVENT_TYPES, EventPage
from .querysets import EventPageQuerySet
from .registrations import FINISHED_STATUSES, Registration, RegistrationQuerySet
from .related import AgendaItem, EventIndicator, EventMaterial, EventRelatedPractice, EventTheme

__all__ = [
    "FINISHED_STATUSES",
    "TRAINING_EVENT_TYPES",
    "AgendaItem",
    "Certificate",
    "EventFolderPage",
    "EventIndexPage",
    "EventIndicator",
    "EventMaterial",
    "EventPage",
    "EventPageQuerySet",
    "EventRelatedPractice",
    "EventTheme",
    "FeedbackResponse",
    "Invitation",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationQuestion",
    "new_certificate_code",
]
