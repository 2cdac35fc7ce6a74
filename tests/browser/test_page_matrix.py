"""Every public page type, with real content, in Chromium at desktop (1366 px) and phone (390 px)
widths, in English and German: no axe-core WCAG 2.1 AA violation, and no page wider than the
viewport, also at 320 px. Screenshots of each page and width are kept in var/screenshots/matrix/.

One test per language builds the content once and visits every page at every width, collecting all
failures before asserting, so one run reports everything and CI pays for the data set twice only.
"""

import re

import pytest
from django.conf import settings

from tests.browser.accessibility import axe_violations
from tests.browser.conftest import SCREENSHOT_DIR
from tests.conftest import require_service
from tests.public_pages import build_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_WIDTHS = (1366, 390)
NO_SIDEWAYS_WIDTHS = (1366, 390, 320)
MATRIX_DIR = SCREENSHOT_DIR / "matrix"


# Names the innermost elements whose right edge passes the viewport, so a failure says what to fix.
WIDEST_ELEMENTS_JS = """(width) => {
    const wide = [...document.body.querySelectorAll("*")].filter(
        (el) => el.getBoundingClientRect().right > width + 1 || el.scrollWidth > el.clientWidth + 1
    );
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return innermost.slice(0, 5).map((el) =>
        `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}">`
        + `${(el.textContent || "").trim().slice(0, 60)}`
    ).join("; ");
}"""


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
                failures.append(
                    f"{language} {width}px {name}: document is {document_width}px wide, "
                    f"overflowing: {page.evaluate(WIDEST_ELEMENTS_JS, width)}"
                )
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
