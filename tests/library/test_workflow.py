"""A member's resource goes through the network's moderation, as a practice does: its editor submits it
from the member's folder, a moderator approves it, and only then does anyone outside see it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from core.models import Priority
from library.models import ResourceFolderPage, ResourcePage
from members.roles import NETWORK_MODERATORS
from tests.factories import MemberFactory, UserFactory, member_user
from tests.library.factories import document

pytestmark = pytest.mark.django_db


@pytest.fixture
def ghent():
    return MemberFactory(slug="ghent", name="City of Ghent")


@pytest.fixture
def moderator():
    user = UserFactory(username="moderator")
    user.groups.add(Group.objects.get(name=NETWORK_MODERATORS))
    return user


def add_form_data(**overrides) -> dict:
    data = {
        "title": "Welcome desk toolkit",
        "slug": "welcome-desk-toolkit",
        "resource_type": "toolkit",
        "summary": "Checklists and templates for a welcome desk.",
        "description": "",
        "priority": Priority.objects.get(number=1).pk,
        "themes": "",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "1",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-document": document("Welcome desk toolkit en").pk,
        "files-0-language": "en",
        "files-0-ORDER": "1",
        "files-0-id": "",
        "files-0-DELETE": "",
        "action-submit": "action-submit",
    }
    data.update(overrides)
    return data


def visible_titles(client) -> dict[str, set[str]]:
    """What a signed-out visitor finds of the library, wherever they look."""
    import feedparser

    return {
        "listing": {page.title for page in client.get("/library/").context["page_obj"]},
        "api": {item["title"] for item in client.get("/api/v1/resources").json()["results"]},
        "feed": {
            entry.title for entry in feedparser.parse(client.get("/feeds/resources.rss").content).entries
        },
        "search": {
            result.title
            for result in client.get(reverse("search:search"), {"q": "welcome desk", "type": "resource"})
            .context["results"]
            .results
        },
    }


def test_an_editor_submits_a_resource_from_the_folder_and_a_moderator_approves_it(client, ghent, moderator):
    editor = member_user(ghent, username="ghent-editor")
    folder = ResourceFolderPage.for_member(ghent)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["library", "resourcepage", folder.pk])
    response = client.post(url, add_form_data())
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = ResourcePage.objects.get(slug="welcome-desk-toolkit")
    assert page.get_parent().pk == folder.pk and page.publisher == ghent
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Network moderation"

    client.logout()
    assert client.get("/library/ghent/welcome-desk-toolkit/").status_code == 404
    assert all("Welcome desk toolkit" not in titles for titles in visible_titles(client).values())

    state.current_task_state.approve(user=moderator)
    page = ResourcePage.objects.get(pk=page.pk)
    assert page.live and page.live_revision.user == editor
    assert client.get("/library/ghent/welcome-desk-toolkit/").status_code == 200
    assert all("Welcome desk toolkit" in titles for titles in visible_titles(client).values())


def test_an_editor_cannot_publish_a_resource_without_moderation(client, ghent):
    editor = member_user(ghent, username="ghent-editor")
    folder = ResourceFolderPage.for_member(ghent)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["library", "resourcepage", folder.pk])
    data = add_form_data()
    del data["action-submit"]
    client.post(url, {**data, "action-publish": "action-publish"})
    page = ResourcePage.objects.filter(slug="welcome-desk-toolkit").first()
    assert page is None or not page.live
