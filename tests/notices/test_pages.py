"""Notice pages: seeded with complete text, linked from every page's footer, one per kind and language;
the contact form mails the secretariat through the task queue, with a honeypot and a rate limit."""

from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core.models import HomePage, NetworkSettings
from notices.demo import load_demo_notices
from notices.models import ContactPage, NoticeKind, NoticePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(settings):
    settings.NETWORK_ADMIN_EMAILS = []
    load_demo_notices(StringIO())
    return {page.kind: page for page in [*NoticePage.objects.all(), *ContactPage.objects.all()]}


def contact_data(**overrides):
    data = {"name": "Ana Costa", "email": "ana@example.org", "subject": "Study visit", "message": "Hello"}
    return {**data, **overrides}


def test_every_page_links_each_notice_from_its_footer(client, notices):
    for path in ["/", "/practices/", "/events/", "/members/", "/members/join/", "/no-such-page/"]:
        html = client.get(path).content.decode()
        footer = html[html.index("<footer") :]
        for kind in NoticeKind:
            assert f'href="{notices[kind].url}"' in footer, (path, kind)
        assert 'aria-label="Flag of the European Union"' in footer
        assert "Co-funded by the European Union" in footer


def test_an_unpublished_notice_leaves_the_footer(client, notices):
    assert 'href="/cookies/"' in client.get("/").content.decode()
    notices[NoticeKind.COOKIES].unpublish()
    assert 'href="/cookies/"' not in client.get("/").content.decode()
    assert client.get("/cookies/").status_code == 404


def test_the_footer_links_cost_no_query_once_cached(client, notices, django_assert_max_num_queries):
    client.get("/members/join/")
    from notices.footer import notice_links_for

    with django_assert_max_num_queries(0):
        assert [link["kind"] for link in notice_links_for("en")] == [kind.value for kind in NoticeKind]


def test_the_privacy_notice_states_the_retention_the_code_enforces(client, notices, settings):
    html = client.get(notices[NoticeKind.PRIVACY].url).content.decode()
    assert f"{settings.EVENT_CONFIRMATION_HOURS} hours" in html
    assert "anonymised 12 months after the event ends" in html
    assert f"deleted after {settings.NEWSLETTER_CONFIRMATION_DAYS} days" in html
    assert f"deleted within {settings.NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS} days" in html
    for words in [
        "Applications to join",
        "contact form",
        "Sign-in attempts",
        "Newsletter subscriptions",
        "kept 5 years after it was issued",
        "Your rights",
        "data protection",
    ]:
        assert words in html


def test_the_cookie_notice_names_the_only_cookies_set(client, notices):
    html = client.get(notices[NoticeKind.COOKIES].url).content.decode()
    for cookie in ["csrftoken", "sessionid", "django_language"]:
        assert cookie in html
    assert "no analytics" in html


def test_the_accessibility_statement_follows_the_model_of_decision_2018_1523(client, notices):
    html = client.get(notices[NoticeKind.ACCESSIBILITY].url).content.decode()
    for section in [
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
        "Feedback and contact information",
        "Enforcement procedure",
    ]:
        assert section in html
    assert "partially compliant" in html and "EN 301 549" in html


def test_the_legal_notice_names_publisher_hosting_and_amif_funding(client, notices):
    html = client.get(notices[NoticeKind.LEGAL].url).content.decode()
    for words in [
        "Publisher",
        "Responsible for the content",
        "Hosting",
        "Asylum, Migration and Integration Fund",
    ]:
        assert words in html


def test_forms_that_collect_personal_data_link_the_privacy_notice(client, notices):
    for path in ["/members/join/", "/newsletter/", notices[NoticeKind.CONTACT].url]:
        assert "privacy notice</a>" in client.get(path).content.decode()
        assert f'href="{notices[NoticeKind.PRIVACY].url}"' in client.get(path).content.decode()


def test_seeding_again_keeps_what_administrators_edited(notices):
    privacy = notices[NoticeKind.PRIVACY]
    privacy.introduction = "Edited"
    privacy.save_revision().publish()
    load_demo_notices(StringIO())
    assert NoticePage.objects.filter(kind=NoticeKind.PRIVACY).count() == 1
    assert NoticePage.objects.get(kind=NoticeKind.PRIVACY).introduction == "Edited"


def test_a_language_has_each_kind_of_notice_once(notices):
    home = HomePage.objects.get(depth=2)
    second = NoticePage(title="Privacy again", slug="privacy-2", kind=NoticeKind.PRIVACY, locale=home.locale)
    with pytest.raises(ValidationError) as error:
        home.add_child(instance=second)
        second.full_clean()
    assert "kind" in error.value.message_dict


def test_a_contact_message_is_mailed_to_the_secretariat_with_the_sender_to_reply_to(
    client, notices, django_capture_on_commit_callbacks
):
    page = notices[NoticeKind.CONTACT]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, contact_data())
    assert response.status_code == 302 and response["Location"] == f"{page.url}sent/"
    (message,) = mail.outbox
    assert message.to == [NetworkSettings.load().contact_email]
    assert message.reply_to == ["ana@example.org"]
    assert "Study visit" in message.subject and "Hello" in message.body
    assert client.get(response["Location"]).status_code == 200


def test_a_contact_message_with_errors_comes_back_with_the_error_summary(client, notices):
    response = client.post(notices[NoticeKind.CONTACT].url, contact_data(email="not an address", message=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_email"' in html
    assert 'aria-invalid="true"' in html and 'value="Ana Costa"' in html
    assert mail.outbox == []


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_sent(
    client, notices, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(notices[NoticeKind.CONTACT].url, contact_data(website="http://spam.example"))
    assert response.status_code == 302
    assert mail.outbox == []


def test_more_than_five_messages_an_hour_from_one_address_are_refused_with_429(
    client, notices, django_capture_on_commit_callbacks
):
    url = notices[NoticeKind.CONTACT].url
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, contact_data()).status_code == 302
    response = client.post(url, contact_data(subject="Sixth"))
    assert response.status_code == 429
    assert 'value="Sixth"' in response.content.decode()
    assert len(mail.outbox) == 5


def test_an_untranslated_notice_is_linked_in_its_own_language(client, notices):
    html = client.get("/de/members/join/").content.decode()
    footer = html[html.index("<footer") :]
    assert f'href="{notices[NoticeKind.PRIVACY].url}" lang="en" hreflang="en">Privacy notice</a>' in footer
    english = client.get("/members/join/").content.decode()
    assert 'lang="en" hreflang="en">Privacy notice' not in english
