"""What the members app keeps about a person (core.personal_data): their roles, the trail of changes
to them, and invitations sent to their address."""

from django.contrib.auth.models import User
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalDataKind, personal_data

from .models import MemberInvitation, Membership, RoleChange


def export_roles(user: User) -> dict:
    return {
        "memberships": [
            {"member": membership.member.name, "role": membership.role}
            for membership in Membership.objects.filter(user=user).select_related("member")
        ],
        "role_changes": [
            {
                "at": change.at,
                "member": change.member_name,
                "role": change.role,
                "change": change.action,
                "by": change.actor_name,
            }
            for change in RoleChange.objects.filter(user=user)
        ],
        "invitations": [
            {
                "member": invitation.member.name,
                "role": invitation.role,
                "sent": invitation.created_at,
                "accepted": invitation.accepted_at,
            }
            for invitation in MemberInvitation.objects.filter(email__iexact=user.email).select_related(
                "member"
            )
        ]
        if user.email
        else [],
    }


def describe_roles_erasure(user: User) -> list[str]:
    members = sorted(
        {
            membership.member.name
            for membership in Membership.objects.filter(user=user).select_related("member")
        }
    )
    if not members:
        return []
    return [
        _("You leave the team of: %(members)s. Their pages stay with them.")
        % {"members": ", ".join(members)},
        _("The audit trail of role changes keeps your user name, as the network's record of who had access."),
    ]


def erase_invitations(user: User) -> None:
    if user.email:
        MemberInvitation.objects.filter(email__iexact=user.email).delete()


personal_data.register(
    PersonalDataKind(
        key="member_roles",
        label=gettext_lazy("Your roles at network members"),
        export=export_roles,
        describe_erasure=describe_roles_erasure,
        erase=erase_invitations,
    )
)
