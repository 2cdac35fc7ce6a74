"""The practice editor in the Wagtail admin: themes are picked from the vocabulary and required to submit."""

import pytest
from django.utils.text import slugify

from core.models import Priority, Theme
from practices.models import PracticeFolderPage, PracticePage
from tests.factories import MemberFactory, member_user
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MemberFactory(slug="city-of-ghent", name="City of Ghent", country="BE")


@pytest.fixture
def editor_client(client, member):
    client.force_login(member_user(member, username="ghent-editor"))
    return client


def practice_form(title: str, **extra) -> dict:
    data = {
        "title": title,
        "slug": slugify(title),
        "summary": "Volunteers run a weekly language café in the town library.",
        "challenge": "Newcomers had few chances to speak Dutch outside class.",
        "approach": "We trained 20 volunteers and opened the library on Tuesday evenings.",
        "results": "312 participants in 2024.",
        "transferability": "A room, a coordinator and volunteers.",
        "priority": Priority.objects.get(number=1).pk,
        "status": "ongoing",
        "language": "en",
        "country": "BE",
        "licence": "CC-BY-4.0",
        "evaluation_type": "none",
        "body-count": "0",
    }
    for prefix in ("indicators", "images", "attachments"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        data.update({f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(extra)
    return data


def add_url(member) -> str:
    return f"/admin/pages/add/practices/practicepage/{PracticeFolderPage.for_member(member).pk}/"


def test_themes_are_checkboxes_of_the_vocabulary_not_a_free_tag_box(editor_client, member):
    html = editor_client.get(add_url(member)).content.decode()
    for theme in Theme.objects.all():
        assert f'type="checkbox" name="themes" value="{theme.pk}"' in html
    assert 'type="text" name="themes"' not in html  # the free-tag box that dropped typed themes


def test_submitting_a_practice_without_a_theme_is_refused_with_a_clear_message(editor_client, member):
    response = editor_client.post(add_url(member), practice_form("No theme", **{"action-submit": "1"}))
    assert response.status_code == 200
    assert "Choose at least one theme before you submit or publish." in response.content.decode()
    assert not PracticePage.objects.filter(title="No theme").exists()


def test_a_draft_may_be_saved_without_a_theme(editor_client, member):
    response = editor_client.post(add_url(member), practice_form("Draft without theme"))
    assert response.status_code == 302, response.context["form"].errors
    assert PracticePage.objects.filter(title="Draft without theme", live=False).exists()


def test_ticked_themes_are_stored_through_taggit_and_the_practice_goes_to_moderation(editor_client, member):
    themes = list(Theme.objects.filter(slug__in=["language-training", "cultural-mediation"]))
    assert len(themes) == 2
    data = practice_form("Language café", **{"action-submit": "1"})
    data["themes"] = [theme.pk for theme in themes]
    response = editor_client.post(add_url(member), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = PracticePage.objects.get(title="Language café")
    latest = page.get_latest_revision_as_object()
    assert {theme.slug for theme in latest.themes.all()} == {"language-training", "cultural-mediation"}
    assert page.workflow_in_progress and not page.live


def test_the_live_preview_renders_the_unsaved_practice_as_readers_will_see_it(editor_client, member):
    url = f"/admin/pages/add/practices/practicepage/{PracticeFolderPage.for_member(member).pk}/preview/"
    data = practice_form("Preview café", themes=[Theme.objects.get(slug="language-training").pk])
    assert editor_client.post(url, data).json()["is_valid"] is True
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Preview café</h1>" in html and "312 participants in 2024." in html


def test_the_preview_of_an_edited_live_practice_shows_the_edit_not_what_visitors_were_shown(
    editor_client, member, client
):
    """The practice page remembers the rows it shows (partners, themes, indicators...) for visitors; a
    preview renders the editor's unsaved choices instead."""
    language = Theme.objects.get(slug="language-training")
    mediation = Theme.objects.get(slug="cultural-mediation")
    page = practice_page(member, title="Language café", themes=["language-training"])
    shown = client.get(page.url).content.decode().split("<dt>Themes</dt>")[1].split("</dd>")[0]
    assert language.localized_label in shown  # the page's relations are now remembered

    url = f"/admin/pages/{page.pk}/edit/preview/"
    edited = practice_form("Language café", themes=[mediation.pk])
    assert editor_client.post(url, edited).json()["is_valid"] is True
    html = editor_client.get(url).content.decode()
    themes = html.split("<dt>Themes</dt>")[1].split("</dd>")[0]
    assert mediation.localized_label in themes and language.localized_label not in themes
