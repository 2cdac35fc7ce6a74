"""The impact dashboard adds up exactly the practices' and events' indicators, like with like."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from core.models import MemberKind
from events.actions import record_attendance
from events.models import FeedbackResponse, Registration
from events.models.related import EventIndicator
from practices.models import PracticeIndicator, PracticePage
from tests.events.factories import RegistrationFactory, in_days, make_event
from tests.factories import MemberFactory
from tests.listings import card_titles
from tests.practices.factories import practice_page
from transfers.models import TransferProject

pytestmark = pytest.mark.django_db

URL = "/impact/"


@pytest.fixture
def network():
    kinds = list(MemberKind.objects.all()[:2])
    ghent = MemberFactory(country="BE", kind=kinds[0])
    bologna = MemberFactory(country="IT", kind=kinds[1])
    practices = [
        practice_page(
            ghent,
            priority=1,
            start_date=date(2022, 3, 1),
            indicators=[("beneficiaries", 120), ("people-trained", 15), ("training-days", Decimal("7.5"))],
            with_revision=False,
        ),
        practice_page(
            ghent,
            priority=2,
            start_date=date(2023, 5, 1),
            indicators=[("beneficiaries", 80), ("children-0-14", 30), ("children-15-17", 12)],
            with_revision=False,
        ),
        practice_page(
            bologna,
            priority=1,
            start_date=date(2023, 1, 1),
            indicators=[("beneficiaries", 45), ("alternative-care-places", 9)],
            with_revision=False,
        ),
    ]
    # Not public: never counted.
    practice_page(
        bologna, priority=1, publish=False, indicators=[("beneficiaries", 10_000)], with_revision=False
    )
    training = make_event(
        member=bologna, event_type="training", start=in_days(-30), end=in_days(-30) + timedelta(hours=7)
    )
    training.priorities.set([practices[0].priority, practices[1].priority])
    training.save()
    attendees = [RegistrationFactory(event=training) for _ in range(4)]
    RegistrationFactory(event=training)  # registered, did not come
    record_attendance(training, {registration.pk for registration in attendees})
    workshop = make_event(
        member=ghent, start=in_days(-400), end=in_days(-400) + timedelta(hours=3), attendance=25
    )
    make_event(member=ghent, start=in_days(20))  # upcoming: not held yet
    TransferProject.objects.create(title="Buddy scheme", helping_member=ghent, receiving_member=bologna)
    TransferProject.objects.create(
        title="Intake desk", helping_member=bologna, receiving_member=ghent, stage="completed"
    )
    return {
        "ghent": ghent,
        "bologna": bologna,
        "practices": practices,
        "training": training,
        "workshop": workshop,
    }


def figure(html: str, slug: str) -> Decimal:
    match = re.search(rf'data-figure="{slug}">.*?class="numeric impact-total">([^<]*)<', html, re.S)
    assert match, slug
    return Decimal(match.group(1).replace(",", "").replace("\u202f", "").replace("\xa0", "") or 0)


def test_totals_equal_the_sums_over_public_practices_and_held_events(client, network):
    html = client.get(URL).content.decode()
    public = PracticePage.objects.live_public()
    held = [network["training"].pk, network["workshop"].pk]
    for slug in (
        "beneficiaries",
        "people-trained",
        "training-days",
        "children-0-14",
        "alternative-care-places",
    ):
        practices_sum = PracticeIndicator.objects.filter(page__in=public, indicator__slug=slug).aggregate(
            total=Sum("value")
        )["total"] or Decimal(0)
        events_sum = EventIndicator.objects.filter(event_id__in=held, indicator__slug=slug).aggregate(
            total=Sum("value")
        )["total"] or Decimal(0)
        assert figure(html, slug) == practices_sum + events_sum, slug
    # The figures themselves, so the sums above cannot be trivially zero.
    assert figure(html, "beneficiaries") == 245  # the unpublished practice's 10,000 are not in it
    assert figure(html, "people-trained") == 15 + 4  # 4 attended the training event
    assert figure(html, "training-days") == Decimal("7.5") + 4  # 4 people x one day
    assert figure(html, "events-held") == 2
    assert figure(html, "participants") == 4 + 25


def test_people_are_never_added_to_days(client, network):
    response = client.get(URL)
    figures = {item["slug"]: item for item in response.context["figures"]}
    assert figures["people-trained"]["unit"] == "people"
    assert figures["training-days"]["unit"] == "days"
    for chart in response.context["charts"]:
        if chart.kind == "stacked":  # stacked bars add their series: each must hold one unit
            assert chart.slug in {"training-days-by-year", "minors-by-country"}


def test_filters_narrow_every_figure(client, network):
    html = client.get(URL, {"country": "IT"}).content.decode()
    assert figure(html, "beneficiaries") == 45
    assert figure(html, "events-held") == 1  # the training, in Milano's host country
    html = client.get(URL, {"priority": network["practices"][1].priority.slug}).content.decode()
    assert figure(html, "beneficiaries") == 80
    assert figure(html, "people-trained") == 4  # the training has that priority too
    html = client.get(URL, {"year": "2023"}).content.decode()
    assert figure(html, "beneficiaries") == 125
    html = client.get(URL, {"member_kind": network["ghent"].kind.slug}).content.decode()
    assert figure(html, "beneficiaries") == 200
    assert client.get(URL, {"year": "20x3", "country": "<b>"}).status_code == 200


def test_each_figure_links_to_the_practices_behind_it(client, network):
    response = client.get(URL, {"year": "2023"})
    link = next(item for item in response.context["figures"] if item["slug"] == "beneficiaries")[
        "practices_link"
    ]
    listing = client.get(link)
    assert listing.status_code == 200
    titles = set(card_titles(listing))
    expected = {page.title for page in network["practices"][1:]}
    assert titles == expected
    children = next(chart for chart in response.context["charts"] if chart.slug == "minors-by-country")
    listing = client.get(children.series[0].links["BE"])
    assert set(card_titles(listing)) == {network["practices"][1].title}


def test_charts_are_svg_without_scripts_or_outside_references(client, network):
    charts = client.get(URL).context["charts"]
    assert {chart.slug for chart in charts} >= {"people-by-priority", "transfers-by-stage", "members-map"}
    for chart in charts:
        response = client.get(reverse("impact:chart_svg", args=[chart.slug]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        svg = response.content.decode()
        ElementTree.fromstring(svg)  # noqa: S314 (our own output) well-formed, or a browser shows nothing
        assert "<script" not in svg
        assert not re.search(r'(href|src)="(https?:)?//', svg), chart.slug
        assert f"<title>{chart.title}</title>" in svg
        assert "<desc>" in svg
    assert client.get("/impact/charts/nothing.svg").status_code == 404


def test_maps_are_cropped_to_europe_and_shade_the_countries_with_figures(client, network):
    svg = client.get(reverse("impact:chart_svg", args=["members-map"])).content.decode()
    assert 'viewBox="1130 165 490 370"' in svg
    assert re.search(r'class="it country map-element color-0', svg)
    assert re.search(r'class="be country map-element color-0', svg)
    assert not re.search(r'class="fr country map-element color-0', svg)
    svg = client.get(
        reverse(
            "impact:chart_svg",
            args=[
                "practices-map",
            ],
        ),
        {"country": "BE"},
    ).content.decode()
    assert re.search(r'class="be country map-element color-0', svg)
    assert not re.search(r'class="it country map-element color-0', svg)


def test_csv_has_the_table_figures(client, network):
    response = client.get(reverse("impact:chart_csv", args=["transfers-by-stage"]))
    assert response["Content-Disposition"] == 'attachment; filename="impact-transfers-by-stage.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Stage", "Transfer projects (projects)"]
    assert dict(rows[1:]) == {
        "Understand": "1",
        "Adapt": "0",
        "Implement": "0",
        "Evaluate": "0",
        "Completed": "1",
    }


# 30 before the events' registrations, attendance and feedback were shown; events.reports.impact_figures
# adds its 5 queries (count, events, registrations, feedback scores, practices of interest).
QUERY_BOUND = 30 + 5


@pytest.mark.parametrize("extra", [0, 12])
def test_dashboard_queries_do_not_grow_with_practices_or_events(
    client, network, django_assert_max_num_queries, extra
):
    for number in range(extra):
        practice_page(
            network["ghent"],
            priority=1 + number % 5,
            indicators=[("beneficiaries", number)],
            with_revision=False,
        )
        event = make_event(
            member=network["bologna"],
            event_type="training",
            start=in_days(-50 - number),
            revision=False,
        )
        registration = RegistrationFactory(event=event, participant_type="carer")
        record_attendance(event, {registration.pk})
        FeedbackResponse.objects.create(event=event, satisfaction=4, usefulness=3, given_on=date.today())
    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(URL)
    assert response.status_code == 200
    participation = {item["slug"]: item["value"] for item in response.context["event_participation"]}
    assert participation["attended"] == 4 + extra  # the extra events were really counted
    with django_assert_max_num_queries(QUERY_BOUND):
        assert client.get(reverse("impact:chart_svg", args=["people-by-priority"])).status_code == 200
    with django_assert_max_num_queries(QUERY_BOUND):
        svg = reverse("impact:chart_svg", args=["training-days-by-participant-type"])
        assert client.get(svg).status_code == 200


@pytest.fixture
def trainings(network):
    """Two-day trainings with participant types and attendance marked, beside the network's events."""
    two_days = in_days(-10)
    course = make_event(
        member=network["ghent"],
        event_type="training",
        start=two_days,
        end=two_days + timedelta(days=1, hours=8),
        capacity=10,
    )
    types = ["carer", "carer", "carer", "official", "official", "staff", ""]
    registrations = [RegistrationFactory(event=course, participant_type=kind) for kind in types]
    # The second official did not come; a cancelled carer never counts.
    RegistrationFactory(event=course, participant_type="carer", status=Registration.Status.CANCELLED)
    record_attendance(course, {r.pk for r in registrations if r is not registrations[4]})
    FeedbackResponse.objects.create(event=course, satisfaction=5, usefulness=4, given_on=date.today())
    FeedbackResponse.objects.create(event=course, satisfaction=4, usefulness=3, given_on=date.today())
    # A conference is not training: its attendees count as attendance, not as training days.
    workshop = make_event(member=network["ghent"], event_type="conference", start=in_days(-5))
    came = RegistrationFactory(event=workshop, participant_type="staff")
    record_attendance(workshop, {came.pk})
    # Not held yet: nothing counts.
    upcoming = make_event(member=network["ghent"], event_type="training", start=in_days(5))
    RegistrationFactory(event=upcoming, participant_type="carer")
    return {"course": course, "workshop": workshop}


def days_table(response) -> dict[str, Decimal]:
    (chart,) = [c for c in response.context["charts"] if c.slug == "training-days-by-participant-type"]
    assert chart.unit == "days" and len(chart.series) == 1
    return {row["key"]: row["cells"][0]["value"] for row in chart.rows()}


def test_training_days_per_participant_type_are_the_sums_over_attended_registrations(
    client, network, trainings
):
    response = client.get(URL)
    shown = days_table(response)
    # The sums over attended registrations of held training events, computed here from the rows.
    expected: dict[str, Decimal] = {"carer": 0, "official": 0, "staff": 0, "other": 0, "not-stated": 0}
    held = Registration.objects.filter(attended=True, status=Registration.Status.CONFIRMED)
    for registration in held.select_related("event__event_type"):
        event = registration.event
        if event.is_training and event.end <= timezone.now():
            expected[registration.participant_type or "not-stated"] += event.duration_in_days()
    assert shown == expected
    assert trainings["course"].duration_in_days() == 2
    # 3 carers x 2 days; 1 official; 1 staff; 1 not stated; and the network's one-day training, whose
    # 4 attendees gave no type.
    assert shown == {"carer": 6, "official": 2, "staff": 2, "other": 0, "not-stated": 2 + 4}
    # Days with days only: the total by type is the events' part of the training-days figure.
    figures = {item["slug"]: item for item in response.context["figures"]}
    assert sum(shown.values()) == figures["training-days"]["from_events"]
    # The same figures in the page's data table and in the CSV.
    html = response.content.decode()
    assert 'id="chart-training-days-by-participant-type"' in html
    csv_response = client.get(reverse("impact:chart_csv", args=["training-days-by-participant-type"]))
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Participant type", "Training days (days)"]
    assert [row[1] for row in rows[1:]] == ["6", "2", "2", "0", "6"]
    assert rows[-1][0] == "Not stated"


def test_attendance_no_shows_and_satisfaction_of_the_events(client, network, trainings):
    participation = {item["slug"]: item for item in client.get(URL).context["event_participation"]}
    # The network's training: 5 confirmed, 4 came. The course: 7 confirmed, 6 came (+1 cancelled
    # registration). The conference: 1 confirmed, 1 came. The older workshop had no registrations.
    assert participation["registered"]["value"] == 5 + 8 + 1
    assert participation["attended"]["value"] == 4 + 6 + 1
    assert participation["no-shows"]["value"] == 1 + 1
    assert participation["attendance-rate"]["value"] == round(Decimal(11 * 100) / 13, 1)
    assert participation["attendance-rate"]["unit"] == "percent of confirmed registrants"
    assert participation["feedback-responses"]["value"] == 2
    assert participation["satisfaction"]["value"] == Decimal("4.5")
    assert participation["usefulness"]["value"] == Decimal("3.5")
    units = {item["unit"] for item in participation.values()}
    assert "people" in units and "days" not in units  # no training days among these counts


def test_event_figures_honour_the_filters(client, network, trainings):
    # The course and the workshop are in Ghent's country (BE): only the Italian training is left.
    response = client.get(URL, {"country": "IT"})
    assert days_table(response) == {"carer": 0, "official": 0, "staff": 0, "other": 0, "not-stated": 4}
    participation = {item["slug"]: item["value"] for item in response.context["event_participation"]}
    assert participation["attended"] == 4
    assert participation["satisfaction"] is None
    year = trainings["course"].start.year
    past_year = client.get(URL, {"year": year - 5})
    assert not any(days_table(past_year).values())
    assert {item["slug"]: item["value"] for item in past_year.context["event_participation"]}[
        "registered"
    ] == 0


def test_a_new_practice_purges_the_cached_dashboard(client, network):
    assert figure(client.get(URL).content.decode(), "beneficiaries") == 245
    practice_page(network["ghent"], indicators=[("beneficiaries", 5)])
    assert figure(client.get(URL).content.decode(), "beneficiaries") == 250
