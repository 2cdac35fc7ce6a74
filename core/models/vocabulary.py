"""The network's controlled vocabulary: priorities, themes, target groups and the other lists.

Rows are kept in step with `core/data/vocabulary.json` by `core.vocabulary.sync_vocabulary`; slugs are
stable identifiers that URLs, filters and the search index rely on.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase


class VocabularyTerm(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    label = models.CharField(_("label"), max_length=255)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class Priority(VocabularyTerm):
    """One of the five priorities of the AMIF transnational call."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    call_text = models.TextField(_("text of the call"), blank=True)

    class Meta(VocabularyTerm.Meta):
        ordering = ["number"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return f"{self.number}. {self.label}"

    def get_absolute_url(self) -> str:
        return f"/priorities/{self.slug}/"


class Theme(TagBase):
    """A theme tag. Editors choose from the vocabulary; they cannot coin new themes."""

    free_tagging = False
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    @property
    def label(self) -> str:
        return self.name


class TargetGroup(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class MemberKind(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("member kind")
        verbose_name_plural = _("member kinds")


class EventType(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("event type")
        verbose_name_plural = _("event types")


class Indicator(VocabularyTerm):
    unit = models.CharField(_("unit"), max_length=40)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("outcome indicator")
        verbose_name_plural = _("outcome indicators")


class FundingSource(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
