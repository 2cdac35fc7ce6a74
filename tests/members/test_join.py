"""The public join form: validation, honeypot, rate limiting, and what happens on a good application."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from members.models import MembershipApplication
from members.roles import NETWORK_ADMINISTRATORS
from tests.factories import UserFactory
from tests.members.factories import join_form_data

pytestmark = pytest.mark.django_db

JOIN_URL = "/members/join/"


def test_join_url():
    assert reverse("members:join") == JOIN_URL


def test_form_shows_every_field_with_a_label(client):
    html = client.get(JOIN_URL).content.decode()
    for name in join_form_data():
        assert f'for="id_{name}"' in html, name
    assert "<legend>Contact person</legend>" in html


def test_good_application_is_saved_and_administrators_are_told(
    client, settings, django_capture_on_commit_callbacks
):
    settings.NETWORK_ADMIN_EMAILS = ["secretariat@network.example.org"]
    administrator = UserFactory(username="admin-one", email="admin.one@network.example.org")
    administrator.groups.add(Group.objects.get(name=NETWORK_ADMINISTRATORS))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN_URL, join_form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("members:join_thanks")
    application = MembershipApplication.objects.get()
    assert application.organisation_name == "Municipality of Braga"
    assert application.is_pending and application.consent
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"secretariat@network.example.org", "admin.one@network.example.org"}
    assert "Municipality of Braga" in mail.outbox[0].subject
    assert f"/admin/membership-applications/review/{application.pk}/" in mail.outbox[0].body
    assert "Thank you for your application" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent": ""}, "consent", "only review your application with your consent"),
        ({"contact_email": "rita-at-braga"}, "contact_email", "Enter a valid email address"),
        ({"kind": "spaceship"}, "kind", "Select a valid choice"),
        ({"country": "XX"}, "country", "Select a valid choice"),
        ({"organisation_name": ""}, "organisation_name", "This field is required"),
        ({"motivation": "pls"}, "motivation", "why your organisation wants to join"),
        ({"website": "not a url"}, "website", "Enter a valid URL"),
    ],
)
def test_bad_input_rerenders_with_linked_errors_and_keeps_what_was_typed(client, overrides, field, message):
    response = client.post(JOIN_URL, join_form_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="error-summary"' in html and f'href="#id_{field}"' in html
    assert f'aria-describedby="id_{field}' in html and f"id_{field}_error" in html
    assert 'value="Rita Almeida"' in html
    assert not MembershipApplication.objects.exists()


def test_error_summary_names_the_consent_checkbox_shortly(client):
    html = client.post(JOIN_URL, join_form_data(consent="")).content.decode()
    assert '<a href="#id_consent">Consent: We can only review your application with your consent.</a>' in html


def test_honeypot_answers_like_a_success_but_keeps_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN_URL, join_form_data(nickname="Buy cheap watches"))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:join_thanks")
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []


def test_more_than_five_posts_an_hour_from_one_address_are_refused_with_429(client):
    for number in range(5):
        response = client.post(JOIN_URL, join_form_data(organisation_name=f"Town {number}"))
        assert response.status_code == 302
    response = client.post(JOIN_URL, join_form_data(organisation_name="Town 6"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many applications from your connection" in html
    assert 'value="Town 6"' in html
    assert MembershipApplication.objects.count() == 5
    # Another address is not affected.
    response = client.post(JOIN_URL, join_form_data(organisation_name="Town 7"), REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302
