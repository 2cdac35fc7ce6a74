"""Moderation: editors submit, moderators approve or ask for changes, and only moderators publish."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, WorkflowState

from core.models import Theme
from members.roles import NETWORK_MODERATORS
from practices.models import PracticeFolderPage, PracticePage
from tests.factories import MemberFactory, UserFactory, member_user
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    user = UserFactory(username="moderator")
    user.groups.add(Group.objects.get(name=NETWORK_MODERATORS))
    return user


@pytest.fixture
def member():
    return MemberFactory(slug="city-of-ghent", name="City of Ghent")


@pytest.fixture
def editor(member):
    return member_user(member, username="ghent-editor")


def submit(page: PracticePage, editor) -> WorkflowState:
    page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow.name == "Network moderation"
    return workflow.start(page, editor)


def test_editor_submits_and_moderator_approves_then_the_practice_is_published(member, editor, moderator):
    page = practice_page(member, publish=False, title="One-stop desk")
    state = submit(page, editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not PracticePage.objects.get(pk=page.pk).live

    state.current_task_state.approve(user=moderator)

    page = PracticePage.objects.get(pk=page.pk)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live
    assert page.live_revision.user == editor
    assert page.revisions.count() >= 2


def test_moderator_requests_changes_with_a_comment_then_approves_the_resubmission(member, editor, moderator):
    page = practice_page(member, publish=False, title="Language cafe")
    state = submit(page, editor)
    task_state = state.current_task_state
    task_state.reject(user=moderator, comment="Please add the number of participants.")

    state.refresh_from_db()
    task_state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert task_state.get_comment() == "Please add the number of participants."
    assert not PracticePage.objects.get(pk=page.pk).live

    page = PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    page.results = "312 participants in 2024."
    page.save_revision(user=editor)
    state.resume(editor)
    state.refresh_from_db()
    state.current_task_state.approve(user=moderator)

    page = PracticePage.objects.get(pk=page.pk)
    assert page.live
    assert page.results == "312 participants in 2024."
    assert page.revisions.count() >= 3  # every version is kept


def test_editor_can_add_and_edit_in_own_folder_but_not_publish(member, editor):
    page = practice_page(member, publish=False)
    permissions = page.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert PracticeFolderPage.for_member(member).permissions_for_user(editor).can_add_subpage()


def test_editor_publish_request_through_the_admin_does_not_publish(client, member, editor):
    page = practice_page(member, publish=False, title="Draft")
    client.force_login(editor)
    data = {
        "title": "Draft edited",
        "slug": page.slug,
        "summary": "s",
        "challenge": "c",
        "approach": "a",
        "results": "r",
        "transferability": "t",
        "priority": page.priority_id,
        "status": "ongoing",
        "language": "en",
        "country": "IT",
        "evaluation_type": "none",
        "action-publish": "action-publish",
        "themes": [Theme.objects.first().pk],
    }
    for prefix in ("indicators", "images", "attachments"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update({"body-count": "0"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302  # the form was accepted...
    page = PracticePage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().title == "Draft edited"
    assert not page.live  # ...saved as a draft, not published


def test_editor_cannot_edit_another_members_practice(client, member, editor):
    other = MemberFactory(slug="city-of-lyon")
    theirs = practice_page(other, title="Lyon practice")
    assert not theirs.permissions_for_user(editor).can_edit()
    assert not PracticeFolderPage.for_member(other).permissions_for_user(editor).can_add_subpage()

    client.force_login(editor)
    response = client.get(f"/admin/pages/{theirs.pk}/edit/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    add = client.get(f"/admin/pages/add/practices/practicepage/{PracticeFolderPage.for_member(other).pk}/")
    assert add.status_code in (302, 403)
    assert Page.objects.get(pk=theirs.pk).title == "Lyon practice"
