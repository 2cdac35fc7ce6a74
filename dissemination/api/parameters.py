"""Query parameters of the public API, validated by pydantic: a bad value is a 400 with the reason."""

from typing import Annotated, Literal

from django.conf import settings
from ninja import Schema
from pydantic import Field, StringConstraints, field_validator
from pydantic.json_schema import SkipJsonSchema

from core.languages import LANGUAGE_CHOICES, WORKING_LANGUAGE_CHOICES

MAX_PAGE_SIZE = 100
MAX_PAGE_ID = 2**31 - 1  # Wagtail page ids are 32-bit integers
SLUG = r"^[-a-zA-Z0-9_]+$"

# An unknown slug or country matches nothing, as on the site; a malformed one is a 400.
Slug = Annotated[str, StringConstraints(max_length=100, pattern=SLUG)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]

SiteLanguage = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]
TextLanguage = Literal[tuple(code for code, _name in LANGUAGE_CHOICES)]  # type: ignore[valid-type]
WorkingLanguage = Literal[tuple(code for code, _name in WORKING_LANGUAGE_CHOICES)]  # type: ignore[valid-type]


def _upper(value: str | None) -> str | None:
    return value.upper() if value else value


class Common(Schema):
    lang: SiteLanguage | SkipJsonSchema[None] = Field(  # type: ignore[valid-type]
        None, description="Language of labels; without it, the Accept-Language header decides."
    )


class Paged(Common):
    page: int = Field(1, ge=1, le=100_000, description="1-based page number.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class PracticeFilters(Paged):
    priority: Slug | SkipJsonSchema[None] = Field(None, description="Priority slug.")
    theme: Slug | SkipJsonSchema[None] = Field(None, description="Theme slug.")
    target_group: Slug | SkipJsonSchema[None] = Field(None)
    country: CountryCode | SkipJsonSchema[None] = Field(None, description="ISO 3166-1 alpha-2.")
    member_kind: Slug | SkipJsonSchema[None] = Field(None, description="Kind of lead member.")
    member: Slug | SkipJsonSchema[None] = Field(None, description="Lead or partner member.")
    status: Literal["planned", "ongoing", "completed"] | SkipJsonSchema[None] = None
    language: TextLanguage | SkipJsonSchema[None] = Field(  # type: ignore[valid-type]
        None, description="Language of the practice's text."
    )
    success_stories: bool = Field(False, description="Only the success stories.")
    sort: Literal["newest", "title"] = "newest"

    _country = field_validator("country")(_upper)

    def queryset_kwargs(self) -> dict:
        return {
            "priority": self.priority or "",
            "theme": self.theme or "",
            "target_group": self.target_group or "",
            "country": self.country or "",
            "member_kind": self.member_kind or "",
            "member": self.member or "",
            "status": self.status or "",
            "language": self.language or "",
            "success_stories": self.success_stories,
        }


class EventFilters(Paged):
    when: Literal["upcoming", "past", "all"] = Field(
        "upcoming", description="Upcoming (not ended yet, soonest first) or past (latest first)."
    )
    type: Slug | SkipJsonSchema[None] = Field(None, description="Event type slug.")
    priority: Slug | SkipJsonSchema[None] = Field(None)
    theme: Slug | SkipJsonSchema[None] = Field(None)
    country: CountryCode | SkipJsonSchema[None] = Field(None)
    mode: Literal["online", "in_person"] | SkipJsonSchema[None] = Field(
        None, description="Reachable online or in person."
    )
    language: WorkingLanguage | SkipJsonSchema[None] = None  # type: ignore[valid-type]
    member: Slug | SkipJsonSchema[None] = Field(None, description="Host or co-host member.")

    _country = field_validator("country")(_upper)

    def queryset_kwargs(self) -> dict:
        return {
            "event_type": self.type or "",
            "priority": self.priority or "",
            "theme": self.theme or "",
            "country": self.country or "",
            "mode": self.mode or "",
            "language": self.language or "",
            "member": self.member or "",
        }


class MemberFilters(Paged):
    country: CountryCode | SkipJsonSchema[None] = Field(None)
    kind: Slug | SkipJsonSchema[None] = Field(None, description="Member kind slug.")
    theme: Slug | SkipJsonSchema[None] = Field(None, description="Expertise theme slug.")
    offers_assistance: bool | SkipJsonSchema[None] = None

    _country = field_validator("country")(_upper)
