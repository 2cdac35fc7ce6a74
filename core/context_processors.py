"""Template context shared by every public page."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("/practices/", _("Practices")),
    ("/events/", _("Events")),
    ("/members/", _("Members")),
    ("/impact/", _("Impact")),
    ("/search/", _("Search")),
]


def site_navigation(request: HttpRequest) -> dict:
    path = request.path
    return {
        "main_navigation": [
            {"url": url, "label": label, "is_current": path.startswith(url)} for url, label in NAVIGATION
        ]
    }
