"""The anonymous page cache: whole responses in Django's cache (Redis when shared), purged by tag.

A view opts in by declaring what it shows (`declare`); a save of anything carrying one of those tags
makes every stored page with that tag stale at once (see tags.py). Varnish in front, when configured,
is purged by the same tags through xkey (front.py).
"""

from .tags import (
    EVENTS,
    MEMBERS,
    PAGES,
    PRACTICES,
    REGISTRATIONS,
    RESOURCES,
    SETTINGS,
    THEMES,
    declare,
    purge,
)

__all__ = [
    "EVENTS",
    "MEMBERS",
    "PAGES",
    "PRACTICES",
    "REGISTRATIONS",
    "RESOURCES",
    "SETTINGS",
    "THEMES",
    "declare",
    "purge",
]
