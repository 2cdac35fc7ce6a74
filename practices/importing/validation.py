"""Validating practice records with a Django form: the practice model's own form fields for the scalar
columns, vocabulary fields for the lists, then the practice's own rules (`PracticePage.validate_practice`,
shared with the admin). Every record is checked before anything is written."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import fields_for_model
from django.utils.text import slugify

from core.models import FundingSource, Indicator, Priority, TargetGroup, Theme
from core.vocabulary import slugify_ascii
from members.models import Member

from ..models import PracticeIndicator, PracticePage
from .files import Record, split_list

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
# An empty cell means the model's default, not "missing", for these required choices.
DEFAULTS = {
    "language": "en",
    "status": PracticePage.Status.ONGOING,
    "evaluation_type": PracticePage.EvaluationType.NONE,
}
INDICATOR_FIELDS = ("indicator", "value", "baseline", "target", "period_start", "period_end")
TRUE_WORDS = {"1", "true", "yes", "y"}
FALSE_WORDS = {"", "0", "false", "no", "n"}


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


def as_list(value: Any) -> list[Any]:
    """A list column: a JSON list, or one string separated by `;` (as in a CSV cell)."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return split_list(value)
    if not isinstance(value, list):
        raise ValidationError("expected a list")
    return value


class VocabularyField(forms.Field):
    """Slugs (or labels, through `key`) looked up in a table of the import's Vocabulary."""

    def __init__(
        self, table: dict[str, Any], noun: str, key: Callable[[str], str] = str, **kwargs: Any
    ) -> None:
        self.table, self.noun, self.key = table, noun, key
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> list[Any]:
        found: list[Any] = []
        errors = []
        for item in as_list(value):
            match = self.table.get(self.key(str(item).strip()))
            if match is None:
                errors.append(ValidationError(f"unknown {self.noun} “{item}”"))
            elif match not in found:
                found.append(match)
        if errors:
            raise ValidationError(errors)
        return found


class PriorityField(forms.Field):
    """A call priority by its number or its slug."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        super().__init__(error_messages={"required": "required"})

    def to_python(self, value: Any) -> Priority | None:
        key = str(value or "").strip()
        if not key:
            return None
        priority = self.vocabulary.priorities_by_number.get(key) or self.vocabulary.priorities.get(key)
        if priority is None:
            raise ValidationError(f"unknown priority “{key}”")
        return priority


class YesNoField(forms.Field):
    """yes/no, true/false, 1/0, or a JSON boolean; empty is no."""

    def __init__(self) -> None:
        super().__init__(required=False)

    def to_python(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        word = "" if value is None else str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(f"“{value}” is not yes or no")


class KeywordsField(forms.Field):
    def __init__(self) -> None:
        super().__init__(required=False)

    def to_python(self, value: Any) -> list[str]:
        return [str(keyword).strip() for keyword in as_list(value) if str(keyword).strip()]


class IndicatorsField(forms.Field):
    """Outcome indicators as `{"indicator": slug, "value": ..., "baseline": ...}` objects, each checked
    by PracticeIndicator's own rules."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        super().__init__(required=False)

    def to_python(self, value: Any) -> list[dict[str, Any]]:
        if value in (None, ""):
            return []
        if not isinstance(value, list):
            raise ValidationError("expected indicator=value pairs separated by “;”")
        indicators, errors = [], []
        for item in value:
            try:
                indicators.append(self.indicator(item))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return indicators

    def indicator(self, item: Any) -> dict[str, Any]:
        if not isinstance(item, dict):
            raise ValidationError("each indicator needs “indicator” and “value”")
        slug = str(item.get("indicator") or "").strip()
        indicator = self.vocabulary.indicators.get(slug)
        if indicator is None:
            raise ValidationError(f"unknown indicator “{slug}”")
        candidate = PracticeIndicator(indicator=indicator)
        errors = []
        for name in ("value", "baseline", "target"):
            number = item.get(name)
            setattr(candidate, name, None)
            if number not in (None, ""):
                try:
                    setattr(candidate, name, Decimal(str(number)))
                except InvalidOperation:
                    errors.append(f"{slug}: {name} “{number}” is not a number")
        candidate.period_start = item.get("period_start") or None
        candidate.period_end = item.get("period_end") or None
        try:
            candidate.clean_fields(exclude=["page", "indicator", "sort_order"])
            candidate.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.extend(f"{slug}: {name}: {message}" for message in messages)
        if errors:
            raise ValidationError(errors)
        return {name: getattr(candidate, name) for name in INDICATOR_FIELDS}


class PracticeRecordForm(forms.Form):
    """One record of a practice file. With `member`, the practice must be led by that member (a member's
    own import); without, the record names its `lead_member` (the demo corpus)."""

    def __init__(self, record: Record, *, vocabulary: Vocabulary, member: Member | None = None) -> None:
        data = {name: value.strip() if isinstance(value, str) else value for name, value in record.items()}
        for name, default in DEFAULTS.items():
            if data.get(name) in (None, ""):
                data[name] = default
        super().__init__(data=data)
        self.vocabulary, self.member = vocabulary, member
        self.fields.update(fields_for_model(PracticePage, fields=SCALAR_FIELDS))
        for name in DATE_FIELDS:
            self.fields[name] = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
        self.fields.update(
            {
                "is_success_story": YesNoField(),
                "slug": forms.CharField(required=False),
                "lead_member": forms.CharField(required=False),
                "priority": PriorityField(vocabulary),
                "themes": VocabularyField(vocabulary.themes, "theme"),
                "keywords": KeywordsField(),
                "target_groups": VocabularyField(vocabulary.target_groups, "target group"),
                "partner_members": VocabularyField(vocabulary.members, "member"),
                "funding": VocabularyField(vocabulary.funding_sources, "funding source", key=slugify_ascii),
                "indicators": IndicatorsField(vocabulary),
            }
        )

    def clean_lead_member(self) -> Member | None:
        slug = self.cleaned_data["lead_member"]
        if self.member is not None:
            if slug and slug != self.member.slug:
                raise ValidationError(
                    f"“{slug}” is not {self.member.slug}; you can import only your own practices"
                )
            return self.member
        if not slug:
            raise ValidationError("required")
        if slug not in self.vocabulary.members:
            raise ValidationError(f"unknown member “{slug}”")
        return self.vocabulary.members[slug]

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"] or slugify(str(self.data.get("title") or ""))[:80]
        if not slug:
            raise ValidationError("required (or give a title to derive it from)")
        if slug != slugify(slug):
            raise ValidationError("use lower-case letters, digits and hyphens only")
        return slug

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lead = cleaned.get("lead_member")
        if lead is not None and any(partner.pk == lead.pk for partner in cleaned.get("partner_members", [])):
            self.add_error("partner_members", "the lead member cannot also be a partner")
        # The practice's rules across fields, on the fields that are valid on their own.
        page = PracticePage(lead_member=lead, **{name: cleaned.get(name) for name in SCALAR_FIELDS})
        try:
            page.validate_practice()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return cleaned

    def row_errors(self, location: str) -> list[RowError]:
        return [
            RowError(location, "record" if name == NON_FIELD_ERRORS else name, str(message))
            for name, messages in self.errors.items()
            for message in messages
        ]

    def row(self, location: str) -> PracticeRow:
        """The validated record; call only once `is_valid()`."""
        data = self.cleaned_data
        return PracticeRow(
            location=location,
            slug=data["slug"],
            lead_member=data["lead_member"],
            priority=data["priority"],
            values={name: data[name] for name in SCALAR_FIELDS},
            themes=data["themes"],
            keywords=data["keywords"],
            target_groups=data["target_groups"],
            partner_members=data["partner_members"],
            funding_sources=data["funding"],
            indicators=data["indicators"],
        )


def validate_records(
    records: list[tuple[str, Record]], *, member: Member | None = None
) -> tuple[list[PracticeRow], list[RowError]]:
    """Check every record with PracticeRecordForm (see there for `member`); a slug may appear once per
    lead member. Rows are returned only for valid records; errors name their record and field."""
    vocabulary = Vocabulary()
    rows: list[PracticeRow] = []
    errors: list[RowError] = []
    seen_slugs: set[tuple[int, str]] = set()
    for location, record in records:
        form = PracticeRecordForm(record, vocabulary=vocabulary, member=member)
        row_errors = form.row_errors(location)
        slug, lead = form.cleaned_data.get("slug"), form.cleaned_data.get("lead_member")
        if slug and lead is not None:
            if (lead.pk, slug) in seen_slugs:
                row_errors.append(RowError(location, "slug", f"“{slug}” appears twice in the file"))
            seen_slugs.add((lead.pk, slug))
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(form.row(location))
    return rows, errors
