"""The open-data download: published practices whose licence allows reuse (with their indicators),
published events and library resources, as CSV and JSON, with a data dictionary and DCAT-AP metadata.
Files are rebuilt by `tasks.regenerate_open_data` after each publication and kept through Django's
storage API, so every app server (and a CDN in front of object storage) serves the same files."""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import override

from core.spreadsheets import escape_formula

from .licences import OPEN_DATA_LICENCES
from .records import event_record, practice_record, public_events, public_practices

DIRECTORY = "open-data"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a data-dictionary type: integer, decimal, boolean, date, datetime, string, url, list
    description: str
    value: Callable[[dict[str, Any]], Any]


def _slugs(key: str) -> Callable[[dict[str, Any]], str]:
    return lambda record: ";".join(item["slug"] for item in record[key])


def _get(*path: str) -> Callable[[dict[str, Any]], Any]:
    def read(record: dict[str, Any]) -> Any:
        value: Any = record
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return read


PRACTICE_COLUMNS = [
    Column("id", "integer", "Stable identifier of the practice (also in the API).", _get("id")),
    Column("url", "url", "Canonical URL of the practice's page.", _get("url")),
    Column("title", "string", "Title of the practice.", _get("title")),
    Column("summary", "string", "Two or three sentences on the practice.", _get("summary")),
    Column("challenge", "string", "The problem the member faced.", _get("challenge")),
    Column("approach", "string", "What the member did.", _get("approach")),
    Column("results", "string", "What changed.", _get("results")),
    Column("transferability", "string", "What another authority needs to copy it.", _get("transferability")),
    Column(
        "priority",
        "string",
        "Slug of the AMIF call priority (see priorities in the API).",
        _get("priority", "slug"),
    ),
    Column("priority_number", "integer", "Number of the call priority, 1 to 5.", _get("priority", "number")),
    Column("themes", "list", "Theme slugs, separated by semicolons.", _slugs("themes")),
    Column("target_groups", "list", "Target group slugs, separated by semicolons.", _slugs("target_groups")),
    Column("country", "string", "ISO 3166-1 alpha-2 code of the country.", _get("country", "code")),
    Column("region", "string", "Region where the practice takes place.", _get("region")),
    Column("city", "string", "City where the practice takes place.", _get("city")),
    Column("language", "string", "ISO 639-1 code of the language of the text.", _get("language", "code")),
    Column("status", "string", "planned, ongoing or completed.", _get("status", "slug")),
    Column("start_date", "date", "When the practice started (ISO 8601).", _get("start_date")),
    Column("end_date", "date", "When it ended; empty while running.", _get("end_date")),
    Column(
        "lead_member", "string", "Slug of the lead member (an organisation).", _get("lead_member", "slug")
    ),
    Column("lead_member_name", "string", "Name of the lead member.", _get("lead_member", "name")),
    Column("member_kind", "string", "Kind of the lead member (slug).", _get("member_kind", "slug")),
    Column(
        "partner_members",
        "list",
        "Slugs of partner members, separated by semicolons.",
        _slugs("partner_members"),
    ),
    Column("budget_eur", "integer", "Total budget in euros, when given.", _get("budget_eur")),
    Column(
        "evaluation_type", "string", "How the results were evaluated (slug).", _get("evaluation_type", "slug")
    ),
    Column(
        "is_success_story",
        "boolean",
        "Featured as a success story by the moderators.",
        _get("is_success_story"),
    ),
    Column(
        "licence", "string", "SPDX identifier of the licence of this row's text.", _get("licence", "code")
    ),
    Column("licence_url", "url", "The licence's text.", _get("licence", "url")),
    Column("first_published_at", "datetime", "First publication (ISO 8601).", _get("first_published_at")),
    Column("last_published_at", "datetime", "Latest publication (ISO 8601).", _get("last_published_at")),
]

INDICATOR_COLUMNS = [
    Column("practice_id", "integer", "The practice's id (practices.csv).", _get("practice_id")),
    Column(
        "indicator",
        "string",
        "Slug of the outcome indicator (see indicators in the API).",
        _get("indicator", "slug"),
    ),
    Column("indicator_label", "string", "Name of the indicator.", _get("indicator", "label")),
    Column("unit", "string", "Unit of the values.", _get("unit")),
    Column("value", "decimal", "Value the practice achieved.", _get("value")),
    Column("baseline", "decimal", "Value before the practice, when given.", _get("baseline")),
    Column("target", "decimal", "Value aimed at, when given.", _get("target")),
    Column("period_start", "date", "Start of the measured period.", _get("period_start")),
    Column("period_end", "date", "End of the measured period.", _get("period_end")),
    Column("licence", "string", "SPDX identifier of the licence of the practice.", _get("licence")),
]

EVENT_COLUMNS = [
    Column("id", "integer", "Stable identifier of the event (also in the API).", _get("id")),
    Column("url", "url", "Canonical URL of the event's page.", _get("url")),
    Column("title", "string", "Title of the event.", _get("title")),
    Column("summary", "string", "Short description.", _get("summary")),
    Column("event_type", "string", "Type of event (slug).", _get("event_type", "slug")),
    Column("host_member", "string", "Slug of the hosting member.", _get("host_member", "slug")),
    Column("start", "datetime", "Start, ISO 8601 in the event's time zone.", _get("start")),
    Column("end", "datetime", "End, ISO 8601 in the event's time zone.", _get("end")),
    Column("timezone", "string", "IANA time zone of the event.", _get("timezone")),
    Column("attendance_mode", "string", "in_person, online or hybrid.", _get("attendance_mode", "slug")),
    Column("city", "string", "City, for events held in person.", _get("city")),
    Column("country", "string", "ISO 3166-1 alpha-2 code.", _get("country", "code")),
    Column(
        "languages",
        "list",
        "ISO 639-1 codes of the working languages, separated by semicolons.",
        lambda record: ";".join(item["code"] for item in record["languages"]),
    ),
    Column("priorities", "list", "Call priority slugs, separated by semicolons.", _slugs("priorities")),
    Column("themes", "list", "Theme slugs, separated by semicolons.", _slugs("themes")),
    Column("capacity", "integer", "Places; empty when unlimited.", _get("capacity")),
    Column(
        "registration", "string", "open, full, not_open_yet, closed or ended.", _get("registration", "slug")
    ),
    Column("attendance", "integer", "Participants, after the event.", _get("attendance")),
]

RESOURCE_COLUMNS = [
    Column("id", "integer", "Stable identifier of the resource (also in the API).", _get("id")),
    Column("url", "url", "Canonical URL of the resource's page.", _get("url")),
    Column("title", "string", "Title of the resource.", _get("title")),
    Column(
        "resource_type",
        "string",
        "guideline, toolkit, curriculum, evaluation, campaign or research.",
        _get("resource_type", "slug"),
    ),
    Column("summary", "string", "Two or three sentences on the resource.", _get("summary")),
    Column("publisher", "string", "Slug of the publishing member, when given.", _get("publisher", "slug")),
    Column("priority", "string", "Slug of the AMIF call priority.", _get("priority", "slug")),
    Column("themes", "list", "Theme slugs, separated by semicolons.", _slugs("themes")),
    Column("target_groups", "list", "Target group slugs, separated by semicolons.", _slugs("target_groups")),
    Column(
        "languages",
        "list",
        "ISO 639-1 codes of the languages its files are in, separated by semicolons.",
        lambda record: ";".join(dict.fromkeys(item["language"]["code"] for item in record["files"])),
    ),
    Column(
        "file_urls",
        "list",
        "Download URLs of its files, separated by semicolons (the files keep their own terms of use).",
        lambda record: ";".join(item["url"] for item in record["files"]),
    ),
    Column(
        "practice_ids",
        "list",
        "Ids of the published practices it came from, separated by semicolons.",
        lambda record: ";".join(str(pk) for pk in record["practice_ids"]),
    ),
    Column(
        "event_ids",
        "list",
        "Ids of the published events it came from, separated by semicolons.",
        lambda record: ";".join(str(pk) for pk in record["event_ids"]),
    ),
    Column("first_published_at", "datetime", "First publication (ISO 8601).", _get("first_published_at")),
]

FILES = {
    "practices.csv": ("text/csv", "Practices, one row each (see practices.csv in the data dictionary)."),
    "practice-indicators.csv": ("text/csv", "Outcome indicators of the practices, one row per value."),
    "practices.json": ("application/json", "Practices with their indicators, as the API's records."),
    "events.csv": ("text/csv", "Events, one row each."),
    "events.json": ("application/json", "Events, as the API's records."),
    "resources.csv": ("text/csv", "Library resources (guidelines, toolkits...), one row each."),
    "resources.json": ("application/json", "Library resources with their files, as the API's records."),
    "data-dictionary.json": ("application/json", "Every column of every file: name, type, meaning."),
}


def open_practices() -> Any:
    """Published public practices whose licence allows open-data reuse, in id order."""
    return public_practices().filter(licence__in=OPEN_DATA_LICENCES).order_by("pk")


def _csv(columns: list[Column], records: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.name for column in columns])
    for record in records:
        writer.writerow([escape_formula(_cell(column.value(record))) for column in columns])
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def data_dictionary() -> dict[str, Any]:
    def describe(columns: list[Column]) -> list[dict[str, str]]:
        return [{"name": c.name, "type": c.type, "description": c.description} for c in columns]

    return {
        "files": {name: {"media_type": media, "description": text} for name, (media, text) in FILES.items()},
        "columns": {
            "practices.csv": describe(PRACTICE_COLUMNS),
            "practice-indicators.csv": describe(INDICATOR_COLUMNS),
            "events.csv": describe(EVENT_COLUMNS),
            "resources.csv": describe(RESOURCE_COLUMNS),
        },
        "notes": [
            "Only practices under CC BY 4.0, CC BY-SA 4.0 or CC0 1.0 are included; each row names "
            "its licence.",
            "Lists inside a CSV cell are separated by semicolons. Empty cell: no value.",
            "Cells that would start like a spreadsheet formula are prefixed with an apostrophe.",
            "No personal data: contact officers are not part of the open data.",
        ],
    }


def build_files() -> dict[str, bytes]:
    """Every file of the download, built from the public records (labels in English)."""
    from library.api import public_resources, resource_record  # the library builds on this app

    with override("en"):
        practices = [practice_record(page) for page in open_practices()]
        events = [event_record(event) for event in public_events().order_by("pk")]
        resources = [resource_record(page) for page in public_resources().order_by("pk")]
    indicators = [
        {**row, "practice_id": record["id"], "licence": record["licence"]["code"]}
        for record in practices
        for row in record["indicators"]
    ]
    generated = timezone.now().isoformat()
    return {
        "practices.csv": _csv(PRACTICE_COLUMNS, practices),
        "practice-indicators.csv": _csv(INDICATOR_COLUMNS, indicators),
        "practices.json": _json({"generated_at": generated, "count": len(practices), "practices": practices}),
        "events.csv": _csv(EVENT_COLUMNS, events),
        "events.json": _json({"generated_at": generated, "count": len(events), "events": events}),
        "resources.csv": _csv(RESOURCE_COLUMNS, resources),
        "resources.json": _json({"generated_at": generated, "count": len(resources), "resources": resources}),
        "data-dictionary.json": _json(data_dictionary()),
    }


def storage_name(filename: str) -> str:
    return f"{DIRECTORY}/{filename}"


def publish_open_data() -> dict[str, int]:
    """Rebuild every file, and the DCAT-AP catalogue describing them, into storage; returns sizes."""
    from .dcat import catalogue_turtle

    files = build_files()
    files["catalogue.ttl"] = catalogue_turtle(files)
    for filename, content in files.items():
        name = storage_name(filename)
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(content))
    return {filename: len(content) for filename, content in files.items()}
