"""The editor's guide: an admin help-menu page walking through publishing a practice and an event."""

import pytest
from wagtail.admin.menu import help_menu

from tests.factories import MemberFactory, member_user

pytestmark = pytest.mark.django_db


def test_an_editor_opens_the_guide_from_the_help_menu_instead_of_wagtails_online_guide(client, rf):
    editor = member_user(MemberFactory())
    request = rf.get("/admin/")
    request.user = editor
    items = {item.name: item.url for item in help_menu.menu_items_for_request(request)}
    assert items["editors-guide"] == "/admin/editors-guide/"
    assert "editor-guide" not in items  # Wagtail's own guide: English, on the internet
    client.force_login(editor)
    assert "/admin/editors-guide/" in client.get("/admin/").content.decode()
    response = client.get("/admin/editors-guide/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "Publishing a practice",
        "Publishing an event",
        "Moderation: what happens after you submit",
    ):
        assert heading in html
    assert "Submit to Network moderation" in html and "Europe/Lisbon" in html


def test_the_guide_is_for_signed_in_editors_only(client):
    response = client.get("/admin/editors-guide/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_guides_menu_item_keeps_its_name_whatever_language_builds_the_menu():
    from django.utils import translation

    from core.wagtail_hooks import register_editors_guide_menu_item

    with translation.override("de"):
        assert register_editors_guide_menu_item().name == "editors-guide"
