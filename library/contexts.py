"""The /library/ listing: filters from the query string, counts per value (`core.facets`), pagination."""

from dataclasses import dataclass, fields
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.facets import count_facets
from core.languages import LANGUAGE_NAMES
from core.models import Priority, TargetGroup, Theme
from core.page_cache.lookups import one_version_each
from members.models import Member

from .models import ResourcePage

FACETS = ["resource_type", "priority", "theme", "target_group", "language"]
FACET_LOOKUPS: dict[str, str | tuple[str, ...]] = {
    "resource_type": "resource_type",
    "priority": "priority__slug",
    "theme": "themes__slug",
    "target_group": "target_groups__slug",
    "language": "files__language",
}
PER_PAGE = 12


@dataclass
class ResourceFilters:
    resource_type: str = ""
    priority: str = ""
    theme: str = ""
    target_group: str = ""
    language: str = ""
    member: str = ""  # a member's folder sends visitors here (MemberFolderPage.serve)

    @classmethod
    def from_query(cls, data: QueryDict) -> "ResourceFilters":
        return cls(**{name: data.get(name, "").strip()[:100] for name in [*FACETS, "member"]})

    def kwargs(self, without: str | None = None) -> dict[str, str]:
        return {item.name: "" if item.name == without else getattr(self, item.name) for item in fields(self)}

    def query_string(self, **overrides: Any) -> str:
        params = {**self.kwargs(), **overrides}
        return urlencode({key: value for key, value in params.items() if value not in ("", None)})

    @property
    def is_active(self) -> bool:
        return any(self.kwargs().values())


def facet_options(counts: dict[str, dict[str, int]], filters: ResourceFilters) -> list[dict[str, Any]]:
    def options(name: str, label: str, labelled: list[tuple[str, str]]) -> dict[str, Any]:
        selected = getattr(filters, name)
        facet = counts.get(name, {})
        choices = [
            {"value": value, "label": text, "count": facet.get(value, 0), "selected": value == selected}
            for value, text in labelled
            if facet.get(value) or value == selected
        ]
        return {"name": name, "label": label, "choices": choices}

    languages = sorted(
        ((code, str(LANGUAGE_NAMES.get(code, code))) for code in counts.get("language", {})),
        key=lambda c: c[1],
    )
    return [
        options(
            "resource_type",
            _("Type"),
            [(value, str(text)) for value, text in ResourcePage.ResourceType.choices],
        ),
        options("priority", _("Priority"), [(p.slug, str(p)) for p in Priority.objects.all()]),
        options("theme", _("Theme"), [(t.slug, t.localized_label) for t in Theme.objects.all()]),
        options(
            "target_group",
            _("Target group"),
            [(g.slug, g.localized_label) for g in TargetGroup.objects.all()],
        ),
        options("language", _("Language of the files"), languages),
    ]


def listing_context(request: HttpRequest) -> dict[str, Any]:
    filters = ResourceFilters.from_query(request.GET)
    # Every language's tree, one version of each resource (the reader's when live, else the original).
    base = one_version_each(ResourcePage.objects.live_public())
    counts = count_facets(lambda facet: base.for_filters(**filters.kwargs(without=facet)), FACET_LOOKUPS)
    resources = base.for_filters(**filters.kwargs()).for_cards().order_by("-first_published_at", "-pk")
    page_obj = Paginator(resources, PER_PAGE).get_page(request.GET.get("page"))
    return {
        "filters": filters,
        "facets": facet_options(counts, filters),
        "page_obj": page_obj,
        "publisher": Member.objects.filter(slug=filters.member).first() if filters.member else None,
        "previous_query": filters.query_string(page=page_obj.previous_page_number())
        if page_obj.has_previous()
        else "",
        "next_query": filters.query_string(page=page_obj.next_page_number()) if page_obj.has_next() else "",
    }
