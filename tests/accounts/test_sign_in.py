"""One sign-in for the site and the admin: where people land, and the second factor that network
administrators and moderators cannot skip when TWO_FACTOR_REQUIRED is on."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import Membership
from members.roles import NETWORK_ADMINISTRATORS, NETWORK_MODERATORS
from practices.models import PracticeFolderPage
from tests.accounts.helpers import current_code, enrol_authenticator_app
from tests.factories import MemberFactory, UserFactory, member_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def sign_in(client, username, url=None, **extra):
    return client.post(
        url or reverse("accounts:sign_in"), {"username": username, "password": PASSWORD, **extra}
    )


def staff(name: str, group: str):
    user = UserFactory(username=name)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_the_sign_in_page_is_the_sites_own_for_the_site_and_the_admin(client):
    for url in (reverse("accounts:sign_in"), reverse("wagtailadmin_login")):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'class="site-header"' in html and "Forgotten your password?" in html
        assert "no-store" in response["Cache-Control"]
    # The admin sends signed-out people there too.
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))


def test_each_person_lands_where_their_work_is(client):
    member = MemberFactory(name="Lyon")
    editor = member_user(member, Membership.Role.EDITOR, username="editor")
    organiser = member_user(member, Membership.Role.ORGANISER, username="organiser")
    member_admin = member_user(member, Membership.Role.ADMINISTRATOR, username="member-admin")
    moderator = staff("moderator", NETWORK_MODERATORS)
    nobody = UserFactory(username="nobody")
    expected = {
        editor: reverse("wagtailadmin_explore", args=[PracticeFolderPage.for_member(member).pk]),
        organiser: reverse("transfers:dashboard"),
        member_admin: reverse("members:team", args=[member.slug]),
        moderator: reverse("wagtailadmin_home"),
        nobody: reverse("accounts:account"),
    }
    for user, landing in expected.items():
        client.logout()
        response = sign_in(client, user.username)
        assert (response.status_code, response["Location"]) == (302, landing), user.username


def test_a_safe_next_is_followed_and_an_outside_one_ignored(client):
    UserFactory(username="ana")
    assert sign_in(client, "ana", next="/events/")["Location"] == "/events/"
    client.logout()
    assert sign_in(client, "ana", next="https://evil.example/")["Location"] == reverse("accounts:account")


def test_a_wrong_password_rerenders_the_form_with_an_error(client):
    UserFactory(username="ana")
    response = client.post(reverse("accounts:sign_in"), {"username": "ana", "password": "nope"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_moderator_cannot_reach_anything_without_a_second_factor_when_required(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    staff("moderator", NETWORK_MODERATORS)
    response = sign_in(client, "moderator")
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    for url in ("/admin/", "/admin/pages/", "/django-admin/", reverse("accounts:account"), "/dashboard/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:two_factor")), url
    assert client.get(reverse("accounts:two_factor")).status_code == 200


def test_a_moderator_with_an_app_signs_in_only_with_a_right_code(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the next test shows the throttle; here, codes alone
    moderator = staff("moderator", NETWORK_MODERATORS)
    device, _codes = enrol_authenticator_app(moderator)
    response = sign_in(client, "moderator", next="/admin/pages/")
    assert response["Location"].startswith(reverse("accounts:verify"))
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:verify"))
    wrong = client.post(reverse("accounts:verify"), {"token": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 400
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:verify"))
    right = client.post(reverse("accounts:verify"), {"token": current_code(device), "next": "/admin/pages/"})
    assert (right.status_code, right["Location"]) == (302, "/admin/pages/")
    assert client.get("/admin/").status_code == 200


def test_after_a_wrong_code_even_the_right_one_waits(client):
    ana = UserFactory(username="ana")
    device, _codes = enrol_authenticator_app(ana)
    sign_in(client, "ana")
    assert client.post(reverse("accounts:verify"), {"token": "000000"}).status_code == 400
    response = client.post(reverse("accounts:verify"), {"token": current_code(device)})
    assert response.status_code == 400
    assert "wait" in response.content.decode()


def test_a_recovery_code_signs_in_once(client, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # the used code's refusal would otherwise delay the next
    administrator = staff("administrator", NETWORK_ADMINISTRATORS)
    _device, codes = enrol_authenticator_app(administrator)
    sign_in(client, "administrator")
    assert client.post(reverse("accounts:verify"), {"token": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    sign_in(client, "administrator")
    assert client.post(reverse("accounts:verify"), {"token": codes[0]}).status_code == 400
    assert client.post(reverse("accounts:verify"), {"token": codes[1]}).status_code == 302


def test_anyone_with_an_app_is_asked_for_it_even_when_not_required(client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    ana = UserFactory(username="ana")
    enrol_authenticator_app(ana)
    assert sign_in(client, "ana")["Location"].startswith(reverse("accounts:verify"))
    assert client.get(reverse("accounts:account"))["Location"].startswith(reverse("accounts:verify"))


def test_without_the_requirement_staff_without_a_device_sign_in_with_their_password(client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    staff("moderator", NETWORK_MODERATORS)
    assert sign_in(client, "moderator")["Location"] == reverse("wagtailadmin_home")
    assert client.get("/admin/").status_code == 200


def test_the_production_settings_require_two_factor_for_staff_and_trust_their_own_origin():
    from tests.core.test_settings import PRODUCTION_ENV, run_manage

    code = (
        "from django.conf import settings as s; print(s.TWO_FACTOR_REQUIRED, s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
    )
    result = run_manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.strip().splitlines()[-1] == "True ['https://network.example.eu']", result.stderr
