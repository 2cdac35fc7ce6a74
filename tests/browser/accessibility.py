"""Runs axe-core (vendored, MPL-2.0, only ever loaded into test browsers) against a page."""

from pathlib import Path
from urllib.parse import urlsplit

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A/AA violations on the current page, one readable line per failing element."""
    # Served from the page's own origin by Playwright's router, so the site's Content-Security-Policy
    # (script-src 'self', no inline script) stays on while axe runs.
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    url = f"{origin}/__browser-tests__/axe.min.js"
    page.route(url, lambda route: route.fulfill(body=AXE_SOURCE, content_type="text/javascript"))
    page.add_script_tag(url=url)
    page.unroute(url)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA_TAGS,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} — {violation['help']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
