"""Practices in the index: the documents the semantic signal also scores."""

from collections import defaultdict
from typing import Any

from django.apps import apps
from django.db import models

from search.analysis import Analysis
from search.documents.base import SearchDocument, plain_text, year_of


class PracticeDocument(SearchDocument):
    type_name = "practice"
    index_basename = "practices"
    model_label = "practices.PracticePage"
    engine_filters = {
        "priority": "priority",
        "theme": "themes",
        "target_group": "target_groups",
        "country": "country",
        "member_kind": "member_kind",
        "language": "language",
        "status": "status",
        "type": "type",
    }
    orm_filters = {
        "priority": "priority__slug",
        "theme": "themes__slug",
        "target_group": "target_groups__slug",
        "country": "country",
        "member_kind": "lead_member__kind__slug",
        "language": "language",
        "status": "status",
    }
    year_fields = ("start_date", "end_date")
    select_related = ("priority", "lead_member__kind")
    prefetch_related = ("themes", "target_groups", "keywords")
    card_select_related = ("priority", "lead_member")
    card_prefetch_related = ("themes",)
    displays = {
        "members.Member": ("lead_member", ("name", "slug", "kind_id")),
        "core.MemberKind": ("lead_member__kind", ("slug",)),
        "core.Theme": ("tagged_themes__tag", ("name", "slug")),
        "core.TargetGroup": ("target_groups", ("label", "slug")),
        "core.Priority": ("priority", ("label", "slug")),
    }

    @classmethod
    def fields(cls, analysis: Analysis) -> dict[str, Any]:
        dsl = analysis.dsl
        return {
            **cls.shared_fields(analysis),
            "priority": dsl.Keyword(),
            "themes": dsl.Keyword(),
            "target_groups": dsl.Keyword(),
            "country": dsl.Keyword(),
            "member_kind": dsl.Keyword(),
            "language": dsl.Keyword(),
            "status": dsl.Keyword(),
            "lead_member": dsl.Keyword(),
            "lead_member_name": dsl.Keyword(index=False),
            "year_start": dsl.Integer(),
            "year_end": dsl.Integer(),
            "published_at": dsl.Date(),
            "is_success_story": dsl.Boolean(),
        }

    @classmethod
    def batch_queryset(cls) -> models.QuerySet[Any]:
        # prepare_batch loads the relations in flat queries; the per-page prefetch would cost more.
        return cls.queryset().prefetch_related(None)

    @classmethod
    def prepare_batch(cls, objects: list[Any]) -> None:
        """Themes, target groups and keywords of the whole batch in three flat queries.

        (Prefetching the taggit managers builds a queryset per page and costs more than the rest of
        the serialisation.) Page.url finds the site root paths in the cache, a query with the
        database cache, unless the page carries them: every page of the batch shares one copy.
        """
        from wagtail.models import Site

        ids = [page.pk for page in objects]
        themes: dict[int, list[tuple[str, str]]] = defaultdict(list)
        groups: dict[int, list[tuple[str, str]]] = defaultdict(list)
        keywords: dict[int, list[str]] = defaultdict(list)
        tagged = apps.get_model("practices", "PracticeTheme").objects.filter(content_object_id__in=ids)
        for page_id, slug, name in tagged.order_by("tag__position", "tag__name").values_list(
            "content_object_id", "tag__slug", "tag__name"
        ):
            themes[page_id].append((slug, name))
        grouped = cls.model().target_groups.through.objects.filter(practicepage_id__in=ids)
        for page_id, slug, label in grouped.order_by(
            "targetgroup__position", "targetgroup__label"
        ).values_list("practicepage_id", "targetgroup__slug", "targetgroup__label"):
            groups[page_id].append((slug, label))
        worded = apps.get_model("practices", "PracticeKeyword").objects.filter(content_object_id__in=ids)
        for page_id, name in worded.order_by("pk").values_list("content_object_id", "tag__name"):
            keywords[page_id].append(name)
        site_root_paths = Site.get_site_root_paths()
        for page in objects:
            page._wagtail_cached_site_root_paths = site_root_paths
            page._search_shown = (themes[page.pk], groups[page.pk], keywords[page.pk])

    @classmethod
    def prepare(cls, page: Any) -> dict[str, Any]:
        if hasattr(page, "_search_shown"):  # loaded for its whole batch by prepare_batch
            themes, groups, keywords = page._search_shown
        else:  # one page on its own (prefetched by `queryset()` when it came from there)
            themes = [(theme.slug, theme.name) for theme in page.themes.all()]
            groups = [(group.slug, group.label) for group in page.target_groups.all()]
            keywords = [tag.name for tag in page.keywords.all()]
        body = " ".join(
            plain_text(getattr(page, name, ""))
            for name in ("challenge", "approach", "results", "transferability", "body")
        )
        lead = page.lead_member
        document = {
            "type": cls.type_name,
            "slug": page.slug,
            "url": page.url or "",
            "title": page.title,
            "title_suggest": page.title,
            "summary": plain_text(page.summary),
            "body": body,
            # Target groups are searched with the themes: "unaccompanied minors" is a group, not a theme.
            "theme_labels": " | ".join([name for _slug, name in themes] + [label for _slug, label in groups]),
            "keywords": " | ".join(keywords),
            "places": " ".join(filter(None, [page.city, page.region, str(page.country.name or "")])),
            "spelling": " ".join([page.title, plain_text(page.summary), *(name for _slug, name in themes)]),
            "priority": page.priority.slug if page.priority_id else None,
            "themes": [slug for slug, _name in themes],
            "target_groups": [slug for slug, _label in groups],
            "country": str(page.country.code or "") or None,
            "member_kind": lead.kind.slug if lead else None,
            "language": page.language or None,
            "status": page.status or None,
            "lead_member": lead.slug if lead else None,
            "lead_member_name": lead.name if lead else "",
            "year_start": year_of(page.start_date),
            "year_end": year_of(page.end_date),
            "published_at": page.first_published_at,
            "is_success_story": bool(page.is_success_story),
        }
        return cls.with_language_texts(document, page.language)

    @classmethod
    def result_source(cls, page: Any) -> dict[str, Any]:
        lead = page.lead_member
        return {
            "type": cls.type_name,
            "slug": page.slug,
            "url": page.url or "",
            "title": page.title,
            "summary": plain_text(page.summary),
            "priority": page.priority.slug if page.priority_id else None,
            "themes": [theme.slug for theme in page.themes.all()],
            "country": str(page.country.code or "") or None,
            "lead_member_name": lead.name if lead else "",
            "language": page.text_language or None,
            "year_start": year_of(page.start_date),
        }
