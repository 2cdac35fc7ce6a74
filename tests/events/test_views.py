"""Public pages: listings with bounded queries, the calendar, the event page, registration, feeds."""

from datetime import time, timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from core.models import Priority, Theme
from events.models import AgendaItem, EventPage, Registration
from events.tokens import registration_from_token, registration_token
from members.models import Membership
from tests.events.factories import RegistrationFactory, in_days, make_event
from tests.factories import MemberFactory, member_user

pytestmark = pytest.mark.django_db


def make_many(member, count, *, start_days=1, **fields):
    return [
        make_event(
            member=member,
            title=f"Event {start_days + n}",
            slug=f"event-{start_days}-{n}",
            start=in_days(start_days + n % 25),
            revision=False,
            **fields,
        )
        for n in range(count)
    ]


def queries_for(client, django_assert_max_num_queries, url, bound):
    client.get(url)  # warm the site root and settings caches
    with django_assert_max_num_queries(bound) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


LISTING_URLS = [
    "/events/",
    "/events/?type=workshop&language=en&mode=in_person",
    "/events/?page=2",
    "/events/past/",
    "/events/calendar/",
    "/events/feed.ics",
]
QUERY_BOUND = 20


def test_listing_queries_are_bounded_and_do_not_grow_with_the_number_of_events(
    client, django_assert_max_num_queries, member
):
    make_many(member, 3)
    make_many(member, 3, start_days=-40)
    few = {url: queries_for(client, django_assert_max_num_queries, url, QUERY_BOUND) for url in LISTING_URLS}
    other = MemberFactory()
    make_many(other, 110)
    make_many(other, 30, start_days=-60)
    assert EventPage.objects.count() == 146
    measured = {}
    for url in LISTING_URLS:
        measured[url] = queries_for(client, django_assert_max_num_queries, url, QUERY_BOUND)
        assert measured[url] <= few[url] + 1, url  # +1: a second page of results appears
    print("queries with 146 events:", measured)


def test_upcoming_listing_filters_by_type_and_shows_result_count(client, member):
    make_event(member=member, title="Intake workshop", event_type="workshop")
    make_event(
        member=member,
        title="Campaign webinar",
        event_type="webinar",
        attendance_mode="online",
        online_url="https://meet.example.org/x",
        city="",
    )
    make_event(member=member, title="Old workshop", event_type="workshop", start=in_days(-30))
    html = client.get("/events/?type=workshop").content.decode()
    assert "Intake workshop" in html
    assert "Campaign webinar" not in html
    assert "Old workshop" not in html
    assert "1 event" in html


def test_invalid_month_filter_is_reported_and_keeps_the_input(client, member):
    make_event(member=member)
    response = client.get("/events/?month=december")
    html = response.content.decode()
    assert "error-summary" in html
    assert 'value="december"' in html
    assert 'aria-invalid="true"' in html


def test_the_remembered_filter_form_follows_the_request_and_its_choices(client, member):
    """The filter form is a fragment kept per language and per given values (core/page_cache): each
    request still gets its own selection and errors, and a new host is offered at once."""
    import re

    make_event(member=member, title="Intake workshop", event_type="workshop")
    client.cookies["sessionid"] = "a-visitor-the-page-cache-cannot-answer"

    def selected(html: str) -> list[str]:
        return re.findall(r'<option value="([^"]*)" selected>', html)

    assert "workshop" in selected(client.get("/events/?type=workshop").content.decode())
    assert "workshop" not in selected(client.get("/events/").content.decode())
    assert "workshop" not in selected(client.get("/events/?page=1").content.decode())
    assert 'value="december"' in client.get("/events/?month=december").content.decode()
    assert 'value="december"' not in client.get("/events/").content.decode()

    host = MemberFactory(name="Region of Murcia", slug="murcia")
    assert "Region of Murcia" not in client.get("/events/").content.decode()
    make_event(member=host, title="Study visit to Murcia", event_type="study-visit")
    assert '<option value="murcia">Region of Murcia</option>' in client.get("/events/").content.decode()


def test_past_archive_lists_ended_events_newest_first(client, member):
    make_event(member=member, title="Older one", start=in_days(-60))
    make_event(member=member, title="Recent one", start=in_days(-10))
    make_event(member=member, title="Future one")
    html = client.get("/events/past/").content.decode()
    assert html.index("Recent one") < html.index("Older one")
    assert "Future one" not in html


def test_calendar_is_a_table_with_linked_events_and_month_navigation(client, member):
    event = make_event(member=member, title="December workshop", start=in_days(30))
    month = event.local_start.strftime("%Y-%m")
    html = client.get(f"/events/calendar/?month={month}").content.decode()
    assert "<table" in html and '<th scope="col">' in html
    assert f'href="{event.url}"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert client.get("/events/calendar/?month=2026-13").status_code == 400


def test_event_page_shows_facts_agenda_hosts_and_calendar_link(client, member):
    co_host = MemberFactory(name="Comune di Bologna")
    event = make_event(member=member, title="Study visit")
    event.co_hosts.set([co_host])
    event.agenda_items = [
        AgendaItem(starts_at=time(9, 30), title="Welcome at the desk", speakers="Ana Costa")
    ]
    event.save_revision().publish()
    html = client.get(event.url).content.decode()
    assert html.count("<h1") == 1
    assert "Welcome at the desk" in html and "Ana Costa" in html
    assert f'href="/members/{member.slug}/"' in html and f'href="/members/{co_host.slug}/"' in html
    assert f'href="{event.get_ics_url()}"' in html
    assert "Europe/Brussels" in html


def test_registration_form_is_prefilled_for_a_signed_in_member(client, member):
    event = make_event(member=member)
    user = member_user(
        member, Membership.Role.EDITOR, first_name="Bea", last_name="Rossi", email="bea@example.org"
    )
    client.force_login(user)
    html = client.get(event.url).content.decode()
    assert 'value="Bea Rossi"' in html and 'value="bea@example.org"' in html
    assert f'value="{member.name}"' in html


def test_the_shared_registration_fields_hold_nothing_of_a_person(client, member):
    """An anonymous visitor's fresh form is a fragment every visitor shares (events/contexts.py); a
    signed-in person's prefilled form and a submission shown again never are."""
    from events.models import RegistrationQuestion

    event = make_event(member=member)
    client.cookies["sessionid"] = "a-visitor-the-page-cache-cannot-answer"
    assert 'name="name"' in client.get(event.url).content.decode()

    user = member_user(
        member, Membership.Role.EDITOR, first_name="Bea", last_name="Rossi", email="bea@example.org"
    )
    client.force_login(user)
    assert 'value="Bea Rossi"' in client.get(event.url).content.decode()
    client.logout()
    client.cookies["sessionid"] = "another-visitor"
    anonymous = client.get(event.url).content.decode()
    assert 'name="name"' in anonymous and "Bea Rossi" not in anonymous and "bea@example.org" not in anonymous

    refused = client.post(f"{event.url}register/", form_data(name="Carla Mendes", consent=""))
    assert refused.status_code == 400 and 'value="Carla Mendes"' in refused.content.decode()
    assert "Carla Mendes" not in client.get(event.url).content.decode()

    RegistrationQuestion.objects.create(page=event, label="Which workshop will you join?", kind="text")
    assert "Which workshop will you join?" in client.get(event.url).content.decode()


def form_data(**overrides):
    data = {"name": "Ana Costa", "email": "ana@example.org", "organisation": "Lisboa", "consent": "on"}
    data.update(overrides)
    return data


def test_registering_redirects_to_the_signed_page_and_asks_to_confirm_the_address(client, member):
    event = make_event(member=member)
    response = client.post(f"{event.url}register/", form_data())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    token = response["Location"].split("/events/registration/")[1].split("/")[0]
    assert registration_from_token(token) == registration
    html = client.get(response["Location"]).content.decode()
    assert "Check your email to confirm" in html


def test_invalid_registration_rerenders_with_errors_and_keeps_input(client, member):
    event = make_event(member=member)
    response = client.post(f"{event.url}register/", form_data(email="not-an-email", consent=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    assert 'value="Ana Costa"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert "Please give your consent" in html
    assert not Registration.objects.exists()


def test_duplicate_registration_gets_a_friendly_error_on_the_email_field(client, member):
    event = make_event(member=member)
    RegistrationFactory(event=event, email="ana@example.org")
    response = client.post(f"{event.url}register/", form_data(email="ANA@example.org"))
    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    assert Registration.objects.count() == 1


def test_closed_registration_shows_no_form(client, member):
    event = make_event(member=member, registration_deadline=timezone.now() - timedelta(hours=1))
    html = client.get(event.url).content.decode()
    assert "Registration closed" in html
    assert 'name="email"' not in html


def test_the_signed_link_lets_a_registrant_cancel_then_erase(client, member):
    event = make_event(member=member)
    registration = RegistrationFactory(event=event, email="ana@example.org")
    url = f"/events/registration/{registration_token(registration)}/"
    assert "ana@example.org" in client.get(url).content.decode()
    client.post(url, {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    client.post(url, {"action": "erase"})
    registration.refresh_from_db()
    assert registration.email == "" and registration.anonymised_at
    assert client.get(url).status_code == 404  # anonymised: the link is spent


def test_a_tampered_link_is_not_found(client, member):
    registration = RegistrationFactory(event=make_event(member=member))
    token = registration_token(registration)
    assert client.get(f"/events/registration/{token[:-2]}xx/").status_code == 404


def test_event_ics_is_valid_icalendar_with_stable_uid(client, member):
    event = make_event(member=member, timezone="Europe/Lisbon", city="Lisboa")
    response = client.get(event.get_ics_url())
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Lisbon"]
    vevent = calendar.walk("VEVENT")[0]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Lisbon"
    assert vevent.decoded("DTSTART") == event.start and vevent.decoded("DTEND") == event.end
    assert vevent["DTSTAMP"]
    assert "Lisboa" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith(event.url)
    again = Calendar.from_ical(client.get(event.get_ics_url()).content).walk("VEVENT")[0]
    assert str(again["UID"]) == str(vevent["UID"]) == f"event-{event.pk}@testserver"


def test_feed_lists_upcoming_events_filtered_by_priority_theme_and_type(client, member):
    priority = Priority.objects.get(number=1)
    matching = make_event(member=member, title="Matching", event_type="training")
    matching.priorities.set([priority])
    matching.themes.set([Theme.objects.get(slug="language-training")])
    matching.save()
    make_event(member=member, title="Other type", event_type="conference")
    make_event(member=member, title="Past training", event_type="training", start=in_days(-10))

    def summaries(query):
        response = client.get(f"/events/feed.ics{query}")
        assert response.status_code == 200
        return sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT"))

    assert summaries("") == ["Matching", "Other type"]
    assert summaries("?type=training") == ["Matching"]
    assert summaries(f"?priority={priority.slug}&theme=language-training") == ["Matching"]
    assert client.get("/events/feed.ics?type=nonsense").status_code == 400


def test_home_page_shows_the_next_upcoming_events(client, member):
    for n in range(4):
        make_event(
            member=member, title=f"Upcoming {n}", slug=f"upcoming-{n}", start=in_days(n + 1), revision=False
        )
    html = client.get("/").content.decode()
    assert "Upcoming 0" in html and "Upcoming 2" in html and "Upcoming 3" not in html


def test_unpublished_events_are_not_listed(client, member):
    make_event(member=member, title="Draft event", publish=False)
    assert "Draft event" not in client.get("/events/").content.decode()
    assert EventPage.objects.count() == 1


def test_registration_link_in_the_email_is_absolute_and_opens_the_page(
    client, member, django_capture_on_commit_callbacks
):
    event = make_event(member=member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{event.url}register/", form_data())
    link = next(line for line in mail.outbox[0].body.splitlines() if "/events/confirm/" in line)
    assert link.startswith("http://testserver/")
    assert client.get(urlsplit(link).path).status_code == 200


def test_feeds_never_include_private_or_unpublished_events(client, member):
    from wagtail.models import PageViewRestriction

    make_event(member=member, title="Public event", slug="public-event")
    draft = make_event(member=member, title="Draft event", slug="draft-event", publish=False)
    private = make_event(member=member, title="Private event", slug="private-event")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    inside = MemberFactory()
    folder_event = make_event(member=inside, title="Event in a closed folder", slug="closed-folder-event")
    PageViewRestriction.objects.create(
        page=folder_event.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    feed = Calendar.from_ical(client.get("/events/feed.ics").content)
    assert [str(vevent["SUMMARY"]) for vevent in feed.walk("VEVENT")] == ["Public event"]
    for hidden in (draft, private, folder_event):
        assert client.get(f"/events/ics/{hidden.pk}/").status_code == 404, hidden.title
