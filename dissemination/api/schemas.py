"""Response shapes of the public API: the OpenAPI schema is generated from these classes."""

from ninja import Schema
from pydantic import Field


class Error(Schema):
    error: str = Field(description="What was wrong, in the language of the request.")
    detail: list[dict] = Field(default_factory=list, description="One entry per invalid parameter.")


class Term(Schema):
    slug: str = Field(description="Stable identifier of the vocabulary term.")
    label: str


class NumberedTerm(Term):
    number: int


class Country(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2 code.")
    name: str


class Language(Schema):
    code: str = Field(description="ISO 639-1 code.")
    name: str


class MemberRef(Schema):
    slug: str
    name: str
    url: str


class LicenceOut(Schema):
    code: str = Field(description="SPDX identifier, or all-rights-reserved.")
    label: str
    url: str = Field(description="The licence's text; empty when all rights are reserved.")


class IndicatorValue(Schema):
    indicator: Term
    unit: str
    value: float | None
    baseline: float | None
    target: float | None
    period_start: str | None
    period_end: str | None


class Practice(Schema):
    id: int = Field(description="Stable identifier; the practice keeps it when its page moves.")
    url: str = Field(description="Canonical URL of the practice's page.")
    api_url: str
    title: str
    summary: str
    challenge: str
    approach: str
    results: str
    transferability: str
    resources_needed: str
    difficulties: str
    prerequisites: str
    what_did_not_work: str
    priority: NumberedTerm
    themes: list[Term]
    keywords: list[str]
    target_groups: list[Term]
    country: Country | None
    region: str
    city: str
    language: Language
    status: Term
    start_date: str | None
    end_date: str | None
    lead_member: MemberRef | None
    member_kind: Term | None
    partner_members: list[MemberRef]
    funding_sources: list[Term]
    budget_eur: int | None
    budget_range: Term | None
    competence_level: Term | None
    staff_time: str
    scale_reached: str
    evaluation_type: Term
    validated_by: str
    is_success_story: bool
    indicators: list[IndicatorValue]
    licence: LicenceOut = Field(description="Licence of the practice's text, chosen by its member.")
    first_published_at: str | None
    last_published_at: str | None


class Event(Schema):
    id: int
    url: str
    api_url: str
    title: str
    summary: str
    event_type: Term
    host_member: MemberRef | None
    co_hosts: list[MemberRef]
    start: str = Field(description="ISO 8601, in the event's time zone.")
    end: str
    timezone: str
    attendance_mode: Term
    venue: str
    city: str
    country: Country | None
    languages: list[Language]
    priorities: list[NumberedTerm]
    themes: list[Term]
    capacity: int | None
    places_left: int | None
    registration: Term = Field(description="open, full, not_open_yet, closed or ended.")
    registration_opens_at: str | None
    registration_deadline: str | None
    is_past: bool
    outcome_summary: str
    attendance: int | None
    first_published_at: str | None
    last_published_at: str | None


class Member(Schema):
    id: int
    slug: str
    url: str
    api_url: str
    name: str
    kind: Term
    country: Country | None
    region: str
    city: str
    population: int | None
    languages: list[Language]
    description: str
    website: str
    expertise_themes: list[Term]
    offers_assistance: bool
    assistance_themes: list[Term]
    joined_at: str | None


class VocabularyTerm(Term):
    labels: dict[str, str] = Field(
        description="The label in English and in each language it is translated into, by language code; "
        "`label` is the English one."
    )


class Priority(VocabularyTerm):
    number: int
    url: str
    call_text: str


class Indicator(VocabularyTerm):
    unit: str
    units: dict[str, str] = Field(description="The unit in English and its translations, by language code.")


class Page(Schema):
    count: int = Field(description="Number of results over all pages.")
    page: int
    page_size: int
    next: str | None = Field(description="URL of the next page, null on the last.")
    previous: str | None


class PracticePage(Page):
    results: list[Practice]


class EventPage(Page):
    results: list[Event]


class MemberPage(Page):
    results: list[Member]
