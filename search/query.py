"""The backend-neutral shape of a search: what was asked (`SearchQuery`) and what came back."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.http import QueryDict
from django.utils.translation import gettext as _

# Facets shown on the page and returned by the API, in display order. A type shows the ones its
# documents carry (events: event type, priority, theme, country, when; members: kind, country, theme;
# resources: type of resource, priority, theme, target group, languages of its files).
FACETS = (
    "priority",
    "theme",
    "target_group",
    "event_type",
    "resource_type",
    "when",
    "country",
    "member_kind",
    "language",
)
# The type of result is a facet too (counted over every type), shown apart as the type filter.
TYPE_FACET = "type"
# Every list filter the API accepts (facets plus status and type).
LIST_FILTERS = (*FACETS, "status", TYPE_FACET)
TYPES = ("practice", "event", "member", "resource")
# Without a type filter a search lists practices, as it always has; the type facet counts the others.
DEFAULT_TYPES = ("practice",)
# "when" is read against the event's end at the time of the search, not stored.
WHEN_VALUES = ("upcoming", "past")
SORTS = ("relevance", "newest")
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 200

if TYPE_CHECKING:
    from search.backends.base import Capabilities


class InvalidSearchQuery(ValueError):
    """A parameter the search cannot accept; its message is shown to the caller."""


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def values(self, name: str) -> tuple[str, ...]:
        return self.filters.get(name, ())

    @property
    def types(self) -> tuple[str, ...]:
        """The types of result asked for, in the order of TYPES."""
        asked = self.values(TYPE_FACET) or DEFAULT_TYPES
        return tuple(type_name for type_name in TYPES if type_name in asked)

    @classmethod
    def from_params(cls, params: QueryDict, allowed_values: dict[str, set[str]]) -> "SearchQuery":
        """Validate request parameters; `allowed_values` lists the known value of each filter."""
        text = " ".join(params.get("q", "").split())
        if len(text) > MAX_QUERY_LENGTH:
            raise InvalidSearchQuery(
                _("The query is longer than %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
            )
        filters: dict[str, tuple[str, ...]] = {}
        for name in LIST_FILTERS:
            values = tuple(dict.fromkeys(v.strip() for v in params.getlist(name) if v.strip()))
            if not values:
                continue
            known = set(TYPES) if name == TYPE_FACET else allowed_values.get(name, set())
            unknown = [v for v in values if v not in known]
            if unknown:
                raise InvalidSearchQuery(
                    _("Unknown %(filter)s: %(values)s.") % {"filter": name, "values": ", ".join(unknown)}
                )
            filters[name] = values
        year_from = _integer(params, "year_from", minimum=1900, maximum=2100)
        year_to = _integer(params, "year_to", minimum=1900, maximum=2100)
        if year_from is not None and year_to is not None and year_from > year_to:
            raise InvalidSearchQuery(_("year_from must not be after year_to."))
        sort = params.get("sort") or "relevance"
        if sort not in SORTS:
            raise InvalidSearchQuery(_("sort must be one of: %(choices)s.") % {"choices": ", ".join(SORTS)})
        page = _integer(params, "page", minimum=1) or 1
        page_size = _integer(params, "page_size", minimum=1, maximum=MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE
        return cls(text, filters, year_from, year_to, sort, page, page_size)


def _integer(params: QueryDict, name: str, minimum: int, maximum: int | None = None) -> int | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise InvalidSearchQuery(_("%(name)s must be a whole number.") % {"name": name}) from None
    if value < minimum:
        raise InvalidSearchQuery(_("%(name)s must be at least %(min)s.") % {"name": name, "min": minimum})
    if maximum is not None and value > maximum:
        raise InvalidSearchQuery(_("%(name)s must be at most %(max)s.") % {"name": name, "max": maximum})
    return value


@dataclass
class SearchResult:
    type: str
    id: str
    slug: str
    title: str
    url: str
    priority: str | None = None
    themes: list[str] = field(default_factory=list)
    country: str | None = None
    lead_member: str = ""
    summary: str = ""
    highlight: str = ""  # HTML: escaped text with <mark> around matches
    language: str | None = None
    year_start: int | None = None
    score: float | None = None
    # Events: when and where, and what kind of event; members: what kind of member, and where.
    event_type: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    place: str = ""
    member_kind: str | None = None
    city: str = ""
    # Resources: what kind of resource, and the languages its files exist in.
    resource_type: str | None = None
    languages: list[str] = field(default_factory=list)
    # A version made from another one with wagtail-localize (search.versions): the card says so.
    is_translation: bool = False

    @property
    def text_language(self) -> str | None:
        """The language the result's own words are in (core.text_language.version_mark reads it)."""
        return self.language

    def as_json(self) -> dict[str, Any]:
        shared = {
            "type": self.type,
            "slug": self.slug,
            "title": self.title,
            "url": self.url,
            "priority": self.priority,
            "themes": self.themes,
            "country": self.country,
            "lead_member": self.lead_member,
            "summary": self.summary,
            "highlight": self.highlight,
        }
        if self.type == "event":
            return shared | {
                "event_type": self.event_type,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
                "place": self.place,
            }
        if self.type == "member":
            return shared | {"member_kind": self.member_kind, "city": self.city}
        if self.type == "resource":
            return shared | {"resource_type": self.resource_type, "languages": self.languages}
        return shared


def result_from_source(
    doc_id: str, source: dict[str, Any], highlight: str = "", score: float | None = None
) -> SearchResult:
    """A result from an indexed document's fields (the engine's `_source`, or a document's
    `result_source` in the database fallback), so both backends fill results the same way."""
    priority = source.get("priority")
    if isinstance(priority, list):  # events serve several priorities; the card names the first
        priority = priority[0] if priority else None
    language = source.get("language")
    # A resource lists the languages of its files; a practice is written in one.
    languages = list(language) if isinstance(language, list) else []
    return SearchResult(
        type=source.get("type", ""),
        id=doc_id,
        slug=source.get("slug", ""),
        title=source.get("title", ""),
        url=source.get("url", ""),
        priority=priority,
        themes=list(source.get("themes") or []),
        country=source.get("country"),
        lead_member=source.get("lead_member_name")
        or source.get("host_member_name")
        or source.get("publisher_name")
        or "",
        summary=source.get("summary") or "",
        highlight=highlight,
        language=None if isinstance(language, list) else language,
        year_start=source.get("year_start"),
        score=score,
        event_type=source.get("event_type"),
        start=_datetime(source.get("start")),
        end=_datetime(source.get("end")),
        place=source.get("place") or "",
        member_kind=source.get("member_kind"),
        city=source.get("city") or "",
        resource_type=source.get("resource_type"),
        languages=languages,
        is_translation=source.get("is_original") is False,
    )


def _datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


@dataclass
class FacetValue:
    value: str
    count: int
    label: str = ""
    selected: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "count": self.count}


@dataclass
class SearchResults:
    engine: str
    count: int
    results: list[SearchResult]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    fallback: bool = False  # the engine was configured but did not answer
    capabilities: "Capabilities | None" = None  # of the backend that answered

    def as_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "results": [result.as_json() for result in self.results],
            "facets": {name: [value.as_json() for value in values] for name, values in self.facets.items()},
            "suggestion": self.suggestion,
            "engine": self.engine,
        }


@dataclass
class Suggestion:
    title: str
    url: str

    def as_json(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}
