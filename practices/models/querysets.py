"""Narrowing practices: public ones, by member, needing review, and by the listing's filters."""

from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.models import PageManager

from core.page_cache.lookups import PublicPageQuerySet
from members.models import Member, MemberSelection

from .related import PracticeIndicator, PracticeTheme

REVIEW_AFTER_MONTHS = 24


def review_cutoff(today: date | None = None) -> date:
    """Practices last reviewed before this day need a new review."""
    # The same day REVIEW_AFTER_MONTHS earlier (the last day of that month when it is shorter).
    return (today or timezone.localdate()) - relativedelta(months=REVIEW_AFTER_MONTHS)


class PracticePageQuerySet(PublicPageQuerySet):
    def live_public(self) -> "PracticePageQuerySet":
        """What anonymous visitors may see: published and not behind a view restriction."""
        return self.live().public()

    def success_stories(self) -> "PracticePageQuerySet":
        return self.filter(is_success_story=True)

    def led_or_partnered_by(self, members: "MemberSelection") -> "PracticePageQuerySet":
        """Practices that one of `members` (a member, a pk, or a collection or QuerySet of them) leads or
        is a partner in. Partners are matched through a subquery, so the result has no duplicates."""
        if isinstance(members, (models.Model, int)):
            members = [members]
        partnered = self.model.partner_members.through.objects.filter(member__in=members)
        return self.filter(Q(lead_member__in=members) | Q(pk__in=partnered.values("practicepage_id")))

    def needing_review(self, today: date | None = None) -> "PracticePageQuerySet":
        cutoff = review_cutoff(today)
        first_published_cutoff = timezone.make_aware(datetime.combine(cutoff, time.min))
        return self.filter(
            Q(last_reviewed_at__lt=cutoff)
            | Q(last_reviewed_at__isnull=True, first_published_at__lt=first_published_cutoff)
        )

    def for_filters(
        self,
        *,
        priority: str = "",
        theme: str = "",
        target_group: str = "",
        country: str = "",
        member_kind: str = "",
        status: str = "",
        language: str = "",
        member: str = "",
        success_stories: bool = False,
        q: str = "",
        indicator: str = "",
        year: int | None = None,
    ) -> "PracticePageQuerySet":
        """Narrow by the listing's filters; each argument is a slug or code, empty for "any".
        Multi-valued relations are matched through subqueries so the result never has duplicates."""
        practices = self
        if priority:
            practices = practices.filter(priority__slug=priority)
        if theme:
            practices = practices.filter(
                pk__in=PracticeTheme.objects.filter(tag__slug=theme).values("content_object_id")
            )
        if target_group:
            practices = practices.filter(
                pk__in=self.model.target_groups.through.objects.filter(targetgroup__slug=target_group).values(
                    "practicepage_id"
                )
            )
        if country:
            practices = practices.filter(country=country)
        if member_kind:
            practices = practices.filter(lead_member__kind__slug=member_kind)
        if status:
            practices = practices.filter(status=status)
        if language:
            practices = practices.filter(language=language)
        if member:
            practices = practices.led_or_partnered_by(Member.objects.filter(slug=member))
        if success_stories:
            practices = practices.success_stories()
        if q:
            practices = practices.filter(Q(title__icontains=q) | Q(summary__icontains=q))
        if indicator:
            practices = practices.filter(
                pk__in=PracticeIndicator.objects.filter(indicator__slug=indicator).values("page_id")
            )
        if year is not None:
            practices = practices.in_year(year)
        return practices

    def in_year(self, year: int) -> "PracticePageQuerySet":
        """Practices of `year`: the year they started, or were first published when no start is given
        (the year the impact dashboard counts their figures under)."""
        return self.filter(
            Q(start_date__year=year) | Q(start_date__isnull=True, first_published_at__year=year)
        )

    def for_cards(self) -> "PracticePageQuerySet":
        """What a practice card shows, in a fixed number of queries."""
        return self.select_related("priority", "lead_member", "image").prefetch_related(
            "tagged_themes__tag", "image__renditions"
        )


PracticePageManager = PageManager.from_queryset(PracticePageQuerySet)
