"""The permission matrix: every role against member A's own content and member B's content, through
Wagtail's page permissions and through the admin's HTTP views."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from events.models import EventFolderPage
from library.demo import library_index
from library.models import ResourceFolderPage
from members.models import Membership
from members.roles import NETWORK_ADMINISTRATORS, NETWORK_MODERATORS, grant_role, revoke_role
from practices.models import PracticeFolderPage
from tests.events.factories import make_event
from tests.factories import MemberFactory, UserFactory, member_user
from tests.library.factories import resource
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db

ROLES = ["administrator", "moderator", "editor", "organiser", "member_admin", "anonymous"]

# (may add pages in the folder, may edit, may publish) on member A's ("own") and member B's folders.
FOLDER_RIGHTS = {
    "administrator": {"own": (True, True, True), "other": (True, True, True)},
    "moderator": {"own": (False, True, True), "other": (False, True, True)},
    "editor": {"own": (True, True, False), "other": (False, False, False)},
    "organiser": {"own": (False, False, False), "other": (False, False, False)},
    # A member administrator runs the member's profile and team on the site, not its pages.
    "member_admin": {"own": (False, False, False), "other": (False, False, False)},
    "anonymous": {"own": (False, False, False), "other": (False, False, False)},
}


@dataclass
class World:
    pages: dict[
        str, dict[str, Any]
    ]  # "own"/"other" -> {"practice_folder", "event_folder", "resource_folder", "practice", "event", ...}
    users: dict[str, Any]


@pytest.fixture
def world() -> World:
    member_a, member_b = MemberFactory(name="Member A"), MemberFactory(name="Member B")
    pages = {}
    for side, member in (("own", member_a), ("other", member_b)):
        pages[side] = {
            "practice_folder": PracticeFolderPage.objects.get(member=member),
            "event_folder": EventFolderPage.objects.get(member=member),
            "practice": practice_page(member, title=f"Practice of {member.name}"),
            "event": make_event(member=member, title=f"Event of {member.name}"),
            "resource_folder": ResourceFolderPage.objects.get(member=member),
            "resource": resource(library_index(), title=f"Toolkit of {member.name}", publisher=member),
        }
    administrator = UserFactory(username="administrator")
    administrator.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name=NETWORK_MODERATORS))
    users = {
        "administrator": administrator,
        "moderator": moderator,
        "editor": member_user(member_a, Membership.Role.EDITOR, username="editor-a"),
        "organiser": member_user(member_a, Membership.Role.ORGANISER, username="organiser-a"),
        "member_admin": member_user(member_a, Membership.Role.ADMINISTRATOR, username="member-admin-a"),
        "anonymous": AnonymousUser(),
    }
    return World(pages=pages, users=users)


@pytest.mark.parametrize("role", ROLES)
def test_page_permission_matrix(world, role):
    user = world.users[role]
    mismatches = []
    for side in ("own", "other"):
        add, edit, publish = FOLDER_RIGHTS[role][side]
        for name, page in world.pages[side].items():
            tester = page.permissions_for_user(user)
            # Practices, events and resources have no subpages, so only folders can receive new pages.
            expected = {"add": add and "folder" in name, "edit": edit, "publish": publish}
            actual = {
                "add": tester.can_add_subpage(),
                "edit": tester.can_edit(),
                "publish": tester.can_publish(),
            }
            if actual != expected:
                mismatches.append((side, name, expected, actual))
    assert mismatches == []


def is_denied(response, url: str) -> bool:
    """A clean refusal: 403, or a redirect away from the page (Wagtail sends the user to the dashboard
    with a message, or to the login form when signed out)."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] != url)


@pytest.mark.parametrize("role", ROLES)
def test_admin_edit_views_follow_the_matrix(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    for side in ("own", "other"):
        _add, edit, _publish = FOLDER_RIGHTS[role][side]
        for name, page in world.pages[side].items():
            url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            response = client.get(url)
            assert response.status_code != 500
            if edit:
                assert response.status_code == 200, (side, name)
            else:
                assert is_denied(response, url), (side, name, response.status_code)


@pytest.mark.parametrize(
    ("app", "model", "folder"),
    [("practices", "practicepage", "practice_folder"), ("library", "resourcepage", "resource_folder")],
)
def test_member_editor_cannot_open_the_add_form_in_another_members_folder(client, world, app, model, folder):
    client.force_login(world.users["editor"])
    own = world.pages["own"][folder]
    other = world.pages["other"][folder]
    own_url = reverse("wagtailadmin_pages:add", args=[app, model, own.pk])
    other_url = reverse("wagtailadmin_pages:add", args=[app, model, other.pk])
    assert client.get(own_url).status_code == 200
    response = client.get(other_url)
    assert is_denied(response, other_url)
    response = client.post(other_url, {"title": "Sneaky", "slug": "sneaky"})
    assert is_denied(response, other_url)
    assert not other.get_children().filter(title="Sneaky").exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_network_administrators_add_resources_directly_under_the_library(client, world, role):
    """Members publish from their folders; the index takes only the network's own resources."""
    index = library_index()
    user = world.users[role]
    assert index.permissions_for_user(user).can_add_subpage() is (role == "administrator")
    if role in ("administrator", "anonymous"):
        return
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=["library", "resourcepage", index.pk])
    assert is_denied(client.get(url), url)
    assert is_denied(client.post(url, {"title": "Sneaky", "slug": "sneaky"}), url)
    assert not index.get_children().filter(title="Sneaky").exists()


def test_nobody_signed_out_sees_a_members_draft_resource(client, world):
    member = world.pages["own"]["resource_folder"].member
    draft = resource(
        library_index(), title="Draft toolkit", slug="draft-toolkit", publisher=member, publish=False
    )
    assert client.get("/library/").status_code == 200
    assert "Draft toolkit" not in client.get("/library/").content.decode()
    assert client.get(f"/library/{member.slug}/draft-toolkit/").status_code == 404
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).status_code == 302


def test_member_editor_sees_a_friendly_message_when_refused(client, world):
    client.force_login(world.users["editor"])
    page = world.pages["other"]["practice"]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), follow=True)
    assert response.status_code == 200
    assert "permission" in response.content.decode().lower()


@pytest.mark.parametrize(
    ("role", "own_allowed", "other_allowed"),
    [
        ("administrator", True, True),
        ("moderator", True, True),
        ("editor", True, False),
        ("organiser", True, False),
        ("member_admin", False, False),
    ],
)
def test_event_registrations_are_managed_by_the_hosts_people_and_network_staff(
    client, world, role, own_allowed, other_allowed
):
    client.force_login(world.users[role])
    for side, allowed in (("own", own_allowed), ("other", other_allowed)):
        url = reverse("events_admin:registrations", args=[world.pages[side]["event"].pk])
        response = client.get(url)
        assert (response.status_code == 200) is allowed, (side, response.status_code)
        if not allowed:
            assert is_denied(response, url)


def test_signed_out_visitors_are_sent_to_the_login_form(client, world):
    url = reverse("wagtailadmin_pages:edit", args=[world.pages["own"]["practice"].pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# Transfers and the dashboard ask the same permissions module (members.permissions), from Membership rows.
# (dashboard, assistance-request form, project note, interest in a practice) for each role of member A.
TRANSFER_RIGHTS = {
    "administrator": (False, False, False, False),
    "moderator": (False, False, False, False),
    "editor": (True, True, True, True),
    "organiser": (True, False, False, False),
    "member_admin": (False, False, False, False),
    "revoked": (False, False, False, False),
}


@pytest.fixture
def transfer_world(world):
    from tests.transfers.factories import TransferProjectFactory

    member_a = world.pages["own"]["practice"].lead_member
    member_b = world.pages["other"]["practice"].lead_member
    project = TransferProjectFactory(helping_member=member_b, receiving_member=member_a)
    revoked = member_user(member_a, Membership.Role.EDITOR, username="revoked-a")
    revoke_role(revoked, member_a, Membership.Role.EDITOR)
    world.users["revoked"] = revoked
    return world, project


def _transfer_outcomes(client, world, project) -> tuple[bool, bool, bool, bool]:
    from transfers.models import TransferInterest

    practice_b = world.pages["other"]["practice"]
    member_a = world.pages["own"]["practice"].lead_member
    dashboard = client.get(reverse("transfers:dashboard")).status_code == 200
    request_form = client.get(reverse("transfers:request_create")).status_code == 200
    client.post(project.get_absolute_url(), {"action": "note", "text": "Our plan"})
    note = project.notes.filter(text="Our plan").exists()
    client.post(reverse("transfers:interest", args=[practice_b.pk]), {"member": member_a.pk, "message": "Hi"})
    interest = TransferInterest.objects.filter(practice=practice_b, member=member_a).exists()
    return dashboard, request_form, note, interest


@pytest.mark.parametrize("role", list(TRANSFER_RIGHTS))
def test_transfer_and_dashboard_matrix(client, transfer_world, role, mailoutbox):
    world, project = transfer_world
    client.force_login(world.users[role])
    assert _transfer_outcomes(client, world, project) == TRANSFER_RIGHTS[role]
    if role != "editor":
        assert mailoutbox == []


def test_event_organiser_cannot_add_project_notes_or_express_interest(client, transfer_world, mailoutbox):
    world, project = transfer_world
    client.force_login(world.users["organiser"])
    response = client.post(project.get_absolute_url(), {"action": "note", "text": "Sneaky"})
    assert response.status_code == 403
    practice_b = world.pages["other"]["practice"]
    member_a = world.pages["own"]["practice"].lead_member
    response = client.post(reverse("transfers:interest", args=[practice_b.pk]), {"member": member_a.pk})
    assert response.status_code == 403
    assert not project.notes.exists()
    assert mailoutbox == []


def test_revoking_a_role_takes_the_dashboard_and_request_form_away_at_once(client, world):
    member_a = world.pages["own"]["practice"].lead_member
    user = member_user(member_a, Membership.Role.EDITOR, username="leaving-a")
    client.force_login(user)
    assert client.get(reverse("transfers:dashboard")).status_code == 200
    assert client.get(reverse("transfers:request_create")).status_code == 200
    revoke_role(user, member_a, Membership.Role.EDITOR)
    assert client.get(reverse("transfers:dashboard")).status_code == 403
    assert client.get(reverse("transfers:request_create")).status_code == 403
    assert not user.groups.filter(pk=member_a.editors_group_id).exists()
    page = world.pages["own"]["practice"]
    assert not page.permissions_for_user(user).can_edit()


def test_grant_and_revoke_keep_membership_and_groups_in_step(world):
    member_a = world.pages["own"]["practice"].lead_member
    user = UserFactory(username="both-roles")
    grant_role(user, member_a, Membership.Role.EDITOR)
    grant_role(user, member_a, Membership.Role.ORGANISER)
    groups = set(user.groups.values_list("pk", flat=True))
    assert groups == {member_a.editors_group_id, member_a.organisers_group_id}
    revoke_role(user, member_a, Membership.Role.ORGANISER)
    assert set(user.groups.values_list("pk", flat=True)) == {member_a.editors_group_id}
    assert list(Membership.objects.filter(user=user).values_list("role", flat=True)) == ["editor"]


def test_a_member_group_added_in_the_user_form_does_not_make_a_role(client, world):
    """The Wagtail user form cannot create a second truth: member groups follow the Memberships."""
    member_a = world.pages["own"]["practice"].lead_member
    user = UserFactory(username="sneaky-group")
    user.groups.add(member_a.editors_group)
    from wagtail import hooks

    for hook in hooks.get_hooks("after_edit_user"):
        hook(None, user)
    assert not user.groups.filter(pk=member_a.editors_group_id).exists()


# A member's own space (members/team_views.py): (team page, profile form, grant a role) on member A's
# ("own") and member B's ("other") space. Member administrators manage their own member only.
MEMBER_SPACE_RIGHTS = {
    "administrator": {"own": True, "other": True},
    "moderator": {"own": False, "other": False},
    "editor": {"own": False, "other": False},
    "organiser": {"own": False, "other": False},
    "member_admin": {"own": True, "other": False},
}


@pytest.mark.parametrize("role", list(MEMBER_SPACE_RIGHTS))
def test_member_space_matrix(client, world, role):
    from members.models import RoleChange

    client.force_login(world.users[role])
    for side in ("own", "other"):
        member = world.pages[side]["practice"].lead_member
        colleague = member_user(member, Membership.Role.EDITOR, username=f"colleague-{side}")
        allowed = MEMBER_SPACE_RIGHTS[role][side]
        team = client.get(reverse("members:team", args=[member.slug]))
        profile = client.get(reverse("members:edit_profile", args=[member.slug]))
        grant = client.post(
            reverse("members:change_role", args=[member.slug]),
            {"user": colleague.pk, "role": "organiser", "grant": "1"},
        )
        granted = Membership.objects.filter(user=colleague, member=member, role="organiser").exists()
        outcome = (team.status_code == 200, profile.status_code == 200, granted)
        assert outcome == (allowed, allowed, allowed), (side, outcome)
        if not allowed:
            assert team.status_code == profile.status_code == grant.status_code == 403
        else:
            change = RoleChange.objects.get(user=colleague, role="organiser")
            assert (change.actor, change.member, change.action) == (world.users[role], member, "granted")


def test_a_member_administrator_cannot_make_another_member_administrator(client, world):
    member_a = world.pages["own"]["practice"].lead_member
    colleague = member_user(member_a, Membership.Role.EDITOR, username="ambitious-a")
    client.force_login(world.users["member_admin"])
    response = client.post(
        reverse("members:change_role", args=[member_a.slug]),
        {"user": colleague.pk, "role": "administrator", "grant": "1"},
    )
    assert response.status_code == 400
    assert not Membership.objects.filter(user=colleague, role="administrator").exists()
    client.force_login(world.users["administrator"])
    client.post(
        reverse("members:change_role", args=[member_a.slug]),
        {"user": colleague.pk, "role": "administrator", "grant": "1"},
    )
    assert Membership.objects.filter(user=colleague, member=member_a, role="administrator").exists()


def test_a_member_administrator_cannot_grant_roles_to_someone_outside_the_team(client, world):
    member_a = world.pages["own"]["practice"].lead_member
    outsider = world.users["moderator"]
    client.force_login(world.users["member_admin"])
    response = client.post(
        reverse("members:change_role", args=[member_a.slug]),
        {"user": outsider.pk, "role": "editor", "grant": "1"},
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=outsider).exists()
