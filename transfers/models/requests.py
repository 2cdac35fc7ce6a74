"""A member's request for technical assistance, and the invitations it sends to members able to help."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.languages import WORKING_LANGUAGE_NAMES


class AssistanceRequestQuerySet(models.QuerySet):
    def open(self) -> "AssistanceRequestQuerySet":
        return self.filter(status=AssistanceRequest.Status.OPEN)

    def without_helper(self) -> "AssistanceRequestQuerySet":
        """Open requests that no invited member has accepted yet."""
        return self.open().exclude(invitations__status=AssistanceInvitation.Status.ACCEPTED)

    def for_members(self, member_ids) -> "AssistanceRequestQuerySet":
        return self.filter(requesting_member__in=member_ids)


class AssistanceRequest(models.Model):
    """A member describes what it wants to set up and what help it needs."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")
        EITHER = "either", _("In person or remote")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MATCHED = "matched", _("Matched with a helping member")
        CLOSED = "closed", _("Closed")

    requesting_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("requesting member"),
        on_delete=models.CASCADE,
        related_name="assistance_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    priority = models.ForeignKey(
        "core.Priority",
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        related_name="assistance_requests",
    )
    themes = models.ManyToManyField(
        "core.Theme", verbose_name=_("themes"), related_name="assistance_requests"
    )
    target_groups = models.ManyToManyField(
        "core.TargetGroup", verbose_name=_("target groups"), related_name="assistance_requests", blank=True
    )
    description = models.TextField(_("what you need"))
    timeframe_start = models.DateField(_("from"), null=True, blank=True)
    timeframe_end = models.DateField(_("until"), null=True, blank=True)
    timeframe_text = models.CharField(
        _("timeframe"), max_length=255, blank=True, help_text=_("For example: “before the summer of 2026”.")
    )
    preferred_languages = models.JSONField(_("preferred languages"), default=list, blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.EITHER)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AssistanceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(timeframe_end__isnull=True)
                | models.Q(timeframe_start__isnull=True)
                | models.Q(timeframe_end__gte=models.F("timeframe_start")),
                name="transfers_request_timeframe_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transfers:request_detail", kwargs={"pk": self.pk})

    @property
    def preferred_language_names(self) -> list[str]:
        return [str(WORKING_LANGUAGE_NAMES.get(code, code)) for code in self.preferred_languages]


class AssistanceInvitation(models.Model):
    """The requester asks one member to help; that member's users accept or decline."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn: another member is helping")

    request = models.ForeignKey(
        AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="invitations"
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("invited member"),
        on_delete=models.CASCADE,
        related_name="assistance_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    response_message = models.TextField(_("answer"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assistance invitation")
        verbose_name_plural = _("assistance invitations")
        constraints = [
            models.UniqueConstraint(fields=["request", "member"], name="transfers_unique_invitation"),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.request}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
