"""A member editor adds a resource with a file to the member's library folder and submits it; a moderator
approves it; a signed-out visitor finds it through the site search and opens it (axe on the public
pages, every request kept on this machine)."""

import re

import pytest
from django.contrib.auth.models import Group

from library.demo import minimal_pdf
from library.models import ResourceFolderPage, ResourcePage
from members.roles import NETWORK_MODERATORS
from tests.browser.accessibility import axe_violations
from tests.browser.test_dissemination import keep_requests_local
from tests.browser.test_practices_workflow import open_action_menu, sign_in
from tests.factories import MemberFactory, UserFactory, member_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Welcome desk toolkit for town halls"


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_editor_submits_a_resource_moderator_approves_and_a_visitor_finds_it(page, browser, live_server):
    member = MemberFactory(slug="city-of-ghent", name="City of Ghent", country="BE")
    member_user(member, username="ghent-editor")
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name=NETWORK_MODERATORS))
    folder = ResourceFolderPage.for_member(member)

    sign_in(page, "ghent-editor")
    page.goto(f"/admin/pages/add/library/resourcepage/{folder.pk}/")
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill(TITLE)
    page.locator("#id_resource_type").select_option("toolkit")
    page.locator("#id_summary").fill("Checklists, floor plans and service agreements for a one-stop desk.")
    page.locator("#id_priority").select_option(
        label="1. Local and regional networks for the integration of third-country nationals"
    )
    # The resource's file: uploaded from the document chooser, in French.
    page.locator("[id^='inline_child_files-0']").get_by_role(
        "button", name=re.compile("Choose a document", re.I)
    ).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name=re.compile("Upload", re.I)).click()
    dialog.get_by_role("textbox", name=re.compile(r"^Title")).fill("Welcome desk toolkit (fr)")
    dialog.locator("input[type=file]").set_input_files(
        {"name": "welcome-desk-fr.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf(TITLE, ["fr"])}
    )
    dialog.get_by_role("button", name=re.compile(r"^Upload")).click()
    page.wait_for_function("document.querySelector('#id_files-0-document').value !== ''")
    page.locator("#id_files-0-language").select_option("fr")
    open_action_menu(page)
    page.get_by_role("button", name="Submit to Network moderation").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    resource = ResourcePage.objects.get(title=TITLE)
    assert not resource.live and resource.current_workflow_state is not None
    assert resource.get_parent().pk == folder.pk

    moderator_context, moderator_page = new_page(browser, live_server)
    try:
        sign_in(moderator_page, "moderator")
        moderator_page.goto(f"/admin/pages/{resource.pk}/edit/")
        open_action_menu(moderator_page)
        moderator_page.get_by_role("button", name=re.compile(r"^Approve")).first.click()
        moderator_page.wait_for_load_state()
    finally:
        moderator_context.close()
    resource.refresh_from_db()
    assert resource.live and resource.publisher == member

    visitor_context, visitor = new_page(browser, live_server)
    try:
        errors: list[str] = []
        visitor.on(
            "console", lambda message: errors.append(message.text) if message.type == "error" else None
        )
        outside = keep_requests_local(visitor)
        visitor.goto("/search/?q=welcome+desk+toolkit&type=resource")
        result = visitor.get_by_role("link", name=TITLE)
        result.wait_for()
        assert axe_violations(visitor) == []
        result.click()
        visitor.wait_for_url(re.compile(r"/library/city-of-ghent/welcome-desk-toolkit-for-town-halls/$"))
        assert visitor.get_by_role("heading", level=1, name=TITLE).is_visible()
        assert (
            visitor.get_by_role("link", name="City of Ghent").get_attribute("href")
            == "/members/city-of-ghent/"
        )
        assert (
            visitor.locator('section[aria-labelledby="resource-files-title"] a[hreflang="fr"]').count() == 1
        )
        assert axe_violations(visitor) == []
        assert outside == [] and errors == []
    finally:
        visitor_context.close()
