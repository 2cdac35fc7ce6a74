"""Emails that could not be sent: kept with their content so `retry_emails` can send them again, and
listed for administrators once they keep failing. A delivered retry deletes its row."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UndeliveredEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(
            status=UndeliveredEmail.Status.RETRYING, next_attempt_at__lte=now or timezone.now()
        )


class UndeliveredEmail(models.Model):
    class Status(models.TextChoices):
        RETRYING = "retrying", _("Retrying")
        GAVE_UP = "gave_up", _("Gave up")

    purpose = models.CharField(_("purpose"), max_length=100)
    subject = models.CharField(_("subject"), max_length=998)
    recipients = models.JSONField(_("recipients"), default=list)
    message = models.JSONField(_("message"), help_text=_("Everything needed to send it again."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RETRYING)
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    last_error = models.TextField(_("last error"), blank=True)
    first_failed_at = models.DateTimeField(_("first failed at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)

    objects = UndeliveredEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("undelivered email")
        verbose_name_plural = _("undelivered emails")
        ordering = ["-first_failed_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.subject

    @staticmethod
    def backoff(attempts: int) -> timedelta:
        """5, 15, 45 minutes... between attempts, at most six hours."""
        return min(timedelta(minutes=5 * 3 ** (attempts - 1)), timedelta(hours=6))
