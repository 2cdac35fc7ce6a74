"""Labels and known values of each filter, from the controlled vocabulary."""

from typing import Any

from django.apps import apps
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from core.languages import LANGUAGE_NAMES
from core.models import EventType, MemberKind, Priority, TargetGroup, Theme


def filter_labels() -> dict[str, dict[str, str]]:
    """For each filter, value -> display label: remembered per language until a vocabulary term changes
    (core.page_cache.memo), five small queries otherwise."""
    from core.page_cache import THEMES
    from core.page_cache.memo import remember

    return remember("search-filter-labels", [THEMES], _filter_labels, get_language())


def _filter_labels() -> dict[str, dict[str, str]]:
    return {
        "priority": {p.slug: str(p) for p in Priority.objects.order_by("number")},
        "theme": {t.slug: t.localized_label for t in Theme.objects.all()},
        "target_group": {g.slug: g.localized_label for g in TargetGroup.objects.all()},
        "member_kind": {k.slug: k.localized_label for k in MemberKind.objects.all()},
        "country": {code: str(name) for code, name in countries},
        "language": {code: str(name) for code, name in LANGUAGE_NAMES.items()},
        "status": _choice_labels("practices.PracticePage", "status"),
        "event_type": {t.slug: t.localized_label for t in EventType.objects.all()},
        "when": {"upcoming": _("Upcoming"), "past": _("Past")},
        "resource_type": _choice_labels("library.ResourcePage", "resource_type"),
        "type": {
            "practice": _("Practices"),
            "event": _("Events"),
            "member": _("Members"),
            "resource": _("Resources"),
        },
    }


def _choice_labels(model_label: str, field_name: str) -> dict[str, str]:
    """The choices of a model's field, value -> label (none when the app is not installed)."""
    try:
        field = apps.get_model(model_label)._meta.get_field(field_name)
    except LookupError:
        return {}
    return {str(value): str(label) for value, label in (field.choices or [])}


def allowed_values(labels: dict[str, dict[str, str]]) -> dict[str, set[str]]:
    return {name: set(values) for name, values in labels.items()}


def label_of(labels: dict[str, dict[str, Any]], name: str, value: str | None) -> str:
    if not value:
        return ""
    return str(labels.get(name, {}).get(value, value))
