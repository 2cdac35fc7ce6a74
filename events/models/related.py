"""What hangs off an event page: its themes, agenda, related practices, materials and indicator values."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import Orderable


class EventTheme(ItemBase):
    tag = models.ForeignKey("core.Theme", on_delete=models.CASCADE, related_name="tagged_events")
    content_object = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="tagged_themes")


class AgendaItem(Orderable):
    """A session of the event's programme, in the event's time zone."""

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="agenda_items")
    day = models.DateField(_("day"), null=True, blank=True, help_text=_("Leave empty on one-day events."))
    starts_at = models.TimeField(_("start time"))
    ends_at = models.TimeField(_("end time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    speakers = models.CharField(_("speakers"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("title"),
        FieldPanel("speakers"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})


class EventRelatedPractice(Orderable):
    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="related_practices")
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="related_events",
    )

    panels = [PageChooserPanel("practice", "practices.PracticePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related practice")
        verbose_name_plural = _("related practices")
        constraints = [
            models.UniqueConstraint(fields=["page", "practice"], name="events_unique_related_practice")
        ]


class EventMaterial(Orderable):
    """Slides, reports and other documents shared after the event."""

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Defaults to the document's.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class EventIndicator(models.Model):
    """A stored indicator value of an event, recomputed from attendance (not edited by hand)."""

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey("core.Indicator", on_delete=models.PROTECT, related_name="event_values")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event indicator")
        verbose_name_plural = _("event indicators")
        constraints = [
            models.UniqueConstraint(fields=["event", "indicator"], name="events_unique_event_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
