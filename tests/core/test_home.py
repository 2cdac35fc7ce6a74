"""The site tree made by migrations serves an accessible home page."""

import pytest
from wagtail.models import Site

from core.models import HomePage, Priority

pytestmark = pytest.mark.django_db


def test_migrations_create_a_live_home_page_as_the_default_site_root():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.live


def test_home_page_lists_the_five_priorities_of_the_call(client):
    response = client.get("/")
    assert response.status_code == 200
    for priority in Priority.objects.all():
        assert priority.label in response.content.decode()
    assert Priority.objects.count() == 5


def test_home_page_has_landmarks_skip_link_and_language(client):
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert 'class="skip-link" href="#main-content"' in html
    assert '<main id="main-content"' in html
    assert "<header" in html and "<footer" in html
    assert 'aria-label="Main"' in html
    assert '<label for="hero-search-input">' in html


def test_home_page_uses_no_external_assets(client):
    html = client.get("/").content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "//" + "cdn" not in html


def test_home_page_query_count_is_bounded(client, django_assert_max_num_queries):
    client.get("/")  # warm the site and settings caches
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200


def test_unknown_page_answers_404_with_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
