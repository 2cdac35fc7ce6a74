"""Dates, times, time zones, numbers and money in the reader's language, one style per kind (CLDR via Babel).

Django's own DATE_FORMAT differs in style from locale to locale ("Dec. 1, 2026" in English, "1. Dezember
2026" in German) and knows no time-zone names, so every page formats through these functions instead:
a date is CLDR's long date, a moment is that date with the short time, a month is month and year, a time
zone is its name and offset ("Central European Time (UTC+01:00)"), never a raw id like Europe/Brussels.
"""

from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers
from django.utils import timezone
from django.utils.translation import get_language, to_locale

# A European network writes English the British way: 3 February 2027, 14:30.
CLDR_LOCALES = {"en": "en_GB"}


def babel_locale(language: str | None = None) -> Locale:
    """The CLDR locale of a Django language code (the active language by default)."""
    code = language or get_language() or "en"
    return Locale.parse(CLDR_LOCALES.get(code, to_locale(code)))


def _local(value: datetime, zone: tzinfo | str | None) -> datetime:
    if isinstance(zone, str):
        zone = ZoneInfo(zone)
    if timezone.is_naive(value):
        return value
    return value.astimezone(zone or timezone.get_current_timezone())


def format_day(value: date | datetime, zone: tzinfo | str | None = None) -> str:
    """A calendar day: 3 February 2027, 3. Februar 2027, 3 février 2027."""
    if isinstance(value, datetime):
        value = _local(value, zone).date()
    return dates.format_date(value, format="long", locale=babel_locale())


def format_weekday_day(value: date | datetime, zone: tzinfo | str | None = None) -> str:
    """A day with its weekday, for an event's own dates: Wednesday 3 February 2027."""
    if isinstance(value, datetime):
        value = _local(value, zone).date()
    return dates.format_date(value, format="full", locale=babel_locale())


def format_time_of_day(value: time | datetime, zone: tzinfo | str | None = None) -> str:
    """A time of day in the locale's short style: 14:30 (or 2:30 PM where that is the norm)."""
    if isinstance(value, datetime):
        value = _local(value, zone).timetz()
    return dates.format_time(value, format="short", locale=babel_locale())


def format_moment(value: datetime, zone: tzinfo | str | None = None) -> str:
    """A date and time: 3 February 2027, 14:30."""
    local = _local(value, zone)
    return f"{format_day(local.date())}, {format_time_of_day(local.timetz())}"


def format_month(value: date | datetime) -> str:
    """A month: February 2027, Februar 2027."""
    return dates.format_skeleton("yMMMM", value, locale=babel_locale())


def format_short_month(value: date | datetime) -> str:
    """A month in a table cell: Feb 2027."""
    return dates.format_skeleton("yMMM", value, locale=babel_locale())


def format_time_zone(zone: tzinfo | str, at: datetime | None = None) -> str:
    """A time zone as a person reads it: its name and its offset at that moment (summer time included).

    Central European Time (UTC+01:00) in English, Mitteleuropäische Zeit (UTC+01:00) in German.
    """
    if isinstance(zone, str):
        zone = ZoneInfo(zone)
    moment = (at or timezone.now()).astimezone(zone)
    locale = babel_locale()
    name = dates.get_timezone_name(moment, width="long", locale=locale)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{name} (UTC{sign}{hours:02d}:{rest:02d})"


def format_money(amount: Decimal | int | float, currency: str = "EUR") -> str:
    """An amount of money: €25,000 in English, 25.000 € in German; cents only when there are some."""
    locale = babel_locale()
    value = Decimal(str(amount))
    if value != value.to_integral_value():
        return numbers.format_currency(value, currency, locale=locale)
    pattern = numbers.parse_pattern(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern.apply(value, locale, currency=currency, currency_digits=False)


def format_number(value: Decimal | int | float) -> str:
    """A number with the locale's separators: 1,234.5 / 1.234,5."""
    return numbers.format_decimal(value, locale=babel_locale())
