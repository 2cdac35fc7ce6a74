"""The full-text index on SQLite: an FTS5 table (rowid = FullTextEntry.id) ranked by its own bm25().

The tokenizer folds case and accents (`remove_diacritics 2`: "creche" finds "crèche") and stems with
Porter, which helps the many English texts and leaves most other words as they are.
"""

import json
import re
from typing import Any

from django.db import connection
from django.utils import timezone

from search.fulltext.text import IndexedText

# The migration (search/migrations/0004) runs the same statement.
CREATE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fulltext_fts USING fts5("
    "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
# bm25() weights of the title, summary (with labels) and body columns, as literal SQL.
WEIGHTS = "10.0, 4.0, 1.0"
MAX_QUERY_WORDS = 32
CHUNK = 500  # ids per IN list, far below SQLite's parameter limit
WORD = re.compile(r"[^\W_]+")


def match_expression(text: str) -> str | None:
    """An FTS5 query matching any word of `text`: each word quoted, so none is read as syntax."""
    words = WORD.findall(text.lower())[:MAX_QUERY_WORDS]
    if not words:
        return None
    return " OR ".join(f'"{word}"' for word in words)


def write(object_type: str, texts: list[IndexedText]) -> None:
    if not texts:
        return
    # As Django stores a DateTimeField in SQLite (ISO text, UTC).
    written = timezone.now().isoformat(sep=" ").removesuffix("+00:00")
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fulltextentry (object_type, object_id, language, updated_at)"
            " VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (object_type, object_id) DO UPDATE SET language = excluded.language,"
            " updated_at = excluded.updated_at",
            [(object_type, text.object_id, text.language, written) for text in texts],
        )
        ids = _row_ids(cursor, object_type, [text.object_id for text in texts])
        cursor.executemany(
            "DELETE FROM search_fulltext_fts WHERE rowid = %s", [(ids[t.object_id],) for t in texts]
        )
        cursor.executemany(
            "INSERT INTO search_fulltext_fts (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
            [(ids[t.object_id], t.title, t.summary, t.body) for t in texts],
        )


def _row_ids(cursor: Any, object_type: str, object_ids: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for start in range(0, len(object_ids), CHUNK):
        chunk = object_ids[start : start + CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        # `marks` holds placeholders only.
        sql = f"SELECT object_id, id FROM search_fulltextentry WHERE object_type = %s AND object_id IN ({marks})"  # noqa: S608, E501
        cursor.execute(sql, [object_type, *chunk])
        found.update({int(object_id): int(row_id) for object_id, row_id in cursor.fetchall()})
    return found


def delete(object_type: str, ids: list[int]) -> None:
    if not ids:
        return
    with connection.cursor() as cursor:
        rows = [(row,) for row in _row_ids(cursor, object_type, ids).values()]
        cursor.executemany("DELETE FROM search_fulltext_fts WHERE rowid = %s", rows)
        cursor.executemany("DELETE FROM search_fulltextentry WHERE id = %s", rows)


def delete_type(object_type: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM search_fulltext_fts WHERE rowid IN"
            " (SELECT id FROM search_fulltextentry WHERE object_type = %s)",
            [object_type],
        )
        cursor.execute("DELETE FROM search_fulltextentry WHERE object_type = %s", [object_type])


# CROSS JOIN keeps FTS5 as the outer loop: with a plain JOIN SQLite may walk the entries and run the
# MATCH once per row (seconds at 10,000 practices instead of milliseconds).
def matching_ids(object_type: str, text: str) -> list[int]:
    expression = match_expression(text)
    if expression is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.object_id FROM search_fulltext_fts CROSS JOIN search_fulltextentry e"
            " ON e.id = search_fulltext_fts.rowid WHERE search_fulltext_fts MATCH %s AND e.object_type = %s",
            [expression, object_type],
        )
        return [int(row[0]) for row in cursor.fetchall()]


def ranked(object_type: str, within: list[int] | None, text: str, limit: int) -> dict[int, float]:
    """The best `limit` matches (among `within` when given: one JSON parameter, however many ids)."""
    expression = match_expression(text)
    if expression is None:
        return {}
    among = " AND e.object_id IN (SELECT value FROM json_each(%s))" if within is not None else ""
    sql = (
        f"SELECT e.object_id, bm25(search_fulltext_fts, {WEIGHTS}) AS score"  # noqa: S608 - constants only
        " FROM search_fulltext_fts CROSS JOIN search_fulltextentry e ON e.id = search_fulltext_fts.rowid"
        f" WHERE search_fulltext_fts MATCH %s AND e.object_type = %s{among}"
        " ORDER BY score, e.object_id DESC LIMIT %s"
    )
    params: list[Any] = [expression, object_type]
    if within is not None:
        params.append(json.dumps(within))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        # bm25() is negative, more negative for a better match.
        return {int(pk): -float(score) for pk, score in cursor.fetchall()}
