"""The network's roles, as Django groups. Permissions on pages are granted per member subtree."""

from typing import TypeVar

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.slugs import first_free_slug
from members.folders import MemberFolderPage
from members.models import Member, Membership, RoleChange
from members.permissions import (
    NETWORK_ADMINISTRATORS,
    NETWORK_MODERATORS,
    forget_cached_roles,
    is_network_administrator,
)
from members.signals import member_provisioned

FolderPage = TypeVar("FolderPage", bound=MemberFolderPage)

__all__ = ["NETWORK_ADMINISTRATORS", "NETWORK_MODERATORS", "is_network_administrator"]

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
    It is attached to the root of the page tree, above every locale's home page, so an original and
    each of its translations (in trees wagtail-localize creates later too) go through it; and to the
    site's home page, where a network administrator sees it."""
    if not Workflow.objects.filter(name=MODERATION_WORKFLOW).exists():
        Workflow.objects.filter(name="Moderators approval").update(name=MODERATION_WORKFLOW)
    task, _ = GroupApprovalTask.objects.get_or_create(name="Moderators approval")
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=MODERATION_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    for page in [root, site.root_page if site is not None else None]:
        if page is not None:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def ensure_network_roles() -> None:
    """Idempotent: run after every `migrate` (see MembersConfig) so a fresh database has its roles."""
    _administrators, moderators = ensure_network_groups()
    ensure_moderation_workflow(moderators)
    submit_translation = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    submit_translation.group_set.add(*Group.objects.filter(edited_member__isnull=False))


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
    grant_image_permissions([member.editors_group, member.organisers_group])
    member_provisioned.send(sender=Member, member=member)
    return member


def grant_image_permissions(groups: list[Group]) -> None:
    """Editors and organisers upload and choose images for their practices and events (all collections:
    images carry no personal data and are shared across the network)."""
    grant_collection_permissions(groups, "wagtailimages", ["add_image", "choose_image"])


def grant_collection_permissions(groups: list[Group], app_label: str, codenames: list[str]) -> None:
    """`groups` get `codenames` of `app_label` on the root collection, that is on every collection."""
    root = Collection.get_first_root_node()
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    for group in groups:
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def role_group(member: Member, role: str) -> Group | None:
    """The member's Group that carries `role`'s page permissions (derived from Membership rows). A
    member administrator manages the member's profile and team on the site and needs no group."""
    if role == Membership.Role.EDITOR:
        return member.editors_group
    if role == Membership.Role.ORGANISER:
        return member.organisers_group
    return None


@transaction.atomic
def sync_member_groups(user: User) -> None:
    """Make the user's member groups exactly those their Membership rows imply: the one derivation of
    Groups from Memberships (network-wide groups are left alone)."""
    member_groups = Group.objects.filter(edited_member__isnull=False) | Group.objects.filter(
        organised_member__isnull=False
    )
    wanted = {
        group.pk
        for membership in Membership.objects.filter(user=user).select_related(
            "member__editors_group", "member__organisers_group"
        )
        if (group := role_group(membership.member, membership.role)) is not None
    }
    held = set(user.groups.filter(pk__in=member_groups.values("pk")).values_list("pk", flat=True))
    user.groups.remove(*(held - wanted))
    user.groups.add(*(wanted - held))
    forget_cached_roles(user)


def record_role_change(user: User, member: Member, role: str, action: str, by: User | None) -> RoleChange:
    """The audit trail's row (network administrators read it in the Wagtail admin)."""
    return RoleChange.objects.create(
        actor=by,
        actor_name=by.get_username() if by is not None else "",
        user=user,
        user_name=user.get_username(),
        member=member,
        member_name=member.name,
        role=role,
        action=action,
    )


@transaction.atomic
def grant_role(user: User, member: Member, role: str, *, by: User | None = None) -> Membership:
    """Let the user act for the member in `role`: the Membership row, the matching group, and the audit
    trail's row naming `by` (None: the system, e.g. an approved application or the demo)."""
    if role not in Membership.Role.values:
        raise ValueError(f"unknown role {role!r}")
    membership, created = Membership.objects.get_or_create(user=user, member=member, role=role)
    sync_member_groups(user)
    if created:
        record_role_change(user, member, role, RoleChange.Action.GRANTED, by)
    return membership


@transaction.atomic
def revoke_role(user: User, member: Member, role: str, *, by: User | None = None) -> bool:
    """Take the role away at once: every app's next permission check sees it gone. True if held."""
    deleted, _details = Membership.objects.filter(user=user, member=member, role=role).delete()
    sync_member_groups(user)
    if deleted:
        record_role_change(user, member, role, RoleChange.Action.REVOKED, by)
    return bool(deleted)


def ensure_member_folder(
    index_model: type[Page], folder_model: type[FolderPage], member: Member
) -> FolderPage | None:
    """The member's folder page under the default locale's `index_model` page, where the member's
    editors may add and change pages; publishing stays with moderators, through the workflow. None
    before the index page exists. Folders in other locales appear when a page is first translated."""
    index = index_model.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        return None
    folder = folder_model.for_member(member)
    if folder is None:
        folder = folder_model(title=member.name, slug=free_child_slug(index, member.slug), member=member)
        index.add_child(instance=folder)
    grant_folder_permissions(folder)
    return folder


def free_child_slug(parent: Page, slug: str) -> str:
    """`slug`, or `slug-2`, `slug-3`... when a page under `parent` already has it (a network resource
    named like a new member, say): Wagtail refuses two siblings with one slug."""
    taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    return first_free_slug(slug, taken.__contains__)


def grant_folder_permissions(folder: MemberFolderPage) -> None:
    """The member's editors add and change pages in the folder, in whatever locale it is: so they may
    translate their own member's practices and events, and no one else's."""
    editors_group = folder.member.editors_group
    if editors_group is None:
        return
    for permission_type in ("add", "change"):
        grant_page_permission(editors_group, folder, permission_type)
    editors_group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")
    )
