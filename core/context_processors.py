"""Template context shared by every public page."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("/practices/", _("Practices")),
    ("/events/", _("Events")),
    ("/members/", _("Members")),
    ("/library/", _("Library")),
    ("/impact/", _("Impact")),
    ("/search/", _("Search")),
]


def language_prefix() -> str:
    """The URL prefix of the active language: none for the default (English), `/de` for German."""
    language = get_language()
    return "" if not language or language == settings.LANGUAGE_CODE else f"/{language}"


def site_navigation(request: HttpRequest) -> dict:
    path = request.path
    prefix = language_prefix()
    return {
        "language_prefix": prefix,
        "main_navigation": [
            {"url": prefix + url, "label": label, "is_current": path.startswith(prefix + url)}
            for url, label in NAVIGATION
        ],
    }
