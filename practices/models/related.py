"""What hangs off a practice page: its themes and keywords, outcome indicators, images and attachments."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class PracticeTheme(TaggedItemBase):
    """A practice's theme, chosen from the vocabulary (Theme.free_tagging is off)."""

    tag = models.ForeignKey("core.Theme", on_delete=models.CASCADE, related_name="tagged_practices")
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_themes"
    )

    class Meta:
        verbose_name = _("practice theme")
        verbose_name_plural = _("practice themes")


class PracticeKeyword(TaggedItemBase):
    """Free keywords an editor adds to help people find the practice."""

    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_keywords"
    )

    class Meta:
        verbose_name = _("practice keyword")
        verbose_name_plural = _("practice keywords")


class PracticeIndicator(Orderable):
    """An outcome indicator from the vocabulary with the value the practice achieved."""

    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(
        "core.Indicator", verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(
        _("achieved value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    baseline = models.DecimalField(
        _("baseline"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("baseline"), FieldPanel("target")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("outcome indicator")
        verbose_name_plural = _("outcome indicators")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[StrOrPromise]] = {}
        for name in ("value", "baseline", "target"):
            number = getattr(self, name)
            if number is not None and number < 0:
                errors.setdefault(name, []).append(_("Indicator values cannot be negative."))
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors.setdefault("period_end", []).append(_("The period cannot end before it starts."))
        if errors:
            raise ValidationError(errors)


class PracticeImage(Orderable):
    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(
        _("caption"), max_length=255, blank=True, help_text=_("Also read out to people who cannot see it.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PracticeAttachment(Orderable):
    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
