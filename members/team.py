"""A member's own space: its administrators invite colleagues and grant or revoke roles within it.

Every role change goes through members.roles.grant_role / revoke_role (the one role action, which also
writes the audit trail); this module checks who may ask for it first.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.links import absolute_url
from core.outbox import queue_email
from members.models import Member, MemberInvitation, Membership
from members.permissions import may_administer_member, roles_grantable_by
from members.roles import grant_role, revoke_role


class InvitationError(Exception):
    """The link is unknown, used, cancelled or expired, or meant for another address."""


@dataclass
class TeamMember:
    """One person of a member's team, with every role they hold there."""

    user: User
    roles: list[str] = field(default_factory=list)

    @property
    def role_labels(self) -> list[str]:
        return [str(Membership.Role(role).label) for role in self.roles]

    @property
    def last_login(self) -> datetime | None:
        return self.user.last_login


def _check_may_administer(actor: User, member: Member) -> None:
    if not may_administer_member(actor, member.pk):
        raise PermissionDenied(_("Only this member's administrators can do this."))


def _check_may_grant(actor: User, member: Member, role: str) -> None:
    if role not in roles_grantable_by(actor, member.pk):
        raise PermissionDenied(_("You cannot grant or revoke this role for this member."))


def team_of(member: Member) -> list[TeamMember]:
    """Everyone acting for the member, by name, in two queries whatever the size of the team."""
    team: dict[int, TeamMember] = {}
    rows = (
        Membership.objects.filter(member=member)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )
    for membership in rows:
        team.setdefault(membership.user_id, TeamMember(membership.user)).roles.append(membership.role)
    return list(team.values())


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_colleague(actor: User, member: Member, email: str, role: str) -> MemberInvitation:
    """Mail an invitation link (valid settings.INVITATION_DAYS) to act for `member` in `role`."""
    _check_may_administer(actor, member)
    _check_may_grant(actor, member, role)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = MemberInvitation.objects.create(
            member=member,
            email=email.strip(),
            role=role,
            token_hash=_token_hash(token),
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
        )
        context = {
            "member": member,
            "invited_by": actor.get_full_name() or actor.get_username(),
            "role": invitation.get_role_display(),
            "url": absolute_url(reverse("members:accept_invitation", args=[token])),
            "expires_at": invitation.expires_at,
        }
        subject = _("Join %(member)s's team on the Integration Network") % {"member": member.name}
        message = EmailMessage(
            subject,
            render_to_string("members/emails/team_invitation.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [invitation.email],
        )
        transaction.on_commit(lambda: queue_email(message, purpose="members:team_invitation"))
    return invitation


def find_invitation(token: str) -> MemberInvitation:
    """The open invitation a link stands for; InvitationError otherwise."""
    invitation = (
        MemberInvitation.objects.select_related("member", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if invitation is None or not invitation.is_open:
        raise InvitationError(_("This invitation link no longer works."))
    return invitation


def existing_account(invitation: MemberInvitation) -> User | None:
    return User.objects.filter(email__iexact=invitation.email, is_active=True).order_by("pk").first()


@transaction.atomic
def accept_invitation(invitation: MemberInvitation, user: User) -> Membership:
    """Give `user` the invited role, once. The account's address must be the invited one, so a link
    forwarded to someone else cannot grant them the role."""
    locked = MemberInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise InvitationError(_("This invitation link no longer works."))
    if (user.email or "").lower() != locked.email.lower():
        raise InvitationError(
            _("This invitation was sent to %(email)s: sign in with that account to accept it.")
            % {"email": locked.email}
        )
    membership = grant_role(user, locked.member, locked.role, by=locked.invited_by)
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def accept_invitation_with_new_account(
    invitation: MemberInvitation, *, first_name: str, last_name: str, password: str
) -> User:
    """Create the invited person's account (user name = their address) and accept the invitation."""
    if existing_account(invitation) is not None:
        raise InvitationError(_("An account with this address exists: sign in to accept."))
    user = User(
        username=invitation.email.lower()[:150],
        email=invitation.email,
        first_name=first_name[:150],
        last_name=last_name[:150],
    )
    user.set_password(password)
    user.save()
    accept_invitation(invitation, user)
    return user


def cancel_invitation(actor: User, invitation: MemberInvitation) -> None:
    _check_may_administer(actor, invitation.member)
    MemberInvitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        cancelled_at=timezone.now()
    )


def change_role(actor: User, member: Member, user: User, role: str, *, grant: bool) -> bool:
    """Grant or revoke `role` for `user` within `member`, if `actor` may; True if something changed.
    Roles are granted to people already on the member's team; newcomers are invited by email."""
    _check_may_administer(actor, member)
    _check_may_grant(actor, member, role)
    if not Membership.objects.filter(user=user, member=member).exists():
        raise PermissionDenied(_("This person is not on this member's team: invite them by email."))
    if grant:
        held = Membership.objects.filter(user=user, member=member, role=role).exists()
        grant_role(user, member, role, by=actor)
        return not held
    return revoke_role(user, member, role, by=actor)


def may_invite_roles(actor: User, member: Member) -> list[tuple[str, str]]:
    """(value, label) of the roles `actor` may invite to or grant within `member`."""
    grantable = roles_grantable_by(actor, member.pk)
    return [(value, str(label)) for value, label in Membership.Role.choices if value in grantable]
