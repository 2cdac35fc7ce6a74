"""Absolute links for what leaves the site (emails, calendar files, feeds): the site's public base URL
(WAGTAILADMIN_BASE_URL) in front of a path, so a link works outside a request."""

from django.conf import settings


def absolute_url(url: str) -> str:
    """`url` unchanged when it is already absolute, else the site's base URL followed by the path."""
    if url.startswith(("http://", "https://")):
        return url
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/") + url
