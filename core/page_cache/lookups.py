"""Wagtail's per-request reads that rarely change, remembered (memo.py) and purged by the `pages` tag:
the site a request is for, and which parts of the tree are behind a view restriction."""

from typing import Any, Self, TypeVar

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Page, PageQuerySet, PageViewRestriction, Site

from .memo import remember
from .tags import PAGES

QS = TypeVar("QS", bound=QuerySet[Any])


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
    """A PageQuerySet whose `.public()` (every listing's) reads the restricted paths from memory, and
    whose listings show one version of each page in several languages."""

    def private_q(self) -> Q:
        return private_q()

    def one_version_each(self, language_code: str | None = None) -> Self:
        """One version of each page in several languages (`one_version_each` below)."""
        return one_version_each(self, language_code)

    def with_version_marks(self) -> Self:
        """Each page with the `is_translation` its card's version mark reads, as `one_version_each` gives
        it, for pages already chosen."""
        return self.annotate(is_translation=made_from_another_version())


def made_from_another_version() -> Exists:
    """For the outer query's page: whether wagtail-localize made it from a version in another locale."""
    from wagtail_localize.models import Translation  # an app's models: not at settings import

    return Exists(
        Translation.objects.filter(
            source__object_id=OuterRef("translation_key"), target_locale_id=OuterRef("locale_id")
        )
    )


def one_version_each(queryset: QS, language_code: str | None = None) -> QS:
    """One version per translation group (`translation_key`) of a queryset of pages: the live one in
    the reader's language (`language_code`, default the active one) when it exists, else the original.
    Each row gets `is_translation`: made from another version with wagtail-localize. Aliases (a page
    mirrored into another locale's tree) are never listed. Subqueries only: no query is added."""
    code = language_code or get_language() or settings.LANGUAGE_CODE
    is_translation = made_from_another_version()
    in_reader_language = queryset.model.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=code,
        live=True,
        alias_of__isnull=True,
    )
    return (
        queryset.filter(alias_of__isnull=True)
        .annotate(is_translation=is_translation)
        .filter(Q(locale__language_code=code) | Q(is_translation=False) & ~Exists(in_reader_language))
    )
