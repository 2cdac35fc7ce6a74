"""One page of every public page type, filled like the demo's: the browser matrix and the HTML
validity check visit the same pages."""

import datetime
from io import StringIO

from django.utils import timezone

from events.models import AgendaItem
from notices.demo import load_demo_notices
from notices.models import ContactPage, NoticePage
from tests.events.factories import in_days, make_event
from tests.factories import MemberFactory
from tests.practices.factories import practice_page


def build_content() -> dict[str, str]:
    """One page of each type, filled like the demo's, and the path of each page type to visit."""
    ghent = MemberFactory(
        name="City of Ghent",
        slug="city-of-ghent",
        country="BE",
        city="Ghent",
        region="Prov. Oost-Vlaanderen",
        website="https://stad.gent/en/integration-and-civic-integration-agency-with-a-long-address",
        description="Ghent's integration service runs a one-stop desk for newcomers and their employers.",
        expertise_themes=["language-training", "skills-matching"],
    )
    bologna = MemberFactory(name="Comune di Bologna", slug="bologna", country="IT", city="Bologna")
    practice = practice_page(
        ghent,
        title="One-stop integration desk for newcomers",
        summary="Housing, language courses, recognition of diplomas and job coaching at one address.",
        themes=["language-training", "skills-matching"],
        target_groups=["third-country-nationals", "refugees"],
        partners=[bologna],
        indicators=[("beneficiaries", 1250), ("children-0-14", 310)],
        is_success_story=True,
    )
    practice_page(bologna, title="Mentoring newcomers into their first job", themes=["skills-matching"])
    event = make_event(
        member=ghent,
        title="Study visit: Ghent's one-stop desk",
        event_type="study-visit" if _event_type_exists("study-visit") else "workshop",
        start=in_days(12),
        city="Ghent",
        venue="Stadhuis, Botermarkt 1",
    )
    for hour, title in [
        (9, "Welcome and the desk's first year"),
        (11, "Walk through the intake, desk by desk"),
    ]:
        AgendaItem.objects.create(
            page=event,
            starts_at=datetime.time(hour),
            ends_at=datetime.time(hour + 1, 30),
            title=title,
            speakers="Head of the integration service; two intake officers",
        )
    make_event(member=bologna, title="Workshop on mentoring", start=in_days(20))
    load_demo_notices(StringIO())
    notices = {page.slug: page.url for page in [*NoticePage.objects.all(), *ContactPage.objects.all()]}
    month = timezone.localdate(event.start).strftime("%Y-%m")
    return {
        "home": "/",
        "practice-listing": "/practices/?theme=skills-matching",
        "practice": practice.url,
        "success-stories": "/practices/success-stories/",
        "priority": f"/priorities/{practice.priority.slug}/",
        "event-listing": "/events/",
        "calendar": f"/events/calendar/?month={month}",
        "event": event.url,
        "member-directory": "/members/",
        "member-profile": f"/members/{ghent.slug}/",
        "search": "/search/?q=newcomers",
        "join": "/members/join/",
        **{f"notice-{slug}": url for slug, url in notices.items()},
    }


def _event_type_exists(slug: str) -> bool:
    from core.models import EventType

    return EventType.objects.filter(slug=slug).exists()
