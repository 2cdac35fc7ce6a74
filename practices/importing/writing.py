"""Writing validated rows: one page per row in its lead member's folder, matched by slug so that a
second import updates instead of duplicating. Publishing goes through Wagtail's own publish action
(`Revision.publish`), so workflows in progress are cancelled, `page_published` fires and aliases
follow, exactly as when a moderator publishes in the admin."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from ..models import PracticeFolderPage, PracticeIndicator, PracticePage
from .files import PracticeFileError
from .validation import INDICATOR_FIELDS, SCALAR_FIELDS, PracticeRow

# What publishing changes on the page row, read back so callers hold the published state.
PUBLISHED_STATE = [
    "live",
    "has_unpublished_changes",
    "live_revision",
    "first_published_at",
    "last_published_at",
]


@dataclass
class ImportResult:
    created: list[PracticePage] = field(default_factory=list)
    updated: list[PracticePage] = field(default_factory=list)
    unchanged: list[PracticePage] = field(default_factory=list)


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
            (item["indicator"].pk, *(item[name] for name in INDICATOR_FIELDS[1:])) for item in row.indicators
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
            (item.indicator_id, *(getattr(item, name) for name in INDICATOR_FIELDS[1:]))
            for item in page.indicators.all()
        ),
    )


def publish_page(page: PracticePage, user: User | None, *, log_action: bool | str = True) -> None:
    """Save a revision of the page as it is in memory and publish it with Wagtail's publish action."""
    revision = page.save_revision(user=user, log_action=log_action)
    revision.publish(user=user)
    page.refresh_from_db(fields=PUBLISHED_STATE)


@transaction.atomic
def import_practice_rows(rows: list[PracticeRow], *, publish: bool, user: User | None = None) -> ImportResult:
    """Create or update one page per row under its lead member's folder; publish, or leave a draft
    revision for moderators. Call only with rows from `validate_records` (all of them valid).
    A published practice whose content already matches its row is left alone. All or nothing."""
    result = ImportResult()
    if not rows:
        return result
    member_ids = {row.lead_member.pk for row in rows}
    folders = {
        folder.member_id: folder for folder in PracticeFolderPage.in_locale().filter(member_id__in=member_ids)
    }
    missing = sorted({row.lead_member.slug for row in rows if row.lead_member.pk not in folders})
    if missing:
        raise PracticeFileError(f"these members have no practice folder yet: {', '.join(missing)}")
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
            folders[row.lead_member.pk].add_child(instance=page)
            if publish:
                publish_page(page, user, log_action="wagtail.create")
            else:
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
            publish_page(page, user)
        else:
            page.save_revision(user=user, log_action=True)
        result.updated.append(page)
    return result
