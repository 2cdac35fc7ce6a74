"""Organiser tools in the Wagtail admin, and who may use them."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from events.models import Registration
from members.models import Membership
from members.roles import NETWORK_ADMINISTRATORS, NETWORK_MODERATORS
from tests.events.factories import RegistrationFactory, in_days, make_event
from tests.factories import MemberFactory, UserFactory, member_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(member):
    event = make_event(member=member, event_type="training", start=in_days(-2), capacity=None)
    event.end = event.start + timedelta(hours=7)
    event.save()
    return event


def url(event, suffix=""):
    return f"/admin/event-registrations/{event.pk}/{suffix}"


def test_the_hosts_organiser_sees_registrations_with_status(client, member, training):
    RegistrationFactory(event=training, name="Ana Costa")
    RegistrationFactory(event=training, name="Ben Waits", status=Registration.Status.WAITLISTED)
    client.force_login(member_user(member, Membership.Role.ORGANISER))
    html = client.get(url(training)).content.decode()
    assert "Ana Costa" in html and "Ben Waits" in html
    assert "On the waiting list" in html
    assert training.title in client.get("/admin/event-registrations/").content.decode()


@pytest.mark.parametrize("suffix", ["", "export.csv", "message/"])
def test_an_organiser_of_another_member_is_denied(client, training, suffix):
    other = MemberFactory()
    client.force_login(member_user(other, Membership.Role.ORGANISER))
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and an error message.
    response = client.get(url(training, suffix), follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "do not have permission" in response.content.decode()
    assert training.title not in client.get("/admin/event-registrations/").content.decode()


def test_editors_of_the_host_and_moderators_have_access(client, member, training):
    client.force_login(member_user(member, Membership.Role.EDITOR))
    assert client.get(url(training)).status_code == 200
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name=NETWORK_MODERATORS))
    client.force_login(moderator)
    assert client.get(url(training)).status_code == 200


def test_csv_export_lists_registrations_and_neutralises_formulas(client, member, training):
    RegistrationFactory(event=training, name="=HYPERLINK(1)", email="ana@example.org", dietary_needs="Vegan")
    client.force_login(member_user(member, Membership.Role.ORGANISER))
    response = client.get(url(training, "export.csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Email", "Organisation"]
    assert rows[1][0] == "'=HYPERLINK(1)" and rows[1][1] == "ana@example.org" and "Vegan" in rows[1]


def test_message_all_registrants(client, member, training, django_capture_on_commit_callbacks):
    RegistrationFactory(event=training, email="a@example.org")
    RegistrationFactory(event=training, email="w@example.org", status=Registration.Status.WAITLISTED)
    client.force_login(member_user(member, Membership.Role.ORGANISER))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(training, "message/"), {"subject": "Room change", "body": "Room 2."})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    assert mail.outbox[0].subject == "Room change"
    assert client.post(url(training, "message/"), {"subject": "", "body": ""}).status_code == 400


def test_marking_attendance_recomputes_the_indicators(client, member, training):
    present = [RegistrationFactory(event=training) for _ in range(4)]
    RegistrationFactory(event=training)
    client.force_login(member_user(member, Membership.Role.ORGANISER))
    response = client.post(url(training), {"attended": [str(r.pk) for r in present]})
    assert response.status_code == 302
    assert training.indicator_values() == {"people-trained": Decimal(4), "training-days": Decimal(4)}
    assert Registration.objects.filter(attended=True).count() == 4
    html = client.get(url(training)).content.decode()
    assert "Staff, carers or officials trained" in html


def test_event_pages_get_a_registrations_button_in_the_admin(client, member, training):
    client.force_login(member_user(member, Membership.Role.EDITOR))
    html = client.get(f"/admin/pages/{training.get_parent().pk}/").content.decode()
    assert url(training) in html


# Registrants' needs are health-adjacent data: the host's organisers act on them, nobody else reads them.


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("who", ["organiser", "editor", "moderator", "administrator"])
def test_registrants_needs_are_shown_and_exported_to_the_hosts_organisers_only(client, member, training, who):
    RegistrationFactory(
        event=training, name="Ana Costa", accessibility_needs="Step-free access", dietary_needs="Halal"
    )
    if who in ("organiser", "editor"):
        user = member_user(member, who)
    else:
        user = UserFactory()
        group = NETWORK_MODERATORS if who == "moderator" else NETWORK_ADMINISTRATORS
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    html = client.get(url(training)).content.decode()
    rows = _csv_rows(client.get(url(training, "export.csv")))
    assert "Ana Costa" in html and rows[1][0] == "Ana Costa"
    shown = "Step-free access" in html or "Halal" in html
    exported = "Accessibility needs" in rows[0] or any("Halal" in cell for cell in rows[1])
    assert shown is (who == "organiser")
    assert exported is (who == "organiser")


def test_every_exported_column_a_registrant_can_type_is_formula_escaped(client, member, training):
    host = MemberFactory(name="=cmd|' /C calc'!A0")
    RegistrationFactory(
        event=training,
        name="=1+1",
        organisation="+SUM(A1)",
        role="-2",
        member=host,
        accessibility_needs="@import",
        dietary_needs="=HYPERLINK(1)",
    )
    client.force_login(member_user(member, Membership.Role.ORGANISER))
    header, row = _csv_rows(client.get(url(training, "export.csv")))
    typed = {header.index(label): row[header.index(label)] for label in header if label != "Email"}
    dangerous = [cell for cell in typed.values() if cell[:1] in ("=", "+", "-", "@")]
    assert dangerous == []
    assert row[header.index("Network member")] == "'=cmd|' /C calc'!A0"
