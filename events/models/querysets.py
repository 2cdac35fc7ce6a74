"""Narrowing events: upcoming, past, in a month, by host or co-host, and by the listing's filters."""

from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.models import PageManager

from core.page_cache.lookups import PublicPageQuerySet
from members.models import Member, MemberSelection


class EventPageQuerySet(PublicPageQuerySet):
    def upcoming(self, now: datetime | None = None) -> "EventPageQuerySet":
        """Events that have not ended yet (so one under way still shows), soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now: datetime | None = None) -> "EventPageQuerySet":
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def in_month(self, year: int, month: int) -> "EventPageQuerySet":
        """Events taking place, at least in part, in that calendar month (in the site's time zone)."""
        first, after = month_bounds(year, month)
        return self.filter(start__lt=after, end__gte=first)

    def hosted_or_cohosted_by(self, members: "MemberSelection") -> "EventPageQuerySet":
        """Events that one of `members` (a member, a pk, or a collection or QuerySet of them) hosts or
        co-hosts. Co-hosts are matched through a subquery, so the result has no duplicates."""
        if isinstance(members, (models.Model, int)):
            members = [members]
        co_hosted = self.model.co_hosts.through.objects.filter(member__in=members)
        return self.filter(
            models.Q(host_member__in=members) | models.Q(pk__in=co_hosted.values("eventpage_id"))
        )

    def for_filters(
        self,
        *,
        event_type: str = "",
        priority: str = "",
        theme: str = "",
        country: str = "",
        mode: str = "",
        language: str = "",
        member: str = "",
        month: tuple[int, int] | None = None,
    ) -> "EventPageQuerySet":
        """Narrow by the listing's filters; each argument is a slug or code, empty for "any"."""
        events = self
        if event_type:
            events = events.filter(event_type__slug=event_type)
        if priority:
            events = events.filter(priorities__slug=priority)
        if theme:
            events = events.filter(tagged_themes__tag__slug=theme)
        if country:
            events = events.filter(country=country)
        if mode == "online":
            events = events.exclude(attendance_mode=self.model.AttendanceMode.IN_PERSON)
        elif mode == "in_person":
            events = events.exclude(attendance_mode=self.model.AttendanceMode.ONLINE)
        if language:
            # JSON lists of validated language codes: matching the quoted code is exact on every database.
            events = events.filter(languages__icontains=f'"{language}"')
        if member:
            events = events.hosted_or_cohosted_by(Member.objects.filter(slug=member))
        if month:
            events = events.in_month(*month)
        if priority or theme:
            events = events.distinct()
        return events

    def for_listing(self) -> "EventPageQuerySet":
        return (
            self.live()
            .public()
            .select_related("event_type", "host_member", "image")
            .prefetch_related("image__renditions")
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    tz = ZoneInfo(settings.TIME_ZONE)
    first = datetime(year, month, 1, tzinfo=tz)
    return first, first + relativedelta(months=1)
