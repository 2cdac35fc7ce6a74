"""The personal account page: private, and each of its settings does what it says."""

import json
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from members.models import Membership
from tests.accounts.helpers import current_code, enrol_authenticator_app
from tests.factories import MemberFactory, UserFactory, member_user
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def ana(client):
    user = UserFactory(username="ana", email="ana@lyon.example.eu", first_name="Ana")
    client.force_login(user)
    return user


def test_the_account_page_is_private_and_never_cached(client):
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
    client.force_login(UserFactory(username="ana"))
    response = client.get(reverse("accounts:account"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "/account/" not in client.get("/sitemap.xml").content.decode()


def test_name_and_language_are_saved_in_the_one_language_preference(client, ana, settings):
    response = client.post(
        reverse("accounts:account"), {"form": "name", "name-first_name": "Ana", "name-last_name": "Costa"}
    )
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.get_full_name() == "Ana Costa"
    response = client.post(
        reverse("accounts:account"), {"form": "language", "language-preferred_language": "en"}
    )
    assert response.status_code == 302
    assert UserProfile.get_for_user(ana).preferred_language == "en"
    bad = client.post(reverse("accounts:account"), {"form": "language", "language-preferred_language": "xx"})
    assert bad.status_code == 400 and "error-summary" in bad.content.decode()
    assert client.post(reverse("accounts:account"), {"form": "nonsense"}).status_code == 400


def test_email_changes_only_through_the_link_sent_to_the_new_address(
    client, ana, django_capture_on_commit_callbacks
):
    wrong = client.post(
        reverse("accounts:email"), {"email-new_email": "ana@new.example.eu", "email-password": "no"}
    )
    assert wrong.status_code == 400 and mail.outbox == []
    UserFactory(username="other", email="taken@example.eu")
    taken = client.post(
        reverse("accounts:email"), {"email-new_email": "TAKEN@example.eu", "email-password": PASSWORD}
    )
    assert taken.status_code == 400 and "Another account uses this email address" in taken.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:email"), {"email-new_email": "ana@new.example.eu", "email-password": PASSWORD}
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["ana@new.example.eu"]
    link = re.search(r"http://testserver(/account/email/confirm/\S+/)", message.body).group(1)
    ana.refresh_from_db()
    assert ana.email == "ana@lyon.example.eu"  # nothing changes before the link is used
    assert client.get(link).status_code == 200  # opening only shows a button
    ana.refresh_from_db()
    assert ana.email == "ana@lyon.example.eu"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link).status_code == 302
    ana.refresh_from_db()
    assert ana.email == "ana@new.example.eu"
    assert mail.outbox[-1].to == ["ana@lyon.example.eu"]  # the old address is told
    assert client.post(link).status_code == 410  # used once


def test_password_change_and_reset_by_email(client, ana):
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase",
            "new_password2": "a-new-long-passphrase",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 200  # still signed in
    client.logout()
    client.post(reverse("accounts:password_reset"), {"email": "ana@lyon.example.eu"})
    [message] = mail.outbox
    link = re.search(r"http://testserver(/account/password/reset/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session key
    response = client.post(
        form_url, {"new_password1": "yet-another-passphrase", "new_password2": "yet-another-passphrase"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=ana.pk).check_password("yet-another-passphrase")


def test_notification_choices_are_honoured_by_the_mails_of_transfers(
    client, ana, mailoutbox, django_capture_on_commit_callbacks
):
    from transfers.emails import member_addresses

    lyon = MemberFactory(name="Lyon")
    Membership.objects.create(user=ana, member=lyon, role=Membership.Role.EDITOR)
    colleague = member_user(
        lyon, Membership.Role.EDITOR, username="colleague", email="colleague@lyon.example.eu"
    )
    assert {"ana@lyon.example.eu", colleague.email} <= set(member_addresses(lyon, "practice_interest"))
    response = client.post(
        reverse("accounts:account"),
        {"form": "notifications", "notifications-assistance_requests": "on"},
    )
    assert response.status_code == 302
    assert "ana@lyon.example.eu" not in member_addresses(lyon, "practice_interest")
    assert "ana@lyon.example.eu" in member_addresses(lyon, "assistance_requests")
    profile = UserProfile.get_for_user(ana)
    assert not profile.approved_notifications and not profile.rejected_notifications  # Wagtail honours these

    # The real mail: another member's editor says it is interested in a Lyon practice.
    practice = practice_page(lyon, title="Welcome desk")
    porto = MemberFactory(name="Porto")
    client.force_login(member_user(porto, Membership.Role.EDITOR, username="porto"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("transfers:interest", args=[practice.pk]), {"member": porto.pk, "message": "Hi"})
    recipients = {address for message in mailoutbox for address in message.to}
    assert colleague.email in recipients
    assert "ana@lyon.example.eu" not in recipients


def test_the_download_holds_every_kind_of_personal_data_and_no_secret(client, ana):
    lyon = MemberFactory(name="Lyon")
    Membership.objects.create(user=ana, member=lyon, role=Membership.Role.EDITOR)
    device, codes = enrol_authenticator_app(ana)
    client.post(reverse("accounts:verify"), {"token": current_code(device)})
    response = client.get(reverse("accounts:download_data"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert {"exported_at", "account", "member_roles", "transfers", "two_factor_devices"} <= set(data)
    assert data["account"]["email"] == "ana@lyon.example.eu"
    assert data["member_roles"]["memberships"] == [{"member": "Lyon", "role": "editor"}]
    assert [device["type"] for device in data["two_factor_devices"]] == [
        "authenticator app",
        "recovery codes",
    ]
    text = response.content.decode()
    assert device.key not in text and not any(code in text for code in codes)


def test_deleting_the_account_states_the_consequences_first_and_keeps_the_content(client, ana):
    lyon = MemberFactory(name="Lyon")
    Membership.objects.create(user=ana, member=lyon, role=Membership.Role.EDITOR)
    practice = practice_page(lyon, title="Welcome desk")
    practice.owner = ana
    practice.save()
    page = client.get(reverse("accounts:delete")).content.decode()
    assert "The 1 page you created stays on the site" in page
    assert "You leave the team of: Lyon" in page
    assert User.objects.filter(pk=ana.pk).exists()
    assert client.post(reverse("accounts:delete"), {"password": "wrong"}).status_code == 400
    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    assert not User.objects.filter(pk=ana.pk).exists()
    practice.refresh_from_db()
    assert practice.owner is None
    assert client.get(reverse("accounts:account")).status_code == 302  # signed out
