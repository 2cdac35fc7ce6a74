"""Subscribing (double opt-in), confirming, changing preferences, unsubscribing, erasure and retention."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.models import Priority, Theme
from core.outbox import queue_email

from .digest import preferences_url, unsubscribe_headers
from .models import Subscription, normalise_email
from .tokens import confirmation_token


def confirmation_email(subscription: Subscription) -> EmailMultiAlternatives:
    with translation.override(subscription.language):
        context = {
            "subscription": subscription,
            "confirm_url": absolute_url(
                reverse("newsletter:confirm", kwargs={"token": confirmation_token(subscription)})
            ),
            "preferences_url": preferences_url(subscription),
            "already_confirmed": subscription.is_confirmed,
            "days": settings.NEWSLETTER_CONFIRMATION_DAYS,
        }
        subject = (
            _("Your newsletter subscription")
            if subscription.is_confirmed
            else _("Please confirm your newsletter subscription")
        )
        return EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("newsletter/emails/confirm.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscription.email],
            headers=unsubscribe_headers(subscription) if subscription.is_confirmed else {},
        )


@transaction.atomic
def subscribe(
    email: str,
    *,
    priorities: Iterable[Priority],
    themes: Iterable[Theme],
    language: str,
    user: AbstractBaseUser | None = None,
) -> Subscription:
    """Ask for a subscription. Nothing is sent to the address until its owner confirms by the emailed
    link, except when the visitor is signed in with that very address. An address already subscribed
    gets its preferences link by email instead, so the form never tells a stranger who is subscribed."""
    email = normalise_email(email)
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        email=email, defaults={"language": language}
    )
    own_address = user is not None and normalise_email(getattr(user, "email", "") or "") == email
    if own_address:
        subscription.user = user  # type: ignore[assignment]
    if created or not subscription.is_confirmed:
        subscription.language = language
        subscription.status = Subscription.Status.PENDING
        subscription.save()
        subscription.priorities.set(list(priorities))
        subscription.themes.set(list(themes))
        if own_address:
            confirm(subscription)
            return subscription
    else:
        subscription.save()
    queue_email(confirmation_email(subscription), purpose="newsletter confirmation")
    return subscription


def confirm(subscription: Subscription, now: datetime | None = None) -> Subscription:
    if not subscription.is_confirmed:
        subscription.status = Subscription.Status.CONFIRMED
        subscription.confirmed_at = now or timezone.now()
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return subscription


@transaction.atomic
def update_preferences(
    subscription: Subscription, *, priorities: Iterable[Priority], themes: Iterable[Theme], language: str
) -> Subscription:
    subscription.language = language
    subscription.save(update_fields=["language"])
    subscription.priorities.set(list(priorities))
    subscription.themes.set(list(themes))
    return subscription


def unsubscribe(subscription: Subscription, now: datetime | None = None) -> Subscription:
    """Stop the digests at once. The row stays (as unsubscribed) until the retention purge, so a
    repeated one-click from a mail program is harmless; its links keep working until then."""
    if subscription.status != Subscription.Status.UNSUBSCRIBED:
        subscription.status = Subscription.Status.UNSUBSCRIBED
        subscription.unsubscribed_at = now or timezone.now()
        subscription.save(update_fields=["status", "unsubscribed_at"])
    return subscription


def erase(subscription: Subscription) -> None:
    """Delete the subscription and the address with it (the preferences page's "delete my data")."""
    subscription.delete()


def purge_expired(now: datetime | None = None) -> tuple[int, int]:
    """Retention: delete requests never confirmed within NEWSLETTER_CONFIRMATION_DAYS, and
    unsubscribed addresses after NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS. Returns both counts."""
    now = now or timezone.now()
    pending_cutoff = now - timedelta(days=settings.NEWSLETTER_CONFIRMATION_DAYS)
    unsubscribed_cutoff = now - timedelta(days=settings.NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS)
    pending, _counts = Subscription.objects.filter(
        status=Subscription.Status.PENDING, created_at__lt=pending_cutoff
    ).delete()
    unsubscribed, _counts = Subscription.objects.filter(
        status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at__lt=unsubscribed_cutoff
    ).delete()
    return pending, unsubscribed
