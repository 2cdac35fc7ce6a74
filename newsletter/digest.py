"""What a subscriber's digest holds and the email that carries it, in the subscriber's language."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.models import Priority, Theme
from events.models import EventPage
from library.models import ResourcePage, ResourceTheme
from practices.models import PracticePage, PracticeTheme
from practices.models.querysets import PracticePageQuerySet

from .models import Subscription
from .tokens import personal_token

MAX_ITEMS = 10  # per section; the digest links to the full listing beyond that


@dataclass
class Interests:
    """Priorities and themes followed; none of either means everything."""

    priority_ids: list[int] = field(default_factory=list)
    theme_ids: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, subscription: Subscription) -> "Interests":
        return cls(
            priority_ids=[p.pk for p in subscription.priorities.all()],
            theme_ids=[t.pk for t in subscription.themes.all()],
        )

    def practices(self, practices: PracticePageQuerySet) -> PracticePageQuerySet:
        if not self.priority_ids and not self.theme_ids:
            return practices
        themed = PracticeTheme.objects.filter(tag_id__in=self.theme_ids).values("content_object_id")
        return practices.filter(Q(priority_id__in=self.priority_ids) | Q(pk__in=themed))

    def resources(self, resources: QuerySet[ResourcePage]) -> QuerySet[ResourcePage]:
        if not self.priority_ids and not self.theme_ids:
            return resources
        themed = ResourceTheme.objects.filter(tag_id__in=self.theme_ids).values("content_object_id")
        return resources.filter(Q(priority_id__in=self.priority_ids) | Q(pk__in=themed))

    def events(self, events: QuerySet[EventPage]) -> QuerySet[EventPage]:
        if not self.priority_ids and not self.theme_ids:
            return events
        return events.filter(
            Q(
                pk__in=EventPage.priorities.through.objects.filter(priority_id__in=self.priority_ids).values(
                    "eventpage_id"
                )
            )
            | Q(tagged_themes__tag_id__in=self.theme_ids)
        ).distinct()


@dataclass
class Digest:
    since: datetime
    practices: list[PracticePage]
    success_stories: list[PracticePage]
    events: list[EventPage]
    resources: list[ResourcePage] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.practices or self.success_stories or self.events or self.resources)


def build_digest(interests: Interests, since: datetime, now: datetime | None = None) -> Digest:
    """Practices, success stories and library resources published since `since`, and events announced
    since then that have not started yet, narrowed to the interests."""
    now = now or timezone.now()
    new = (
        interests.practices(
            PracticePage.objects.live_public().filter(
                first_published_at__gt=since, first_published_at__lte=now
            )
        )
        .for_cards()
        .order_by("-first_published_at", "-pk")
    )
    events = interests.events(
        EventPage.objects.live().public().filter(first_published_at__gt=since, start__gt=now)
    )
    return Digest(
        since=since,
        practices=list(new.filter(is_success_story=False)[:MAX_ITEMS]),
        success_stories=list(new.filter(is_success_story=True)[:MAX_ITEMS]),
        events=list(events.select_related("event_type").order_by("start", "pk")[:MAX_ITEMS]),
        resources=list(
            interests.resources(
                ResourcePage.objects.live_public().filter(
                    first_published_at__gt=since, first_published_at__lte=now
                )
            ).order_by("-first_published_at", "-pk")[:MAX_ITEMS]
        ),
    )


def preferences_url(subscription: Subscription) -> str:
    return absolute_url(reverse("newsletter:preferences", kwargs={"token": personal_token(subscription)}))


def unsubscribe_url(subscription: Subscription) -> str:
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": personal_token(subscription)}))


def unsubscribe_headers(subscription: Subscription) -> dict[str, str]:
    """RFC 2369 List-Unsubscribe and RFC 8058 one-click: mail programs POST to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def digest_context(digest: Digest, subscription: Subscription | None) -> dict[str, object]:
    return {
        "digest": digest,
        "practices": [(page, absolute_url(page.get_url() or "/")) for page in digest.practices],
        "success_stories": [(page, absolute_url(page.get_url() or "/")) for page in digest.success_stories],
        "events": [(event, absolute_url(event.get_url() or "/")) for event in digest.events],
        "resources": [(page, absolute_url(page.get_url() or "/")) for page in digest.resources],
        "preferences_url": preferences_url(subscription) if subscription else "",
        "unsubscribe_url": unsubscribe_url(subscription) if subscription else "",
        "site_url": absolute_url("/"),
    }


def digest_email(subscription: Subscription, digest: Digest) -> EmailMultiAlternatives:
    """The digest for `subscription`, text and HTML, in its language."""
    with translation.override(subscription.language):
        context = digest_context(digest, subscription)
        subject = _(
            "News from the Integration Network: %(practices)d practices, %(resources)d resources, "
            "%(events)d events"
        ) % {
            "practices": len(digest.practices) + len(digest.success_stories),
            "resources": len(digest.resources),
            "events": len(digest.events),
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("newsletter/emails/digest.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscription.email],
            headers=unsubscribe_headers(subscription),
        )
        message.attach_alternative(render_to_string("newsletter/emails/digest.html", context), "text/html")
    return message


def preview_digest(
    priorities: list[Priority], themes: list[Theme], days: int, now: datetime | None = None
) -> Digest:
    """What a subscriber with these interests would get for the last `days` days (the admin preview)."""
    now = now or timezone.now()
    interests = Interests([p.pk for p in priorities], [t.pk for t in themes])
    return build_digest(interests, now - timedelta(days=days), now)
