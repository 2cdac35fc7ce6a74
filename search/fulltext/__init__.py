"""The database search's own full-text index: one row per searchable object, kept in step on save.

Wagtail's generic database index ranks through a slow path (PostgreSQL concatenates two vectors per row
before it can match, so no index is used; SQLite ranks through a correlated subquery), about 3 s at
50,000 practices. This index stores what the engine's documents hold (title, summary and labels, body)
in the form each database searches fastest:

- PostgreSQL: a weighted `tsvector` per object, in the text-search configuration of the object's own
  language (`simple` where PostgreSQL has none, e.g. Polish), under a GIN index (postgres.py);
- SQLite: an FTS5 table ranked with its own bm25() (sqlite.py).

Rows are written in the transaction that changes the object (`refresh`), so the fallback is current
whenever the engine is not, and `rebuild` refills a type in batches with a fixed number of queries.
"""

import secrets
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection

from search.documents import SearchDocument, available_documents, document_for_type
from search.fulltext import postgres, sqlite
from search.fulltext.text import IndexedText, indexed_text

__all__ = [
    "IndexedText",
    "available",
    "matching_ids",
    "ranked",
    "rebuild",
    "refresh",
    "remove",
]

BATCH_SIZE = 500


def _vendor() -> Any:
    if connection.vendor == "postgresql":
        return postgres
    if connection.vendor == "sqlite":
        return sqlite
    return None


def available() -> bool:
    """Whether this database has the full-text index (PostgreSQL and SQLite do)."""
    return _vendor() is not None


def refresh(type_name: str, ids: Iterable[Any]) -> int:
    """Write the current state of objects `ids` of a type: searchable ones (re)indexed, others removed."""
    vendor = _vendor()
    if vendor is None:
        return 0
    doc = document_for_type(type_name)
    wanted = sorted({int(i) for i in ids})
    written = 0
    for start in range(0, len(wanted), BATCH_SIZE):
        chunk = wanted[start : start + BATCH_SIZE]
        objects = list(doc.batch_queryset().filter(pk__in=chunk))
        doc.prepare_batch(objects)
        texts = [indexed_text(doc, obj) for obj in objects]
        vendor.write(doc.type_name, texts)
        vendor.delete(doc.type_name, sorted(set(chunk) - {text.object_id for text in texts}))
        written += len(texts)
    if wanted:
        bump_generation(type_name)
    return written


def remove(type_name: str, ids: Iterable[Any]) -> None:
    vendor = _vendor()
    wanted = sorted({int(i) for i in ids})
    if vendor is not None and wanted:
        vendor.delete(type_name, wanted)
        bump_generation(type_name)


def rebuild(
    docs: Sequence[type[SearchDocument]] | None = None,
    progress: Callable[[type[SearchDocument], int], Any] | None = None,
) -> dict[str, int]:
    """Refill the index of each type from scratch; returns the number of objects per type."""
    vendor = _vendor()
    counts: dict[str, int] = {}
    if vendor is None:
        return counts
    for doc in docs or available_documents():
        vendor.delete_type(doc.type_name)
        bar = progress(doc, doc.searchable().count()) if progress else None
        counts[doc.type_name] = 0
        for batch in doc.batches(BATCH_SIZE):
            vendor.write(doc.type_name, [indexed_text(doc, obj) for obj in batch])
            counts[doc.type_name] += len(batch)
            if bar is not None:
                bar.update(len(batch))
        bump_generation(doc.type_name)
        if bar is not None:
            bar.close()
    return counts


def bump_generation(type_name: str) -> None:
    """Tell every process its facet table of the type is stale, in this transaction: a new number,
    drawn at random rather than counted, because a rolled-back write takes its number back, and a
    table built inside that transaction must not match the next write's."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_fulltextgeneration (object_type, generation) VALUES (%s, %s)"
            " ON CONFLICT (object_type) DO UPDATE SET generation = EXCLUDED.generation",
            [type_name, secrets.randbits(62)],
        )


def generation(type_name: str) -> int:
    """The type's generation: the number its last committed write drew (0 before any write)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT generation FROM search_fulltextgeneration WHERE object_type = %s", [type_name])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def matching_ids(doc: type[SearchDocument], text: str) -> list[int]:
    """Ids of the objects of a type whose indexed text has any word of `text` (one query)."""
    vendor = _vendor()
    return vendor.matching_ids(doc.type_name, text) if vendor else []


def ranked(doc: type[SearchDocument], within: list[int] | None, text: str, limit: int) -> dict[int, float]:
    """The `limit` best matches of `text` (among the ids `within`, when given), best first:
    {pk: score}, higher is better."""
    vendor = _vendor()
    if vendor is None or limit <= 0 or within == []:
        return {}
    scores: dict[int, float] = vendor.ranked(doc.type_name, within, text, limit)
    return scores
