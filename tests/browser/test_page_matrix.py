"""Every public page type, with real content, in Chromium at desktop (1366 px) and phone (390 px)
widths, in English and German: no axe-core WCAG 2.1 AA violation, and no page wider than the
viewport, also at 320 px. Screenshots of each page and width are kept in var/screenshots/matrix/.

One test per language builds the content once and visits every page at every width, collecting all
failures before asserting, so one run reports everything and CI pays for the data set twice only.
"""

import datetime
import re
from io import StringIO

import pytest
from django.conf import settings
from django.utils import timezone

from events.models import AgendaItem
from notices.demo import load_demo_notices
from notices.models import ContactPage, NoticePage
from tests.browser.accessibility import axe_violations
from tests.browser.conftest import SCREENSHOT_DIR
from tests.conftest import require_service
from tests.events.factories import in_days, make_event
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_WIDTHS = (1366, 390)
NO_SIDEWAYS_WIDTHS = (1366, 390, 320)
MATRIX_DIR = SCREENSHOT_DIR / "matrix"


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


def in_language(path: str, language: str) -> str:
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


def check_every_page(browser, live_server, language: str) -> None:
    paths = build_content()
    failures: list[str] = []
    MATRIX_DIR.mkdir(parents=True, exist_ok=True)
    for width in NO_SIDEWAYS_WIDTHS:
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        for name, path in paths.items():
            url = in_language(path, language)
            response = page.goto(url)
            if response is None or response.status != 200:
                failures.append(f"{language} {width}px {name} {url}: HTTP {response and response.status}")
                continue
            if page.evaluate("document.documentElement.lang") != language:
                failures.append(f"{language} {width}px {name}: <html lang> is not {language}")
            document_width = page.evaluate("document.documentElement.scrollWidth")
            if document_width > width:
                failures.append(f"{language} {width}px {name}: document is {document_width}px wide")
            if width in AXE_WIDTHS:
                failures.extend(f"{language} {width}px {name}: {line}" for line in axe_violations(page))
                shot = re.sub(r"[^a-z0-9-]+", "-", f"{language}-{width}-{name}")
                page.screenshot(path=str(MATRIX_DIR / f"{shot}.png"), full_page=True)
        context.close()
    assert failures == [], "\n".join(failures)


def test_every_public_page_type_in_english_passes_axe_and_fits_the_screen(browser, live_server):
    check_every_page(browser, live_server, "en")


def test_every_public_page_type_in_german_passes_axe_and_fits_the_screen(browser, live_server):
    # Runs as soon as German is a site language (issue 13, items 1-2); until then CI fails here rather
    # than passing without the second language, and a laptop skips with this reason.
    require_service(
        "de" in dict(settings.LANGUAGES),
        "German is not one of settings.LANGUAGES yet: nothing to check in it",
    )
    check_every_page(browser, live_server, "de")
