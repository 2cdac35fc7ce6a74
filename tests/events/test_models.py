"""Event pages: validation, the member folder tree, derived values and QuerySet filters."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import GroupPagePermission

from core.models import EventType, Priority, Theme
from events.models import EventFolderPage, EventIndexPage, EventPage
from members.models import Member
from tests.events.factories import in_days, make_event
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_migration_creates_the_event_index_at_slash_events():
    index = EventIndexPage.objects.get()
    assert index.url == "/events/"
    assert index.live


def test_provisioning_a_member_creates_its_folder_with_add_and_change_for_its_editors(member):
    folder = EventFolderPage.objects.get(member=member)
    assert folder.slug == member.slug
    assert folder.get_parent().specific_class is EventIndexPage
    codenames = set(
        GroupPagePermission.objects.filter(group=member.editors_group, page=folder).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}


def test_folder_page_redirects_to_the_listing_filtered_by_member(client, member):
    response = client.get(f"/events/{member.slug}/")
    assert response.status_code == 302
    assert response["Location"] == f"/events/?member={member.slug}"


def test_host_member_and_country_come_from_the_folder(member):
    event = make_event(member=member)
    assert event.host_member == member
    assert event.country.code == member.country.code


def _clean(event: EventPage, **changes) -> dict:
    for name, value in changes.items():
        setattr(event, name, value)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    return error.value.message_dict


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end": "start"}, "end"),
        ({"end": "before"}, "end"),
        ({"registration_deadline": "after_start"}, "registration_deadline"),
        ({"registration_opens_at": "after_deadline"}, "registration_opens_at"),
        ({"capacity": 0}, "capacity"),
    ],
)
def test_validation_rejects_inconsistent_dates_and_capacity(event, changes, field):
    resolved = {
        "start": event.start,
        "before": event.start - timedelta(hours=1),
        "after_start": event.start + timedelta(minutes=1),
        "after_deadline": event.start - timedelta(days=1),
    }
    if "registration_opens_at" in changes:
        event.registration_deadline = event.start - timedelta(days=2)
    values = {name: resolved.get(value, value) for name, value in changes.items()}
    assert field in _clean(event, **values)


def test_deadline_equal_to_start_is_valid(event):
    event.registration_deadline = event.start
    event.registration_opens_at = event.start - timedelta(days=30)
    event.full_clean()


def test_online_event_needs_its_link_and_in_person_event_its_city(event):
    assert "online_url" in _clean(event, attendance_mode=EventPage.AttendanceMode.ONLINE, online_url="")
    event.online_url = "https://meet.example.org/x"
    assert "city" in _clean(event, attendance_mode=EventPage.AttendanceMode.HYBRID, city="")


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        ("2027-03-10T09:00", "2027-03-10T12:30", Decimal("0.5")),
        ("2027-03-10T09:30", "2027-03-10T16:30", Decimal("1")),
        ("2027-03-10T09:00", "2027-03-11T13:00", Decimal("1.5")),
        ("2027-03-10T09:00", "2027-03-12T17:00", Decimal("3")),
    ],
)
def test_duration_in_days_rounds_each_day_up_to_half_days(start, end, days):
    zone = ZoneInfo("Europe/Rome")
    event = EventPage(
        timezone="Europe/Rome",
        start=datetime.fromisoformat(start).replace(tzinfo=zone),
        end=datetime.fromisoformat(end).replace(tzinfo=zone),
    )
    assert event.duration_in_days() == days


def test_upcoming_past_and_in_month(member):
    past = make_event(member=member, title="Past", start=in_days(-20), revision=False)
    ongoing = make_event(member=member, title="Ongoing", start=in_days(-1), end=in_days(1), revision=False)
    soon = make_event(member=member, title="Soon", start=in_days(5), revision=False)
    events = EventPage.objects.all()
    assert list(events.upcoming()) == [ongoing, soon]
    assert list(events.past()) == [past]
    month = soon.local_start
    assert soon in events.in_month(month.year, month.month)
    later = month + timedelta(days=62)
    assert soon not in events.in_month(later.year, later.month)


def test_for_filters_narrows_by_each_filter(member):
    other = MemberFactory(country="DE")
    online = make_event(
        member=other,
        title="Online webinar",
        event_type="webinar",
        attendance_mode=EventPage.AttendanceMode.ONLINE,
        online_url="https://meet.example.org/w",
        languages=["de"],
        city="",
        revision=False,
    )
    workshop = make_event(member=member, title="Workshop", revision=False)
    workshop.priorities.set([Priority.objects.get(number=2)])
    workshop.themes.set([Theme.objects.get(slug="language-training")])
    workshop.save()
    events = EventPage.objects.all()
    assert list(events.for_filters(event_type="webinar")) == [online]
    assert list(events.for_filters(priority=Priority.objects.get(number=2).slug)) == [workshop]
    assert list(events.for_filters(theme="language-training")) == [workshop]
    assert list(events.for_filters(country="DE")) == [online]
    assert list(events.for_filters(mode="online")) == [online]
    assert list(events.for_filters(mode="in_person")) == [workshop]
    assert list(events.for_filters(language="de")) == [online]
    assert list(events.for_filters(language="it")) == [workshop]
    assert list(events.for_filters(member=member.slug)) == [workshop]
    assert EventType.objects.filter(slug="webinar").exists()


def test_registration_state_follows_dates_and_capacity(event):
    now = event.start - timedelta(days=3)
    assert event.registration_state(0, now) == EventPage.RegistrationState.OPEN
    assert event.registration_state(2, now) == EventPage.RegistrationState.FULL
    event.registration_opens_at = now + timedelta(hours=1)
    assert event.registration_state(0, now) == EventPage.RegistrationState.NOT_OPEN_YET
    assert event.registration_state(0, event.start) == EventPage.RegistrationState.CLOSED
    assert event.registration_state(0, event.end + timedelta(seconds=1)) == EventPage.RegistrationState.ENDED


def test_hosted_or_cohosted_by_matches_host_and_co_host_once_each(member):
    partner, stranger = MemberFactory(), MemberFactory()
    hosted = make_event(member=member, title="Hosted", revision=False)
    co_hosted = make_event(member=partner, title="Co-hosted", start=in_days(12), revision=False)
    co_hosted.co_hosts.set([member, stranger])
    co_hosted.save()
    make_event(member=stranger, title="Elsewhere", start=in_days(14), revision=False)
    events = EventPage.objects.order_by("start")
    assert list(events.hosted_or_cohosted_by(member)) == [hosted, co_hosted]
    assert list(events.hosted_or_cohosted_by(member.pk)) == [hosted, co_hosted]
    assert list(events.hosted_or_cohosted_by([member.pk, stranger.pk])) == list(events)
    assert list(events.hosted_or_cohosted_by(Member.objects.filter(pk=partner.pk))) == [co_hosted]


def test_owning_member_is_read_from_the_folder_before_the_event_is_saved(member):
    folder = EventFolderPage.objects.get(member=member)
    event = EventPage(title="Draft")
    assert event.owning_member_id() is None
    assert event.owning_member_id(folder) == member.pk
    assert event.owning_member_id(folder.page_ptr) == member.pk
    assert event.owning_member_id(EventIndexPage.objects.get()) is None
