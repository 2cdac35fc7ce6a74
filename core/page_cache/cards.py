"""Cards: the few lines of markup that show a practice, an event or a member wherever a list shows it
(listings, home, profiles, priority pages). A card is the same for every reader of a language, so it is
rendered once and remembered, by primary key, until a page or one of its tags is purged; a list then
costs one cache read for all its cards, and the objects are read from the database only for the cards
not remembered. Views call `CARDS.render(request, pks)`; templates `{% cards "practice" items level=3 %}`
(core/templatetags/page_cache.py)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template import Context, Engine
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .memo import remember_many
from .tags import ALL_TAGS, PAGES

_named: dict[str, "Cards"] = {}


def cards_named(name: str) -> "Cards":
    try:
        return _named[name]
    except KeyError:
        raise LookupError(f"No cards named {name!r}: known are {sorted(_named)}") from None


@dataclass(frozen=True)
class Cards:
    name: str
    template: str
    variable: str  # the object's name in the template
    tags: tuple[str, ...]  # what a card shows besides pages (a member's name, theme labels...)
    load: Callable[[list[int]], Iterable[Any]]  # the objects by primary key, with what the cards show

    def __post_init__(self) -> None:
        unknown = set(self.tags) - set(ALL_TAGS)
        if unknown:
            raise ValueError(f"Unknown page cache tags: {sorted(unknown)}")
        _named[self.name] = self  # for `{% cards name items %}`; each app imports its cards when ready

    def render(self, request: HttpRequest, pks: Iterable[int], **options: Any) -> list[SafeString]:
        """The cards of `pks`, in that order; `options` (a heading level...) are given to the template
        and are part of what is remembered. A card is always rendered from `load`'s object, whoever
        asks, so that it is the same wherever it is shown."""

        def compute(missing: list[int]) -> dict[int, str]:
            # A card reads nothing from the context processors, so it renders in a plain context (they
            # would run again for every card).
            template = Engine.get_default().get_template(self.template)
            objects = {obj.pk: obj for obj in self.load(missing)}
            return {
                pk: template.render(Context({"request": request, self.variable: objects[pk], **options}))
                if pk in objects
                else ""
                for pk in missing
            }

        shown = list(pks)
        variant = ",".join(f"{name}={value}" for name, value in sorted(options.items()))
        cards = remember_many(
            f"card:{self.name}", [PAGES, *self.tags], shown, compute, get_language(), variant
        )
        # Each card is its template's own rendering, escaped there.
        return [mark_safe(cards[pk]) for pk in shown if cards[pk]]
