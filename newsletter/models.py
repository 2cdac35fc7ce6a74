"""Newsletter subscriptions: an address, the priorities and themes it follows, and its language."""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> "SubscriptionQuerySet":
        return self.filter(status=Subscription.Status.CONFIRMED)

    def for_email(self, email: str) -> "SubscriptionQuerySet":
        return self.filter(email=normalise_email(email))


def normalise_email(email: str) -> str:
    return email.strip().lower()


class Subscription(models.Model):
    """One address's subscription to the digest. Anyone may hold one, with or without an account;
    the personal link (newsletter/tokens.py) is signed with `secret`, which changes on unsubscribing so
    old links stop working."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("email address"), unique=True)
    # One of the site's interface languages (settings.LANGUAGES; the form offers those).
    language = models.CharField(_("language"), max_length=10, default="en")
    priorities = models.ManyToManyField("core.Priority", verbose_name=_("priorities"), blank=True)
    themes = models.ManyToManyField("core.Theme", verbose_name=_("themes"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_subscriptions",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    secret = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("newsletter subscription")
        verbose_name_plural = _("newsletter subscriptions")

    def __str__(self) -> str:
        return f"{self.email} ({self.get_status_display()})"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    def digest_since(self, now: datetime) -> datetime:
        """What is new for this subscriber: since the last digest, or since confirming."""
        return self.last_sent_at or self.confirmed_at or now
