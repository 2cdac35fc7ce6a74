"""Members saying "we want to transfer this practice", and practices recorded as transferred."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TransferInterest(models.Model):
    """A member's expression of interest in transferring a practice; one per member and practice."""

    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="transfer_interests",
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("interested member"),
        on_delete=models.CASCADE,
        related_name="transfer_interests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expressed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("expressed at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("transfer interest")
        verbose_name_plural = _("transfer interests")
        constraints = [
            models.UniqueConstraint(fields=["practice", "member"], name="transfers_unique_interest"),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.practice}"


class TransferredPractice(models.Model):
    """The receiving member's own practice, recorded as transferred from a source practice of a project."""

    project = models.ForeignKey(
        "transfers.TransferProject",
        verbose_name=_("transfer project"),
        on_delete=models.CASCADE,
        related_name="transferred_practices",
    )
    source_practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("source practice"),
        on_delete=models.CASCADE,
        related_name="transferred_to",
    )
    new_practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("new practice"),
        on_delete=models.CASCADE,
        related_name="transferred_from",
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("transferred practice")
        verbose_name_plural = _("transferred practices")
        constraints = [
            models.UniqueConstraint(
                fields=["source_practice", "new_practice"], name="transfers_unique_transferred_practice"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.new_practice} ← {self.source_practice}"
