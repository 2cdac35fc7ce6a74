"""The outbox of index changes: written in the same transaction as the content, applied after commit."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexOutboxQuerySet(models.QuerySet["IndexOutbox"]):
    def pending(self) -> "IndexOutboxQuerySet":
        """Changes a flush applies now: not set aside, and not waiting out a retry delay."""
        return self.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()),
            set_aside_at__isnull=True,
        ).order_by("pk")

    def set_aside(self) -> "IndexOutboxQuerySet":
        return self.filter(set_aside_at__isnull=False)

    def failing(self) -> "IndexOutboxQuerySet":
        """Changes the engine refused (or could not take) at least once: the admin report's rows."""
        return self.filter(attempts__gt=0).order_by("-set_aside_at", "-attempts", "pk")


class IndexOutbox(models.Model):
    """One pending change to the search index; the row is deleted once the engine has applied it.

    A change the engine rejects keeps its row with the error and the attempt count; it is retried after
    a growing delay (`next_attempt_at`) and set aside (`set_aside_at`) after SEARCH_OUTBOX_MAX_ATTEMPTS,
    so one bad document never holds up the changes behind it.
    """

    class Action(models.TextChoices):
        INDEX = "index", _("index")
        DELETE = "delete", _("delete")

    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.CharField(_("object id"), max_length=64)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    set_aside_at = models.DateTimeField(_("set aside at"), null=True, blank=True)

    objects = IndexOutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending index change")
        verbose_name_plural = _("pending index changes")
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["set_aside_at", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"


class IndexWriteClock(models.Model):
    """One row: the lock that lets one flusher write at a time, and the version it writes with.

    Each flush batch locks this row (SELECT ... FOR UPDATE), draws the next version, reads the
    database and writes to the engine with `version_type=external` before it commits. Flushes are
    therefore serialised, a later flush always reads a newer state than an earlier one, and the
    engine refuses any write carrying an older version than the one it holds (a bulk request that
    outlived its client's timeout, say). The outbox row ids cannot serve as versions: they are
    allocated in insert order, not commit order, so a change that commits late would carry an older
    version than a state already written and be dropped. Versions are microseconds since the epoch,
    raised past the last one drawn, so they keep growing after a database restore as well.
    """

    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("index write clock")
        verbose_name_plural = _("index write clocks")

    def __str__(self) -> str:
        return f"index version {self.version}"


class FullTextEntry(models.Model):
    """An object in the database search's own full-text index (search/fulltext/).

    The text itself lives in vendor-specific storage the migration adds: a GIN-indexed `vector` column
    on PostgreSQL, an FTS5 table keyed by this row's id on SQLite.
    """

    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.BigIntegerField(_("object id"))
    language = models.CharField(_("language"), max_length=12, blank=True)
    # When the row was last written (the facet tables' staleness is FullTextGeneration's).
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("full-text entry")
        verbose_name_plural = _("full-text entries")
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="search_fulltext_unique_object")
        ]
        indexes = [models.Index(fields=["object_type", "updated_at"], name="search_fulltext_written")]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id}"


class FullTextGeneration(models.Model):
    """A number drawn afresh in the transaction of each write to a type's full-text rows: what tells a
    process that its in-memory facet table (search/fulltext/table.py) is out of date, read by every
    database search (aggregating the rows instead cost 24 ms a search at 50,000 practices)."""

    object_type = models.CharField(_("object type"), max_length=40, primary_key=True)
    generation = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("full-text generation")
        verbose_name_plural = _("full-text generations")

    def __str__(self) -> str:
        return f"{self.object_type} #{self.generation}"


# The semantic signal's vectors (search/semantic/store.py) are models of this app too.
from search.semantic.store import DocumentEmbedding, TextEmbedding  # noqa: E402

__all__ = [
    "DocumentEmbedding",
    "FullTextEntry",
    "FullTextGeneration",
    "IndexOutbox",
    "IndexWriteClock",
    "TextEmbedding",
]
