"""Which saves purge which tags: pages by their type, and the models pages show besides pages."""

from typing import Any

from django.apps import apps
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .tags import EVENTS, MEMBERS, PAGES, PRACTICES, REGISTRATIONS, RESOURCES, SETTINGS, THEMES, purge

MODEL_TAGS = {
    "members.Member": MEMBERS,
    "members.Membership": MEMBERS,
    "members.ContactOfficer": MEMBERS,
    "events.Registration": REGISTRATIONS,
    # Its fields are in the registration form the event page keeps as a fragment (contexts.py).
    "events.RegistrationQuestion": EVENTS,
    # Indicators computed once an event has taken place (people trained...), shown on its page.
    "events.EventIndicator": EVENTS,
    "transfers.TransferInterest": PRACTICES,  # the practice page shows how many members want it
    "transfers.TransferredPractice": PRACTICES,  # "transferred from ..." on the new practice's page
    # A resource's files: their titles and links are shown on its page.
    "wagtaildocs.Document": RESOURCES,
    "core.Theme": THEMES,
    "core.NetworkSettings": SETTINGS,
    # Remembered by every request (lookups.py): the site of a host, the restricted parts of the tree.
    "wagtailcore.Site": PAGES,
    "wagtailcore.PageViewRestriction": PAGES,
    "wagtailcore.Locale": PAGES,
}


def page_tag(page: Page) -> str:
    return getattr(page.specific_class, "page_cache_kind", PAGES)


def purge_page(sender: Any, instance: Page, **kwargs: Any) -> None:
    purge([page_tag(instance)])


def purge_model(tag: str):
    def receiver(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        # Wagtail creates the settings row with its defaults on first read, while rendering a page that
        # already shows those defaults: nothing shown has changed.
        if tag == SETTINGS and kwargs.get("created"):
            return
        purge([tag])

    return receiver


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(purge_page, dispatch_uid=f"page_cache_{id(signal)}")
    post_delete.connect(purge_page, sender=Page, dispatch_uid="page_cache_page_deleted")
    from core.models.vocabulary import VocabularyTerm

    labels = dict(MODEL_TAGS)
    for model in apps.get_models():
        if issubclass(model, VocabularyTerm):
            labels[model._meta.label] = THEMES
    for label, tag in labels.items():
        model = apps.get_model(label)
        receiver = purge_model(tag)
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"page_cache_save_{label}")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"page_cache_delete_{label}")
