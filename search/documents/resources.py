"""Library resources in the index: guidelines, toolkits, curricula... found by their words and tags.

A resource's `language` is the list of languages its files exist in (the filter the library offers),
not the language its summary is written in: its texts are analysed without a stemmer of their own.
"""

from typing import Any

from search.analysis import Analysis
from search.documents.base import SearchDocument, plain_text


class ResourceDocument(SearchDocument):
    type_name = "resource"
    index_basename = "resources"
    model_label = "library.ResourcePage"
    # Field names shared with practices where the filter means the same thing (one clause serves
    # every index a search spans).
    engine_filters = {
        "priority": "priority",
        "theme": "themes",
        "target_group": "target_groups",
        "language": "language",
        "resource_type": "resource_type",
        "type": "type",
    }
    orm_filters = {
        "priority": "priority__slug",
        "theme": "themes__slug",
        "target_group": "target_groups__slug",
        "language": "files__language",
        "resource_type": "resource_type",
    }
    select_related = ("priority", "publisher")
    prefetch_related = ("themes", "target_groups", "files")
    card_select_related = ("priority", "publisher")
    card_prefetch_related = ("themes", "files")
    displays = {
        "members.Member": ("publisher", ("name", "slug")),
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
            "language": dsl.Keyword(),
            "resource_type": dsl.Keyword(),
            "publisher_name": dsl.Keyword(index=False),
            "published_at": dsl.Date(),
        }

    @classmethod
    def prepare(cls, page: Any) -> dict[str, Any]:
        themes = [theme.name for theme in page.themes.all()]
        groups = [group.label for group in page.target_groups.all()]
        document = {
            **cls.result_source(page),
            "title_suggest": page.title,
            "body": plain_text(page.description),
            "spelling": " ".join([page.title, plain_text(page.summary), *themes]),
            # "toolkit" or "guideline" finds resources of that type, as an event type finds events.
            "theme_labels": " | ".join([*themes, *groups, str(page.get_resource_type_display())]),
            "keywords": page.publisher.name if page.publisher_id else "",
            "target_groups": [group.slug for group in page.target_groups.all()],
            "published_at": page.first_published_at,
        }
        return cls.with_language_texts(document, None)  # its files' languages are not its summary's

    @classmethod
    def result_source(cls, page: Any) -> dict[str, Any]:
        return {
            "type": cls.type_name,
            "slug": page.slug,
            "url": page.url or "",
            "title": page.title,
            "summary": plain_text(page.summary),
            "priority": page.priority.slug if page.priority_id else None,
            "themes": [theme.slug for theme in page.themes.all()],
            "resource_type": page.resource_type,
            "language": sorted({item.language for item in page.files.all()}),
            "publisher_name": page.publisher.name if page.publisher_id else "",
        }
