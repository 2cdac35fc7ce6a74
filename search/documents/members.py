"""Members in the index: the organisations of the network, found by name, place and expertise."""

from typing import Any

from django.db import models

from search.analysis import Analysis
from search.documents.base import SearchDocument, plain_text


class MemberDocument(SearchDocument):
    type_name = "member"
    index_basename = "members"
    model_label = "members.Member"
    engine_filters = {
        "theme": "themes",
        "country": "country",
        "member_kind": "member_kind",
        "type": "type",
    }
    orm_filters = {
        "theme": "expertise_themes__slug",
        "country": "country",
        "member_kind": "kind__slug",
    }
    newest_ordering = ("-joined_at", "slug")
    select_related = ("kind",)
    prefetch_related = ("expertise_themes", "assistance_themes")
    card_select_related = ("kind",)
    card_prefetch_related = ("expertise_themes",)
    displays = {
        "core.MemberKind": ("kind", ("label", "slug")),
        "core.Theme": ("expertise_themes", ("name", "slug")),
    }

    @classmethod
    def searchable(cls) -> models.QuerySet[Any]:
        # Members join through an approved application (or an administrator); one that left the
        # network (inactive) has no public profile, so it is never found either.
        active: models.QuerySet[Any] = cls.model().objects.active()
        return active

    @classmethod
    def prepare_batch(cls, objects: list[Any]) -> None:
        """Members are not pages: nothing to share across the batch."""

    @classmethod
    def title_and_url(cls, member: Any) -> tuple[str, str]:
        return member.name, member.get_absolute_url()

    text_fields = ("title", "summary")

    @classmethod
    def fields(cls, analysis: Analysis) -> dict[str, Any]:
        dsl = analysis.dsl
        return {
            **cls.shared_fields(analysis),
            "themes": dsl.Keyword(),
            "country": dsl.Keyword(),
            "member_kind": dsl.Keyword(),
            "city": dsl.Keyword(index=False),
            "language": dsl.Keyword(index=False),
            "offers_assistance": dsl.Boolean(),
            "published_at": dsl.Date(),
        }

    @classmethod
    def prepare(cls, member: Any) -> dict[str, Any]:
        # Filtered by expertise (as the directory is); the themes it assists on are searchable words.
        names = [theme.name for theme in member.expertise_themes.all()]
        names += [theme.name for theme in member.assistance_themes.all() if theme.name not in names]
        document = {
            **cls.result_source(member),
            "title_suggest": member.name,
            "spelling": " ".join(filter(None, [member.name, member.city, *names])),
            "theme_labels": " | ".join([member.kind.label, *names]),
            "places": " ".join(filter(None, [member.city, member.region, str(member.country.name or "")])),
            "offers_assistance": bool(member.offers_assistance),
            "published_at": member.joined_at,
        }
        return cls.with_language_texts(document, None)  # descriptions name no language

    @classmethod
    def result_source(cls, member: Any) -> dict[str, Any]:
        return {
            "type": cls.type_name,
            "slug": member.slug,
            "url": member.get_absolute_url(),
            "title": member.name,
            "summary": plain_text(member.description),
            "themes": [theme.slug for theme in member.expertise_themes.all()],
            "country": str(member.country.code or "") or None,
            "member_kind": member.kind.slug,
            "city": member.city,
            "language": member.language or None,
        }
