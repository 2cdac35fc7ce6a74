"""Which requests the page cache may answer, and the key of each: host, path, language and the query
string with its parameters sorted and tracking parameters dropped."""

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, QueryDict
from django.utils.translation import get_language


def bypass_cookies() -> tuple[str, ...]:
    """Cookies that change what a page shows: a session (signed-in, or messages kept in it) and the
    messages cookie. Others (the CSRF cookie, language) do not: a cached page renders no token."""
    return (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))


def is_eligible(request: HttpRequest) -> bool:
    """An anonymous visitor's GET or HEAD: no session, no messages, no credentials."""
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(name in request.COOKIES for name in bypass_cookies())


def is_tracking_parameter(name: str) -> bool:
    return any(
        name.startswith(pattern[:-1]) if pattern.endswith("*") else name == pattern
        for pattern in settings.PAGE_CACHE_IGNORED_PARAMETERS
    )


def normalised_query(query_string: str) -> str:
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(sorted((name, value) for name, value in pairs if not is_tracking_parameter(name)))


def normalise_request(request: HttpRequest) -> None:
    """Make the view see the query string the key was made of, so that a page rendered for one visitor's
    `?utm_source=...&b=1&a=2` (links, pagination) is right for everyone sharing its key."""
    query = normalised_query(request.META.get("QUERY_STRING", ""))
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


def page_key(request: HttpRequest) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    raw = "\n".join(
        (request.scheme or "", host, request.path, request.META.get("QUERY_STRING", ""), get_language())
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"{settings.PAGE_CACHE_KEY_PREFIX}page:{digest}"
