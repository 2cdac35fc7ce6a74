"""Setting up two-factor sign-in, recovery codes, turning it off, and an administrator's reset."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import has_second_factor
from members.roles import NETWORK_ADMINISTRATORS, NETWORK_MODERATORS
from tests.accounts.helpers import current_code, enrol_authenticator_app
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def test_setting_up_an_app_shows_a_qr_code_then_recovery_codes_once(client):
    ana = UserFactory(username="ana")
    client.force_login(ana)
    page = client.get(reverse("accounts:two_factor_app")).content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=ana, confirmed=False)
    assert client.post(reverse("accounts:two_factor_app"), {"token": "123456"}).status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(reverse("accounts:two_factor_app"), {"token": current_code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert has_second_factor(ana)
    assert client.get(reverse("accounts:account")).status_code == 200  # this session is verified


def test_turning_it_off_needs_the_password_and_is_refused_where_required(client, settings):
    ana = UserFactory(username="ana")
    enrol_authenticator_app(ana)
    client.post(reverse("accounts:sign_in"), {"username": "ana", "password": PASSWORD})
    device = TOTPDevice.objects.get(user=ana)
    client.post(reverse("accounts:verify"), {"token": current_code(device)})
    client.post(reverse("accounts:two_factor_off"), {"password": "wrong"})
    assert has_second_factor(ana)
    client.post(reverse("accounts:two_factor_off"), {"password": PASSWORD})
    assert not has_second_factor(ana)

    settings.TWO_FACTOR_REQUIRED = True
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name=NETWORK_MODERATORS))
    device, _codes = enrol_authenticator_app(moderator)
    client.post(reverse("accounts:sign_in"), {"username": "moderator", "password": PASSWORD})
    client.post(reverse("accounts:verify"), {"token": current_code(device)})
    client.post(reverse("accounts:two_factor_off"), {"password": PASSWORD})
    assert has_second_factor(moderator)


def test_an_administrator_resets_a_lost_device_from_the_user_listing(client):
    administrator = UserFactory(username="administrator")
    administrator.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    ana = UserFactory(username="ana")
    enrol_authenticator_app(ana)
    url = reverse("accounts_reset_two_factor", args=[ana.pk])
    client.force_login(ana)
    assert client.post(url).status_code in (302, 403)  # not an administrator: refused
    assert has_second_factor(ana)
    client.force_login(administrator)
    assert url in client.get(reverse("wagtailusers_users:index")).content.decode()
    assert "Authenticator app" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not has_second_factor(ana)
