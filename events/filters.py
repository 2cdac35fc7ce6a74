"""The event listing's filters (a django-filter FilterSet) read from the query string, so a filtered
listing is a shareable URL. The FilterSet validates and labels the filters; the narrowing itself is
`EventPageQuerySet.for_filters`, which the calendar feed shares."""

import re
from typing import Any

import django_filters
from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.languages import WORKING_LANGUAGE_CHOICES
from core.models import EventType, Priority, Theme
from core.page_cache import EVENTS, MEMBERS, THEMES
from core.page_cache.memo import remember
from core.vocabulary import terms
from members.models import Member

from .models import EventPage, EventPageQuerySet


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The choices of the vocabulary filters, and the countries and hosts that have live events: the
    same on every render of the listing and calendar, so remembered until one of them changes."""

    def compute() -> dict[str, list[tuple[str, str]]]:
        used_countries = set(
            EventPage.objects.live().exclude(country="").values_list("country", flat=True).distinct()
        )
        return {
            "type": [(term.slug, term.localized_label) for term in terms(EventType)],
            "priority": [(priority.slug, str(priority)) for priority in terms(Priority)],
            "theme": [(theme.slug, theme.localized_label) for theme in terms(Theme)],
            "country": [(code, str(name)) for code, name in countries if code in used_countries],
            "member": list(
                Member.objects.filter(hosted_events__live=True).distinct().values_list("slug", "name")
            ),
        }

    return remember("event-filter-choices", [EVENTS, MEMBERS, THEMES], compute, get_language())


MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value: str) -> tuple[int, int] | None:
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1900 <= year <= 2999):
        return None
    return year, month


class MonthField(forms.Field):
    """A month typed as year-month (what `<input type="month">` sends), cleaned to (year, month)."""

    widget = forms.TextInput(attrs={"type": "month"})  # the help text shows the format

    def to_python(self, value: Any) -> tuple[int, int] | None:
        text = str(value or "").strip()
        if not text:
            return None
        month = parse_month(text)
        if month is None:
            raise forms.ValidationError(_("Enter a month as year-month, e.g. 2026-12."), code="invalid")
        return month


class MonthFilter(django_filters.Filter):
    field_class = MonthField


# Query-string name -> keyword of EventPageQuerySet.for_filters.
FILTER_KEYWORDS = {
    "type": "event_type",
    "priority": "priority",
    "theme": "theme",
    "country": "country",
    "mode": "mode",
    "language": "language",
    "month": "month",
    "member": "member",
}


class EventListingFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(label=_("Type"), empty_label=_("Any"))
    priority = django_filters.ChoiceFilter(label=_("Priority"), empty_label=_("Any"))
    theme = django_filters.ChoiceFilter(label=_("Theme"), empty_label=_("Any"))
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("Any"))
    mode = django_filters.ChoiceFilter(
        label=_("Format"),
        empty_label=_("Online or in person"),
        choices=[("online", _("Online")), ("in_person", _("In person"))],
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), empty_label=_("Any"), choices=WORKING_LANGUAGE_CHOICES
    )
    month = MonthFilter(
        label=_("Month"),
        help_text=_("As year-month, e.g. 2026-12."),
    )
    member = django_filters.ChoiceFilter(label=_("Host"), empty_label=_("Any"))

    class Meta:
        model = EventPage
        fields: list[str] = []

    def __init__(self, data: Any = None, *, queryset: EventPageQuerySet, show_month: bool = True) -> None:
        super().__init__(data, queryset=queryset)
        for name, choices in filter_choices().items():
            self.filters[name].extra["choices"] = choices
        if not show_month:
            del self.filters["month"]

    def filter_queryset(self, queryset: EventPageQuerySet) -> EventPageQuerySet:
        """Narrow by every valid filter; an invalid one shows its error and is left out."""
        keywords = {FILTER_KEYWORDS[name]: value for name, value in self.form.cleaned_data.items() if value}
        return queryset.for_filters(**keywords)

    def active_filters(self) -> list[str]:
        """Human-readable descriptions of the filters in use, for the result count."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        labels = []
        fields = self.form.fields
        for name, value in self.form.cleaned_data.items():
            if not value or name in self.form.errors:
                continue
            if name == "month":
                labels.append(f"{fields[name].label}: {value[0]}-{value[1]:02d}")
            else:
                choice = dict(fields[name].choices).get(value, value)
                labels.append(f"{fields[name].label}: {choice}")
        return labels
