"""Translations with wagtail-localize: an editor translates their own member's practice, the translation
starts as a draft in the member's folder of that locale and goes live only through moderation."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, WorkflowState

from core.models import Theme
from members.roles import NETWORK_MODERATORS
from practices.models import PracticeFolderPage, PracticePage
from tests.factories import MemberFactory, UserFactory, member_user
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MemberFactory(slug="city-of-ghent", name="City of Ghent")


@pytest.fixture
def editor(member):
    return member_user(member, username="ghent-editor")


@pytest.fixture
def moderator():
    user = UserFactory(username="moderator")
    user.groups.add(Group.objects.get(name=NETWORK_MODERATORS))
    return user


@pytest.fixture
def practice(member):
    return practice_page(
        member, title="One-stop desk", slug="one-stop-desk", themes=[Theme.objects.first().slug]
    )


def translate(client, user, page: PracticePage, language_code: str):
    client.force_login(user)
    locale = Locale.objects.get(language_code=language_code)
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locale.pk]})


def edit_form_data(page: PracticePage, **changes) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "challenge": page.challenge,
        "approach": page.approach,
        "results": page.results,
        "transferability": page.transferability,
        "priority": page.priority_id,
        "status": page.status,
        "language": page.language,
        "country": str(page.country),
        "evaluation_type": page.evaluation_type,
        "licence": page.licence,
        "themes": [theme.pk for theme in page.themes.all()],
        "body-count": "0",
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
    data.update(changes)
    return data


def test_an_editor_translates_their_practice_and_it_goes_live_in_german_after_moderation(
    client, member, editor, moderator, practice
):
    response = translate(client, editor, practice, "de")
    assert response.status_code == 302

    german = practice.get_translation(Locale.objects.get(language_code="de")).specific
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[german.pk])
    assert not german.live  # a draft, whatever the original's state
    assert german.language == "de"  # written in its locale's language
    assert german.translation_key == practice.translation_key
    assert german.get_parent().specific == PracticeFolderPage.for_member(member, german.locale)
    assert german.get_workflow().name == "Network moderation"

    edit_url = reverse("wagtailadmin_pages:edit", args=[german.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url,
        edit_form_data(
            german,
            title="Zentrale Anlaufstelle",
            summary="Eine Anlaufstelle.",
            **{"action-submit": "action-submit"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    german = PracticePage.objects.get(pk=german.pk)
    assert not german.live  # submitted, not published
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(german.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get("/de/practices/city-of-ghent/one-stop-desk/").status_code == 404

    client.force_login(moderator)
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[german.pk, "approve", state.current_task_state.pk]
    )
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)

    german = PracticePage.objects.get(pk=german.pk)
    assert german.live
    assert german.title == "Zentrale Anlaufstelle"
    client.logout()
    page = client.get("/de/practices/city-of-ghent/one-stop-desk/")
    assert page.status_code == 200
    assert "Zentrale Anlaufstelle" in page.content.decode()
    assert PracticePage.objects.get(pk=practice.pk).title == "One-stop desk"  # the original is untouched


def test_another_members_editor_cannot_translate_the_practice(client, practice):
    stranger = member_user(MemberFactory(slug="city-of-lyon"), username="lyon-editor")
    assert stranger.has_perm("wagtail_localize.submit_translation")  # for their own member's pages
    response = translate(client, stranger, practice, "de")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"  # Wagtail's answer to PermissionDenied
    assert not PracticePage.objects.filter(
        translation_key=practice.translation_key, locale__language_code="de"
    )


def test_the_translated_folder_belongs_to_the_member_and_its_editors_only(client, member, editor, practice):
    translate(client, editor, practice, "de")
    german_folder = PracticeFolderPage.for_member(member, Locale.objects.get(language_code="de"))
    assert german_folder is not None
    assert german_folder.translation_key == PracticeFolderPage.for_member(member).translation_key
    assert german_folder.permissions_for_user(editor).can_add_subpage()
    stranger = member_user(MemberFactory(slug="city-of-lyon"), username="lyon-editor")
    assert not german_folder.permissions_for_user(stranger).can_add_subpage()


def test_wagtail_localize_is_the_one_translation_tool():
    assert apps.is_installed("wagtail_localize")
    assert apps.is_installed("wagtail_localize.locales")
    assert not apps.is_installed("wagtail.contrib.simple_translation")
    assert not apps.is_installed("wagtail.locales")
