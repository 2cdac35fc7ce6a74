"""Search test helpers: a live engine (required in CI), a per-run index prefix, a small corpus."""

import os
import uuid
from datetime import date

import pytest
from django.conf import settings

from tests.conftest import require_service

# Each test run (and each xdist worker) writes to its own indices; they are deleted at the end.
TEST_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}-{uuid.uuid4().hex[:8]}"
ENGINE_URL = os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200"
CLOSED_PORT_URL = "http://127.0.0.1:9"


def engine_answers(url: str = ENGINE_URL) -> bool:
    from search.backends.opensearch import OpenSearchBackend

    return OpenSearchBackend(url, TEST_PREFIX, 2).ping()


def require_engine() -> None:
    require_service(engine_answers(), f"needs a search engine at {ENGINE_URL} (scripts/search-engine start)")


def engine_settings(**extra):
    from django.test import override_settings

    return override_settings(
        SEARCH_URL=ENGINE_URL, SEARCH_INDEX_PREFIX=TEST_PREFIX, SEARCH_TIMEOUT=10, **extra
    )


class OnTheEngine:
    """A TestCase mixin: the class needs the engine and runs with its settings (`engine_overrides` on
    top); with `rebuild_after_test_data`, the indices are rebuilt from the class's test data."""

    engine_overrides: dict = {}
    rebuild_after_test_data = True

    @classmethod
    def setUpClass(cls):
        require_engine()
        cls._engine_settings = engine_settings(**cls.engine_overrides)
        cls._engine_settings.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._engine_settings.disable()

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        if cls.rebuild_after_test_data:
            from search.backends import get_backend

            get_backend().rebuild()


@pytest.fixture(scope="session", autouse=True)
def _delete_test_indices():
    yield
    if engine_answers():
        from search.backends.opensearch import OpenSearchBackend

        OpenSearchBackend(ENGINE_URL, TEST_PREFIX, 10).delete_indices()


def build_corpus() -> dict:
    """Seven live practices spread over every filter, and one draft that must never be found; two live
    events, six active members, and a draft event, a private event and an inactive member; one library
    resource, and a draft and a private one."""
    from core.models import MemberKind
    from tests.factories import MemberFactory
    from tests.practices.factories import practice_page

    ngo = MemberKind.objects.get(slug="ngo")
    region = MemberKind.objects.get(slug="region")
    turin = MemberFactory(
        slug="turin",
        name="City of Turin",
        country="IT",
        city="Turin",
        description="The city trains volunteer guardians for children who arrive alone.",
        expertise_themes=["family-based-care"],
    )
    antwerp = MemberFactory(
        slug="antwerp-ngo", name="Antwerp Welcome", country="BE", city="Antwerp", kind=ngo
    )
    murcia = MemberFactory(slug="murcia", name="Región de Murcia", country="ES", city="Murcia", kind=region)
    leipzig = MemberFactory(
        slug="leipzig", name="Stadt Leipzig", country="DE", city="Leipzig", expertise_themes=["housing"]
    )
    for member in (turin, leipzig):
        member.save()  # commits the expertise themes (a cluster relation)
    gdansk = MemberFactory(slug="gdansk", name="Miasto Gdańsk", country="PL", city="Gdańsk")
    lyon = MemberFactory(slug="lyon-ngo", name="Lyon Accueil", country="FR", city="Lyon", kind=ngo)

    def page(member, slug, title, summary, **fields):
        fields.setdefault("start_date", date(2021, 1, 1))
        return practice_page(member, with_revision=False, title=title, slug=slug, summary=summary, **fields)

    pages = {
        "foster": page(
            turin,
            "foster",
            "Volunteer foster families for children arriving alone",
            "Host families & volunteers take in boys and girls aged <18 who reach Turin alone.",
            priority=4,
            themes=["family-based-care"],
            target_groups=["unaccompanied-minors"],
            start_date=date(2019, 3, 1),
            language="en",
        ),
        "housing": page(
            antwerp,
            "housing",
            "Renovated homes for refugee households",
            "Empty houses owned by the city are renovated with refugees and rented to them.",
            priority=1,
            themes=["housing"],
            target_groups=["refugees"],
            start_date=date(2015, 1, 1),
            end_date=date(2017, 12, 31),
            status="completed",
            language="en",
        ),
        "empleo": page(
            murcia,
            "empleo",
            "Integración laboral de mujeres migrantes",
            "Programa regional de integración en el mercado laboral para mujeres migrantes.",
            priority=2,
            themes=["vocational-training"],
            target_groups=["women"],
            start_date=date(2022, 5, 1),
            language="es",
        ),
        "wohnen": page(
            leipzig,
            "wohnen",
            "Neue Wohnungen für geflüchtete Familien",
            "Die Stadt vermittelt leerstehende Wohnungen an geflüchtete Familien.",
            priority=1,
            themes=["housing"],
            target_groups=["refugees"],
            start_date=date(2020, 1, 1),
            language="de",
        ),
        "partnerstwa": page(
            gdansk,
            "partnerstwa",
            "Lokalne partnerstwa na rzecz integracji w dzielnicach",
            "Dzielnice miasta tworzą lokalne partnerstwa integracyjne z organizacjami migrantów.",
            priority=1,
            themes=["transnational-cooperation"],
            target_groups=["third-country-nationals"],
            start_date=date(2023, 1, 1),
            language="pl",
        ),
        "courses": page(
            lyon,
            "courses",
            "Language courses with childcare for mothers",
            "French lessons in the neighbourhood with a crèche next door, so mothers can attend.",
            priority=2,
            themes=["language-training"],
            target_groups=["women"],
            start_date=date(2021, 9, 1),
            language="en",
        ),
        "mentoring": page(
            turin,
            "mentoring",
            "Mentoring newcomers into their first job",
            "Retired professionals mentor third-country nationals through job applications.",
            priority=2,
            themes=["mentoring"],
            target_groups=["third-country-nationals"],
            start_date=date(2018, 1, 1),
            language="en",
        ),
    }
    practice_page(
        antwerp,
        with_revision=False,
        publish=False,
        title="Draft about housing and foster families",
        slug="draft",
        summary="Not published yet: housing, foster families, mentoring.",
        priority=1,
    )
    pages.update(build_events_and_members(turin, leipzig))
    pages.update(build_resources(turin))
    return pages


def build_events_and_members(turin, leipzig) -> dict:
    """Two findable events (one upcoming, one past), a draft and a private event, and an inactive
    member: the last three carry the same words as the findable ones and must never be found."""
    from wagtail.models import PageViewRestriction

    from core.models import Priority, Theme
    from tests.events.factories import in_days, make_event
    from tests.factories import MemberFactory

    def event(member, slug, title, *, priority, theme, **fields):
        page = make_event(member=member, revision=False, slug=slug, title=title, **fields)
        page.priorities.set([Priority.objects.get(number=priority)])
        page.themes.set(list(Theme.objects.filter(slug=theme)))
        page.save()
        return page

    visit = event(
        leipzig,
        "housing-visit",
        "Study visit to refugee flats in Leipzig",
        event_type="study-visit",
        summary="Officers see how the city lets empty flats to refugee families.",
        start=in_days(20),
        venue="Neues Rathaus",
        city="Leipzig",
        country="DE",
        priority=1,
        theme="housing",
    )
    training = event(
        turin,
        "guardians-training",
        "Training for guardians of children arriving alone",
        event_type="training",
        summary="Volunteer guardians learn the asylum procedure for children.",
        start=in_days(-30),
        venue="Palazzo Civico",
        city="Turin",
        country="IT",
        priority=4,
        theme="family-based-care",
    )
    event(
        turin,
        "draft-guardians",
        "Draft training for guardians",
        event_type="training",
        summary="Guardians of children: not published yet.",
        publish=False,
        priority=4,
        theme="family-based-care",
    )
    private = event(
        turin,
        "private-guardians",
        "Closed training for guardians",
        event_type="training",
        summary="Guardians of children meet behind a password.",
        priority=4,
        theme="family-based-care",
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="guardians"
    )
    MemberFactory(
        slug="former-guardians",
        name="Former guardians office",
        country="IT",
        city="Turin",
        description="Guardians for children arriving alone; left the network.",
        expertise_themes=["family-based-care"],
        is_active=False,
    ).save()
    return {"housing-visit": visit, "guardians-training": training, "turin-member": turin}


def build_resources(publisher) -> dict:
    """A findable curriculum in English and Italian, and a draft and a private resource with the same
    words that must never be found."""
    from wagtail.models import PageViewRestriction

    from library.demo import library_index
    from tests.library.factories import resource

    index = library_index()
    curriculum = resource(
        index,
        title="Curriculum for volunteer guardians",
        slug="guardians-curriculum",
        resource_type="curriculum",
        summary="Session plans that prepare guardians of unaccompanied children for the asylum interview.",
        description="Five days of case studies, role play and evaluation forms.",
        priority=4,
        themes=["family-based-care"],
        target_groups=["unaccompanied-minors"],
        languages=("en", "it"),
        publisher=publisher,
    )
    resource(
        index,
        title="Draft curriculum for guardians",
        slug="draft-curriculum",
        summary="Guardians of unaccompanied children: not published yet.",
        priority=4,
        publish=False,
    )
    private = resource(
        index,
        title="Closed toolkit for guardians",
        slug="private-toolkit",
        resource_type="toolkit",
        summary="Guardians of unaccompanied children behind a password.",
        priority=4,
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="guardians"
    )
    return {"guardians-curriculum": curriculum}
