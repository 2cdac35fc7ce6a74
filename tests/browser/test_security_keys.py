"""A real WebAuthn ceremony in Chromium: Chromium's virtual authenticator (DevTools protocol) stands in
for a security key. A member administrator turns on two-factor sign-in, registers the key on the
two-factor page, signs out, signs in with the password, passes the second step with the key and lands
on their member space; without the key the sign-in stays at the second step.

The live server runs on a random port, so the test allows that origin the way a deployment does
(WEBAUTHN_ALLOWED_ORIGINS -> OTP_WEBAUTHN_ALLOWED_ORIGINS); the relying party is the request host
(localhost), and django-otp-webauthn checks the real attestation and assertion."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import CDPSession, Page, expect

from members.models import Membership
from tests.browser.test_member_space import code_for, sign_in
from tests.factories import MemberFactory, member_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MANAGE_URL = re.compile(r"/members/city-of-ghent/manage/$")
VERIFY_URL = "**/account/sign-in/verify/**"


def add_virtual_authenticator(page: Page) -> tuple[CDPSession, str]:
    """A CTAP2 platform authenticator that holds resident keys and verifies its user (like a passkey)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_a_security_key_is_registered_and_then_passes_the_second_step_of_sign_in(page, live_server, settings):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    ghent = MemberFactory(slug="city-of-ghent", name="City of Ghent", country="BE")
    boss = member_user(ghent, Membership.Role.ADMINISTRATOR, username="boss", email="boss@ghent.example.eu")
    cdp, authenticator = add_virtual_authenticator(page)

    # Two-factor sign-in on (authenticator app first, as the two-factor page asks), then the key.
    sign_in(page, "boss")
    page.wait_for_url(MANAGE_URL)
    page.goto("/account/two-factor/")
    page.get_by_role("link", name="Set up an authenticator app").click()
    page.get_by_label("Code").fill(code_for(TOTPDevice.objects.get(user=boss, confirmed=False)))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("link", name="I have saved my codes").click()
    page.goto("/account/two-factor/")
    page.get_by_role("button", name="Add a security key or passkey").click()
    expect(page.locator("#passkey-register-status-message")).to_have_text(re.compile(r"\S"))
    credential = WebAuthnCredential.objects.get(user=boss)
    assert credential.confirmed
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    assert len(stored) == 1 and stored[0]["rpId"] == "localhost"
    page.reload()
    assert page.get_by_role("heading", name="Security keys and passkeys").is_visible()
    assert page.locator("h2:has-text('Security keys and passkeys') + ul li").count() == 1

    # Sign out; the password alone leads to the second step, and the key completes it.
    sign_out(page)
    sign_in(page, "boss")
    page.wait_for_url(VERIFY_URL)
    page.get_by_role("button", name="Use my security key").click()
    page.wait_for_url(MANAGE_URL)
    assert page.goto("/members/city-of-ghent/manage/").status == 200
    credential.refresh_from_db()
    assert credential.sign_count >= 1  # the assertion was checked and its counter stored
    assert [error for error in page.console_errors if "ERR_NAME_NOT_RESOLVED" not in error] == []

    # Without the key: the button gets no answer and the member space stays out of reach.
    sign_out(page)
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": authenticator})
    sign_in(page, "boss")
    page.wait_for_url(VERIFY_URL)
    page.get_by_role("button", name="Use my security key").click()
    page.wait_for_timeout(2_000)
    assert "/account/sign-in/verify/" in page.url
    page.goto("/members/city-of-ghent/manage/")
    assert "/account/sign-in/verify/" in page.url
