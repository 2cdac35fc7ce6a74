"""The network's roles, as Django groups. Permissions on pages are granted per member subtree."""

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from members.folders import MemberFolderPage
from members.models import Member
from members.signals import member_provisioned

FolderPage = TypeVar("FolderPage", bound=MemberFolderPage)

NETWORK_ADMINISTRATORS = "Network administrators"
NETWORK_MODERATORS = "Network moderators"
MODERATION_WORKFLOW = "Network moderation"


def editors_group_name(member: Member) -> str:
    return f"Member editors: {member.name}"[:150]


def organisers_group_name(member: Member) -> str:
    return f"Event organisers: {member.name}"[:150]


def ensure_network_groups() -> tuple[Group, Group]:
    """The two network-wide groups. Administrators get every page and admin permission; moderators
    publish anywhere (through the moderation workflow) and may lock and unlock pages."""
    # Wagtail's stock "Moderators" and "Editors" groups would only confuse: our roles replace them.
    if not Group.objects.filter(name=NETWORK_MODERATORS).exists():
        Group.objects.filter(name="Moderators").update(name=NETWORK_MODERATORS)
    Group.objects.filter(name="Editors", user__isnull=True).delete()
    administrators, _ = Group.objects.get_or_create(name=NETWORK_ADMINISTRATORS)
    moderators, _ = Group.objects.get_or_create(name=NETWORK_MODERATORS)
    root = Page.get_first_root_node()
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    administrators.permissions.add(*Permission.objects.all())
    moderators.permissions.add(admin_access)
    for permission_type in ["add", "change", "publish", "bulk_delete", "lock", "unlock"]:
        grant_page_permission(administrators, root, permission_type)
    moderator_page_permissions = ["change", "publish", "lock", "unlock"]
    for permission_type in moderator_page_permissions:
        grant_page_permission(moderators, root, permission_type)
    # Moderators review and publish; they do not author pages (Wagtail's stock group could add anywhere).
    GroupPagePermission.objects.filter(group=moderators).exclude(
        permission__codename__in=[f"{name}_page" for name in moderator_page_permissions]
    ).delete()
    return administrators, moderators


def grant_page_permission(group: Group, page: Page, permission_type: str) -> None:
    """Grant `permission_type` ("add", "change", "publish", ...) on `page` and its descendants."""
    permission = Permission.objects.get(
        content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
    )
    GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def ensure_moderation_workflow(moderators: Group) -> Workflow:
    """One workflow for all members' content: a moderator approves, or asks for changes with a comment.
    It is attached to the site's home page, so every practice and event below it goes through it."""
    if not Workflow.objects.filter(name=MODERATION_WORKFLOW).exists():
        Workflow.objects.filter(name="Moderators approval").update(name=MODERATION_WORKFLOW)
    task, _ = GroupApprovalTask.objects.get_or_create(name="Moderators approval")
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        WorkflowPage.objects.get_or_create(page=site.root_page, defaults={"workflow": workflow})
    return workflow


def ensure_network_roles() -> None:
    """Idempotent: run after every `migrate` (see MembersConfig) so a fresh database has its roles."""
    _administrators, moderators = ensure_network_groups()
    ensure_moderation_workflow(moderators)


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


def is_network_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Superusers and members of the Network administrators group: they review membership applications."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=NETWORK_ADMINISTRATORS).exists()


def ensure_member_folder(
    index_model: type[Page], folder_model: type[FolderPage], member: Member
) -> FolderPage | None:
    """The member's folder page under the (single) `index_model` page, where the member's editors may
    add and change pages; publishing stays with moderators, through the workflow. None before the
    index page exists."""
    index = index_model.objects.first()
    if index is None:
        return None
    folder = folder_model.objects.filter(member=member).first()
    if folder is None:
        folder = folder_model(title=member.name, slug=member.slug, member=member)
        index.add_child(instance=folder)
    if member.editors_group is not None:
        for permission_type in ("add", "change"):
            grant_page_permission(member.editors_group, folder, permission_type)
    return folder
