"""The public record of a practice, an event and a member: the one place that decides which fields leave
the site. The API, the feeds, the open-data files and the JSON-LD are all built from these records, so a
field left out here (contact officers, online links, registrations) is out of every public output.

Querysets come from `public_practices()` / `public_events()` / `public_members()`, which also load what a
record reads in a fixed number of queries, whatever the number of rows.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django_countries import countries

from core.languages import LANGUAGE_NAMES, WORKING_LANGUAGE_NAMES
from core.links import absolute_url
from events.models import EventPage, EventPageQuerySet, Registration
from members.models import Member, MemberQuerySet
from practices.models import PracticeIndicator, PracticePage, PracticePageQuerySet

from .licences import Licence, licence_url


def public_practices() -> PracticePageQuerySet:
    """Published practices not behind a view restriction, with everything their record shows."""
    return (
        PracticePage.objects.live_public()
        .select_related("priority", "lead_member", "lead_member__kind")
        .prefetch_related(
            "tagged_themes__tag",
            "target_groups",
            "partner_members",
            "funding_sources",
            "tagged_keywords__tag",
            Prefetch("indicators", queryset=PracticeIndicator.objects.select_related("indicator")),
        )
    )


def public_events() -> EventPageQuerySet:
    confirmed = Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
    return (
        EventPage.objects.live()
        .public()
        .select_related("event_type", "host_member")
        .prefetch_related("co_hosts", "priorities", "tagged_themes__tag")
        .annotate(confirmed_registrations=confirmed)
    )


def public_members() -> MemberQuerySet:
    return (
        Member.objects.active()
        .select_related("kind")
        .prefetch_related("expertise_themes", "assistance_themes")
        .order_by("name", "pk")
    )


def term(slug: str, label: Any) -> dict[str, str]:
    return {"slug": slug, "label": str(label)}


def country(code: Any) -> dict[str, str] | None:
    code = str(code or "")
    return {"code": code, "name": str(countries.name(code))} if code else None


def language(code: str, names: dict[str, Any] = LANGUAGE_NAMES) -> dict[str, str]:
    return {"code": code, "name": str(names.get(code, code))}


def member_ref(member: Member | None) -> dict[str, str] | None:
    if member is None:
        return None
    return {"slug": member.slug, "name": member.name, "url": absolute_url(member.get_absolute_url())}


def page_url(page: Any, request: HttpRequest | None) -> str:
    """The page's canonical URL on the site's public base URL (core.links)."""
    return absolute_url(page.get_url(request) or page.url_path)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def licence_record(code: str) -> dict[str, str]:
    label = Licence(code).label if code in Licence.values else code
    return {"code": code, "label": str(label), "url": licence_url(code)}


def practice_record(page: PracticePage, request: HttpRequest | None = None) -> dict[str, Any]:
    """Everything public about a practice: no contact officer, no internal review dates."""
    return {
        "id": page.pk,
        "url": page_url(page, request),
        "api_url": absolute_url(reverse("api-v1:practice", kwargs={"practice_id": page.pk})),
        "title": page.title,
        "summary": page.summary,
        "challenge": page.challenge,
        "approach": page.approach,
        "results": page.results,
        "transferability": page.transferability,
        "resources_needed": page.resources_needed,
        "difficulties": page.difficulties,
        "prerequisites": page.prerequisites,
        "what_did_not_work": page.what_did_not_work,
        "priority": {**term(page.priority.slug, page.priority.label), "number": page.priority.number},
        "themes": [term(item.tag.slug, item.tag.name) for item in page.tagged_themes.all()],
        "keywords": [item.tag.name for item in page.tagged_keywords.all()],
        "target_groups": [term(group.slug, group.label) for group in page.target_groups.all()],
        "country": country(page.country),
        "region": page.region,
        "city": page.city,
        "language": language(page.language),
        "status": term(page.status, page.get_status_display()),
        "start_date": _day(page.start_date),
        "end_date": _day(page.end_date),
        "lead_member": member_ref(page.lead_member),
        "member_kind": term(page.lead_member.kind.slug, page.lead_member.kind.label)
        if page.lead_member
        else None,
        "partner_members": [member_ref(member) for member in page.partner_members.all()],
        "funding_sources": [term(source.slug, source.label) for source in page.funding_sources.all()],
        "budget_eur": page.budget_eur,
        "budget_range": term(page.budget_range, page.get_budget_range_display())
        if page.budget_range
        else None,
        "competence_level": term(page.competence_level, page.get_competence_level_display())
        if page.competence_level
        else None,
        "staff_time": page.staff_time,
        "scale_reached": page.scale_reached,
        "evaluation_type": term(page.evaluation_type, page.get_evaluation_type_display()),
        "validated_by": page.validated_by,
        "is_success_story": page.is_success_story,
        "indicators": [
            {
                "indicator": term(row.indicator.slug, row.indicator.label),
                "unit": row.indicator.unit,
                "value": _number(row.value),
                "baseline": _number(row.baseline),
                "target": _number(row.target),
                "period_start": _day(row.period_start),
                "period_end": _day(row.period_end),
            }
            for row in page.indicators.all()
        ],
        "licence": licence_record(page.licence),
        "first_published_at": _moment(page.first_published_at),
        "last_published_at": _moment(page.last_published_at),
    }


def event_record(event: EventPage, request: HttpRequest | None = None) -> dict[str, Any]:
    """Everything public about an event: no online link (registered participants get it), no registrants."""
    confirmed = getattr(event, "confirmed_registrations", None)
    if confirmed is None:
        confirmed = event.confirmed_count()
    state = event.registration_state(confirmed)
    places_left = None if event.capacity is None else max(event.capacity - confirmed, 0)
    return {
        "id": event.pk,
        "url": page_url(event, request),
        "api_url": absolute_url(reverse("api-v1:event", kwargs={"event_id": event.pk})),
        "title": event.title,
        "summary": event.summary,
        "event_type": term(event.event_type.slug, event.event_type.label),
        "host_member": member_ref(event.host_member),
        "co_hosts": [member_ref(member) for member in event.co_hosts.all()],
        "start": event.local_start.isoformat(),
        "end": event.local_end.isoformat(),
        "timezone": event.timezone,
        "attendance_mode": term(event.attendance_mode, event.get_attendance_mode_display()),
        "venue": event.venue if event.is_in_person else "",
        "city": event.city,
        "country": country(event.country),
        "languages": [language(code, WORKING_LANGUAGE_NAMES) for code in event.languages],
        "priorities": [
            {**term(priority.slug, priority.label), "number": priority.number}
            for priority in event.priorities.all()
        ],
        "themes": [term(item.tag.slug, item.tag.name) for item in event.tagged_themes.all()],
        "capacity": event.capacity,
        "places_left": places_left,
        "registration": term(state, event.RegistrationState(state).label),
        "registration_opens_at": _moment(event.registration_opens_at),
        "registration_deadline": _moment(event.registration_closes_at),
        "is_past": event.end < timezone.now(),
        "outcome_summary": event.outcome_summary,
        "attendance": event.attendance,
        "first_published_at": _moment(event.first_published_at),
        "last_published_at": _moment(event.last_published_at),
    }


def member_record(member: Member, request: HttpRequest | None = None) -> dict[str, Any]:
    """A member's directory entry: the organisation, never its contact officers."""
    return {
        "id": member.pk,
        "slug": member.slug,
        "url": absolute_url(member.get_absolute_url()),
        "api_url": absolute_url(reverse("api-v1:member", kwargs={"slug": member.slug})),
        "name": member.name,
        "kind": term(member.kind.slug, member.kind.label),
        "country": country(member.country),
        "region": member.region,
        "city": member.city,
        "population": member.population,
        "languages": [language(code, WORKING_LANGUAGE_NAMES) for code in member.languages],
        "description": member.description,
        "website": member.website,
        "expertise_themes": [term(theme.slug, theme.name) for theme in member.expertise_themes.all()],
        "offers_assistance": member.offers_assistance,
        "assistance_themes": [term(theme.slug, theme.name) for theme in member.assistance_themes.all()]
        if member.offers_assistance
        else [],
        "joined_at": _day(member.joined_at),
    }
