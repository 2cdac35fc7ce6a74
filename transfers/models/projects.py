"""Transfer projects: a helping member guides a receiving member through the stages of a transfer."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import EventPage


class TransferProjectQuerySet(models.QuerySet):
    def for_members(self, member_ids) -> "TransferProjectQuerySet":
        return self.filter(
            models.Q(helping_member__in=member_ids) | models.Q(receiving_member__in=member_ids)
        )

    def ongoing(self) -> "TransferProjectQuerySet":
        return self.exclude(stage=TransferProject.Stage.COMPLETED)


class TransferProject(models.Model):
    """Created when an invited member accepts a request; moves forward one stage at a time."""

    class Stage(models.TextChoices):
        UNDERSTAND = "understand", _("Understand")
        ADAPT = "adapt", _("Adapt")
        IMPLEMENT = "implement", _("Implement")
        EVALUATE = "evaluate", _("Evaluate")
        COMPLETED = "completed", _("Completed")

    title = models.CharField(_("title"), max_length=255)
    helping_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("helping member"),
        on_delete=models.PROTECT,
        related_name="helping_projects",
    )
    receiving_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("receiving member"),
        on_delete=models.PROTECT,
        related_name="receiving_projects",
    )
    request = models.OneToOneField(
        "transfers.AssistanceRequest",
        verbose_name=_("assistance request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.UNDERSTAND)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    source_practices = models.ManyToManyField(
        "practices.PracticePage",
        verbose_name=_("source practices"),
        blank=True,
        related_name="transfer_projects",
        help_text=_("The helping member's practices being transferred."),
    )
    study_visits = models.ManyToManyField(
        EventPage,
        verbose_name=_("study visits"),
        blank=True,
        related_name="transfer_projects",
        help_text=_("Events where one member visits the other to see the practice at work."),
    )

    objects = TransferProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("transfer project")
        verbose_name_plural = _("transfer projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transfers:project_detail", kwargs={"pk": self.pk})

    @property
    def is_completed(self) -> bool:
        return self.stage == self.Stage.COMPLETED

    @property
    def next_stage(self) -> "TransferProject.Stage | None":
        stages = list(self.Stage)
        position = stages.index(self.Stage(self.stage))
        return stages[position + 1] if position + 1 < len(stages) else None

    @property
    def member_ids(self) -> set[int]:
        return {self.helping_member_id, self.receiving_member_id}


class MilestoneQuerySet(models.QuerySet):
    def open(self) -> "MilestoneQuerySet":
        return self.filter(done_at__isnull=True)


class Milestone(models.Model):
    project = models.ForeignKey(
        TransferProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=255)
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class ProjectNote(models.Model):
    """Working notes between the two members; nobody else but administrators reads them."""

    project = models.ForeignKey(
        TransferProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("project note")
        verbose_name_plural = _("project notes")

    def __str__(self) -> str:
        return self.text[:60]


class ProjectIndicator(models.Model):
    """An outcome measured at the end of the project, on the network's indicator list."""

    project = models.ForeignKey(
        TransferProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="indicators"
    )
    indicator = models.ForeignKey(
        "core.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["indicator__position", "pk"]
        verbose_name = _("outcome indicator value")
        verbose_name_plural = _("outcome indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "indicator"], name="transfers_unique_project_indicator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
