"""Event reports: per event, per organiser (the host member) and rolled up for the impact figures.

Every figure comes from the registrations (status, attendance, participant type) and the anonymous
feedback responses, in a fixed number of grouped queries whatever the number of events. Counts stay
right after registrations are anonymised (status, attendance and participant type are kept).

For the impact dashboard, `impact_figures(events)` is the one call: give it any EventPage queryset (for
example `EventPage.objects.live().filter(end__year=2026)`) and read the `EventImpactFigures` it returns.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils import timezone

from .models import EventPage, FeedbackResponse, Registration

Status = Registration.Status
PARTICIPANT_TYPES = [value for value, _label in Registration.ParticipantType.choices] + [""]
# Registrations that reached the organiser: an address confirmed, whatever became of them since.
REGISTERED = [
    Status.CONFIRMED,
    Status.WAITLISTED,
    Status.AWAITING_APPROVAL,
    Status.REFUSED,
    Status.CANCELLED,
]


@dataclass
class EventReport:
    """The figures of one event (or, in `OrganiserReport.total`, of several added up)."""

    event: EventPage | None
    places: int | None = 0  # None: unlimited
    registered: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    refused: int = 0
    cancelled: int = 0
    attended: int = 0
    confirmed_after_end: int = 0  # confirmed registrants of events that have ended: the base of the rates
    feedback_responses: int = 0
    satisfaction_total: int = 0
    usefulness_total: int = 0
    training_days_by_type: dict[str, Decimal] = field(default_factory=dict)
    practice_interest: Counter[str] = field(default_factory=Counter)  # practice title → participants

    @property
    def no_shows(self) -> int:
        return max(self.confirmed_after_end - self.attended, 0)

    @property
    def attendance_rate(self) -> float | None:
        """Attended / confirmed, over events that have ended; None before any."""
        return self.attended / self.confirmed_after_end if self.confirmed_after_end else None

    @property
    def satisfaction(self) -> float | None:
        return self.satisfaction_total / self.feedback_responses if self.feedback_responses else None

    @property
    def usefulness(self) -> float | None:
        return self.usefulness_total / self.feedback_responses if self.feedback_responses else None

    @property
    def feedback_rate(self) -> float | None:
        return self.feedback_responses / self.attended if self.attended else None

    @property
    def training_days(self) -> Decimal:
        return sum(self.training_days_by_type.values(), Decimal(0))

    @property
    def follow_up_interest(self) -> int:
        """Expressions of interest in the practices presented, from the survey."""
        return sum(self.practice_interest.values())

    def add(self, other: "EventReport") -> None:
        if self.places is not None:
            self.places = None if other.places is None else self.places + other.places
        for name in (
            "registered",
            "confirmed",
            "waitlisted",
            "refused",
            "cancelled",
            "attended",
            "confirmed_after_end",
            "feedback_responses",
            "satisfaction_total",
            "usefulness_total",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, days in other.training_days_by_type.items():
            self.training_days_by_type[kind] = self.training_days_by_type.get(kind, Decimal(0)) + days
        self.practice_interest.update(other.practice_interest)


def event_reports(events: Iterable[EventPage]) -> list[EventReport]:
    """One report per event, in the order given; three queries in all."""
    events = list(events)
    ids = [event.pk for event in events]
    now = timezone.now()
    reports = {event.pk: EventReport(event=event, places=event.total_places) for event in events}
    rows = (
        Registration.objects.filter(event_id__in=ids)
        .values_list("event_id", "status", "attended", "participant_type")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_event: dict[int, EventPage] = {event.pk: event for event in events}
    days = {event.pk: event.duration_in_days() for event in events if event.is_training}
    for event_id, status, attended, participant_type, count in rows:
        report, event = reports[event_id], by_event[event_id]
        if status in REGISTERED:
            report.registered += count
        if status == Status.CONFIRMED:
            report.confirmed += count
            if event.end <= now:
                report.confirmed_after_end += count
            if attended:
                report.attended += count
                if event_id in days and event.end <= now:
                    kind = participant_type or ""
                    report.training_days_by_type[kind] = (
                        report.training_days_by_type.get(kind, Decimal(0)) + days[event_id] * count
                    )
        elif status == Status.WAITLISTED:
            report.waitlisted += count
        elif status == Status.REFUSED:
            report.refused += count
        elif status == Status.CANCELLED:
            report.cancelled += count
    scores = (
        FeedbackResponse.objects.filter(event_id__in=ids)
        .values_list("event_id", "satisfaction", "usefulness")
        .order_by()
    )
    for event_id, satisfaction, usefulness in scores:
        reports[event_id].feedback_responses += 1
        reports[event_id].satisfaction_total += satisfaction
        reports[event_id].usefulness_total += usefulness
    interest = (
        FeedbackResponse.practices_of_interest.through.objects.filter(feedbackresponse__event_id__in=ids)
        .values_list("feedbackresponse__event_id", "practicepage__title")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for event_id, title, count in interest:
        reports[event_id].practice_interest[title] += count
    return [reports[event.pk] for event in events]


def total_report(reports: Iterable[EventReport]) -> EventReport:
    total = EventReport(event=None)
    for report in reports:
        total.add(report)
    return total


@dataclass
class FeedbackResults:
    """The survey's answers for one event as organisers see them: counts per score and the free texts,
    sorted alphabetically (not in the order given, which could tell who wrote what)."""

    responses: int
    satisfaction: float | None
    usefulness: float | None
    satisfaction_counts: list[tuple[int, int]]
    usefulness_counts: list[tuple[int, int]]
    will_apply: list[str]
    comments: list[str]
    practice_interest: list[tuple[str, int]]


def feedback_results(event: EventPage) -> FeedbackResults:
    responses = list(event.feedback.all())
    count = len(responses)
    satisfaction = Counter(response.satisfaction for response in responses)
    usefulness = Counter(response.usefulness for response in responses)
    interest = Counter(
        FeedbackResponse.practices_of_interest.through.objects.filter(
            feedbackresponse__event=event
        ).values_list("practicepage__title", flat=True)
    )
    return FeedbackResults(
        responses=count,
        satisfaction=sum(satisfaction.elements()) / count if count else None,
        usefulness=sum(usefulness.elements()) / count if count else None,
        satisfaction_counts=[(score, satisfaction[score]) for score in range(1, 6)],
        usefulness_counts=[(score, usefulness[score]) for score in range(1, 6)],
        will_apply=sorted(response.will_apply for response in responses if response.will_apply),
        comments=sorted(response.comments for response in responses if response.comments),
        practice_interest=interest.most_common(),
    )


@dataclass(frozen=True)
class EventImpactFigures:
    """The events' contribution to the impact figures (see `impact_figures`)."""

    events: int
    places: int | None  # None when an event had unlimited places
    registered: int
    attended: int
    no_shows: int
    attendance_rate: float | None
    feedback_responses: int
    satisfaction: float | None  # mean of 1..5
    usefulness: float | None  # mean of 1..5, "useful for transferring practices"
    training_days: Decimal
    training_days_by_type: dict[str, Decimal]  # carer, official, staff, other, "" (not stated)
    follow_up_interest: int


def impact_figures(events: "QuerySet[EventPage] | None" = None) -> EventImpactFigures:
    """Roll up the reports of `events` (default: every live event that has ended) for the impact
    dashboard. A fixed number of queries; anonymised registrations still count."""
    if events is None:
        events = EventPage.objects.live().filter(end__lte=timezone.now())
    total = total_report(event_reports(events.select_related("event_type")))
    return EventImpactFigures(
        events=len(events),
        places=total.places,
        registered=total.registered,
        attended=total.attended,
        no_shows=total.no_shows,
        attendance_rate=total.attendance_rate,
        feedback_responses=total.feedback_responses,
        satisfaction=total.satisfaction,
        usefulness=total.usefulness,
        training_days=total.training_days,
        training_days_by_type={
            kind: total.training_days_by_type.get(kind, Decimal(0)) for kind in PARTICIPANT_TYPES
        },
        follow_up_interest=total.follow_up_interest,
    )


def report_rows(reports: Iterable[EventReport]) -> list[list[object]]:
    """The CSV body of a report (core.spreadsheets writes it), one row per event."""
    rows: list[list[object]] = []
    for report in reports:
        event = report.event
        rows.append(
            [
                event.title if event else "",
                timezone.localtime(event.start, event.tzinfo).date().isoformat() if event else "",
                event.host_member.name if event else "",
                "" if report.places is None else report.places,
                report.registered,
                report.confirmed,
                report.waitlisted,
                report.refused,
                report.cancelled,
                report.attended,
                report.no_shows,
                _ratio(report.attendance_rate),
                report.feedback_responses,
                _mean(report.satisfaction),
                _mean(report.usefulness),
                report.follow_up_interest,
                *[report.training_days_by_type.get(kind, Decimal(0)) for kind in PARTICIPANT_TYPES],
            ]
        )
    return rows


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _mean(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
