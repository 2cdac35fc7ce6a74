"""sitemap.xml: every public page (published, no view restriction), the member directory and the
priority pages, each with its language alternates (hreflang) and an x-default."""

from datetime import datetime
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.models import Priority
from members.folders import MemberFolderPage
from members.models import Member

from .records import public_members


class PublicPageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000

    def items(self) -> Any:
        # A member's folder only redirects to its index's listing: it is no page of its own.
        folders = ContentType.objects.get_for_models(
            *(model for model in apps.get_models() if issubclass(model, MemberFolderPage))
        ).values()
        return (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .exclude(content_type__in=list(folders))
            .specific()
            .order_by("path")
        )

    def location(self, item: Page) -> str:
        return item.get_url() or item.url_path

    def lastmod(self, item: Page) -> datetime | None:
        return item.last_published_at


class MemberSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> Any:
        return public_members().prefetch_related(None)

    def location(self, item: Member) -> str:
        return item.get_absolute_url()


class PrioritySitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self) -> Any:
        return Priority.objects.order_by("number")

    def location(self, item: Priority) -> str:
        return item.get_absolute_url()


SITEMAPS = {"pages": PublicPageSitemap, "members": MemberSitemap, "priorities": PrioritySitemap}
