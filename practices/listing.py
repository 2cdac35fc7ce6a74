"""The /practices/ listing: filters read from the query string, and counts per filter value
(conventional multi-select facets, counted by `core.facets.count_facets`)."""

from dataclasses import dataclass, fields
from typing import Any

from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.facets import count_facets
from core.languages import LANGUAGE_NAMES
from core.models import MemberKind, Priority, TargetGroup, Theme
from core.vocabulary import terms
from members.models import Member

from .models import PracticePage, PracticePageQuerySet

SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "title": ("title", "pk"),
}
SORT_LABELS = {"newest": _("Newest first"), "title": _("Alphabetical")}
FACETS = ["priority", "theme", "target_group", "country", "member_kind", "status", "language", "member"]
PER_PAGE = 12


@dataclass
class PracticeFilters:
    priority: str = ""
    theme: str = ""
    target_group: str = ""
    country: str = ""
    member_kind: str = ""
    status: str = ""
    language: str = ""
    member: str = ""
    success_stories: bool = False
    q: str = ""
    sort: str = "newest"
    # Not facets: set by the impact dashboard's links to "the practices behind a figure".
    indicator: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, data: QueryDict, *, success_stories: bool = False) -> "PracticeFilters":
        values: dict[str, Any] = {name: data.get(name, "").strip()[:100] for name in [*FACETS, "q"]}
        values["country"] = values["country"].upper()
        sort = data.get("sort", "newest")
        values["sort"] = sort if sort in SORTS else "newest"
        values["success_stories"] = success_stories or data.get("success_stories") == "1"
        values["indicator"] = data.get("indicator", "").strip()[:80]
        year = data.get("year", "").strip()
        values["year"] = int(year) if year.isdigit() and len(year) == 4 else None
        return cls(**values)

    def queryset_kwargs(self, without: str | None = None) -> dict[str, Any]:
        kwargs = {
            name: getattr(self, name) for name in [*FACETS, "success_stories", "q", "indicator", "year"]
        }
        if without is not None:
            kwargs[without] = False if without == "success_stories" else ""
        return kwargs

    def query_string(self, **overrides: Any) -> str:
        """The shareable query string of these filters (empty values left out), with `overrides`."""
        params = {item.name: getattr(self, item.name) for item in fields(self)}
        params.update(overrides)
        if params.get("sort") == "newest":
            params["sort"] = ""
        params["success_stories"] = "1" if params.get("success_stories") else ""
        return urlencode({key: value for key, value in params.items() if value not in ("", None)})

    @property
    def is_active(self) -> bool:
        return any(self.queryset_kwargs().values())


# Facet -> ORM lookup(s) on PracticePage for `core.facets.count_facets`.
FACET_LOOKUPS: dict[str, str | tuple[str, ...]] = {
    "priority": "priority__slug",
    "theme": "themes__slug",
    "target_group": "target_groups__slug",
    "country": "country",
    "member_kind": "lead_member__kind__slug",
    "status": "status",
    "language": "language",
    # A practice counts for its lead member and for each partner (a lead is never its own partner).
    "member": ("lead_member__slug", "partner_members__slug"),
}


def facet_counts(base: PracticePageQuerySet, filters: PracticeFilters) -> dict[str, dict[str, int]]:
    """For each facet, {value: number of practices} among those matching the other filters."""
    counts = count_facets(
        lambda facet: base.for_filters(**filters.queryset_kwargs(without=facet)), FACET_LOOKUPS
    )
    others = base.for_filters(**filters.queryset_kwargs(without="success_stories"))
    counts["success_stories"] = {"1": others.success_stories().count()}
    return counts


def facet_options(counts: dict[str, dict[str, int]], filters: PracticeFilters) -> list[dict[str, Any]]:
    """The select boxes of the filter form: value, label and count, hiding values with no practice
    (except the one selected, so a visitor can see and undo it)."""

    def options(name: str, labelled: list[tuple[str, str]], show_empty: bool = False) -> dict[str, Any]:
        selected = getattr(filters, name)
        facet = counts.get(name, {})
        choices = [
            {"value": value, "label": label, "count": facet.get(value, 0), "selected": value == selected}
            for value, label in labelled
            if show_empty or facet.get(value) or value == selected
        ]
        return {"name": name, "choices": choices, "selected": selected}

    present_countries = set(counts["country"]) | ({filters.country} if filters.country else set())
    present_languages = set(counts["language"]) | ({filters.language} if filters.language else set())
    member_slugs = set(counts["member"]) | ({filters.member} if filters.member else set())
    members = Member.objects.filter(slug__in=member_slugs).order_by("name").values_list("slug", "name")
    return [
        {
            **options("priority", [(p.slug, str(p)) for p in terms(Priority)], show_empty=True),
            "label": gettext("Priority"),
        },
        {**options("theme", [(t.slug, t.localized_label) for t in terms(Theme)]), "label": gettext("Theme")},
        {
            **options("target_group", [(g.slug, g.localized_label) for g in terms(TargetGroup)]),
            "label": gettext("Target group"),
        },
        {
            **options(
                "country",
                sorted(((code, countries.name(code)) for code in present_countries), key=lambda c: c[1]),
            ),
            "label": gettext("Country"),
        },
        {
            **options("member_kind", [(k.slug, k.localized_label) for k in terms(MemberKind)]),
            "label": gettext("Kind of lead member"),
        },
        {
            **options(
                "status",
                [(value, str(label)) for value, label in PracticePage.Status.choices],
                show_empty=True,
            ),
            "label": gettext("Status"),
        },
        {
            **options(
                "language",
                sorted(
                    ((code, str(LANGUAGE_NAMES.get(code, code))) for code in present_languages),
                    key=lambda c: c[1],
                ),
            ),
            "label": gettext("Language"),
        },
        {**options("member", list(members)), "label": gettext("Member")},
    ]


def practice_listing_queryset(base: PracticePageQuerySet, filters: PracticeFilters) -> PracticePageQuerySet:
    return base.for_filters(**filters.queryset_kwargs()).order_by(*SORTS[filters.sort])
