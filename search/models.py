"""The outbox of index changes: written in the same transaction as the content, applied after commit."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexOutboxQuerySet(models.QuerySet):
    def pending(self) -> "IndexOutboxQuerySet":
        return self.order_by("pk")


class IndexOutbox(models.Model):
    """One pending change to the search index; the row is deleted once the engine has applied it."""

    class Action(models.TextChoices):
        INDEX = "index", _("index")
        DELETE = "delete", _("delete")

    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.CharField(_("object id"), max_length=64)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = IndexOutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending index change")
        verbose_name_plural = _("pending index changes")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"
