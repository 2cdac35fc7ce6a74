"""A practice or a member's resource behind a password is never found: not by the search API, the site
search, autocomplete or related practices, on the engine or on the database search (issue 12: its title
and summary used to come back); nor is a member's draft resource."""

from django.test import TestCase
from wagtail.models import PageViewRestriction

from library.demo import library_index
from search.backends import get_backend
from tests.factories import MemberFactory
from tests.library.factories import resource
from tests.practices.factories import practice_page
from tests.search.conftest import engine_settings, require_engine

SECRET_TITLE = "Confidential shelter addresses for survivors"
SECRET_RESOURCE = "Confidential shelter toolkit for survivors"
DRAFT_RESOURCE = "Draft shelter toolkit for survivors"


class PrivatePracticeContract:
    def setUp(self):
        member = MemberFactory(slug="graz", name="Graz", country="AT", city="Graz")
        self.public = practice_page(member, title="Shelter network for survivors", slug="shelter-network")
        self.private = practice_page(member, title=SECRET_TITLE, slug="confidential-shelters")
        PageViewRestriction.objects.create(
            page=self.private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-shelter"
        )
        index = library_index()
        resource(index, title="Shelter network toolkit", slug="shelter-toolkit", publisher=member)
        private_resource = resource(
            index, title=SECRET_RESOURCE, slug="confidential-toolkit", publisher=member
        )
        PageViewRestriction.objects.create(
            page=private_resource, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-shelter"
        )
        resource(index, title=DRAFT_RESOURCE, slug="draft-toolkit", publisher=member, publish=False)
        self.prepare()

    def prepare(self):
        pass

    def test_the_search_api_never_returns_it(self):
        data = self.client.get("/api/search/", {"q": "confidential shelter survivors"}).json()
        slugs = {result["slug"] for result in data["results"]}
        assert "shelter-network" in slugs
        assert "confidential-shelters" not in slugs
        assert SECRET_TITLE not in str(data)

    def test_the_site_search_never_lists_a_private_or_draft_resource(self):
        params = {"q": "shelter toolkit", "type": "resource"}
        response = self.client.get("/search/", params)
        slugs = {result.slug for result in response.context["results"].results}
        assert "shelter-toolkit" in slugs
        assert not {"confidential-toolkit", "draft-toolkit"} & slugs
        html = response.content.decode()
        assert SECRET_RESOURCE not in html and DRAFT_RESOURCE not in html
        data = self.client.get("/api/search/", params).json()
        assert "shelter-toolkit" in {result["slug"] for result in data["results"]}
        assert SECRET_RESOURCE not in str(data) and DRAFT_RESOURCE not in str(data)

    def test_autocomplete_never_suggests_it(self):
        data = self.client.get("/api/search/autocomplete/", {"q": "Confidential shel"}).json()
        assert SECRET_TITLE not in str(data) and SECRET_RESOURCE not in str(data)
        data = self.client.get("/api/search/autocomplete/", {"q": "Draft shel"}).json()
        assert DRAFT_RESOURCE not in str(data)

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
