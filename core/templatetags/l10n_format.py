"""Template filters for dates, times, time zones and money in the reader's language (core.formatting).

{{ practice.reviewed|day }}, {{ event.start|moment:event.timezone }},
{{ event.timezone|zone_name:event.start }}, {{ page.budget_eur|money }}.
An empty value renders as an empty string, as Django's date filter does.
"""

from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from typing import Any

from django import template

from core import formatting

register = template.Library()


def _moment(value: Any) -> Any:
    """Search results carry ISO strings from the engine's JSON; everything else passes through."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return value


@register.filter
def day(value: date | datetime | None, zone: tzinfo | str | None = None) -> str:
    value = _moment(value)
    return formatting.format_day(value, zone) if value else ""


@register.filter
def weekday_day(value: date | datetime | None, zone: tzinfo | str | None = None) -> str:
    value = _moment(value)
    return formatting.format_weekday_day(value, zone) if value else ""


@register.filter
def moment(value: datetime | None, zone: tzinfo | str | None = None) -> str:
    value = _moment(value)
    return formatting.format_moment(value, zone) if value else ""


@register.filter
def time_of_day(value: time | datetime | None, zone: tzinfo | str | None = None) -> str:
    return formatting.format_time_of_day(value, zone) if value else ""


@register.filter
def month(value: date | datetime | None) -> str:
    value = _moment(value)
    return formatting.format_month(value) if value else ""


@register.filter
def short_month(value: date | datetime | None) -> str:
    value = _moment(value)
    return formatting.format_short_month(value) if value else ""


@register.filter
def zone_name(zone: tzinfo | str | None, at: datetime | None = None) -> str:
    return formatting.format_time_zone(zone, at) if zone else ""


@register.filter
def money(amount: Decimal | int | float | None, currency: Any = "EUR") -> str:
    return "" if amount is None else formatting.format_money(amount, str(currency or "EUR"))
