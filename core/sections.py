"""Sections that one app shows on another app's page, without the page's app importing it.

A page that shows contributed sections names its registry here (the home page uses `home_page_sections`,
a member's profile `member_profile_sections`, a priority page `priority_page_sections`, a person's own
account page /account/ `account_page_sections`). An app
contributes by registering a provider in its `sections.py`, which its AppConfig.ready() imports:

    @home_page_sections.register
    def upcoming_events() -> Section | None: ...

A provider returns a `Section` (the template to include and that template's data) or None when it has
nothing to show. Sections appear in the order their providers were registered, i.e. INSTALLED_APPS order.
A public section, the same for every reader of a language, is `@remembered(tags...)` below the register
line: kept until one of the page-cache tags of what it shows is purged, like the cached pages showing it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, ParamSpec

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from members.models import Member

    from .models import Priority

P = ParamSpec("P")


@dataclass(frozen=True)
class Section:
    """What a page includes: `{% include section.template with section=section.data %}`."""

    template: str
    data: Mapping[str, Any] = field(default_factory=dict)


class SectionRegistry(Generic[P]):
    """The providers of one page's contributed sections, called with that page's arguments."""

    def __init__(self, page: str) -> None:
        self.page = page
        self._providers: dict[str, Callable[P, Section | None]] = {}

    def register(self, provider: Callable[P, Section | None]) -> Callable[P, Section | None]:
        """Add `provider` (usable as a decorator). Registering the same function again replaces it."""
        self._providers[f"{provider.__module__}.{provider.__qualname__}"] = provider
        return provider

    def unregister(self, provider: Callable[P, Section | None]) -> None:
        self._providers.pop(f"{provider.__module__}.{provider.__qualname__}", None)

    @property
    def providers(self) -> list[Callable[P, Section | None]]:
        return list(self._providers.values())

    def sections(self, *args: P.args, **kwargs: P.kwargs) -> list[Section]:
        """Every registered provider's section for this page, leaving out those with nothing to show."""
        return [section for provider in self._providers.values() if (section := provider(*args, **kwargs))]

    def __repr__(self) -> str:
        return f"<SectionRegistry {self.page}: {len(self._providers)} providers>"


def remembered(
    *tags: str, time_sensitive: bool = False
) -> Callable[[Callable[P, Section | None]], Callable[P, Section | None]]:
    """A provider whose section is the same for every reader of a language, remembered per arguments (by
    primary key) with `core.page_cache.memo.remember_shown`. Never for a person's own sections."""

    def decorate(provider: Callable[P, Section | None]) -> Callable[P, Section | None]:
        @functools.wraps(provider)
        def remembered_provider(*args: P.args, **kwargs: P.kwargs) -> Section | None:
            from core.page_cache.memo import remember_shown

            key = [getattr(arg, "pk", arg) for arg in (*args, *kwargs.values())]
            return remember_shown(
                f"section:{provider.__module__}.{provider.__qualname__}",
                tags,
                lambda: provider(*args, **kwargs),
                *key,
                time_sensitive=time_sensitive,
            )

        return remembered_provider

    return decorate


home_page_sections: SectionRegistry[[]] = SectionRegistry("home page")
member_profile_sections: SectionRegistry[[Member]] = SectionRegistry("member profile")
priority_page_sections: SectionRegistry[[Priority]] = SectionRegistry("priority page")
# Called with the signed-in person; the page is private (never cached, never indexed). A section that
# changes something posts to its own app's view and redirects back to /account/ (see the README).
account_page_sections: SectionRegistry[[User]] = SectionRegistry("account page")
