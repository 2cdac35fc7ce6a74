"""The network's figures added up: outcome indicators of practices and events, transfers and events.

Only like is added to like: every figure is one indicator of the vocabulary (which carries its unit), or
a count (events, participants, transfer projects). A practice's figures count under its priority, its
country, the kind of its lead member and its year (`PracticePageQuerySet.in_year`); an event's under
each of its priorities, its country, its host's kind and the year it started. Everything is read in a
fixed number of aggregate queries, whatever the number of practices.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.http import QueryDict
from django.utils import timezone

from core.models import Indicator
from events.models import EventPage
from events.models.related import EventIndicator
from events.reports import EventImpactFigures, impact_figures
from members.models import Member
from practices.models import PracticeIndicator, PracticePage
from practices.models.querysets import PracticePageQuerySet
from transfers.models import TransferProject

DIMENSIONS = ("priority", "country", "year", "member_kind")


@dataclass(frozen=True)
class ImpactFilters:
    """The dashboard's filters, read from the query string; empty means "any"."""

    priority: str = ""
    country: str = ""
    year: int | None = None
    member_kind: str = ""

    @classmethod
    def from_query(cls, data: QueryDict) -> "ImpactFilters":
        year = data.get("year", "").strip()
        return cls(
            priority=data.get("priority", "").strip()[:80],
            country=data.get("country", "").strip().upper()[:2],
            year=int(year) if year.isdigit() and len(year) == 4 else None,
            member_kind=data.get("member_kind", "").strip()[:80],
        )

    def params(self, **overrides: Any) -> dict[str, str]:
        """These filters as query-string parameters (empty ones left out), with `overrides`."""
        values: dict[str, Any] = {
            "priority": self.priority,
            "country": self.country,
            "year": self.year,
            "member_kind": self.member_kind,
        }
        values.update(overrides)
        return {key: str(value) for key, value in values.items() if value not in ("", None)}

    @property
    def is_active(self) -> bool:
        return bool(self.params())


@dataclass(frozen=True)
class Contribution:
    """A figure of one source (a group of practices or one event), with the dimensions it counts under."""

    source: str  # "practices" or "events"
    key: str  # an indicator slug, or "events-held" / "participants"
    value: Decimal
    priorities: tuple[str, ...]
    country: str
    year: int | None
    member_kind: str
    practices: int = 0  # how many practices the value adds up


@dataclass
class Rollup:
    contributions: list[Contribution]
    practice_rows: list[dict[str, Any]]  # practice counts per (priority, country, year, kind)
    transfers_by_stage: dict[str, int]
    members_by_country: dict[str, int]
    indicators: dict[str, Indicator]
    # Registrations, attendance, feedback and training days per participant type of the same events
    # (events.reports.impact_figures: a fixed number of queries).
    event_figures: EventImpactFigures
    years: list[int] = field(default_factory=list)

    def total(self, key: str, source: str | None = None) -> Decimal:
        return sum(
            (c.value for c in self.contributions if c.key == key and source in (None, c.source)),
            Decimal(0),
        )

    def by(self, dimension: str, key: str, source: str | None = None) -> dict[str, Decimal]:
        """{value of `dimension`: sum of `key`}. An event with two priorities counts under both."""
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for item in self.contributions:
            if item.key != key or source not in (None, item.source):
                continue
            for value in dimension_values(item, dimension):
                sums[value] += item.value
        return dict(sums)

    def practice_count(self) -> int:
        return sum(row["count"] for row in self.practice_rows)

    def practices_by(self, dimension: str) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        lookup = {"priority": "priority__slug", "member_kind": "lead_member__kind__slug"}.get(
            dimension, dimension
        )
        for row in self.practice_rows:
            if row[lookup] is not None:
                counts[str(row[lookup])] += row["count"]
        return dict(counts)


def dimension_values(item: Contribution, dimension: str) -> Iterable[str]:
    if dimension == "priority":
        return item.priorities
    value = getattr(item, dimension)
    return () if value in ("", None) else (str(value),)


def with_year(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(year=Coalesce(ExtractYear("start_date"), ExtractYear("first_published_at")))


def filtered_practices(filters: ImpactFilters) -> PracticePageQuerySet:
    return PracticePage.objects.live_public().for_filters(
        priority=filters.priority,
        country=filters.country,
        member_kind=filters.member_kind,
        year=filters.year,
    )


def filtered_events(filters: ImpactFilters) -> QuerySet[EventPage]:
    """Events that have taken place, narrowed by the filters (their host's kind for the member kind)."""
    events = EventPage.objects.live().public().past(timezone.now())
    events = events.for_filters(priority=filters.priority, country=filters.country)
    if filters.member_kind:
        events = events.filter(host_member__kind__slug=filters.member_kind)
    if filters.year is not None:
        events = events.filter(start__year=filters.year)
    return events


def practice_contributions(practices: PracticePageQuerySet) -> list[Contribution]:
    rows = (
        PracticeIndicator.objects.filter(page__in=practices.values("pk"))
        .annotate(year=Coalesce(ExtractYear("page__start_date"), ExtractYear("page__first_published_at")))
        .values(
            "indicator__slug",
            "page__priority__slug",
            "page__country",
            "year",
            "page__lead_member__kind__slug",
        )
        .annotate(total=Sum("value"), practices=Count("page_id", distinct=True))
        .order_by()
    )
    return [
        Contribution(
            source="practices",
            key=row["indicator__slug"],
            value=Decimal(row["total"]),
            priorities=(row["page__priority__slug"],),
            country=row["page__country"] or "",
            year=row["year"],
            member_kind=row["page__lead_member__kind__slug"] or "",
            practices=row["practices"],
        )
        for row in rows
    ]


def event_contributions(events: QuerySet[EventPage]) -> list[Contribution]:
    """Per event: held (1), participants (attendees marked, else the page's attendance figure, as
    `events.actions.participant_count`) and its stored indicator values. Three queries."""
    rows = list(
        events.order_by()
        .annotate(marked=Count("registrations", filter=Q(registrations__attended=True)))
        .values("pk", "country", "start__year", "host_member__kind__slug", "attendance", "marked")
    )
    ids = [row["pk"] for row in rows]
    priorities: dict[int, list[str]] = defaultdict(list)
    for event_id, slug in EventPage.priorities.through.objects.filter(eventpage_id__in=ids).values_list(
        "eventpage_id", "priority__slug"
    ):
        priorities[event_id].append(slug)
    values: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for event_id, slug, value in EventIndicator.objects.filter(event_id__in=ids).values_list(
        "event_id", "indicator__slug", "value"
    ):
        values[event_id].append((slug, value))
    contributions = []
    for row in rows:
        figures = [
            ("events-held", Decimal(1)),
            ("participants", Decimal(row["marked"] or row["attendance"] or 0)),
            *values[row["pk"]],
        ]
        contributions += [
            Contribution(
                source="events",
                key=key,
                value=value,
                priorities=tuple(sorted(priorities[row["pk"]])),
                country=row["country"] or "",
                year=row["start__year"],
                member_kind=row["host_member__kind__slug"] or "",
            )
            for key, value in figures
        ]
    return contributions


def transfers_by_stage(filters: ImpactFilters) -> dict[str, int]:
    """Transfer projects per stage; the receiving member gives the country and kind, the source
    practices the priority, the start the year."""
    projects = TransferProject.objects.all()
    if filters.priority:
        projects = projects.filter(
            pk__in=TransferProject.source_practices.through.objects.filter(
                practicepage__priority__slug=filters.priority
            ).values("transferproject_id")
        )
    if filters.country:
        projects = projects.filter(receiving_member__country=filters.country)
    if filters.member_kind:
        projects = projects.filter(receiving_member__kind__slug=filters.member_kind)
    if filters.year is not None:
        projects = projects.filter(started_at__year=filters.year)
    counts = dict(projects.order_by().values_list("stage").annotate(count=Count("pk")))
    return {stage: counts.get(stage, 0) for stage in TransferProject.Stage.values}


def available_years() -> list[int]:
    """Years with practices or events, for the year filter (two small queries)."""
    practice_years = with_year(PracticePage.objects.live_public()).order_by().values_list("year", flat=True)
    event_years = EventPage.objects.live().order_by().values_list("start__year", flat=True)
    return sorted({*practice_years.distinct(), *event_years.distinct()} - {None}, reverse=True)


def compute_rollup(filters: ImpactFilters) -> Rollup:
    """Every figure of the dashboard for `filters`."""
    practices = filtered_practices(filters)
    practice_rows = list(
        with_year(practices)
        .order_by()
        .values("priority__slug", "country", "year", "lead_member__kind__slug")
        .annotate(count=Count("pk"))
    )
    members = Member.objects.active()
    if filters.member_kind:
        members = members.of_kind(filters.member_kind)
    members_by_country = dict(members.order_by().values_list("country").annotate(count=Count("pk")))
    events = filtered_events(filters)
    return Rollup(
        contributions=practice_contributions(practices) + event_contributions(events),
        practice_rows=practice_rows,
        transfers_by_stage=transfers_by_stage(filters),
        members_by_country=members_by_country,
        indicators={indicator.slug: indicator for indicator in Indicator.objects.all()},
        event_figures=impact_figures(events),
        years=available_years(),
    )
