"""Creates /library/ under the home page if it is missing, a resource folder for every provisioned member
(with add and change rights for the member's editors, as `library.actions.create_member_resource_folder`
gives new members), and moves each resource that names a publisher into its publisher's folder, leaving
a permanent redirect from its old address. Resources without a publisher are the network's own and stay
directly under the index, at the address they have."""

from django.db import migrations
from django.db.models import Q

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node alphabet as used by Wagtail
STEPLEN = 4


def encode_step(number):
    step = ""
    for _ in range(STEPLEN):
        number, remainder = divmod(number, len(ALPHABET))
        step = ALPHABET[remainder] + step
    return step


def next_child_path(Page, parent):
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    )
    if last is None:
        return parent.path + encode_step(1)
    number = 0
    for char in last.path[-STEPLEN:]:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    return parent.path + encode_step(number + 1)


def count_children(Page, parent):
    Page.objects.filter(pk=parent.pk).update(
        numchild=Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
    )


def library_index(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("core", "HomePage")
    ResourceIndexPage = apps.get_model("library", "ResourceIndexPage")
    index = ResourceIndexPage.objects.order_by("path").first()  # the default locale's: the first tree
    if index is not None:
        return index
    home = HomePage.objects.filter(slug="home").first()
    if home is None:
        return None
    content_type, _ = ContentType.objects.get_or_create(app_label="library", model="resourceindexpage")
    index = ResourceIndexPage.objects.create(
        title="Library",
        draft_title="Library",
        slug="library",
        content_type=content_type,
        path=next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}library/",
        locale_id=home.locale_id,
        live=True,
        introduction=(
            "Guidelines, toolkits, training curricula, evaluation reports, campaign materials and research "
            "from the network's practices and events, in the languages they exist in."
        ),
    )
    count_children(Page, home)
    return index


def create_folders(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Member = apps.get_model("members", "Member")
    ResourceFolderPage = apps.get_model("library", "ResourceFolderPage")
    ResourcePage = apps.get_model("library", "ResourcePage")
    Redirect = apps.get_model("wagtailredirects", "Redirect")

    index = library_index(apps)
    if index is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="library", model="resourcefolderpage")
    page_permissions = list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=["add_page", "change_page"])
    )
    publishers = ResourcePage.objects.filter(publisher__isnull=False).values("publisher_id")
    members = Member.objects.filter(Q(editors_group__isnull=False) | Q(pk__in=publishers)).order_by("pk")
    folders = {}
    for member in members:
        folder = ResourceFolderPage.objects.filter(member=member, locale_id=index.locale_id).first()
        if folder is None:
            siblings = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
            slug = member.slug
            if siblings.filter(slug=slug).exists():  # a network resource already has the member's slug
                slug = f"{member.slug}-resources"
            folder = ResourceFolderPage.objects.create(
                title=member.name,
                draft_title=member.name,
                slug=slug,
                content_type=content_type,
                path=next_child_path(Page, index),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale_id=index.locale_id,
                live=True,
                member=member,
            )
        if member.editors_group_id is not None:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group_id=member.editors_group_id, page_id=folder.pk, permission=permission
                )
        folders[member.pk] = folder

    site_root_path = Page.objects.get(path=index.path[:-STEPLEN]).url_path
    for resource in ResourcePage.objects.filter(
        publisher__isnull=False, path__startswith=index.path, depth=index.depth + 1
    ).order_by("path"):
        folder = folders[resource.publisher_id]
        old_path = "/" + resource.url_path[len(site_root_path) :].rstrip("/")
        # A resource has no subpages (subpage_types = []), so only its own row moves.
        Page.objects.filter(pk=resource.pk).update(
            path=next_child_path(Page, folder),
            depth=folder.depth + 1,
            url_path=f"{folder.url_path}{resource.slug}/",
        )
        count_children(Page, folder)
        Redirect.objects.get_or_create(
            old_path=old_path, site=None, defaults={"redirect_page_id": resource.pk, "is_permanent": True}
        )
    count_children(Page, index)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_undelivered_email"),
        ("library", "0002_resource_folders"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_folders, migrations.RunPython.noop)]
