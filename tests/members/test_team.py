"""A member's own space: invitations by email with expiry, the team with roles and last sign-in, the
profile form, and the audit trail of role changes."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import Member, MemberInvitation, Membership, RoleChange
from members.roles import NETWORK_ADMINISTRATORS
from tests.factories import MemberFactory, UserFactory, member_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "a-long-new-passphrase"


@pytest.fixture
def lyon():
    return MemberFactory(name="Lyon", slug="lyon")


@pytest.fixture
def boss(client, lyon):
    user = member_user(lyon, Membership.Role.ADMINISTRATOR, username="boss", email="boss@lyon.example.eu")
    client.force_login(user)
    return user


def invite(client, member, email, role="editor") -> str:
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("members:invite", args=[member.slug]), {"email": email, "role": role})
    assert response.status_code == 302
    return re.search(r"http://testserver(/members/invitations/\S+/)", mail.outbox[-1].body).group(1)


def test_an_invited_colleague_creates_their_account_and_gets_the_role(client, lyon, boss):
    link = invite(client, lyon, "new@lyon.example.eu")
    assert mail.outbox[-1].to == ["new@lyon.example.eu"]
    client.logout()
    page = client.get(link).content.decode()
    assert "Create my account and accept" in page
    bad = client.post(link, {"first_name": "Noa", "last_name": "Roux", "password1": "x", "password2": "x"})
    assert bad.status_code == 400
    response = client.post(
        link, {"first_name": "Noa", "last_name": "Roux", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    noa = User.objects.get(email="new@lyon.example.eu")
    assert Membership.objects.filter(user=noa, member=lyon, role="editor").exists()
    assert noa.groups.filter(pk=lyon.editors_group_id).exists()
    change = RoleChange.objects.get(user=noa)
    assert (change.actor, change.action, change.role) == (boss, "granted", "editor")
    client.logout()
    assert client.get(link).status_code == 410  # used once


def test_an_existing_account_signs_in_with_the_invited_address_to_accept(client, lyon, boss):
    existing = UserFactory(username="noa", email="noa@lyon.example.eu")
    stranger = UserFactory(username="stranger", email="stranger@example.eu")
    link = invite(client, lyon, "NOA@lyon.example.eu", role="organiser")
    client.logout()
    assert "Sign in to accept" in client.get(link).content.decode()
    client.force_login(stranger)
    client.post(link)
    assert not Membership.objects.filter(user=stranger).exists()  # a forwarded link grants nothing
    client.force_login(existing)
    assert client.post(link).status_code == 302
    assert Membership.objects.filter(user=existing, member=lyon, role="organiser").exists()


def test_expired_and_cancelled_invitations_no_longer_work(client, lyon, boss):
    link = invite(client, lyon, "late@example.eu")
    MemberInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(link).status_code == 410
    link = invite(client, lyon, "cancelled@example.eu")
    invitation = MemberInvitation.objects.get(email="cancelled@example.eu")
    client.post(reverse("members:cancel_invitation", args=[lyon.slug, invitation.pk]))
    assert client.get(link).status_code == 410


def test_the_team_page_lists_roles_and_last_sign_in_in_bounded_queries(
    client, lyon, boss, django_assert_max_num_queries
):
    for number in range(5):
        member_user(lyon, Membership.Role.EDITOR, username=f"editor-{number}")
    User.objects.filter(username="editor-0").update(last_login=timezone.now())
    with django_assert_max_num_queries(25):
        response = client.get(reverse("members:team", args=[lyon.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Member editor") >= 5 and "never" in html
    assert "Role changes (network administrators only)" not in html


def test_the_network_administrator_sees_the_audit_trail_of_a_member(client, lyon, boss):
    colleague = member_user(lyon, Membership.Role.EDITOR, username="colleague")
    client.post(
        reverse("members:change_role", args=[lyon.slug]),
        {"user": colleague.pk, "role": "organiser", "grant": "1"},
    )
    client.post(
        reverse("members:change_role", args=[lyon.slug]),
        {"user": colleague.pk, "role": "organiser", "grant": "0"},
    )
    changes = RoleChange.objects.filter(user=colleague, role="organiser").values_list("action", flat=True)
    assert list(changes) == ["revoked", "granted"]
    administrator = UserFactory(username="network-admin")
    administrator.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    client.force_login(administrator)
    html = client.get(reverse("members:team", args=[lyon.slug])).content.decode()
    assert "Role changes (network administrators only)" in html and "boss: colleague revoked" in html
    listing = client.get(reverse("members_role_changes:index"))
    assert listing.status_code == 200 and "colleague" in listing.content.decode()
    client.force_login(boss)
    assert client.get(reverse("members_role_changes:index")).status_code in (302, 403)


def test_the_profile_form_changes_the_profile_but_never_the_slug_or_name(client, lyon, boss):
    response = client.post(
        reverse("members:edit_profile", args=[lyon.slug]),
        {
            "description": "Une ville sur deux fleuves.",
            "language": "fr",
            "website": "https://lyon.example.eu",
            "languages": ["fr", "en"],
            "offers_assistance": "on",
            "name": "Hacked",
            "slug": "hacked",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Lou",
            "contacts-0-role": "Integration officer",
            "contacts-0-email": "lou@lyon.example.eu",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member = Member.objects.get(pk=lyon.pk)
    assert (member.name, member.slug) == ("Lyon", "lyon")
    assert member.description == "Une ville sur deux fleuves." and member.languages == ["fr", "en"]
    assert member.language == "fr"
    assert member.offers_assistance
    assert list(member.contact_officers.values_list("email", flat=True)) == ["lou@lyon.example.eu"]
    bad = client.post(reverse("members:edit_profile", args=[lyon.slug]), {"website": "not a url"})
    assert bad.status_code == 400


def test_an_approved_application_makes_its_contact_the_member_administrator():
    from members.actions import approve_application
    from tests.members.factories import MembershipApplicationFactory

    reviewer = UserFactory(username="reviewer")
    reviewer.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    member = approve_application(MembershipApplicationFactory(contact_email="c@b.org"), reviewer=reviewer)
    assert RoleChange.objects.filter(member=member, actor=reviewer).count() == 2
    roles = set(Membership.objects.filter(member=member).values_list("role", flat=True))
    assert roles == {"editor", "administrator"}
