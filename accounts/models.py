"""What a person chooses about the mail they get. The interface language and the moderation results
live in Wagtail's own UserProfile (preferred_language, approved/rejected_notifications), which Wagtail
honours itself; the member notifications below are honoured by transfers.emails."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationPreferences(models.Model):
    """Mail a member's editors get for their member; no row means the defaults (everything on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    assistance_requests = models.BooleanField(
        _("assistance requests"),
        default=True,
        help_text=_("Requests for technical assistance sent to my member, and the answers to ours."),
    )
    practice_interest = models.BooleanField(
        _("interest in my practices"),
        default=True,
        help_text=_("When another member says it is interested in one of my member's practices."),
    )

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}"
