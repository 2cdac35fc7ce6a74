"""The personal-data download contains what the privacy notice says the site keeps about an account."""

import json

import pytest
from django.urls import reverse

from members.models import Membership
from notices.demo import privacy_body
from tests.accounts.helpers import current_code, enrol_authenticator_app
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

# What the notice names about accounts -> where the download holds it.
NOTICE_TO_EXPORT = {
    "name, email address": lambda data: data["account"]["email"] and "first_name" in data["account"],
    "the roles held": lambda data: data["member_roles"]["memberships"],
    "the time of the last sign-in": lambda data: "last_login" in data["account"],
    "the interface language": lambda data: "interface_language" in data["account"],
    "the notification choices": lambda data: (
        set(data["account"]["notifications"])
        == {"assistance_requests", "practice_interest", "moderation_results"}
    ),
    "A trail of role changes": lambda data: data["member_roles"]["role_changes"],
    "An invitation keeps the invited email address": lambda data: "invitations" in data["member_roles"],
    "Two-factor sign-in": lambda data: data["two_factor_devices"],
    "Technical assistance requests": lambda data: "assistance_requests" in data["transfers"],
    "expressions of interest": lambda data: "interest_in_practices" in data["transfers"],
}


def notice_text() -> str:
    return " ".join(
        str(value.source if hasattr(value, "source") else value) for _kind, value in privacy_body("x@y.eu")
    )


def test_every_kind_of_account_data_the_notice_names_is_in_the_download(client):
    text = notice_text()
    user = UserFactory(username="ana", email="ana@lyon.example.eu")
    Membership.objects.create(user=user, member=MemberFactory(name="Lyon"), role=Membership.Role.EDITOR)
    from members.roles import grant_role

    grant_role(user, MemberFactory(name="Porto"), Membership.Role.ORGANISER)
    device, _codes = enrol_authenticator_app(user)
    client.force_login(user)
    client.post(reverse("accounts:verify"), {"token": current_code(device)})
    data = json.loads(client.get(reverse("accounts:download_data")).content)
    for phrase, holds in NOTICE_TO_EXPORT.items():
        assert phrase in text, f"the privacy notice no longer says {phrase!r}: update this test's map"
        assert holds(data), f"the download lacks what the notice calls {phrase!r}"
