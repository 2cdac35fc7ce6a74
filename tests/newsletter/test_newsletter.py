"""The newsletter: double opt-in, the digest with its real templates, one-click unsubscribe without an
account, preferences by the personal link, retention, personal data and the admin preview."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import Priority, Theme
from core.personal_data import erase_personal_data, export_personal_data
from core.sections import account_page_sections
from library.demo import library_index
from newsletter.models import Subscription
from newsletter.tokens import personal_token, subscription_from_personal_token
from tests.events.factories import in_days, make_event
from tests.factories import MemberFactory, UserFactory
from tests.library.test_library import resource
from tests.practices.factories import practice_page

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/newsletter/"


def form_data(**overrides):
    data = {"email": "Reader@Example.org", "language": "en", "consent": "on", "website": ""}
    data.update(overrides)
    return data


def link_in(body: str, fragment: str) -> str:
    line = next(line for line in body.splitlines() if fragment in line)
    return "/" + line.split("://", 1)[1].split("/", 1)[1].split()[-1]


def confirmed_subscription(email="reader@example.org", language="en", priorities=(), days_ago=3):
    subscription = Subscription.objects.create(
        email=email,
        language=language,
        status=Subscription.Status.CONFIRMED,
        confirmed_at=timezone.now() - timedelta(days=days_ago),
    )
    subscription.priorities.set(priorities)
    return subscription


def test_subscribing_needs_the_emailed_confirmation(client, django_capture_on_commit_callbacks):
    priority = Priority.objects.get(number=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBSCRIBE, form_data(priorities=[priority.pk]))
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.email == "reader@example.org"
    assert subscription.status == Subscription.Status.PENDING
    assert list(subscription.priorities.all()) == [priority]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["reader@example.org"]
    confirm_path = link_in(mail.outbox[0].body, "/newsletter/confirm/")
    # Opening the link (a mail scanner does) confirms nothing; the button does.
    assert client.get(confirm_path).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PENDING
    response = client.post(confirm_path)
    assert response.status_code == 302 and "/newsletter/preferences/" in response["Location"]
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CONFIRMED


def test_an_address_already_subscribed_gets_its_link_not_a_second_subscription(
    client, django_capture_on_commit_callbacks
):
    confirmed_subscription()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBSCRIBE, form_data())
    assert response.status_code == 200
    assert Subscription.objects.get().status == Subscription.Status.CONFIRMED
    assert "/newsletter/preferences/" in mail.outbox[0].body
    assert "/newsletter/confirm/" not in mail.outbox[0].body


def test_bad_input_and_robots_are_turned_away(client):
    response = client.post(SUBSCRIBE, form_data(email="not an address"))
    assert response.status_code == 200 and response.context["form"].errors["email"]
    response = client.post(SUBSCRIBE, form_data(website="http://spam.example"))
    assert response.context["form"].errors["website"]
    response = client.post(SUBSCRIBE, form_data(consent=""))
    assert response.context["form"].errors["consent"]
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_subscribe_form_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "newsletter_subscribe": "2/h"}
    for number in range(2):
        assert client.post(SUBSCRIBE, form_data(email=f"r{number}@example.org")).status_code == 200
    assert client.post(SUBSCRIBE, form_data(email="r9@example.org")).status_code == 429


@pytest.fixture
def news():
    member = MemberFactory(name="City of Ghent", country="BE")
    followed = Priority.objects.get(number=1)
    other = Priority.objects.get(number=3)
    return {
        "followed": followed,
        "practice": practice_page(member, title="Buddies for newcomers", priority=followed),
        "story": practice_page(member, title="Housing first, told", priority=followed, is_success_story=True),
        "unfollowed": practice_page(member, title="Return counselling desk", priority=other),
        "event": make_event(member=member, title="Study visit to Ghent", start=in_days(12)),
        "resource": resource(library_index(), title="Buddy scheme toolkit", priority=1),
        "other_resource": resource(library_index(), title="Return toolkit", priority=3),
    }


def test_a_subscriber_receives_a_digest_of_what_is_new_for_them(news):
    subscription = confirmed_subscription(priorities=[news["followed"]])
    news["event"].priorities.set([news["followed"]])
    news["event"].save()
    call_command("send_newsletter_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    for text in (message.body, message.alternatives[0][0]):
        assert "Buddies for newcomers" in text
        assert "Housing first, told" in text
        assert "Study visit to Ghent" in text
        assert "Buddy scheme toolkit" in text  # new in the library
        assert "Return counselling desk" not in text  # a priority they do not follow
        assert "Return toolkit" not in text
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html" and '<html lang="en">' in html
    # The header's token was signed when the mail was written: read it back rather than sign another.
    unsubscribe = re.fullmatch(
        r"<http://testserver/newsletter/unsubscribe/([^/]+)/>", message.extra_headers["List-Unsubscribe"]
    )
    assert unsubscribe and subscription_from_personal_token(unsubscribe[1]) == subscription
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription.refresh_from_db()
    assert subscription.last_sent_at is not None
    # Nothing new since: no second digest.
    call_command("send_newsletter_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_one_click_unsubscribe_works_without_signing_in_or_a_csrf_cookie(news):
    subscription = confirmed_subscription()
    path = f"/newsletter/unsubscribe/{personal_token(subscription)}/"
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(path).status_code == 200  # a page with a button; nothing changes yet
    subscription.refresh_from_db()
    assert subscription.is_confirmed
    response = browser.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.UNSUBSCRIBED
    call_command("send_newsletter_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []


def test_tampered_links_are_refused(client):
    subscription = confirmed_subscription()
    token = personal_token(subscription)
    for path in (
        f"/newsletter/unsubscribe/{token}x/",
        f"/newsletter/preferences/{token[:-2]}/",
        f"/newsletter/confirm/{token}/",  # a personal link is not a confirmation link
    ):
        assert client.get(path).status_code == 404, path
    subscription.delete()
    assert client.get(f"/newsletter/preferences/{token}/").status_code == 404


def test_the_preferences_page_changes_choices_and_erases(client):
    subscription = confirmed_subscription()
    path = f"/newsletter/preferences/{personal_token(subscription)}/"
    theme = Theme.objects.first()
    response = client.post(path, {"themes": [theme.pk], "language": "en"})
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert list(subscription.themes.all()) == [theme]
    assert client.post(path, {"action": "erase"}).status_code == 200
    assert not Subscription.objects.exists()


def test_retention_purge_deletes_stale_requests_and_unsubscribed_addresses(settings):
    now = timezone.now()
    old_pending = Subscription.objects.create(email="a@example.org", created_at=now - timedelta(days=8))
    Subscription.objects.create(email="b@example.org", created_at=now - timedelta(days=2))
    Subscription.objects.create(
        email="c@example.org", status="unsubscribed", unsubscribed_at=now - timedelta(days=31)
    )
    Subscription.objects.create(email="d@example.org", status="unsubscribed", unsubscribed_at=now)
    confirmed_subscription(email="e@example.org", days_ago=400)
    call_command("purge_newsletter_subscriptions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Subscription.objects.values_list("email", flat=True)) == {
        "b@example.org",
        "d@example.org",
        "e@example.org",
    }
    assert not Subscription.objects.filter(pk=old_pending.pk).exists()


def test_a_members_subscription_is_in_their_export_erasure_and_account_page():
    user = UserFactory(email="Officer@Example.org")
    confirmed_subscription(email="officer@example.org", priorities=[Priority.objects.get(number=1)])
    exported = export_personal_data(user)["newsletter_subscriptions"]
    assert exported[0]["email"] == "officer@example.org" and exported[0]["priorities"]
    sections = [s for s in account_page_sections.sections(user) if s.template.startswith("newsletter/")]
    assert sections[0].data["subscription"].email == "officer@example.org"
    erase_personal_data(user)
    assert not Subscription.objects.exists()


def test_the_digest_preview_is_for_staff_only(client, news, admin_user):
    url = reverse("newsletter_admin:preview")
    params = {"priorities": [news["followed"].pk], "language": "en", "days": 7}
    client.force_login(UserFactory())
    assert client.get(url, params).status_code in (302, 403)
    client.force_login(admin_user)
    response = client.get(url, params)
    assert response.status_code == 200
    assert "Buddies for newcomers" in response.context["text"]
    assert "Return counselling desk" not in response.context["text"]
    html = client.get(reverse("newsletter_admin:preview_html"), params).content.decode()
    assert "Buddies for newcomers" in html
