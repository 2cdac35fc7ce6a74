"""A practice behind a password is never found: not by the search API, autocomplete or related practices,
on the engine or on the database search (issue 12: its title and summary used to come back)."""

from django.test import TestCase
from wagtail.models import PageViewRestriction

from search.backends import get_backend
from tests.factories import MemberFactory
from tests.practices.factories import practice_page
from tests.search.conftest import engine_settings, require_engine

SECRET_TITLE = "Confidential shelter addresses for survivors"


class PrivatePracticeContract:
    def setUp(self):
        member = MemberFactory(slug="graz", name="Graz", country="AT", city="Graz")
        self.public = practice_page(member, title="Shelter network for survivors", slug="shelter-network")
        self.private = practice_page(member, title=SECRET_TITLE, slug="confidential-shelters")
        PageViewRestriction.objects.create(
            page=self.private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-shelter"
        )
        self.prepare()

    def prepare(self):
        pass

    def test_the_search_api_never_returns_it(self):
        data = self.client.get("/api/search/", {"q": "confidential shelter survivors"}).json()
        slugs = {result["slug"] for result in data["results"]}
        assert "shelter-network" in slugs
        assert "confidential-shelters" not in slugs
        assert SECRET_TITLE not in str(data)

    def test_autocomplete_never_suggests_it(self):
        data = self.client.get("/api/search/autocomplete/", {"q": "Confidential shel"}).json()
        assert SECRET_TITLE not in str(data)

    def test_it_is_never_a_related_practice(self):
        from search.services import related_practices

        assert "confidential-shelters" not in {r.slug for r in related_practices(self.public, 10)}


class TestPrivatePracticeOnTheDatabase(PrivatePracticeContract, TestCase):
    pass


class TestPrivatePracticeOnTheEngine(PrivatePracticeContract, TestCase):
    @classmethod
    def setUpClass(cls):
        require_engine()
        cls._engine = engine_settings()
        cls._engine.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._engine.disable()

    def prepare(self):
        get_backend().rebuild()
