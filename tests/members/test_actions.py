"""Reviewing applications, and the whole journey from application to the new editor's first draft."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core.models import Priority
from members.actions import ApplicationError, approve_application, reject_application, unique_member_slug
from members.models import Member, Membership, MembershipApplication
from members.roles import NETWORK_ADMINISTRATORS
from practices.models import PracticeFolderPage, PracticePage
from tests.factories import MemberFactory, UserFactory, member_user
from tests.members.factories import MembershipApplicationFactory, join_form_data

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-unusual-passphrase-2026"


@pytest.fixture
def administrator():
    user = UserFactory(username="netadmin")
    user.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    return user


def test_approval_creates_the_member_its_folders_officer_and_editor(
    administrator, django_capture_on_commit_callbacks
):
    application = MembershipApplicationFactory(
        organisation_name="Municipality of Braga", contact_email="r@b.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        member = approve_application(application, reviewer=administrator, note="Welcome!")
    assert member.slug == "municipality-of-braga" and member.country.code == "PT" and member.joined_at
    assert PracticeFolderPage.objects.filter(member=member).exists()
    assert member.contact_officers.get().email == "r@b.org"
    user = get_user_model().objects.get(email="r@b.org")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, member=member, role=Membership.Role.EDITOR).exists()
    assert user.groups.filter(pk=member.editors_group_id).exists()
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert (application.member, application.reviewed_by, application.decision_note) == (
        member,
        administrator,
        "Welcome!",
    )
    assert application.reviewed_at is not None
    assert [message.to for message in mail.outbox] == [["r@b.org"]]
    assert "/members/invitation/" in mail.outbox[0].body


def test_member_slugs_stay_unique_and_avoid_the_directorys_own_paths():
    MemberFactory(slug="city-of-braga")
    assert unique_member_slug("City of Braga") == "city-of-braga-2"
    assert unique_member_slug("Join") == "join-2"


def test_an_application_is_reviewed_once(administrator):
    application = MembershipApplicationFactory()
    reject_application(application, reviewer=administrator)
    with pytest.raises(ApplicationError):
        approve_application(application, reviewer=administrator)
    assert not Member.objects.filter(name=application.organisation_name).exists()


def test_only_network_administrators_may_review():
    application = MembershipApplicationFactory()
    with pytest.raises(PermissionDenied):
        approve_application(application, reviewer=member_user(MemberFactory()))
    application.refresh_from_db()
    assert application.is_pending


def test_rejection_is_polite_and_creates_nothing(administrator, django_capture_on_commit_callbacks):
    application = MembershipApplicationFactory(contact_name="Rita Almeida")
    with django_capture_on_commit_callbacks(execute=True):
        reject_application(application, reviewer=administrator)
    assert not Member.objects.filter(name=application.organisation_name).exists()
    assert mail.outbox[0].body.startswith("Dear Rita Almeida,")
    assert "Thank you" in mail.outbox[0].body


def practice_form_data(title: str, slug: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "A single desk for registration, language courses and job counselling.",
            "priority": Priority.objects.get(number=1).pk,
            "status": "ongoing",
            "language": "en",
            "challenge": "Newcomers visited six offices.",
            "approach": "We put them under one roof.",
            "results": "Waiting times halved.",
            "transferability": "Any city with an integration service can do it.",
            "country": "PT",
            "evaluation_type": "none",
            "indicators": inline_formset([]),
            "images": inline_formset([]),
            "attachments": inline_formset([]),
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )


def test_from_application_to_the_new_editors_first_practice_draft(
    client, administrator, django_capture_on_commit_callbacks
):
    other_member = MemberFactory(name="Someone Else")

    # 1. The organisation applies through the public form.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/members/join/", join_form_data(contact_email="rita@braga.example.org"))
    application = MembershipApplication.objects.get()

    # 2. An administrator approves it in the admin.
    client.force_login(administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members_applications:review", args=[application.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    client.logout()
    member = Member.objects.get(name="Municipality of Braga")

    # 3. The contact person receives a one-time link.
    invitation = mail.outbox[-1]
    assert invitation.to == ["rita@braga.example.org"]
    link = re.search(r"http://testserver(/members/invitation/\S+/)", invitation.body).group(1)

    # 4. They set a password with it and are signed in.
    response = client.get(link)
    assert response.status_code == 302  # the token moves to the session, out of the address bar
    form_url = response["Location"]
    response = client.get(form_url)
    assert "Set your password" in response.content.decode()
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": "different"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    user = get_user_model().objects.get(email="rita@braga.example.org")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.check_password(NEW_PASSWORD)

    # 5. The link cannot be used again, not even by someone who signs out and tries it.
    client.logout()
    response = client.get(link, follow=True)
    assert "This invitation link no longer works" in response.content.decode()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302

    # 6. The new editor drafts a practice in their member's folder, and cannot in another member's.
    own_folder = PracticeFolderPage.objects.get(member=member)
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", own_folder.pk])
    response = client.post(add_url, practice_form_data("Braga's one-stop shop", "one-stop-shop"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    draft = PracticePage.objects.get(title="Braga's one-stop shop")
    assert draft.get_parent().pk == own_folder.pk
    assert draft.lead_member == member and not draft.live

    other_folder = PracticeFolderPage.objects.get(member=other_member)
    other_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", other_folder.pk])
    response = client.post(other_url, practice_form_data("Not mine", "not-mine"))
    assert response.status_code in {302, 403} and response.get("Location") != other_url
    assert not PracticePage.objects.filter(title="Not mine").exists()
