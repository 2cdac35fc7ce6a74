"""The admin report of index changes the engine refused, and its retry button."""

import pytest
from django.urls import reverse
from django.utils import timezone

from search.models import IndexOutbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused():
    now = timezone.now()
    waiting = IndexOutbox.objects.create(
        object_type="practice",
        object_id="41",
        action="index",
        attempts=2,
        last_error="400 mapper_parsing_exception: failed to parse field [year_start]",
        next_attempt_at=now,
    )
    aside = IndexOutbox.objects.create(
        object_type="practice",
        object_id="42",
        action="index",
        attempts=5,
        last_error="400 illegal_argument_exception: immense term in field [slug]",
        set_aside_at=now,
    )
    IndexOutbox.objects.create(object_type="practice", object_id="43", action="delete")  # just queued
    return waiting, aside


def test_the_report_lists_refused_changes_with_their_errors(
    admin_client, refused, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        response = admin_client.get(reverse("search_admin:index_problems"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "practice 42" in content and "immense term in field [slug]" in content
    assert "practice 41" in content and "mapper_parsing_exception" in content
    assert "practice 43" not in content  # not refused, only waiting for the next flush
    assert "Retry 1 set-aside change" in content


def test_the_report_is_in_the_reports_menu_for_administrators(admin_client, refused):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse("search_admin:index_problems") in response.content.decode()


def test_retry_queues_set_aside_changes_again(admin_client, refused):
    _waiting, aside = refused
    response = admin_client.post(reverse("search_admin:retry"))
    assert response.status_code == 302
    aside.refresh_from_db()
    assert (aside.set_aside_at, aside.attempts, aside.next_attempt_at) == (None, 0, None)


def test_editors_without_the_permission_see_neither_report_nor_retry(client, django_user_model, refused):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse("search_admin:index_problems")).status_code in {302, 403}
    assert client.post(reverse("search_admin:retry")).status_code in {302, 403}
    assert IndexOutbox.objects.set_aside().count() == 1
