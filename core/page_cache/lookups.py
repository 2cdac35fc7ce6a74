"""Wagtail's per-request reads that rarely change, remembered (memo.py) and purged by the `pages` tag:
the site a request is for, and which parts of the tree are behind a view restriction."""

from django.db.models import Q
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Page, PageQuerySet, PageViewRestriction, Site

from .memo import remember
from .tags import PAGES


def find_site(request: HttpRequest) -> Site | None:
    """What `Site.find_for_request` answers, without its query once remembered for this host and port."""
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    port = request.get_port()

    def compute() -> Site | None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific  # routing starts from the specific root page
        return site

    return remember("site", [PAGES], compute, hostname, port)


def restricted_paths() -> list[str]:
    """The tree paths of the pages that carry a view restriction (their descendants inherit it)."""
    return remember(
        "restricted-paths",
        [PAGES],
        lambda: sorted(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def private_q() -> Q:
    """Wagtail's `PageQuerySet.private_q()` from the remembered paths: pages at or below a restriction."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def is_under_restriction(page: Page) -> bool:
    return any(page.path.startswith(path) for path in restricted_paths())


class PublicPageQuerySet(PageQuerySet):
    """A PageQuerySet whose `.public()` (every listing's) reads the restricted paths from memory."""

    def private_q(self) -> Q:
        return private_q()
