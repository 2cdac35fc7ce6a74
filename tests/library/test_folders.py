"""Members publish their own resources from a folder under /library/: the folder names the publisher,
shapes the address, and is never shown as content itself."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from library.demo import library_index
from library.models import ResourceFolderPage, ResourcePage
from tests.factories import MemberFactory
from tests.library.factories import resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def ghent():
    return MemberFactory(slug="ghent", name="City of Ghent")


def test_provisioning_gives_each_member_a_resource_folder_only_its_editors_may_add_to(ghent):
    folder = ResourceFolderPage.for_member(ghent)
    assert folder.get_parent().specific == library_index()
    assert folder.url == "/library/ghent/"
    granted = set(
        GroupPagePermission.objects.filter(group=ghent.editors_group, page=folder).values_list(
            "permission__codename", flat=True
        )
    )
    assert granted == {"add_page", "change_page"}
    documents = set(
        GroupCollectionPermission.objects.filter(
            group=ghent.editors_group, permission__content_type__app_label="wagtaildocs"
        ).values_list("permission__codename", flat=True)
    )
    assert documents == {"add_document", "choose_document"}
    assert not GroupPagePermission.objects.filter(group=ghent.organisers_group, page=folder).exists()


def test_a_members_resource_lives_at_a_readable_address_and_links_its_publisher(client, ghent):
    page = resource(library_index(), title="Buddy guideline", slug="buddy-guideline", publisher=ghent)
    assert page.url == "/library/ghent/buddy-guideline/"
    assert ResourcePage.objects.get(pk=page.pk).publisher == ghent
    profile = reverse("members:detail", kwargs={"slug": "ghent"})
    html = client.get(page.url).content.decode()
    assert f'Published by <a href="{profile}">City of Ghent</a>' in html
    listing = client.get("/library/").content.decode()
    assert f'<a href="{profile}">City of Ghent</a>' in listing


def test_a_resource_directly_under_the_index_is_the_networks_own(client, ghent):
    page = resource(library_index(), title="Network charter", slug="network-charter")
    assert page.url == "/library/network-charter/" and page.publisher is None
    assert client.get(page.url).status_code == 200


def test_the_folder_is_never_content_it_sends_visitors_to_the_members_resources(client, ghent):
    other = MemberFactory(slug="graz", name="Graz")
    resource(library_index(), title="Ghent toolkit", publisher=ghent)
    resource(library_index(), title="Graz toolkit", publisher=other)
    response = client.get("/library/ghent/")
    assert response.status_code == 302
    assert response["Location"] == "/library/?member=ghent"
    listing = client.get(response["Location"])
    assert [page.title for page in listing.context["page_obj"]] == ["Ghent toolkit"]
    html = listing.content.decode()
    assert "Published by City of Ghent" in html and 'name="member" value="ghent"' in html
    titles = {page.title for page in client.get("/library/").context["page_obj"]}
    assert titles == {"Ghent toolkit", "Graz toolkit"}  # resources only, never the folders


def test_moving_a_resource_to_another_folder_makes_that_member_its_publisher(ghent):
    other = MemberFactory(slug="graz", name="Graz")
    page = resource(library_index(), title="Shared toolkit", slug="shared-toolkit", publisher=ghent)
    page.move(ResourceFolderPage.for_member(other), pos="last-child")
    page = ResourcePage.objects.get(pk=page.pk)
    assert page.publisher == other and page.url == "/library/graz/shared-toolkit/"
    page.save_revision().publish()
    assert ResourcePage.objects.get(pk=page.pk).publisher == other  # not the revision's old publisher


def test_a_resource_published_after_its_address_was_asked_for_is_found(
    client, ghent, django_capture_on_commit_callbacks
):
    """The folder remembers which child a slug names; publishing a resource must make it forget."""
    assert client.get("/library/ghent/late-toolkit/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        resource(library_index(), title="Late toolkit", slug="late-toolkit", publisher=ghent)
    assert client.get("/library/ghent/late-toolkit/").status_code == 200


def test_the_members_profile_lists_its_published_resources_in_bounded_queries(
    client, ghent, django_assert_max_num_queries
):
    other = MemberFactory(slug="graz", name="Graz")
    for number in range(8):
        resource(library_index(), title=f"Ghent resource {number}", languages=("en", "nl"), publisher=ghent)
    resource(library_index(), title="Ghent draft", publisher=ghent, publish=False)
    resource(library_index(), title="Graz resource", publisher=other)
    url = reverse("members:detail", kwargs={"slug": "ghent"})
    client.get(url)  # fills the remembered lookups, as every later visitor finds them
    with django_assert_max_num_queries(20):
        html = client.get(url).content.decode()
    assert "Tools and guidelines" in html
    assert len(re.findall(r">Ghent resource \d</a>", html)) == 6  # the newest six, then a link to all
    assert "Ghent draft" not in html and "Graz resource" not in html
    assert "/library/?member=ghent" in html
    graz = client.get(reverse("members:detail", kwargs={"slug": "graz"})).content.decode()
    assert "Graz resource" in graz and "Ghent resource" not in graz


def test_the_migration_moves_published_resources_into_their_publishers_folders(client, ghent):
    migration = importlib.import_module("library.migrations.0003_create_library_and_member_folders")
    index = library_index()
    graz = MemberFactory(slug="graz", name="Graz")
    ResourceFolderPage.for_member(graz).delete()  # as if Graz joined before the library existed
    old = resource(index, title="Old guideline", slug="old-guideline")
    ResourcePage.objects.filter(pk=old.pk).update(publisher=graz)  # how resources named publishers before
    network = resource(index, title="Network charter", slug="network-charter")

    migration.create_folders(apps, None)

    folder = ResourceFolderPage.for_member(graz)
    assert folder.url == "/library/graz/"
    assert GroupPagePermission.objects.filter(group=graz.editors_group, page=folder).count() == 2
    moved = ResourcePage.objects.get(pk=old.pk)
    assert moved.get_parent().pk == folder.pk and moved.url == "/library/graz/old-guideline/"
    assert ResourcePage.objects.get(pk=network.pk).url == "/library/network-charter/"
    assert all(not problems for problems in Page.find_problems())
    response = client.get("/library/old-guideline/")
    assert response.status_code == 301 and response["Location"] == "/library/graz/old-guideline/"
    assert client.get("/library/graz/old-guideline/").status_code == 200
    migration.create_folders(apps, None)  # idempotent
    assert ResourceFolderPage.objects.filter(member=graz).count() == 1
    assert ResourcePage.objects.get(pk=old.pk).url == "/library/graz/old-guideline/"


def test_a_new_member_named_like_a_network_resource_gets_a_folder_beside_it(client):
    charter = resource(library_index(), title="Lyon charter", slug="lyon")
    lyon = MemberFactory(slug="lyon", name="Ville de Lyon")  # provisioning creates the folders
    folder = ResourceFolderPage.for_member(lyon)
    assert folder.slug == "lyon-2" and folder.get_parent().specific == library_index()
    assert client.get(charter.url).status_code == 200
    page = resource(folder, title="Welcome guide", slug="welcome-guide", publisher=lyon)
    assert page.url == "/library/lyon-2/welcome-guide/"
