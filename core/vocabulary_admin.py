"""The controlled vocabulary in the admin: an administrator corrects a term's English label and gives it
its translations, one box per interface language (stored in the term's `label_translations`, and an
indicator's `unit_translations`). A term's slug is fixed once created: URLs, filters and the search index
rely on it."""

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.db.models import Model
from django.forms.models import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from core.models import EventType, FundingSource, Indicator, MemberKind, Priority, TargetGroup, Theme


def translated_languages() -> list[tuple[str, Any]]:
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TermForm(WagtailAdminModelForm):
    """A term's own fields, then one box per interface language for each translated field."""

    # JSON field -> the label of its box in one language.
    translated_fields: ClassVar[dict[str, Any]] = {"label_translations": _("Label in %(language)s")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for json_field, label in self.translated_fields.items():
            stored = getattr(self.instance, json_field) or {}
            for code, language in translated_languages():
                self.fields[f"{json_field}_{code}"] = forms.CharField(
                    label=label % {"language": language},
                    required=False,
                    max_length=255,
                    initial=stored.get(code, ""),
                )
        if self.instance.pk and "slug" in self.fields:
            self.fields["slug"].disabled = True

    def save(self, commit: bool = True) -> Model:
        for json_field in self.translated_fields:
            # Languages no longer offered keep their text; an emptied box removes its translation.
            values = dict(getattr(self.instance, json_field) or {})
            for code, _language in translated_languages():
                text = self.cleaned_data.get(f"{json_field}_{code}", "").strip()
                if text:
                    values[code] = text
                else:
                    values.pop(code, None)
            setattr(self.instance, json_field, values)
        return super().save(commit=commit)


class IndicatorForm(TermForm):
    translated_fields: ClassVar[dict[str, Any]] = {
        "label_translations": _("Label in %(language)s"),
        "unit_translations": _("Unit in %(language)s"),
    }


class TermViewSet(ModelViewSet):
    form_class: ClassVar[type[TermForm]] = TermForm
    icon = "tag"
    copy_view_enabled = False
    search_backend_name = None

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return modelform_factory(
            self.model,
            form=self.form_class,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.form_fields,
        )


class PriorityViewSet(TermViewSet):
    model = Priority
    url_prefix = "vocabulary/priorities"
    url_namespace = "vocabulary_priorities"
    form_fields: ClassVar[list[str]] = ["slug", "number", "label", "call_text"]
    list_display: ClassVar[list[str]] = ["number", "label", "slug"]


class ThemeViewSet(TermViewSet):
    model = Theme
    url_prefix = "vocabulary/themes"
    url_namespace = "vocabulary_themes"
    form_fields: ClassVar[list[str]] = ["slug", "name", "position"]
    list_display: ClassVar[list[str]] = ["name", "slug", "position"]
    search_fields: ClassVar[list[str]] = ["name", "slug"]


class SimpleTermViewSet(TermViewSet):
    form_fields: ClassVar[list[str]] = ["slug", "label", "position"]
    list_display: ClassVar[list[str]] = ["label", "slug", "position"]
    search_fields: ClassVar[list[str]] = ["label", "slug"]


class TargetGroupViewSet(SimpleTermViewSet):
    model = TargetGroup
    url_prefix = "vocabulary/target-groups"
    url_namespace = "vocabulary_target_groups"


class MemberKindViewSet(SimpleTermViewSet):
    model = MemberKind
    url_prefix = "vocabulary/member-kinds"
    url_namespace = "vocabulary_member_kinds"


class EventTypeViewSet(SimpleTermViewSet):
    model = EventType
    url_prefix = "vocabulary/event-types"
    url_namespace = "vocabulary_event_types"


class FundingSourceViewSet(SimpleTermViewSet):
    model = FundingSource
    url_prefix = "vocabulary/funding-sources"
    url_namespace = "vocabulary_funding_sources"


class IndicatorViewSet(SimpleTermViewSet):
    model = Indicator
    url_prefix = "vocabulary/indicators"
    url_namespace = "vocabulary_indicators"
    form_class = IndicatorForm
    form_fields: ClassVar[list[str]] = ["slug", "label", "unit", "position"]
    list_display: ClassVar[list[str]] = ["label", "unit", "slug"]


class VocabularyViewSetGroup(ModelViewSetGroup):
    items = (
        PriorityViewSet,
        ThemeViewSet,
        TargetGroupViewSet,
        MemberKindViewSet,
        EventTypeViewSet,
        IndicatorViewSet,
        FundingSourceViewSet,
    )
    menu_icon = "tag"
    menu_label = _("Vocabulary")
    menu_name = "vocabulary"
    menu_order = 800
