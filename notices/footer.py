"""The footer's links to the notices: the live notice pages of the visitor's language (the default
language's for a kind not yet translated), kept in the cache so a page view costs no query for them.
Publishing, unpublishing, moving or deleting a notice forgets the cached links; the page cache's own
purge of every page (a page's change purges PAGES, which every page shows) makes pages show the new ones.
"""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete
from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.page_cache.tags import page_cache


def _cache_key(language: str) -> str:
    # Beside the cached pages, under their prefix (which tests vary per test, as they do for pages).
    return f"{settings.PAGE_CACHE_KEY_PREFIX}notice-links:v2:{language}"


def notice_links_for(language: str) -> list[dict[str, str]]:
    """[{kind, title, url}] in footer order, for one interface language."""
    key = _cache_key(language)
    links = page_cache().get(key)
    if links is None:
        links = _build_links(language)
        page_cache().set(key, links, None)
    return links


def _build_links(language: str) -> list[dict[str, str]]:
    from .models import FOOTER_ORDER, ContactPage, NoticePage

    pages = Page.objects.live().public().type(NoticePage, ContactPage).specific().select_related("locale")
    by_kind: dict[str, dict[str, Any]] = {}
    default = settings.LANGUAGE_CODE
    for page in pages:
        kind = page.kind
        code = page.locale.language_code
        rank = 0 if code == language else 1 if code == default else 2
        if kind not in by_kind or rank < by_kind[kind]["rank"]:
            by_kind[kind] = {"rank": rank, "kind": kind, "title": page.title, "url": page.url, "lang": code}
    # `lang` marks a link shown in another language than the page (a notice not yet translated).
    return [
        {key: by_kind[kind][key] for key in ("kind", "title", "url", "lang")}
        for kind in FOOTER_ORDER
        if kind in by_kind
    ]


def forget_links() -> None:
    """At once and again after the commit, as the page cache purges: a request that read the old rows
    in between may have stored the old links."""

    def forget() -> None:
        page_cache().delete_many([_cache_key(code) for code, _name in settings.LANGUAGES])

    forget()
    transaction.on_commit(forget)


def _forget_if_notice(sender: Any, instance: Page, **kwargs: Any) -> None:
    from .models import ContactPage, NoticePage

    if issubclass(instance.specific_class or Page, (NoticePage, ContactPage)):
        forget_links()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_forget_if_notice, dispatch_uid=f"notices_footer_{id(signal)}")
    post_delete.connect(_forget_if_notice, sender=Page, dispatch_uid="notices_footer_deleted")


def notice_links(request: HttpRequest) -> dict[str, Any]:
    """Context processor: `notice_links`, read only when a template uses it."""
    return {"notice_links": SimpleLazyObject(lambda: notice_links_for(translation.get_language() or "en"))}
