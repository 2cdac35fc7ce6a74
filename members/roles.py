"""The network's roles, as Django groups. Permissions on pages are granted per member subtree."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from members.models import Member
from members.signals import member_provisioned

NETWORK_ADMINISTRATORS = "Network administrators"
NETWORK_MODERATORS = "Network moderators"


def editors_group_name(member: Member) -> str:
    return f"Member editors: {member.name}"[:150]


def organisers_group_name(member: Member) -> str:
    return f"Event organisers: {member.name}"[:150]


def ensure_network_groups() -> tuple[Group, Group]:
    """The two network-wide groups. Administrators get every page and admin permission; moderators
    publish anywhere (through the moderation workflow) and may lock and unlock pages."""
    administrators, _ = Group.objects.get_or_create(name=NETWORK_ADMINISTRATORS)
    moderators, _ = Group.objects.get_or_create(name=NETWORK_MODERATORS)
    root = Page.get_first_root_node()
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    administrators.permissions.add(*Permission.objects.all())
    moderators.permissions.add(admin_access)
    for permission_type in ["add", "change", "publish", "bulk_delete", "lock", "unlock"]:
        GroupPagePermission.objects.get_or_create(
            group=administrators, page=root, permission_type=permission_type
        )
    for permission_type in ["change", "publish", "lock", "unlock"]:
        GroupPagePermission.objects.get_or_create(
            group=moderators, page=root, permission_type=permission_type
        )
    return administrators, moderators


@transaction.atomic
def provision_member(member: Member) -> Member:
    """Give the member its editors and organisers groups, then let the content apps create its folders."""
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    if member.editors_group is None:
        member.editors_group, _ = Group.objects.get_or_create(name=editors_group_name(member))
    if member.organisers_group is None:
        member.organisers_group, _ = Group.objects.get_or_create(name=organisers_group_name(member))
    member.save(update_fields=["editors_group", "organisers_group"])
    member.editors_group.permissions.add(admin_access)
    member.organisers_group.permissions.add(admin_access)
    member_provisioned.send(sender=Member, member=member)
    return member
