"""The shape every indexed type shares, written once for both DSLs.

A document names its fields (built with `Analysis`), the live objects to index, how to turn one object
into a dict, and how the shared filters map onto its model for the database fallback.
"""

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, ClassVar

from django.apps import apps
from django.db import models
from django.utils.html import strip_tags

from search.analysis import Analysis, language_texts
from search.dsl import Dsl


def plain_text(value: Any) -> str:
    """Text of a plain, rich-text or StreamField value, without markup."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:  # strip_tags runs an HTML parser: only for text that has markup
        text = strip_tags(text)
    return " ".join(text.split())


def year_of(value: date | datetime | None) -> int | None:
    return value.year if value else None


class SearchDocument:
    type_name: ClassVar[str]
    index_basename: ClassVar[str]
    model_label: ClassVar[str]
    # Query parameter -> field of the indexed document.
    engine_filters: ClassVar[dict[str, str]]
    # Query parameter -> ORM lookup on the model, for the database fallback.
    orm_filters: ClassVar[dict[str, str]]
    # Other models a document shows: model label -> (lookup from the indexed model, fields shown).
    # Changing one of those fields reindexes the documents that show the object (search.signals).
    displays: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {}
    # Model fields the year range filter reads in the database fallback (first year, last year);
    # None: the type has no years and a year range finds none of it.
    year_fields: ClassVar[tuple[str, str] | None] = None
    # The field saying when the object ends: "when" (upcoming / past) reads it; None: no such filter.
    ends_field: ClassVar[str | None] = None
    # Ordering of "newest first" in the database fallback.
    newest_ordering: ClassVar[tuple[str, ...]] = ("-first_published_at", "slug")
    # What a result card shows without a query per result (database fallback).
    select_related: ClassVar[tuple[str, ...]] = ()
    prefetch_related: ClassVar[tuple[str, ...]] = ()
    # What `result_source` reads: fewer relations than indexing needs.
    card_select_related: ClassVar[tuple[str, ...]] = ()
    card_prefetch_related: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def model(cls) -> Any:
        """The indexed model: a Wagtail page class (or a snippet), which carries no type information."""
        return apps.get_model(cls.model_label)

    @classmethod
    def is_available(cls) -> bool:
        app_label, model_name = cls.model_label.split(".")
        try:
            apps.get_model(app_label, model_name)
        except LookupError:
            return False
        return True

    # The type's analysed texts: each is folded, and stemmed in its language under `lang`.
    text_fields: ClassVar[tuple[str, ...]] = ("title", "summary", "body")

    @classmethod
    def fields(cls, analysis: Analysis) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def shared_fields(cls, analysis: Analysis) -> dict[str, Any]:
        """The fields every index a search spans has, so one query, highlight and "did you mean"
        serve them all. Every searchable text also lands in all_text: one field where a query's words
        can match across title, summary and body (with typo tolerance)."""
        dsl = analysis.dsl
        return {
            "type": dsl.Keyword(),
            # The object's primary key (the document's _id), read from doc values by the ranking.
            "object_id": dsl.Keyword(),
            "slug": dsl.Keyword(),
            # What the engine collapses a search on: the versions of a page in several languages
            # share it, so the page is found by any of them and shown once (search.versions).
            "translation_group": dsl.Keyword(),
            "locale": dsl.Keyword(),
            "is_original": dsl.Boolean(),
            "has_versions": dsl.Boolean(),
            "url": dsl.Keyword(index=False),
            "all_text": analysis.every_text(),
            **{name: analysis.text(copy_to="all_text") for name in cls.text_fields},
            "lang": analysis.language_texts(cls.text_fields),
            "title_suggest": analysis.autocomplete(),
            "theme_labels": analysis.plain_text(copy_to="all_text"),
            "keywords": analysis.plain_text(copy_to="all_text"),
            "places": analysis.plain_text(copy_to="all_text"),
            "spelling": analysis.spelling(),
        }

    @classmethod
    def with_language_texts(cls, document: dict[str, Any], language: str | None) -> dict[str, Any]:
        """`document` with its texts copied under `lang`, for its own language's stemmer."""
        texts = {name: document.get(name) or "" for name in cls.text_fields}
        return {**document, "lang": language_texts(language, texts)}

    @classmethod
    def searchable(cls) -> models.QuerySet[Any]:
        """The objects anyone may find: live public pages (overridden where "public" means more)."""
        searchable: models.QuerySet[Any] = cls.model().objects.live().public()
        return searchable

    @classmethod
    def queryset(cls) -> models.QuerySet[Any]:
        """The searchable objects with what `prepare` reads, loaded in a fixed number of queries."""
        from search.versions import with_translation_state

        return (
            with_translation_state(cls, cls.searchable())
            .select_related(*cls.select_related)
            .prefetch_related(*cls.prefetch_related)
            .order_by("pk")
        )

    @classmethod
    def title_and_url(cls, obj: Any) -> tuple[str, str]:
        """What an autocomplete suggestion shows and links to."""
        return obj.title, obj.url or ""

    @classmethod
    def result_source(cls, obj: Any) -> dict[str, Any]:
        """What a result card shows of `obj`, under the names of the indexed document (database fallback)."""
        raise NotImplementedError

    @classmethod
    def prepare(cls, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def document(cls, obj: Any) -> dict[str, Any]:
        """What the engine indexes of `obj`: its prepared fields, and which version of a page in several
        languages it is (search.versions)."""
        from search.versions import version_fields

        return {**cls.prepare(obj), **version_fields(cls, obj), "object_id": str(obj.pk)}

    @classmethod
    def batches(cls, size: int) -> Iterator[list[Any]]:
        """Every live object in batches of `size`, by primary key: a fixed number of queries per batch
        (the page of rows and one per prefetched relation), however many objects there are."""
        queryset = cls.batch_queryset().order_by("pk")
        last = None
        while True:
            batch = list((queryset if last is None else queryset.filter(pk__gt=last))[:size])
            if not batch:
                return
            cls.prepare_batch(batch)
            yield batch
            last = batch[-1].pk

    @classmethod
    def batch_queryset(cls) -> models.QuerySet[Any]:
        """What `batches` reads: `queryset()`, unless `prepare_batch` loads the relations itself."""
        return cls.queryset()

    @classmethod
    def prepare_batch(cls, objects: list[Any]) -> None:
        """Load, once for the batch, what `prepare` would otherwise look up per object.

        Page.url finds the site root paths in the cache (a query with the database cache) unless the
        page carries them; every page of the batch shares one copy."""
        from wagtail.models import Page, Site

        if objects and isinstance(objects[0], Page):
            site_root_paths = Site.get_site_root_paths()
            for page in objects:
                page._wagtail_cached_site_root_paths = site_root_paths

    @classmethod
    def document_class(cls, dsl: Dsl, index_name: str) -> type:
        """The DSL `Document` subclass for this type, bound to `index_name`."""
        analysis = Analysis(dsl)
        index_meta = type("Index", (), {"name": index_name, "settings": {"number_of_shards": 1}})
        attrs = {**cls.fields(analysis), "Index": index_meta, "__module__": __name__}
        return type(f"{cls.__name__}_{dsl.engine}", (dsl.Document,), attrs)
