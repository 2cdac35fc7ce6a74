"""The one place every app asks who may do what for which member.

`Membership` rows are the source of truth for member roles: they say which member a user acts for and
in which role. The member's Groups (editors, organisers) are derived from them by members.roles
(`grant_role`, `revoke_role`, `sync_member_groups`) because Wagtail's page permissions need groups; no
code here reads those groups. The network-wide roles (administrators, moderators) have no member and
are plain groups.

What each member role may do:
- editor: the member's pages, and everything in transfers (assistance requests, invitations, project
  notes, interest in a practice) — all of which speak for the member to other members;
- organiser: the registrations of the member's events, including registrants' accessibility and
  dietary needs, and the member's dashboard;
- either role: the member dashboard, transfer projects to read;
- administrator (member administrator): the member's profile (not its name or slug) and its team:
  inviting colleagues, granting and revoking the editor and organiser roles within that member only.
  Network administrators may do all of it for every member, and grant the administrator role too.
"""

from collections.abc import Collection

from django.contrib.auth.models import AnonymousUser, User

from members.models import Member, Membership

AnyUser = User | AnonymousUser

NETWORK_ADMINISTRATORS = "Network administrators"
NETWORK_MODERATORS = "Network moderators"

EDITOR = Membership.Role.EDITOR
ORGANISER = Membership.Role.ORGANISER
MEMBER_ADMINISTRATOR = Membership.Role.ADMINISTRATOR
ANY_ROLE: tuple[str, ...] = (EDITOR, ORGANISER)


def _roles_by_member(user: AnyUser) -> dict[int, set[str]]:
    """{member id: roles} of the user's memberships; cached on the user object for the
    request, which `grant_role`/`revoke_role` clear."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_member_roles", None)
    if cached is None:
        cached = {}
        rows = Membership.objects.filter(user=user).values_list("member_id", "role")
        for member_id, role in rows:
            cached.setdefault(member_id, set()).add(role)
        user.__dict__["_member_roles"] = cached  # cached on the user for the request
    return cached


def forget_cached_roles(user: AnyUser) -> None:
    for attribute in ("_member_roles", "_network_groups"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def member_ids_for(user: AnyUser, roles: Collection[str] = ANY_ROLE) -> set[int]:
    """Members the user acts for in one of `roles`."""
    return {member_id for member_id, held in _roles_by_member(user).items() if held & set(roles)}


def members_for(user: AnyUser, roles: Collection[str] = ANY_ROLE):
    return Member.objects.filter(pk__in=member_ids_for(user, roles)).order_by("name")


def has_role(user: AnyUser, member_id: int | None, role: str) -> bool:
    return member_id is not None and role in _roles_by_member(user).get(member_id, set())


def acts_for(user: AnyUser, member_id: int | None) -> bool:
    """May speak for the member in transfers (requests, invitations, notes, interest): its editors."""
    return has_role(user, member_id, EDITOR)


def transfer_member_ids(user: AnyUser) -> set[int]:
    """The members the user may speak for in transfers."""
    return member_ids_for(user, [EDITOR])


def _network_groups(user: AnyUser) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_network_groups", None)
    if cached is None:
        cached = set(
            user.groups.filter(name__in=[NETWORK_ADMINISTRATORS, NETWORK_MODERATORS]).values_list(
                "name", flat=True
            )
        )
        user.__dict__["_network_groups"] = cached
    return cached


def is_network_administrator(user: AnyUser) -> bool:
    """Superusers and members of the Network administrators group."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "is_superuser", False)) or NETWORK_ADMINISTRATORS in _network_groups(user)


def is_network_staff(user: AnyUser) -> bool:
    """Network administrators and moderators."""
    return is_network_administrator(user) or NETWORK_MODERATORS in _network_groups(user)


def may_use_dashboard(user: AnyUser) -> bool:
    return bool(member_ids_for(user))


def may_manage_registrations(user: AnyUser, host_member_id: int | None) -> bool:
    """The registration list, attendance, messages: network staff and the host's editors and organisers."""
    return is_network_staff(user) or host_member_id in member_ids_for(user)


def may_see_registrant_needs(user: AnyUser, host_member_id: int | None) -> bool:
    """Accessibility and dietary needs are health-adjacent data: the host's organisers only, who have to
    act on them; not moderators, editors or administrators."""
    return has_role(user, host_member_id, ORGANISER)


def may_administer_member(user: AnyUser, member_id: int | None) -> bool:
    """The member's profile and team: its member administrators and network administrators."""
    return is_network_administrator(user) or has_role(user, member_id, MEMBER_ADMINISTRATOR)


def roles_grantable_by(user: AnyUser, member_id: int | None) -> tuple[str, ...]:
    """Which roles `user` may grant or revoke within the member: member administrators the editor and
    organiser roles, network administrators every role (the member administrator one too)."""
    if is_network_administrator(user):
        return tuple(Membership.Role.values)
    if has_role(user, member_id, MEMBER_ADMINISTRATOR):
        return ANY_ROLE
    return ()
