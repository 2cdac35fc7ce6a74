"""Journeys in Chromium: a member administrator with no network rights runs their member (profile,
invitation, roles) and the invited colleague edits a practice; a moderator cannot get past the
sign-in without a second factor, sets one up and signs in with a generated code."""

import re
import time

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import Member, Membership
from members.roles import NETWORK_MODERATORS
from practices.models import PracticeFolderPage
from tests.factories import MemberFactory, UserFactory, member_user
from tests.practices.factories import practice_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "a-long-new-passphrase-2026"


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The app's code, computed with django-otp's own TOTP; a later step for a second sign-in within the
    same 30 seconds (django-otp refuses a code twice and accepts one step of drift)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def test_a_member_administrator_runs_their_member_and_the_invited_colleague_edits_a_practice(
    page, browser, live_server
):
    ghent = MemberFactory(slug="city-of-ghent", name="City of Ghent", country="BE")
    other = MemberFactory(slug="city-of-porto", name="City of Porto", country="PT")
    practice = practice_page(ghent, title="Language cafes")
    member_user(ghent, Membership.Role.ADMINISTRATOR, username="boss", email="boss@ghent.example.eu")

    sign_in(page, "boss")
    page.wait_for_url("**/members/city-of-ghent/manage/")
    # The profile, without the name or slug.
    page.get_by_role("link", name="Edit the member's profile").click()
    assert page.locator("#id_slug").count() == 0 and page.locator("#id_name").count() == 0
    page.get_by_label("Description").fill("A port city that welcomes newcomers.")
    page.locator("#id_contacts-0-name").fill("Lou Peeters")
    page.locator("#id_contacts-0-role").fill("Integration officer")
    page.locator("#id_contacts-0-email").fill("lou@ghent.example.eu")
    page.get_by_role("button", name="Save the profile").click()
    page.wait_for_url("**/members/city-of-ghent/manage/")
    assert Member.objects.get(pk=ghent.pk).description == "A port city that welcomes newcomers."
    # Another member's space is not theirs.
    response = page.goto(f"/members/{other.slug}/manage/")
    assert response.status == 403
    page.console_errors.clear()  # the refused page logs its 403

    page.goto("/members/city-of-ghent/manage/")
    page.get_by_label("Their email address").fill("noa@ghent.example.eu")
    page.get_by_label("Role").select_option("editor")
    page.get_by_role("button", name="Send the invitation").click()
    assert page.get_by_text("Invitation sent to noa@ghent.example.eu").is_visible()
    link = re.search(r"https?://\S+(/members/invitations/\S+/)", mail.outbox[-1].body).group(1)

    colleague = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    noa = colleague.new_page()
    noa.set_default_timeout(10_000)
    try:
        noa.goto(link)
        noa.get_by_label("First name").fill("Noa")
        noa.get_by_label("Last name").fill("Janssens")
        noa.locator("#id_password1").fill(NEW_PASSWORD)
        noa.locator("#id_password2").fill(NEW_PASSWORD)
        noa.get_by_role("button", name="Create my account and accept").click()
        # An editor lands in their member's practice folder in the admin.
        noa.wait_for_url(re.compile(rf"/admin/pages/{PracticeFolderPage.for_member(ghent).pk}/$"))
        noa.goto(f"/admin/pages/{practice.pk}/edit/")
        noa.get_by_role("textbox", name=re.compile(r"^Title")).fill("Language cafes in every library")
        noa.get_by_role("button", name="Save draft").click()
        noa.wait_for_load_state()
    finally:
        colleague.close()
    practice.refresh_from_db()
    assert practice.get_latest_revision_as_object().title == "Language cafes in every library"

    # Back on the team page: Noa is listed; the administrator makes her an organiser too.
    page.goto("/members/city-of-ghent/manage/")
    row = page.get_by_role("row", name=re.compile("Noa Janssens"))
    assert row.get_by_role("cell", name="Member editor", exact=True).is_visible()
    row.get_by_role("button", name=re.compile("Grant Event organiser")).click()
    page.wait_for_load_state()
    noa_user = User.objects.get(email="noa@ghent.example.eu")
    assert set(Membership.objects.filter(user=noa_user).values_list("role", flat=True)) == {
        "editor",
        "organiser",
    }
    assert [error for error in page.console_errors if "ERR_NAME_NOT_RESOLVED" not in error] == []


def test_a_moderator_cannot_sign_in_without_a_second_factor_then_signs_in_with_a_code(
    page, live_server, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name=NETWORK_MODERATORS))

    sign_in(page, "moderator")
    page.wait_for_url("**/account/two-factor/**")
    page.goto("/admin/")
    assert "/account/two-factor/" in page.url  # the admin stays out of reach
    page.get_by_role("link", name="Set up an authenticator app").click()
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    assert page.get_by_role("heading", name="Your recovery codes").is_visible()
    assert page.locator(".recovery-codes li").count() == 10
    page.get_by_role("link", name="I have saved my codes").click()
    page.wait_for_url(re.compile(r"/admin/"))

    page.context.clear_cookies()  # a new session: the password alone is not enough any more
    sign_in(page, "moderator")
    page.wait_for_url("**/account/sign-in/verify/**")
    page.goto("/admin/pages/")
    assert "/account/sign-in/verify/" in page.url
    device.refresh_from_db()
    page.get_by_label("Code").fill(code_for(device, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/admin/"))
    assert page.goto("/admin/pages/").status == 200
    assert "/account/" not in page.url


def test_the_sign_in_account_and_member_space_pages_meet_wcag_21_aa(page):
    from tests.browser.accessibility import axe_violations

    ghent = MemberFactory(slug="city-of-ghent", name="City of Ghent", country="BE")
    member_user(ghent, Membership.Role.ADMINISTRATOR, username="boss", email="boss@ghent.example.eu")
    for path in ("/account/sign-in/", "/account/password/reset/"):
        page.goto(path)
        assert axe_violations(page) == [], path
    sign_in(page, "boss")
    for path in (
        "/account/",
        "/account/two-factor/",
        "/account/two-factor/app/",
        "/account/delete/",
        "/members/city-of-ghent/manage/",
        "/members/city-of-ghent/manage/profile/",
    ):
        page.goto(path)
        assert axe_violations(page) == [], path
