"""Member editors create events in the Wagtail admin, with times typed in the event's time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from events.models import EventFolderPage, EventPage
from members.models import Membership
from tests.factories import MemberFactory, member_user

pytestmark = pytest.mark.django_db


def post_data(**overrides):
    data = {
        "title": "Training in Lisbon",
        "slug": "training-in-lisbon",
        "event_type": "",
        "summary": "A day on intake interviews.",
        "timezone": "Europe/Lisbon",
        "start": "2027-03-10 09:30",
        "end": "2027-03-10 16:30",
        "attendance_mode": "in_person",
        "city": "Lisboa",
        "languages": ["pt", "en"],
        "capacity": "25",
        "registration_mode": "open",
        "body-count": "0",
    }
    for prefix in ("agenda_items", "related_practices", "materials", "registration_questions"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def test_an_editor_adds_an_event_in_their_folder_with_times_in_the_events_zone(client):
    from core.models import EventType

    member = MemberFactory()
    folder = EventFolderPage.objects.get(member=member)
    client.force_login(member_user(member, Membership.Role.EDITOR))
    url = f"/admin/pages/add/events/eventpage/{folder.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, post_data(event_type=str(EventType.objects.get(slug="training").pk)))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="training-in-lisbon")
    assert event.host_member == member
    assert event.start == datetime(2027, 3, 10, 9, 30, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert event.languages == ["pt", "en"]
    assert not event.live  # editors submit for moderation; they cannot publish


def test_an_editor_cannot_add_events_in_another_members_folder(client):
    member, other = MemberFactory(), MemberFactory()
    client.force_login(member_user(member, Membership.Role.EDITOR))
    folder = EventFolderPage.objects.get(member=other)
    response = client.get(f"/admin/pages/add/events/eventpage/{folder.pk}/")
    assert response.status_code in (302, 403)
    assert not EventPage.objects.exists()


def test_an_editor_picks_event_themes_and_priorities_from_checkboxes_and_they_are_stored(client):
    from core.models import EventType, Priority, Theme

    member = MemberFactory()
    folder = EventFolderPage.objects.get(member=member)
    client.force_login(member_user(member, Membership.Role.EDITOR))
    url = f"/admin/pages/add/events/eventpage/{folder.pk}/"
    html = client.get(url).content.decode()
    theme = Theme.objects.get(slug="cultural-mediation")
    priority = Priority.objects.get(number=4)
    assert f'type="checkbox" name="themes" value="{theme.pk}"' in html
    assert f'type="checkbox" name="priorities" value="{priority.pk}"' in html
    data = post_data(event_type=str(EventType.objects.get(slug="workshop").pk))
    data.update(themes=[theme.pk], priorities=[priority.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="training-in-lisbon").get_latest_revision_as_object()
    assert [t.slug for t in event.themes.all()] == ["cultural-mediation"]
    assert [p.number for p in event.priorities.all()] == [4]


def test_the_live_preview_renders_an_edited_event_before_it_is_saved(client):
    from core.models import EventType

    member = MemberFactory()
    folder = EventFolderPage.objects.get(member=member)
    client.force_login(member_user(member, Membership.Role.EDITOR))
    data = post_data(event_type=str(EventType.objects.get(slug="workshop").pk), title="Previewed workshop")
    url = f"/admin/pages/add/events/eventpage/{folder.pk}/preview/"
    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)
    assert response.status_code == 200
    assert "Previewed workshop" in response.content.decode()
