"""The full-text index on SQLite: an FTS5 table (rowid = FullTextEntry.id) ranked by its own bm25().

The tokenizer folds case and accents (`remove_diacritics 2`: "creche" finds "crèche") and stems with
Porter, which helps the many English texts and leaves most other words as they are.
"""

import re
from typing import Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

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
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fulltextentry (object_type, object_id, language) VALUES (%s, %s, %s)"
            " ON CONFLICT (object_type, object_id) DO UPDATE SET language = excluded.language",
            [(object_type, text.object_id, text.language) for text in texts],
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


def match_condition(text: str) -> RawSQL | None:
    """A WHERE condition on FullTextEntry rows (`id` unqualified: it may run as a subquery)."""
    expression = match_expression(text)
    if expression is None:
        return None
    return RawSQL(
        "id IN (SELECT rowid FROM search_fulltext_fts WHERE search_fulltext_fts MATCH %s)",
        [expression],
        output_field=BooleanField(),
    )


def ranked(object_type: str, within: QuerySet[Any], text: str, limit: int) -> dict[int, float]:
    expression = match_expression(text)
    if expression is None:
        return {}
    within_sql, within_params = within.query.sql_with_params()
    # Constant SQL and the SQL Django compiled for `within`; every value is a parameter.
    sql = (
        f"SELECT e.object_id, bm25(search_fulltext_fts, {WEIGHTS}) AS score"  # noqa: S608
        " FROM search_fulltext_fts JOIN search_fulltextentry e ON e.id = search_fulltext_fts.rowid"
        f" WHERE search_fulltext_fts MATCH %s AND e.object_type = %s AND e.object_id IN ({within_sql})"
        " ORDER BY score, e.object_id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, object_type, *within_params, limit])
        # bm25() is negative, more negative for a better match.
        return {int(pk): -float(score) for pk, score in cursor.fetchall()}
