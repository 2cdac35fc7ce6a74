"""The six interface languages: where the current page lives in each, and a person's preferred one.

The language switcher and the `hreflang` alternates both come from `language_versions`: for a Wagtail page
with a live translation in a language, that translation's URL (plus the sub-route being viewed); otherwise
the same URL under the other language's prefix, where Django's i18n_patterns serve it in that interface
language. The preference is Wagtail's UserProfile.preferred_language, the one the admin uses too.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, get_language_info, override
from wagtail.models import Page


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name_local: str  # the language named in itself: Deutsch, Français
    url: str
    is_current: bool
    is_translation: bool  # a translated page exists, rather than the same page in another interface language


def _capitalised(name: str) -> str:
    # Standing alone in a menu, a language name starts with a capital in every one of these languages.
    return name[:1].upper() + name[1:]


def interface_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def current_interface_language() -> str:
    """The language this request is served in, as one of the site's; what a person's emails are
    written in when they act (a worker sending them later has no request, so it is stored)."""
    language = get_language()
    return language if language in interface_languages() else settings.LANGUAGE_CODE


def _page_translation_urls(page: Page, request: HttpRequest) -> dict[str, str]:
    """Live translations of `page` by language, with the part of the path below the page kept."""
    current_url = page.get_url(request) or ""
    remainder = (
        request.path[len(current_url) :] if current_url and request.path.startswith(current_url) else ""
    )

    def translation_urls() -> dict[str, str]:
        urls: dict[str, str] = {}
        for translation in page.get_translations(inclusive=False).live().select_related("locale"):
            url = translation.get_url(request)
            if url:
                urls[translation.locale.language_code] = url
        return urls

    # Read by the switcher and the hreflang links of every page: remembered until any purge, whatever
    # kind of page was published, moved or deleted (core/page_cache/memo.py).
    from core.page_cache.memo import remember
    from core.page_cache.tags import ALL_TAGS

    urls = remember("translation-urls", ALL_TAGS, translation_urls, page.pk, request.get_host())
    return {code: url + remainder for code, url in urls.items()}


def _in_language(request: HttpRequest, full_path: str, code: str) -> str:
    """What `translate_url(full_path, code)` answers for the request's own full path, from the URL
    pattern this request already resolved to rather than resolving its path again for each language."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(full_path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            path = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return full_path
    return urlunsplit(("", "", path, urlsplit(full_path).query, ""))


def language_versions(request: HttpRequest, page: Page | None = None) -> list[LanguageVersion]:
    """The current page in each interface language; worked out once per request (the switcher and
    the hreflang links both show them)."""
    current = get_language()
    known: dict[tuple[int | None, str], list[LanguageVersion]] = request.__dict__.setdefault(
        "_language_versions", {}
    )
    key = (page.pk if isinstance(page, Page) else None, current)
    if key not in known:
        known[key] = _language_versions(request, page, current)
    return known[key]


def _language_versions(request: HttpRequest, page: Page | None, current: str) -> list[LanguageVersion]:
    translated = _page_translation_urls(page, request) if isinstance(page, Page) else {}
    full_path = request.get_full_path()
    versions = []
    for code in interface_languages():
        if code == current:
            url, is_translation = full_path, False
        elif code in translated:
            url, is_translation = translated[code], True
        else:
            url, is_translation = _in_language(request, full_path, code), False
        versions.append(
            LanguageVersion(
                code=code,
                name_local=_capitalised(get_language_info(code)["name_local"]),
                url=url,
                is_current=code == current,
                is_translation=is_translation,
            )
        )
    return versions


def preferred_language(request: HttpRequest) -> str | None:
    """The signed-in person's chosen interface language, if it is one of the site's."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    from wagtail.users.models import UserProfile

    language = UserProfile.get_for_user(user).preferred_language
    return language if language in interface_languages() else None


def save_preferred_language(request: HttpRequest, language: str) -> None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or language not in interface_languages():
        return
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
