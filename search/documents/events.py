"""Events in the index: trainings, workshops, study visits... found by their words, dates and place."""

from typing import Any

from search.analysis import Analysis
from search.documents.base import SearchDocument, plain_text, year_of


class EventDocument(SearchDocument):
    type_name = "event"
    index_basename = "events"
    model_label = "events.EventPage"
    # Field names shared with practices where the filter means the same thing, so one clause serves
    # every index a search spans. "when" (upcoming / past) is read against `end` at query time.
    engine_filters = {
        "priority": "priority",
        "theme": "themes",
        "country": "country",
        "event_type": "event_type",
        "type": "type",
    }
    orm_filters = {
        "priority": "priorities__slug",
        "theme": "themes__slug",
        "country": "country",
        "event_type": "event_type__slug",
    }
    year_fields = ("start", "end")
    ends_field = "end"
    select_related = ("event_type", "host_member")
    prefetch_related = ("priorities", "themes")
    card_select_related = ("event_type", "host_member")
    card_prefetch_related = ("priorities", "themes")
    displays = {
        "members.Member": ("host_member", ("name", "slug")),
        "core.EventType": ("event_type", ("label", "slug")),
        "core.Theme": ("tagged_themes__tag", ("name", "slug")),
        "core.Priority": ("priorities", ("label", "slug")),
    }

    @classmethod
    def fields(cls, analysis: Analysis) -> dict[str, Any]:
        dsl = analysis.dsl
        return {
            **cls.shared_fields(analysis),
            "priority": dsl.Keyword(),
            "themes": dsl.Keyword(),
            "country": dsl.Keyword(),
            "event_type": dsl.Keyword(),
            "event_type_label": dsl.Keyword(index=False),
            "host_member_name": dsl.Keyword(index=False),
            "place": dsl.Keyword(index=False),
            "language": dsl.Keyword(index=False),
            "start": dsl.Date(),
            "end": dsl.Date(),
            "year_start": dsl.Integer(),
            "year_end": dsl.Integer(),
            "published_at": dsl.Date(),
        }

    @classmethod
    def prepare(cls, page: Any) -> dict[str, Any]:
        themes = list(page.themes.all())
        body = " ".join(plain_text(getattr(page, name, "")) for name in ("body", "outcome_summary"))
        document = {
            **cls.result_source(page),
            "spelling": " ".join([page.title, plain_text(page.summary), *(t.name for t in themes)]),
            "title_suggest": page.title,
            "body": body,
            "theme_labels": " | ".join([theme.name for theme in themes] + [page.event_type.label]),
            "keywords": page.host_member.name if page.host_member_id else "",
            "places": " ".join(filter(None, [page.venue, page.city, str(page.country.name or "")])),
            "event_type_label": page.event_type.label,
            "year_end": year_of(page.end),
            "published_at": page.first_published_at,
        }
        return cls.with_language_texts(document, None)  # its working languages are not its text's

    @classmethod
    def result_source(cls, page: Any) -> dict[str, Any]:
        return {
            "type": cls.type_name,
            "slug": page.slug,
            "url": page.url or "",
            "title": page.title,
            "summary": plain_text(page.summary),
            "priority": [priority.slug for priority in page.priorities.all()],
            "themes": [theme.slug for theme in page.themes.all()],
            "country": str(page.country.code or "") or None,
            "event_type": page.event_type.slug,
            "host_member_name": page.host_member.name if page.host_member_id else "",
            "place": page.location,
            "start": page.start,
            "end": page.end,
            "year_start": year_of(page.start),
            "language": page.text_language or None,
        }
