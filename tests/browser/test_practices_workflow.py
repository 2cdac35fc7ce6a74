"""A new member editor writes a complete practice in the Wagtail admin (themes, target groups, an
indicator, an image) and submits it; a moderator approves it; the editor then sees it published."""

import re

import pytest
from django.contrib.auth.models import Group

from members.roles import NETWORK_MODERATORS
from practices.models import PracticeFolderPage, PracticePage
from tests.factories import MemberFactory, UserFactory, make_image, member_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"


def sign_in(page, username: str) -> None:
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def open_action_menu(page) -> None:
    page.locator("footer").get_by_role("button", name=re.compile("More actions", re.I)).click()


def test_editor_submits_moderator_approves_and_the_practice_is_listed(page, browser, live_server):
    member = MemberFactory(slug="city-of-ghent", name="City of Ghent", country="BE")
    member_user(member, username="ghent-editor")
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name=NETWORK_MODERATORS))
    folder = PracticeFolderPage.for_member(member)
    make_image("Language café", description="Four people talk over coffee at a library table")

    sign_in(page, "ghent-editor")
    page.goto(f"/admin/pages/add/practices/practicepage/{folder.pk}/")
    # Fields are found by Django's ids: Wagtail's labels carry required marks and help text.
    page.get_by_role("textbox", name=re.compile(r"^Title")).fill("Neighbourhood language cafes")
    page.locator("#id_summary").fill("Volunteers host weekly conversation tables in libraries.")
    page.locator("#id_priority").select_option(
        label="1. Local and regional networks for the integration of third-country nationals"
    )
    page.locator("#id_challenge").fill("Newcomers had few chances to practise Dutch.")
    page.locator("#id_approach").fill("Libraries host tables run by trained volunteers.")
    page.locator("#id_results").fill("1,200 participants in 2024.")
    page.locator("#id_transferability").fill("Any library with a meeting room can start.")
    page.locator("#id_country").select_option("BE")
    # Controlled vocabularies are ticked, never typed.
    page.locator("#id_themes").get_by_label("Language training").check()
    page.locator("#id_themes").get_by_label("Exchange between host society and migrants").check()
    page.locator("#id_target_groups").get_by_label("Refugees and beneficiaries of protection").check()
    page.get_by_role("button", name=re.compile(r"Add outcome indicator|Add indicator", re.I)).click()
    page.locator("#id_indicators-0-indicator").select_option(label="Third-country nationals reached")
    page.locator("#id_indicators-0-value").fill("1200")
    page.get_by_role("button", name=re.compile(r"Choose an image", re.I)).click()
    page.get_by_role("dialog").get_by_role("link", name=re.compile("Language café")).click()
    page.wait_for_function("document.querySelector('#id_image').value !== ''")
    page.locator("#id_image_alt_text").fill("Volunteers and newcomers at a library table")
    open_action_menu(page)
    page.get_by_role("button", name="Submit to Network moderation").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    # Nothing is fetched from elsewhere (no gravatar avatars) and no background request fails.
    assert page.console_errors == []
    page.goto("/admin/")
    page.console_errors.clear()
    practice = PracticePage.objects.get(title="Neighbourhood language cafes")
    assert not practice.live
    draft = practice.get_latest_revision_as_object()
    assert {theme.slug for theme in draft.themes.all()} == {"language-training", "host-society-exchange"}
    assert [group.slug for group in draft.target_groups.all()] == ["refugees"]
    assert [(item.indicator.slug, int(item.value)) for item in draft.indicators.all()] == [
        ("beneficiaries", 1200)
    ]
    assert draft.image is not None and draft.image_alt == "Volunteers and newcomers at a library table"
    assert practice.current_workflow_state is not None

    moderator_context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    moderator_page = moderator_context.new_page()
    moderator_page.set_default_timeout(10_000)
    try:
        sign_in(moderator_page, "moderator")
        moderator_page.goto(f"/admin/pages/{practice.pk}/edit/")
        open_action_menu(moderator_page)
        moderator_page.get_by_role("button", name=re.compile(r"^Approve")).first.click()
        moderator_page.wait_for_load_state()
    finally:
        moderator_context.close()

    practice.refresh_from_db()
    assert practice.live
    assert practice.lead_member == member

    page.goto("/practices/?priority=local-regional-networks&member=city-of-ghent")
    results = page.get_by_role("region", name="Results")
    assert results.get_by_role("link", name="Neighbourhood language cafes").is_visible()
    page.goto(practice.url)
    assert (
        page.locator("img.page-image").get_attribute("alt") == "Volunteers and newcomers at a library table"
    )
    assert page.locator("picture source[type='image/avif']").count() == 1
    # The editor is still signed in, so Wagtail's user bar (with its gravatar) is on the page too.
    assert [error for error in page.console_errors if "ERR_NAME_NOT_RESOLVED" not in error] == []
