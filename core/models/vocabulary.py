"""The network's controlled vocabulary: priorities, themes, target groups and the other lists.

Rows are kept in step with `core/data/vocabulary.json` by `core.vocabulary.sync_vocabulary`; slugs are
stable identifiers that URLs, filters and the search index rely on.

Labels are stored data, not gettext: the English label is the term's own column (the search index, the
open data and the API use it), and `label_translations` holds the label in the other interface languages,
loaded from `core/data/vocabulary-translations.json` and editable in the admin. Pages show
`localized_label` (and `str(term)`), which falls back to English for a language without a translation.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase


def translated(english: str, translations: dict[str, str] | None, language: str | None = None) -> str:
    """`english` in `language` (the active one by default) when `translations` has it, else `english`."""
    code = (language or get_language() or "en").lower()
    translations = translations or {}
    return translations.get(code) or translations.get(code.split("-")[0]) or english


def label_translations_field() -> models.JSONField:
    return models.JSONField(_("translations of the label"), default=dict, blank=True)


class TranslatedLabel:
    """A term whose label has translations, {language code: label}, in its `label_translations` field."""

    label_translations: dict[str, str]

    @property
    def english_label(self) -> str:
        raise NotImplementedError

    def label_for(self, language: str | None) -> str:
        return translated(self.english_label, self.label_translations, language)

    @property
    def localized_label(self) -> str:
        return self.label_for(None)

    @property
    def labels(self) -> dict[str, str]:
        """The label in English and every language it is translated into (for the API)."""
        return {"en": self.english_label, **(self.label_translations or {})}


class VocabularyTerm(TranslatedLabel, models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    label = models.CharField(_("label"), max_length=255)
    label_translations = label_translations_field()
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.localized_label

    @property
    def english_label(self) -> str:
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
        return f"{self.number}. {self.localized_label}"

    def get_absolute_url(self) -> str:
        return f"/priorities/{self.slug}/"


class Theme(TranslatedLabel, TagBase):
    """A theme tag. Editors choose from the vocabulary; they cannot coin new themes. Its English label is
    the tag's `name`."""

    free_tagging = False
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label_translations = label_translations_field()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.localized_label

    @property
    def label(self) -> str:
        return self.name

    @property
    def english_label(self) -> str:
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
    unit_translations = models.JSONField(_("translations of the unit"), default=dict, blank=True)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("outcome indicator")
        verbose_name_plural = _("outcome indicators")

    @property
    def localized_unit(self) -> str:
        return translated(self.unit, self.unit_translations)


class FundingSource(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
