"""A small published corpus with everything that must never leave the site: a draft, a practice behind
a view restriction, contact officers, an online event's link."""

from dataclasses import dataclass

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from events.models import EventPage
from members.models import ContactOfficer, Member
from practices.models import PracticePage
from tests.events.factories import in_days, make_event
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

SECRET_ONLINE_URL = "https://meet.example.org/secret-room-4711"


@dataclass
class Corpus:
    ghent: Member
    tuscany: Member
    officers: list[ContactOfficer]
    public_practices: list[PracticePage]
    draft: PracticePage
    restricted: PracticePage
    events: list[EventPage]
    past_event: EventPage
    draft_event: EventPage


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction rolled back at the end; each test's own `db`
    transaction nests inside it, so tests still cannot see each other's writes."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_corpus()
        transaction.set_rollback(True)


def build_corpus() -> Corpus:
    ghent = MemberFactory(slug="ghent", name="City of Ghent", country="BE", city="Gent")
    tuscany = MemberFactory(slug="tuscany", name="Tuscany Region", country="IT", city="Firenze")
    officers = [
        ContactOfficer.objects.create(
            member=ghent,
            name="Wouter Vandaele",
            role="Integration officer",
            email="wouter.vandaele@stad.gent.example",
            phone="+32 9 266 71 11",
        ),
        ContactOfficer.objects.create(
            member=tuscany,
            name="Chiara Bellandi",
            role="Project coordinator",
            email="chiara.bellandi@regione.toscana.example",
            phone="+39 055 438 2111",
        ),
    ]
    housing = practice_page(
        ghent,
        title="Housing desk for newcomers",
        themes=["housing"],
        target_groups=["refugees"],
        priority=1,
        indicators=[("beneficiaries", 340)],
        contact_officer=officers[0],
        contact_role="Head of the integration desk",
    )
    story = practice_page(
        tuscany,
        title="Foster families for unaccompanied minors",
        themes=["family-based-care"],
        priority=4,
        is_success_story=True,
        language="it",
        contact_officer=officers[1],
        partners=[ghent],
    )
    closed = practice_page(
        ghent, title="Language cafe", themes=["language-training"], priority=2, licence="CC-BY-NC-4.0"
    )
    draft = practice_page(ghent, title="Draft practice never shown", publish=False)
    restricted = practice_page(tuscany, title="Members-only practice")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    workshop = make_event(member=ghent, title="Workshop on intake desks", start=in_days(10))
    webinar = make_event(
        member=tuscany,
        title="Webinar on foster care",
        event_type="training",
        attendance_mode=EventPage.AttendanceMode.ONLINE,
        online_url=SECRET_ONLINE_URL,
        city="",
        venue="",
        start=in_days(20),
    )
    past = make_event(
        member=ghent, title="Study visit to Ghent", event_type="study-visit", start=in_days(-30)
    )
    draft_event = make_event(member=ghent, title="Draft event never shown", publish=False)
    return Corpus(
        ghent=ghent,
        tuscany=tuscany,
        officers=officers,
        public_practices=[housing, story, closed],
        draft=draft,
        restricted=restricted,
        events=[workshop, webinar],
        past_event=past,
        draft_event=draft_event,
    )


def personal_values(corpus: Corpus) -> list[str]:
    """Every contact officer's name, email and phone: none may appear in a public output."""
    return [value for officer in corpus.officers for value in (officer.name, officer.email, officer.phone)]
