"""The full-text index on PostgreSQL: a weighted tsvector per object under a GIN index.

Each object is analysed in its own language's text-search configuration. A query is analysed in every
configuration the index uses and the results are ORed into one tsquery, so a German query word is stemmed
the German way and matches German practices, and the GIN index answers the whole match.
"""

import re
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection

from search.fulltext.text import IndexedText

# ISO 639-1 code -> PostgreSQL's text-search configuration for it; a language without one gets `simple`.
CONFIGURATIONS = {
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "tr": "turkish",
}
MAX_QUERY_WORDS = 32
# Letters and digits only: nothing a tsquery reads as an operator.
WORD = re.compile(r"[^\W_]+")


@cache
def installed_configurations() -> frozenset[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        return frozenset(row[0] for row in cursor.fetchall())


def configuration(language: str) -> str:
    """The text-search configuration of a language code ("pl" -> "simple": PostgreSQL has no Polish)."""
    code = (language or settings.LANGUAGE_CODE).split("-")[0].lower()
    name = CONFIGURATIONS.get(code, "simple")
    return name if name in installed_configurations() else "simple"


def query_configurations() -> list[str]:
    """Every configuration an indexed object can be in: a query is analysed in each."""
    return sorted(
        {"simple", *(name for name in CONFIGURATIONS.values() if name in installed_configurations())}
    )


def tsquery(text: str) -> tuple[str, list[Any]] | None:
    """SQL of a tsquery matching any word of `text` in any configuration, or None without words.

    The words are analysed in every configuration and the distinct lexemes ORed into one query: the
    same stem from ten configurations would otherwise be matched and ranked ten times (a quarter of
    the time at 50,000 practices with the same matches and scores)."""
    words = WORD.findall(text.lower())[:MAX_QUERY_WORDS]
    if not words:
        return None
    sql = (
        "(SELECT to_tsquery('simple', string_agg(DISTINCT quote_literal(lexeme), ' | '))"
        " FROM (SELECT (unnest(to_tsvector(name::regconfig, %s))).lexeme AS lexeme"
        " FROM unnest(%s::text[]) AS name) AS lexemes)"
    )
    return sql, [" ".join(words), query_configurations()]


# One weighted vector from the three texts, each analysed in the object's configuration.
UPSERT = (
    "INSERT INTO search_fulltextentry (object_type, object_id, language, updated_at, vector)"
    " VALUES (%s, %s, %s, clock_timestamp(),"
    " setweight(to_tsvector(%s::regconfig, %s), 'A')"
    " || setweight(to_tsvector(%s::regconfig, %s), 'B')"
    " || setweight(to_tsvector(%s::regconfig, %s), 'C'))"
    " ON CONFLICT (object_type, object_id)"
    " DO UPDATE SET language = EXCLUDED.language, updated_at = EXCLUDED.updated_at, vector = EXCLUDED.vector"
)


def write(object_type: str, texts: list[IndexedText]) -> None:
    rows: list[tuple[str | int, ...]] = []
    for text in texts:
        config = configuration(text.language)
        rows.append(
            (
                object_type,
                text.object_id,
                text.language,
                config,
                text.title,
                config,
                text.summary,
                config,
                text.body,
            )
        )
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(UPSERT, rows)


def delete(object_type: str, ids: list[int]) -> None:
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fulltextentry WHERE object_type = %s AND object_id = ANY(%s)",
                [object_type, ids],
            )


def delete_type(object_type: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_fulltextentry WHERE object_type = %s", [object_type])


def matching_ids(object_type: str, text: str) -> list[int]:
    query = tsquery(text)
    if query is None:
        return []
    sql, params = query
    with connection.cursor() as cursor:
        # One array rather than a row per match: a third of 50,000 practices match a common word.
        cursor.execute(
            "SELECT array_agg(object_id) FROM search_fulltextentry"  # noqa: S608 (constants only)
            f" WHERE object_type = %s AND vector @@ {sql}",
            [object_type, *params],
        )
        row = cursor.fetchone()
        return [int(pk) for pk in row[0]] if row and row[0] else []


def ranked(object_type: str, within: list[int] | None, text: str, limit: int) -> dict[int, float]:
    """The best `limit` matches (among `within` when given: one array parameter, however many ids)."""
    query = tsquery(text)
    if query is None:
        return {}
    query_sql, query_params = query
    # `within` is joined, not tested with `= ANY(array)`: that tests each match against the whole
    # array (3 s for 20,000 ids among 24,000 matches), the join hashes it (180 ms).
    among = " JOIN unnest(%s::int[]) AS allowed(id) ON object_id = allowed.id" if within is not None else ""
    # Constant SQL and placeholders; every value is a parameter.
    sql = (
        "SELECT object_id, ts_rank(vector, q.query) AS score"  # noqa: S608
        f" FROM search_fulltextentry{among}, (SELECT {query_sql} AS query) q"
        " WHERE object_type = %s AND vector @@ q.query"
        " ORDER BY score DESC, object_id DESC LIMIT %s"
    )
    params: list[Any] = [*([within] if within is not None else []), *query_params, object_type]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return {int(pk): float(score) for pk, score in cursor.fetchall()}
