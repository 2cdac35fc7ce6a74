"""The dashboard's context: headline figures, charts (each with its data table) and the filter form."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_countries import countries

from core.models import MemberKind, Priority
from events.models import EventIndexPage, Registration
from practices.models import PracticeIndexPage
from transfers.models import TransferProject

from .charts import Chart, Series
from .rollup import ImpactFilters, Rollup

# The figures the call asks for, in the order shown. Each is one vocabulary indicator (one unit).
HEADLINE_INDICATORS = (
    "beneficiaries",
    "people-trained",
    "training-days",
    "children-0-14",
    "children-15-17",
    "alternative-care-places",
    "alternative-care-places-new",
)


class Links:
    """URLs of the listings behind a figure, keeping the dashboard's filters."""

    def __init__(self, filters: ImpactFilters) -> None:
        self.filters = filters
        practice_index = PracticeIndexPage.objects.live().first()
        event_index = EventIndexPage.objects.live().first()
        self.practices_url = practice_index.url if practice_index else "/practices/"
        self.past_events_url = f"{event_index.url if event_index else '/events/'}past/"

    def practices(self, **overrides: Any) -> str:
        return f"{self.practices_url}?{urlencode(self.filters.params(**overrides))}"

    def events(self, **overrides: Any) -> str:
        # The past-event listing filters by priority and country; year and kind have no filter there.
        params = {
            key: value
            for key, value in self.filters.params(**overrides).items()
            if key in ("priority", "country")
        }
        return f"{self.past_events_url}?{urlencode(params)}" if params else self.past_events_url


def headline_figures(rollup: Rollup, links: Links) -> list[dict[str, Any]]:
    figures = []
    for slug in HEADLINE_INDICATORS:
        indicator = rollup.indicators.get(slug)
        if indicator is None:
            continue
        figures.append(
            {
                "slug": slug,
                "label": indicator.localized_label,
                "unit": indicator.localized_unit,
                "total": rollup.total(slug),
                "from_practices": rollup.total(slug, "practices"),
                "from_events": rollup.total(slug, "events"),
                "practices_link": links.practices(indicator=slug),
            }
        )
    figures.append(
        {
            "slug": "events-held",
            "label": _("Events held"),
            "unit": _("events"),
            "total": rollup.total("events-held"),
            "from_practices": None,
            "from_events": rollup.total("events-held"),
            "events_link": links.events(),
        }
    )
    figures.append(
        {
            "slug": "participants",
            "label": _("Event attendance"),
            "unit": _("people"),
            "total": rollup.total("participants"),
            "from_practices": None,
            "from_events": rollup.total("participants"),
            "events_link": links.events(),
        }
    )
    return figures


def event_participation(rollup: Rollup) -> list[dict[str, Any]]:
    """Registrations, attendance and feedback of the events counted, each with its own unit: a count, a
    percentage or a mean score, never added to one another."""
    figures = rollup.event_figures
    rate = figures.attendance_rate
    rows: list[tuple[str, str, Decimal | None, str]] = [
        (
            "places",
            _("Places offered"),
            None if figures.places is None else Decimal(figures.places),
            _("places"),
        ),
        ("registered", _("Registrations"), Decimal(figures.registered), _("registrations")),
        ("attended", _("Attended"), Decimal(figures.attended), _("people")),
        ("no-shows", _("No-shows"), Decimal(figures.no_shows), _("people")),
        (
            "attendance-rate",
            _("Attendance rate"),
            None if rate is None else round(Decimal(rate * 100), 1),
            _("percent of confirmed registrants"),
        ),
        ("feedback-responses", _("Feedback responses"), Decimal(figures.feedback_responses), _("responses")),
        ("satisfaction", _("Satisfaction (1-5)"), mean_score(figures.satisfaction), _("mean score out of 5")),
        (
            "usefulness",
            _("Usefulness for transfer (1-5)"),
            mean_score(figures.usefulness),
            _("mean score out of 5"),
        ),
    ]
    return [{"slug": slug, "label": label, "value": value, "unit": unit} for slug, label, value, unit in rows]


def mean_score(value: float | None) -> Decimal | None:
    return None if value is None else round(Decimal(value), 1)


# Participant types as the registration form asks them; "" (not given) is shown as "Not stated".
NOT_STATED = "not-stated"


def participant_type_categories() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Registration.ParticipantType.choices] + [
        (NOT_STATED, _("Not stated"))
    ]


def training_days_by_participant_type(rollup: Rollup) -> dict[str, Decimal]:
    return {kind or NOT_STATED: days for kind, days in rollup.event_figures.training_days_by_type.items()}


def practice_series(rollup: Rollup, links: Links, slug: str, dimension: str, label: str) -> Series:
    values = rollup.by(dimension, slug, "practices")
    return Series(
        label=label,
        values=values,
        links={key: links.practices(indicator=slug, **{dimension: key}) for key in values},
    )


def build_charts(rollup: Rollup, links: Links, filters: ImpactFilters) -> list[Chart]:
    indicator = rollup.indicators
    label = {slug: item.localized_label for slug, item in indicator.items()}
    priorities = [(p.slug, str(p)) for p in Priority.objects.all()]
    kinds = [(k.slug, k.localized_label) for k in MemberKind.objects.all()]
    years = sorted({*rollup.by("year", "training-days"), *rollup.by("year", "events-held")}, key=int)
    year_categories = [(year, year) for year in years]
    minors = {**rollup.by("country", "children-0-14"), **rollup.by("country", "children-15-17")}
    minor_countries = country_categories(minors)
    trained_by_priority = practice_series(
        rollup,
        links,
        "people-trained",
        "priority",
        _("%(label)s, in practices") % {"label": label.get("people-trained", "")},
    )
    event_trained = rollup.by("priority", "people-trained", "events")
    days_practices = practice_series(rollup, links, "training-days", "year", _("In practices"))
    days_events = rollup.by("year", "training-days", "events")
    charts = [
        Chart(
            slug="people-by-priority",
            title=_("People reached and trained, by priority"),
            description=_(
                "Third-country nationals reached by the practices, and staff, carers or officials trained "
                "by practices and at the network's training events, for each call priority."
            ),
            unit=_("people"),
            dimension=_("Priority"),
            categories=priorities,
            series=[
                practice_series(rollup, links, "beneficiaries", "priority", label.get("beneficiaries", "")),
                trained_by_priority,
                Series(
                    _("Trained at the network's events"),
                    event_trained,
                    {key: links.events(priority=key) for key in event_trained},
                ),
            ],
        ),
        Chart(
            slug="people-by-member-kind",
            title=_("People reached, by kind of member"),
            description=_("Third-country nationals reached by the practices, by the kind of lead member."),
            unit=_("people"),
            dimension=_("Kind of member"),
            categories=kinds,
            series=[
                practice_series(rollup, links, "beneficiaries", "member_kind", label.get("beneficiaries", ""))
            ],
        ),
        Chart(
            slug="training-days-by-year",
            title=_("Training days delivered, by year"),
            description=_(
                "Training days delivered to carers or staff, by practices and at the network's training "
                "events (participants times days), stacked: both are counted in days."
            ),
            unit=_("days"),
            dimension=_("Year"),
            categories=year_categories,
            series=[
                days_practices,
                Series(_("At the network's events"), days_events, {}),
            ],
            kind="stacked",
        ),
        Chart(
            slug="minors-by-country",
            title=_("Migrant children supported, by country and age"),
            description=_("Children aged 0–14 and 15–17 benefiting from the practices, where given."),
            unit=_("children"),
            dimension=_("Country"),
            categories=minor_countries,
            series=[
                practice_series(rollup, links, "children-0-14", "country", _("Aged 0–14")),
                practice_series(rollup, links, "children-15-17", "country", _("Aged 15–17")),
            ],
            kind="stacked",
        ),
        Chart(
            slug="training-days-by-participant-type",
            title=_("Training days at the network's events, by participant type"),
            description=_(
                "Training days delivered at the network's training events that have taken place: each "
                "participant marked as attended times the event's days, by the participant type they gave."
            ),
            unit=_("days"),
            dimension=_("Participant type"),
            categories=participant_type_categories(),
            series=[Series(_("Training days"), training_days_by_participant_type(rollup), {})],
        ),
        Chart(
            slug="events-by-year",
            title=_("Events held and attendance, by year"),
            description=_("Events of the network that have taken place, and how many took part."),
            unit=_("events"),
            dimension=_("Year"),
            categories=year_categories,
            series=[Series(_("Events held"), rollup.by("year", "events-held"), {})],
        ),
        Chart(
            slug="attendance-by-year",
            title=_("Event attendance, by year"),
            description=_("Participants at the network's events that have taken place."),
            unit=_("people"),
            dimension=_("Year"),
            categories=year_categories,
            series=[Series(_("Participants"), rollup.by("year", "participants"), {})],
        ),
        Chart(
            slug="transfers-by-stage",
            title=_("Transfer projects, by stage"),
            description=_(
                "Practices being transferred from one member to another, "
                "by the stage each project has reached."
            ),
            unit=_("projects"),
            dimension=_("Stage"),
            categories=[(value, str(text)) for value, text in TransferProject.Stage.choices],
            series=[counted(_("Transfer projects"), rollup.transfers_by_stage)],
        ),
    ]
    practices_by_country = rollup.practices_by("country")
    map_countries = country_categories({*practices_by_country, *rollup.members_by_country})
    for slug, title, description, unit, series in (
        (
            "practices-map",
            _("Practices, by country"),
            _("Map of Europe and partner countries, shaded by the number of published practices."),
            _("practices"),
            counted(
                _("Practices"),
                practices_by_country,
                {code: links.practices(country=code) for code in practices_by_country},
            ),
        ),
        (
            "members-map",
            _("Members, by country"),
            _("Map of Europe and partner countries, shaded by the number of network members."),
            _("members"),
            counted(_("Members"), rollup.members_by_country),
        ),
    ):
        charts.append(
            Chart(slug, title, description, unit, _("Country"), map_countries, [series], kind="map")
        )
    return charts


def counted(label: str, counts: dict[str, int], links: dict[str, str] | None = None) -> Series:
    """A series of counts (practices, members, projects) per category key."""
    return Series(label, {key: Decimal(count) for key, count in counts.items()}, links or {})


def country_categories(codes: Iterable[str]) -> list[tuple[str, str]]:
    """Country codes as chart categories or choices, in the order of their names."""
    return sorted(((code, countries.name(code)) for code in codes), key=lambda item: item[1])


def filter_options(rollup: Rollup, filters: ImpactFilters) -> list[dict[str, Any]]:
    """The select boxes of the filter form (a plain GET form: it works without JavaScript)."""
    country_codes = {*rollup.members_by_country, *rollup.practices_by("country")}
    if filters.country:
        country_codes.add(filters.country)

    def field(name: str, label: str, choices: list[tuple[str, str]]) -> dict[str, Any]:
        selected = str(getattr(filters, name) or "")
        return {
            "name": name,
            "label": label,
            "choices": [
                {"value": value, "label": text, "selected": value == selected} for value, text in choices
            ],
        }

    return [
        field("priority", _("Priority"), [(p.slug, str(p)) for p in Priority.objects.all()]),
        field("country", _("Country"), country_categories(country_codes)),
        field("year", _("Year"), [(str(year), str(year)) for year in rollup.years]),
        field(
            "member_kind",
            _("Kind of member"),
            [(k.slug, k.localized_label) for k in MemberKind.objects.all()],
        ),
    ]


def dashboard_context(rollup: Rollup, filters: ImpactFilters) -> dict[str, Any]:
    links = Links(filters)
    return {
        "filters": filters,
        "filter_fields": filter_options(rollup, filters),
        "query": urlencode(filters.params()),
        "figures": headline_figures(rollup, links),
        "event_participation": event_participation(rollup),
        "practice_count": rollup.practice_count(),
        "practices_link": links.practices(),
        "charts": build_charts(rollup, links, filters),
    }
