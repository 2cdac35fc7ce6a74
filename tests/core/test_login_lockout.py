"""Sign-in throttling (django-axes) on Wagtail's admin login: a locked-out user sees a clear page and even
the right password is refused until the lockout ends."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def sign_in(client, username, password, address="198.51.100.20"):
    return client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_wrong_passwords_lock_the_account_on_that_address_even_for_the_right_password(client, settings):
    user = UserFactory(username="officer", is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, user.username, "wrong-password").status_code == 200
    assert sign_in(client, user.username, "wrong-password").status_code == 429  # the limit-th locks
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sign-in is paused for this account on your connection" in html
    assert "Please try again in 15 minutes" in html
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_address_and_the_right_password_still_works_elsewhere(client, settings):
    user = UserFactory(username="officer", is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, "wrong-password")
    assert sign_in(client, user.username, PASSWORD, address="203.0.113.9").status_code == 302


def test_the_limit_is_configurable(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    user = UserFactory(username="officer", is_staff=True)
    sign_in(client, user.username, "wrong-password")
    sign_in(client, user.username, "wrong-password")
    assert sign_in(client, user.username, PASSWORD).status_code == 429


def test_a_successful_sign_in_resets_the_count(client, settings):
    user = UserFactory(username="officer", is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, user.username, "wrong-password")
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    client.logout()
    sign_in(client, user.username, "wrong-password")
    assert sign_in(client, user.username, PASSWORD).status_code == 302


def test_many_usernames_from_one_address_meet_the_login_rate_limit(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "3/h"}
    for number in range(3):
        assert sign_in(client, f"guess{number}", "wrong-password").status_code == 200
    response = sign_in(client, "guess4", "wrong-password")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
