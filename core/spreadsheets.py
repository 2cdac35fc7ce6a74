"""CSV downloads that are safe to open in a spreadsheet program.

Spreadsheet programs run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula, so a value a user typed could run on an administrator's machine (CSV injection). Every cell
written here is text, prefixed with an apostrophe when it starts like a formula.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_response(filename: str, rows: Iterable[Iterable[object]]) -> HttpResponse:
    """A CSV attachment of `rows` (the first row the header), every cell escaped."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8 names correctly
    writer = csv.writer(response)
    writer.writerows([escape_formula(value) for value in row] for row in rows)
    return response
