"""Every searchable object of a type with its filter values, held in memory as arrays.

The database search filters and counts facets here instead of in SQL: counting seven facets in SQL
re-ran the text match and the live/public checks once per facet (seconds at 50,000 practices), while
the arrays answer a whole search in a few milliseconds. A table is rebuilt when the database's
full-text index says its type changed (count, latest write and sum of ids of its rows), and that check
runs on every search, so a table never answers from a state older than the last committed change.
"""

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
from django.utils import timezone

from search.documents import SearchDocument
from search.query import TYPE_FACET, SearchQuery

NO_YEAR = -1


@dataclass
class Facet:
    """One filter's values: `pairs_row[i]` (a row of the table) has the value `labels[pairs_code[i]]`."""

    labels: list[str]
    pairs_row: np.ndarray  # int32
    pairs_code: np.ndarray  # int32

    def rows_with(self, selected: Iterable[str], size: int) -> np.ndarray:
        wanted = [code for code, label in enumerate(self.labels) if label in set(selected)]
        keep = np.zeros(size, dtype=bool)
        if wanted:
            keep[self.pairs_row[np.isin(self.pairs_code, wanted)]] = True
        return keep

    def counts(self, rows: np.ndarray) -> dict[str, int]:
        """{value: number of `rows` (a boolean mask) that have it}."""
        counted = np.bincount(self.pairs_code[rows[self.pairs_row]], minlength=len(self.labels))
        return {self.labels[code]: int(counted[code]) for code in np.flatnonzero(counted)}


@dataclass
class FacetTable:
    signature: tuple[Any, ...]
    ids: np.ndarray  # int64, sorted
    facets: dict[str, Facet]
    years: np.ndarray  # int16 (n, 2): first and last year, NO_YEAR when unknown
    ends: np.ndarray | None  # float64 epoch seconds of the end (types with "when"), NaN when unknown
    newest: np.ndarray  # int32: each row's place in "newest first"
    # Per reader language: each row's row of the version shown of its page (search.versions).
    preferred: dict[str, np.ndarray | None] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    def preferred_rows(self, doc: type[SearchDocument], language_code: str) -> np.ndarray | None:
        """Computed once per language for this state of the table (two queries)."""
        if language_code not in self.preferred:
            from search.versions import preferred_rows

            self.preferred[language_code] = preferred_rows(doc, self.ids, language_code)
        return self.preferred[language_code]

    def rows_of(self, ids: Iterable[Any]) -> np.ndarray:
        """A boolean mask of the rows whose id is in `ids` (ids not in the table are not searchable)."""
        wanted = np.fromiter((int(i) for i in ids), dtype=np.int64)
        keep = np.zeros(len(self), dtype=bool)
        if len(wanted) and len(self):
            positions = np.searchsorted(self.ids, wanted)
            inside = positions < len(self)  # ids above the largest one have no row
            positions, wanted = positions[inside], wanted[inside]
            keep[positions[self.ids[positions] == wanted]] = True
        return keep

    def filter_masks(self, doc: type[SearchDocument], query: SearchQuery) -> dict[str, np.ndarray]:
        """One mask per active filter (by name), plus "years" for the year range."""
        masks: dict[str, np.ndarray] = {}
        nothing = np.zeros(len(self), dtype=bool)
        for name, selected in query.filters.items():
            if name == TYPE_FACET:
                continue
            if name == "when" and self.ends is not None:
                masks[name] = self._when(selected)
            elif name in self.facets:
                masks[name] = self.facets[name].rows_with(selected, len(self))
            else:  # a filter this type has no field for matches none of it
                masks[name] = nothing
        if query.year_to is not None or query.year_from is not None:
            if doc.year_fields is None:
                masks["years"] = nothing
            else:
                first, last = self.years[:, 0], self.years[:, 1]
                keep = np.ones(len(self), dtype=bool)
                if query.year_to is not None:
                    keep &= (first != NO_YEAR) & (first <= query.year_to)
                if query.year_from is not None:
                    keep &= (last == NO_YEAR) | (last >= query.year_from)
                masks["years"] = keep
        return masks

    def _when(self, selected: Iterable[str]) -> np.ndarray:
        keep = np.zeros(len(self), dtype=bool)
        if self.ends is None:
            return keep
        now = timezone.now().timestamp()
        for value in selected:
            if value == "upcoming":
                keep |= self.ends >= now
            elif value == "past":
                keep |= self.ends < now
        return keep

    def when_counts(self, rows: np.ndarray) -> dict[str, int]:
        counts = {value: int((rows & self._when([value])).sum()) for value in ("upcoming", "past")}
        return {value: n for value, n in counts.items() if n}


def signature(doc: type[SearchDocument]) -> tuple[Any, ...]:
    """What the table was built from: the generation of the type's full-text rows (one indexed read)."""
    from search.fulltext import generation

    return (generation(doc.type_name),)


def _year(value: date | datetime | None) -> int:
    return value.year if value else NO_YEAR


def build(doc: type[SearchDocument], state: tuple[Any, ...]) -> FacetTable:
    """Read the searchable objects of a type: one query for the rows, one per filter."""
    searchable = doc.searchable().order_by()
    first, last = doc.year_fields or (None, None)
    columns = ["pk", *(name for name in (first, last) if name), *(f.lstrip("-") for f in doc.newest_ordering)]
    rows = list(searchable.values_list(*dict.fromkeys(columns)))
    position = {name: i for i, name in enumerate(dict.fromkeys(columns))}
    rows.sort(key=lambda row: row[0])
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    years = np.array(
        [
            (
                _year(row[position[first]]) if first else NO_YEAR,
                _year(row[position[last]]) if last else NO_YEAR,
            )
            for row in rows
        ],
        dtype=np.int16,
    ).reshape(len(rows), 2)
    ends = None
    if doc.ends_field:
        at = position.get(doc.ends_field)
        ends = np.array(
            [row[at].timestamp() if at is not None and row[at] else np.nan for row in rows], dtype=np.float64
        )
    newest = _newest_places(doc, rows, position)
    table = FacetTable(state, ids, {}, years, ends, newest)
    row_of_id = {int(pk): i for i, pk in enumerate(ids)}
    for name, lookup in doc.orm_filters.items():
        pairs = searchable.exclude(**{f"{lookup}__isnull": True}).values_list("pk", lookup).distinct()
        labels: dict[str, int] = {}
        row_of, code_of = [], []
        for pk, value in pairs:
            text = str(value)
            if text and int(pk) in row_of_id:
                row_of.append(row_of_id[int(pk)])
                code_of.append(labels.setdefault(text, len(labels)))
        table.facets[name] = Facet(
            list(labels), np.array(row_of, dtype=np.int32), np.array(code_of, dtype=np.int32)
        )
    return table


def _newest_places(
    doc: type[SearchDocument], rows: list[tuple[Any, ...]], position: dict[str, int]
) -> np.ndarray:
    """Each row's place in the type's "newest first" ordering (a reversed field sorts descending)."""
    order = list(range(len(rows)))
    for name in reversed(doc.newest_ordering):
        field = name.lstrip("-")
        at = position[field]
        present = [i for i in order if rows[i][at] is not None]
        missing = [i for i in order if rows[i][at] is None]
        present.sort(key=lambda i: rows[i][at], reverse=name.startswith("-"))
        order = present + missing  # stable: the earlier (finer) keys keep their order among equals
    places = np.zeros(len(rows), dtype=np.int32)
    if rows:
        places[np.array(order, dtype=np.int64)] = np.arange(len(rows), dtype=np.int32)
    return places


class FacetTables:
    """The process's tables, checked against the database on every search and rebuilt when stale."""

    def __init__(self) -> None:
        self._tables: dict[str, FacetTable] = {}
        self._lock = threading.Lock()

    def get(self, doc: type[SearchDocument]) -> FacetTable:
        state = signature(doc)
        table = self._tables.get(doc.type_name)
        if table is not None and table.signature == state:
            return table
        with self._lock:
            table = self._tables.get(doc.type_name)
            if table is None or table.signature != state:
                table = build(doc, state)
                self._tables[doc.type_name] = table
            return table

    def clear(self) -> None:
        with self._lock:
            self._tables.clear()


facet_tables = FacetTables()
