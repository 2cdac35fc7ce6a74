"""A page in several languages is found once: by the words of any of its versions, and shown in the
version the listings show (core.page_cache.lookups.one_version_each): the reader's language's when a
live one exists, else the original.

The engine collapses the matches on `translation_group` (one per type and translation group) and swaps a
collapsed hit for the version to show, read from the index by its `locale` and `is_original` (search.
backends.engine). It counts groups only where a group has several versions (`has_versions`): every
other document is a group of its own, and counting distinct values over all of them cost the engine
most of a search at 50,000 practices. The database search maps every row of its facet table to that
version before counting (`preferred_rows`).
"""

from collections import defaultdict
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import get_language

from core.page_cache.lookups import made_from_another_version, one_version_each
from search.documents.base import SearchDocument


def reader_language(language_code: str | None = None) -> str:
    return language_code or get_language() or settings.LANGUAGE_CODE


def has_versions(doc: type[SearchDocument]) -> bool:
    """Pages have versions in other languages (wagtail-localize); members are not pages."""
    return any(field.name == "translation_key" for field in doc.model()._meta.get_fields())


def translation_group(doc: type[SearchDocument], obj: Any) -> str:
    """The key the engine collapses on: unique per type, shared by the versions of one page."""
    key = getattr(obj, "translation_key", None) if has_versions(doc) else None
    return f"{doc.type_name}:{key or obj.pk}"


def version_fields(doc: type[SearchDocument], obj: Any) -> dict[str, Any]:
    """What the index keeps to pick a version: the group, the locale's language, and whether the
    object is an original (not made from another version with wagtail-localize)."""
    if not has_versions(doc):
        return {
            "translation_group": translation_group(doc, obj),
            "locale": None,
            "is_original": True,
            "has_versions": False,
        }
    is_translation = getattr(obj, "is_translation", None)
    if is_translation is None:  # not loaded through `SearchDocument.queryset()`: one query
        from wagtail_localize.models import Translation

        is_translation = Translation.objects.filter(
            source__object_id=obj.translation_key, target_locale_id=obj.locale_id
        ).exists()
    others = getattr(obj, "has_other_versions", None)
    if others is None:
        others = bool(other_live_versions(obj))
    return {
        "translation_group": translation_group(doc, obj),
        "locale": obj.locale.language_code,
        "is_original": not is_translation,
        # Over-marking only costs the engine time; a group with two live versions must be marked on
        # both, so each change of a version reindexes the others (search.actions).
        "has_versions": others,
    }


def other_live_versions(obj: Any) -> list[int]:
    """The pks of the other live versions of `obj`'s page (its translations, or their original)."""
    return list(_other_live_pages(obj.translation_key, obj.pk).values_list("pk", flat=True))


def _other_live_pages(translation_key: Any, pk: Any) -> QuerySet[Any]:
    """The live pages of a translation key but `pk` (values, or OuterRefs in a subquery)."""
    from wagtail.models import Page

    pages: QuerySet[Any] = Page.objects.filter(translation_key=translation_key, live=True).exclude(pk=pk)
    return pages


def with_translation_state(doc: type[SearchDocument], queryset: QuerySet[Any]) -> QuerySet[Any]:
    """`queryset` with each page's `is_translation`, `has_other_versions` and locale, in the same query."""
    if not has_versions(doc):
        return queryset
    others = _other_live_pages(OuterRef("translation_key"), OuterRef("pk"))
    annotated: QuerySet[Any] = queryset.select_related("locale").annotate(
        is_translation=made_from_another_version(), has_other_versions=Exists(others)
    )
    return annotated


def shown_versions(doc: type[SearchDocument], language_code: str | None = None) -> QuerySet[Any]:
    """The searchable objects of `doc`, one version each."""
    searchable = doc.searchable()
    return one_version_each(searchable, reader_language(language_code)) if has_versions(doc) else searchable


def preferred_rows(
    doc: type[SearchDocument], ids: np.ndarray, language_code: str | None = None
) -> np.ndarray | None:
    """For the facet table's rows (`ids`, sorted), the row of the version shown of each row's
    translation group (a group with no version shown keeps its first row); None for a type without
    versions. Two queries."""
    if not has_versions(doc):
        return None
    row_of = {int(pk): row for row, pk in enumerate(ids)}
    groups: dict[Any, list[int]] = defaultdict(list)
    for pk, key in doc.searchable().order_by("pk").values_list("pk", "translation_key"):
        if int(pk) in row_of:
            groups[key].append(row_of[int(pk)])
    shown = {
        key: row_of[int(pk)]
        for pk, key in shown_versions(doc, language_code).values_list("pk", "translation_key")
        if int(pk) in row_of
    }
    preferred = np.arange(len(ids), dtype=np.int64)
    for key, rows in groups.items():
        preferred[rows] = shown.get(key, rows[0])
    return preferred


def collapse(rows: np.ndarray, preferred: np.ndarray | None) -> np.ndarray:
    """A mask of rows -> the mask of their groups' preferred rows (a page found by any version)."""
    if preferred is None:
        return rows
    collapsed = np.zeros(len(rows), dtype=bool)
    collapsed[preferred[rows]] = True
    return collapsed
