"""The members' admin: snippets for members and memberships, and the review of applications."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from core.models import Theme
from members.models import Member, MembershipApplication
from members.roles import NETWORK_ADMINISTRATORS, NETWORK_MODERATORS
from tests.factories import MemberFactory, UserFactory, member_user
from tests.members.factories import MembershipApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    user = UserFactory(username="netadmin")
    user.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    return user


@pytest.fixture
def moderator():
    user = UserFactory(username="netmoderator")
    user.groups.add(Group.objects.get(name=NETWORK_MODERATORS))
    return user


def test_administrator_lists_filters_and_searches_members(client, administrator):
    MemberFactory(name="Ville de Lyon", country="FR")
    MemberFactory(name="Comune di Torino", country="IT")
    client.force_login(administrator)
    url = reverse("wagtailsnippets_members_member:list")
    assert client.get(url).status_code == 200
    response = client.get(url, {"country": "FR"})
    assert (
        "Ville de Lyon" in response.content.decode() and "Comune di Torino" not in response.content.decode()
    )
    response = client.get(url, {"q": "Torino"})
    assert (
        "Comune di Torino" in response.content.decode() and "Ville de Lyon" not in response.content.decode()
    )


def test_member_edit_form_shows_languages_as_checkboxes_and_contact_officers_inline(client, administrator):
    member = MemberFactory()
    client.force_login(administrator)
    response = client.get(reverse("wagtailsnippets_members_member:edit", args=[member.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="checkbox" name="languages" value="it"' in html and "checked" in html
    assert "contact_officers-TOTAL_FORMS" in html


def test_assistance_themes_without_offering_assistance_is_refused(client, administrator):
    member = MemberFactory(offers_assistance=False)
    client.force_login(administrator)
    url = reverse("wagtailsnippets_members_member:edit", args=[member.pk])
    data = {
        "name": member.name,
        "slug": member.slug,
        "kind": member.kind_id,
        "country": "IT",
        "languages": ["en", "fr"],
        "language": "it",
        "assistance_themes": [Theme.objects.get(slug="housing").pk],
        "is_active": "on",
        "contact_officers-TOTAL_FORMS": "1",
        "contact_officers-INITIAL_FORMS": "0",
        "contact_officers-MIN_NUM_FORMS": "0",
        "contact_officers-MAX_NUM_FORMS": "1000",
        "contact_officers-0-name": "Maria Bianchi",
        "contact_officers-0-role": "Integration officer",
        "contact_officers-0-email": "maria@example.org",
        "contact_officers-0-ORDER": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "leave the assistance themes empty" in response.content.decode()
    data.pop("assistance_themes")
    response = client.post(url, data)
    assert response.status_code == 302
    member = Member.objects.get(pk=member.pk)
    assert member.languages == ["en", "fr"] and member.language == "it"
    assert [officer.email for officer in member.contact_officers.all()] == ["maria@example.org"]


def test_applications_are_listed_for_administrators_without_an_add_button(client, administrator):
    application = MembershipApplicationFactory(organisation_name="Gemeente Utrecht")
    client.force_login(administrator)
    response = client.get(reverse("members_applications:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gemeente Utrecht" in html
    assert reverse("members_applications:review", args=[application.pk]) in html
    assert "/membership-applications/new/" not in html


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_moderators_and_member_editors_cannot_review_applications(client, role, moderator):
    user = moderator if role == "moderator" else member_user(MemberFactory())
    application = MembershipApplicationFactory()
    client.force_login(user)
    assert client.get(reverse("members_applications:index")).status_code in {302, 403}
    response = client.post(
        reverse("members_applications:review", args=[application.pk]), {"decision": "approve"}
    )
    assert response.status_code in {302, 403}
    application.refresh_from_db()
    assert application.is_pending
    assert not Member.objects.filter(name=application.organisation_name).exists()


def test_administrator_rejects_with_a_note_from_the_review_view(
    client, administrator, django_capture_on_commit_callbacks
):
    application = MembershipApplicationFactory(contact_email="anna@ngo.example.org")
    client.force_login(administrator)
    url = reverse("members_applications:review", args=[application.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "reject", "note": "We only accept EU-based organisations."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.REJECTED
    assert application.reviewed_by == administrator
    assert [message.to for message in mail.outbox] == [["anna@ngo.example.org"]]
    assert "We only accept EU-based organisations." in mail.outbox[0].body


def test_review_without_a_decision_shows_the_error(client, administrator):
    application = MembershipApplicationFactory()
    client.force_login(administrator)
    response = client.post(reverse("members_applications:review", args=[application.pk]), {"note": "hm"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    application.refresh_from_db()
    assert application.is_pending


def test_approving_under_an_existing_members_name_is_a_form_error_and_approvable_after_renaming(
    client, administrator, django_capture_on_commit_callbacks
):
    MemberFactory(name="City of Ghent", slug="ghent")
    application = MembershipApplicationFactory(organisation_name="City of Ghent")
    client.force_login(administrator)
    url = reverse("members_applications:review", args=[application.pk])
    response = client.post(url, {"decision": "approve", "member_name": "city of ghent"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A member called “city of ghent” already exists" in html
    application.refresh_from_db()
    assert application.is_pending
    assert Member.objects.filter(name__iexact="City of Ghent").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "member_name": "City of Ghent (Belgium)"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert application.member.name == application.organisation_name == "City of Ghent (Belgium)"
    assert application.member.editors_group.name == "Member editors: City of Ghent (Belgium)"
