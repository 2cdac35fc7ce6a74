"""Reading practice files: JSON or CSV into (location, record) pairs, before any validation."""

import csv
import io
import json
from pathlib import Path
from typing import Any

REQUIRED_COLUMNS = ["title", "summary", "challenge", "approach", "results", "transferability", "priority"]
LIST_COLUMNS = ["themes", "keywords", "target_groups", "partner_members", "funding"]

Record = dict[str, Any]


class PracticeFileError(ValueError):
    """The file cannot be read at all (not JSON, not CSV, wrong shape), or cannot be imported as a whole."""


def read_practice_file(path: Path) -> list[tuple[str, Record]]:
    """(location, record) pairs; the location ("line 3", "record 2") is what errors are reported by."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PracticeFileError(f"cannot read {path}: {error}") from error
    if path.suffix.lower() == ".json":
        return parse_json(text)
    if path.suffix.lower() == ".csv":
        return parse_csv(text)
    raise PracticeFileError(f"{path.name}: expected a .json or .csv file")


def parse_json(text: str) -> list[tuple[str, Record]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PracticeFileError(f"not valid JSON: {error}") from error
    if isinstance(data, dict):
        data = data.get("practices")
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise PracticeFileError('expected a list of practices or {"practices": [...]}')
    return [(f"record {number}", item) for number, item in enumerate(data, start=1)]


def parse_csv(text: str) -> list[tuple[str, Record]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise PracticeFileError("the CSV file has no header row")
    missing = [name for name in REQUIRED_COLUMNS if name not in reader.fieldnames]
    if missing:
        raise PracticeFileError(f"missing columns: {', '.join(missing)}")
    records = []
    for row in reader:
        record: Record = {key: (value or "").strip() for key, value in row.items() if key}
        for name in LIST_COLUMNS:
            record[name] = split_list(record.get(name, ""))
        if record.get("indicators"):
            record["indicators"] = parse_indicator_cell(record["indicators"])
        else:
            record["indicators"] = []
        # DictReader counts physical lines, so quoted multi-line cells still point at the right place.
        records.append((f"line {reader.line_num}", record))
    return records


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


def parse_indicator_cell(value: str) -> list[dict[str, Any]] | str:
    indicators = []
    for item in split_list(value):
        slug, separator, number = item.partition("=")
        if not separator:
            return value  # reported by validation as malformed
        indicators.append({"indicator": slug.strip(), "value": number.strip()})
    return indicators
