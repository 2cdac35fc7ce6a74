"""What happens to the library when the network changes: a new member gets its resource folder, and a
resource moved to another folder gets that folder's member as its publisher."""

from typing import Any

from django.contrib.auth.models import Group
from wagtail.models import Page

from members.models import Member
from members.roles import ensure_member_folder, grant_collection_permissions

from .models import ResourceFolderPage, ResourceIndexPage, ResourcePage


def create_member_resource_folder(
    sender: Any = None, *, member: Member, **kwargs: Any
) -> ResourceFolderPage | None:
    """Receiver of `member_provisioned`: the member's folder under /library/, where its editors may add
    and change resources (publishing stays with moderators through the workflow), and the right to
    upload and choose the documents a resource's files are."""
    folder = ensure_member_folder(ResourceIndexPage, ResourceFolderPage, member)
    if member.editors_group is not None:
        grant_document_permissions(member.editors_group)
    return folder


def grant_document_permissions(group: Group) -> None:
    """Documents are shared across the network like images: a resource's files are public once it is
    published, and Wagtail serves any document by its URL whatever page uses it."""
    grant_collection_permissions([group], "wagtaildocs", ["add_document", "choose_document"])


def follow_new_folder(sender: Any, instance: Page, parent_page_after: Page, **kwargs: Any) -> None:
    """Receiver of `post_page_move` for resources: the folder a resource is moved to names its
    publisher (a move rewrites the tree's paths without saving the page)."""
    member_id = ResourceFolderPage.member_id_holding(instance, parent_page_after.specific)
    ResourcePage.objects.filter(pk=instance.pk).exclude(publisher_id=member_id).update(publisher_id=member_id)
