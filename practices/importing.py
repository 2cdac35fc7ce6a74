"""Turning practice records (the demo corpus, members' JSON or CSV files) into practice pages.

Every record is validated before anything is written, so a file with one bad row imports nothing.
Records are matched by slug inside the lead member's folder: importing the same file twice updates
the practices instead of duplicating them.

JSON: a list of objects, or `{"practices": [...]}`, shaped like `core/demo_content/practices.json`.
CSV: one practice per row with a header row. Columns (only the first eight are required):

    slug, title, summary, challenge, approach, results, transferability, priority,
    country, region, city, language, status, start_date, end_date, resources_needed, difficulties,
    themes, keywords, target_groups, partner_members, funding, budget_eur, is_success_story,
    contact_role, indicators, competence_level, budget_range, staff_time, scale_reached,
    prerequisites, what_did_not_work, evaluation_type, validated_by, last_reviewed_at, lead_member

List columns (themes, keywords, target_groups, partner_members, funding) separate values with `;`.
`indicators` is `slug=value; slug=value`. Dates are YYYY-MM-DD; `priority` is its number or slug;
`funding` takes labels or slugs; booleans accept yes/no, true/false, 1/0.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from core.models import FundingSource, Indicator, Priority, TargetGroup, Theme
from core.vocabulary import slugify_ascii
from members.models import Member

from .models import PracticeFolderPage, PracticeIndicator, PracticePage

TEXT_FIELDS = [
    "summary",
    "challenge",
    "approach",
    "results",
    "transferability",
    "resources_needed",
    "difficulties",
    "region",
    "city",
    "contact_role",
    "staff_time",
    "scale_reached",
    "prerequisites",
    "what_did_not_work",
    "validated_by",
]
CHOICE_FIELDS = ["country", "language", "status", "competence_level", "budget_range", "evaluation_type"]
DATE_FIELDS = ["start_date", "end_date", "last_reviewed_at"]
SCALAR_FIELDS = ["title", *TEXT_FIELDS, *CHOICE_FIELDS, *DATE_FIELDS, "budget_eur", "is_success_story"]
REQUIRED_COLUMNS = ["title", "summary", "challenge", "approach", "results", "transferability", "priority"]
LIST_COLUMNS = ["themes", "keywords", "target_groups", "partner_members", "funding"]
TRUE_WORDS = {"1", "true", "yes", "y"}
FALSE_WORDS = {"", "0", "false", "no", "n"}


class PracticeFileError(ValueError):
    """The file cannot be read at all (not JSON, not CSV, wrong shape)."""


@dataclass
class RowError:
    location: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.field}: {self.message}"


@dataclass
class PracticeRow:
    """One validated record: scalar field values plus the vocabulary objects it refers to."""

    location: str
    slug: str
    lead_member: Member
    priority: Priority
    values: dict[str, Any]
    themes: list[Theme] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    target_groups: list[TargetGroup] = field(default_factory=list)
    partner_members: list[Member] = field(default_factory=list)
    funding_sources: list[FundingSource] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportResult:
    created: list[PracticePage] = field(default_factory=list)
    updated: list[PracticePage] = field(default_factory=list)
    unchanged: list[PracticePage] = field(default_factory=list)


# Reading files ----------------------------------------------------------------------------------------


def read_practice_file(path: Path) -> list[tuple[str, dict[str, Any]]]:
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


def parse_json(text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PracticeFileError(f"not valid JSON: {error}") from error
    if isinstance(data, dict):
        data = data.get("practices")
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise PracticeFileError('expected a list of practices or {"practices": [...]}')
    return [(f"record {number}", item) for number, item in enumerate(data, start=1)]


def parse_csv(text: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise PracticeFileError("the CSV file has no header row")
    missing = [name for name in REQUIRED_COLUMNS if name not in reader.fieldnames]
    if missing:
        raise PracticeFileError(f"missing columns: {', '.join(missing)}")
    records = []
    for row in reader:
        record: dict[str, Any] = {key: (value or "").strip() for key, value in row.items() if key}
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


# Validation -------------------------------------------------------------------------------------------


class Vocabulary:
    """Every lookup table an import needs, loaded once (a few queries whatever the file's size)."""

    def __init__(self) -> None:
        self.priorities = {priority.slug: priority for priority in Priority.objects.all()}
        self.priorities_by_number = {str(priority.number): priority for priority in self.priorities.values()}
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.target_groups = {group.slug: group for group in TargetGroup.objects.all()}
        self.indicators = {indicator.slug: indicator for indicator in Indicator.objects.all()}
        self.funding_sources: dict[str, FundingSource] = {}
        for source in FundingSource.objects.all():
            self.funding_sources[source.slug] = source
            self.funding_sources[slugify_ascii(source.label)] = source
        self.members = {member.slug: member for member in Member.objects.all()}


def validate_records(
    records: list[tuple[str, dict[str, Any]]], *, member: Member | None = None
) -> tuple[list[PracticeRow], list[RowError]]:
    """Check every record. With `member`, every practice is led by that member (as in a member's own
    import); without, each record names its `lead_member` (as in the demo corpus)."""
    vocabulary = Vocabulary()
    rows: list[PracticeRow] = []
    errors: list[RowError] = []
    seen_slugs: set[tuple[int, str]] = set()
    for location, record in records:
        row, row_errors = validate_record(location, record, vocabulary=vocabulary, member=member)
        if row is not None:
            key = (row.lead_member.pk, row.slug)
            if key in seen_slugs:
                row_errors.append(RowError(location, "slug", f"“{row.slug}” appears twice in the file"))
            seen_slugs.add(key)
        if row_errors:
            errors.extend(row_errors)
        elif row is not None:
            rows.append(row)
    return rows, errors


def validate_record(
    location: str, record: dict[str, Any], *, vocabulary: Vocabulary, member: Member | None
) -> tuple[PracticeRow | None, list[RowError]]:
    errors: list[RowError] = []

    def error(name: str, message: str) -> None:
        errors.append(RowError(location, name, message))

    lead_slug = str(record.get("lead_member") or "").strip()
    lead_member = member
    if member is not None:
        if lead_slug and lead_slug != member.slug:
            error(
                "lead_member", f"“{lead_slug}” is not {member.slug}; you can import only your own practices"
            )
    elif not lead_slug:
        error("lead_member", "required")
    elif lead_slug not in vocabulary.members:
        error("lead_member", f"unknown member “{lead_slug}”")
    else:
        lead_member = vocabulary.members[lead_slug]

    slug = str(record.get("slug") or "").strip() or slugify(str(record.get("title") or ""))[:80]
    if not slug:
        error("slug", "required (or give a title to derive it from)")
    elif slug != slugify(slug):
        error("slug", "use lower-case letters, digits and hyphens only")

    priority_key = str(record.get("priority") or "").strip()
    priority = vocabulary.priorities_by_number.get(priority_key) or vocabulary.priorities.get(priority_key)
    if not priority_key:
        error("priority", "required")
    elif priority is None:
        error("priority", f"unknown priority “{priority_key}”")

    values: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        value = record.get(name)
        if name == "is_success_story":
            parsed = parse_bool(value)
            if parsed is None:
                error(name, f"“{value}” is not yes or no")
            values[name] = bool(parsed)
        elif name == "budget_eur":
            values[name] = None if value in (None, "") else value
        elif name in DATE_FIELDS:
            values[name] = value or None
        else:
            values[name] = "" if value is None else str(value).strip()
    if not values["language"]:
        values["language"] = "en"
    if not values["status"]:
        values["status"] = PracticePage.Status.ONGOING
    if not values["evaluation_type"]:
        values["evaluation_type"] = PracticePage.EvaluationType.NONE

    themes = lookup_list(record, "themes", vocabulary.themes, error, "theme")
    target_groups = lookup_list(record, "target_groups", vocabulary.target_groups, error, "target group")
    partner_members = lookup_list(record, "partner_members", vocabulary.members, error, "member")
    funding_sources = lookup_list(
        record, "funding", vocabulary.funding_sources, error, "funding source", key=slugify_ascii
    )
    if lead_member is not None and any(partner.pk == lead_member.pk for partner in partner_members):
        error("partner_members", "the lead member cannot also be a partner")
    keywords = record.get("keywords") or []
    if isinstance(keywords, str):
        keywords = split_list(keywords)

    page = PracticePage(slug=slug or "x", priority=priority, lead_member=lead_member, **values)
    invalid: set[str] = set()
    try:
        page.clean_fields(exclude=[f.name for f in PracticePage._meta.fields if f.name not in values])
    except ValidationError as validation_error:
        for name, messages in validation_error.message_dict.items():
            invalid.add(name)
            for message in messages:
                error(name, message)
    for name in invalid:  # so the rules across fields can still be checked on the others
        setattr(page, name, None if name in DATE_FIELDS or name == "budget_eur" else "")
    values = {name: getattr(page, name) for name in values}
    try:
        page.validate_practice()
    except ValidationError as validation_error:
        for name, messages in validation_error.message_dict.items():
            for message in messages:
                error(name, message)

    indicators = validate_indicators(record.get("indicators"), vocabulary, error)

    if errors or lead_member is None or priority is None:
        return None, errors
    row = PracticeRow(
        location=location,
        slug=slug,
        lead_member=lead_member,
        priority=priority,
        values=values,
        themes=themes,
        keywords=[str(keyword).strip() for keyword in keywords if str(keyword).strip()],
        target_groups=target_groups,
        partner_members=partner_members,
        funding_sources=funding_sources,
        indicators=indicators,
    )
    return row, errors


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def lookup_list(record, name, table, error, noun, key=lambda value: value) -> list:
    values = record.get(name) or []
    if isinstance(values, str):
        values = split_list(values)
    if not isinstance(values, list):
        error(name, "expected a list")
        return []
    found = []
    for value in values:
        item = table.get(key(str(value).strip()))
        if item is None:
            error(name, f"unknown {noun} “{value}”")
        elif item not in found:
            found.append(item)
    return found


def validate_indicators(raw: Any, vocabulary: Vocabulary, error) -> list[dict[str, Any]]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        error("indicators", "expected indicator=value pairs separated by “;”")
        return []
    indicators = []
    for item in raw:
        if not isinstance(item, dict):
            error("indicators", "each indicator needs “indicator” and “value”")
            continue
        slug = str(item.get("indicator") or "").strip()
        indicator = vocabulary.indicators.get(slug)
        if indicator is None:
            error("indicators", f"unknown indicator “{slug}”")
            continue
        candidate = PracticeIndicator(indicator=indicator)
        for name in ("value", "baseline", "target"):
            number = item.get(name)
            if number in (None, ""):
                setattr(candidate, name, None)
                continue
            try:
                setattr(candidate, name, Decimal(str(number)))
            except InvalidOperation:
                error("indicators", f"{slug}: {name} “{number}” is not a number")
                setattr(candidate, name, None)
        candidate.period_start = item.get("period_start") or None
        candidate.period_end = item.get("period_end") or None
        try:
            candidate.clean_fields(exclude=["page", "indicator", "sort_order"])
            candidate.clean()
        except ValidationError as validation_error:
            for name, messages in validation_error.message_dict.items():
                for message in messages:
                    error("indicators", f"{slug}: {name}: {message}")
            continue
        indicators.append(
            {
                name: getattr(candidate, name)
                for name in ("indicator", "value", "baseline", "target", "period_start", "period_end")
            }
        )
    return indicators


# Writing ----------------------------------------------------------------------------------------------


def apply_row(page: PracticePage, row: PracticeRow) -> None:
    for name, value in row.values.items():
        setattr(page, name, value)
    page.slug = row.slug
    page.priority = row.priority
    page.lead_member = row.lead_member
    page.themes.set(row.themes)
    page.keywords.set(row.keywords)
    page.target_groups.set(row.target_groups)
    page.partner_members.set(row.partner_members)
    page.funding_sources.set(row.funding_sources)
    page.indicators = [PracticeIndicator(**indicator) for indicator in row.indicators]


def comparable(value: Any) -> Any:
    return value if value is None or isinstance(value, (bool, int, Decimal)) else str(value)


def row_fingerprint(row: PracticeRow) -> tuple:
    return (
        row.slug,
        tuple(sorted((name, comparable(value)) for name, value in row.values.items())),
        row.priority.pk,
        tuple(sorted(theme.pk for theme in row.themes)),
        tuple(sorted(row.keywords)),
        tuple(sorted(group.pk for group in row.target_groups)),
        tuple(sorted(member.pk for member in row.partner_members)),
        tuple(sorted(source.pk for source in row.funding_sources)),
        tuple(
            (
                item["indicator"].pk,
                *(item[name] for name in ("value", "baseline", "target", "period_start", "period_end")),
            )
            for item in row.indicators
        ),
    )


def page_fingerprint(page: PracticePage) -> tuple:
    return (
        page.slug,
        tuple(sorted((name, comparable(getattr(page, name))) for name in SCALAR_FIELDS)),
        page.priority_id,
        tuple(sorted(item.tag_id for item in page.tagged_themes.all())),
        tuple(sorted(item.tag.name for item in page.tagged_keywords.all())),
        tuple(sorted(group.pk for group in page.target_groups.all())),
        tuple(sorted(member.pk for member in page.partner_members.all())),
        tuple(sorted(source.pk for source in page.funding_sources.all())),
        tuple(
            (
                item.indicator_id,
                *(
                    getattr(item, name)
                    for name in ("value", "baseline", "target", "period_start", "period_end")
                ),
            )
            for item in page.indicators.all()
        ),
    )


def publish_saved_page(page: PracticePage, user: Any = None) -> None:
    """Publish what was just saved, with a revision and history entries, in a handful of queries.
    Wagtail's `revision.publish()` saves the whole page (and every child relation) twice more, which
    makes loading the demo corpus several times slower; the outcome is the same."""
    now = timezone.now()
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    first_published_at = page.first_published_at or now
    Page.objects.filter(pk=page.pk).update(
        live=True,
        has_unpublished_changes=False,
        draft_title=page.title,
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
        first_published_at=first_published_at,
        last_published_at=now,
    )
    page.live, page.has_unpublished_changes = True, False
    page.latest_revision = page.live_revision = revision
    page.first_published_at, page.last_published_at = first_published_at, now
    log(instance=page, action="wagtail.publish", user=user, revision=revision)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)


@transaction.atomic
def import_practice_rows(rows: list[PracticeRow], *, publish: bool, user: Any = None) -> ImportResult:
    """Create or update one page per row under its lead member's folder; publish, or leave a draft
    revision for moderators. Call only with rows from `validate_records` (all of them valid).
    A published practice whose content already matches its row is left alone."""
    result = ImportResult()
    if not rows:
        return result
    member_ids = {row.lead_member.pk for row in rows}
    folders = {
        folder.member_id: folder for folder in PracticeFolderPage.objects.filter(member_id__in=member_ids)
    }
    missing = sorted(row.lead_member.slug for row in rows if row.lead_member.pk not in folders)
    if missing:
        raise PracticeFileError(
            f"these members have no practice folder yet: {', '.join(sorted(set(missing)))}"
        )
    existing = {
        (page.lead_member_id, page.slug): page
        for page in PracticePage.objects.filter(
            lead_member_id__in=member_ids, slug__in={row.slug for row in rows}
        ).prefetch_related(
            "tagged_themes",
            "tagged_keywords__tag",
            "target_groups",
            "partner_members",
            "funding_sources",
            "indicators",
        )
    }
    for row in rows:
        page = existing.get((row.lead_member.pk, row.slug))
        if page is None:
            page = PracticePage(live=False, owner=user)
            apply_row(page, row)
            if publish:
                folders[row.lead_member.pk].add_child(instance=page)
                log(instance=page, action="wagtail.create", user=user)
                publish_saved_page(page, user)
            else:
                folders[row.lead_member.pk].add_child(instance=page)
                page.save_revision(user=user, log_action="wagtail.create")
            result.created.append(page)
            continue
        if (
            publish
            and page.live
            and not page.has_unpublished_changes
            and page_fingerprint(page) == row_fingerprint(row)
        ):
            result.unchanged.append(page)
            continue
        apply_row(page, row)
        if publish:
            page.save()
            publish_saved_page(page, user)
        else:
            page.save_revision(user=user, log_action=True)
        result.updated.append(page)
    return result
