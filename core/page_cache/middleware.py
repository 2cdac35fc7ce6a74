"""PageCacheMiddleware: answers anonymous visitors from the page cache, and stores what views declared.

It sits after LocaleMiddleware (the key needs the language) and before everything that reads the
session, CSRF or user, so a hit costs one cache round trip and no database query. Being outside the CSRF,
message and authentication middleware, it sees every cookie they set and every signed-in user.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from .keys import is_eligible, normalise_request, page_key
from .lookups import find_site
from .memo import begin_request, end_request
from .tags import ALL_TAGS, current_generations, generation_key, page_cache


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if not getattr(request, "page_cache_tags", None):
        return False
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a page that set a cookie or rendered a CSRF token belongs to one visitor
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _cacheable_headers(request: HttpRequest, response: HttpResponse) -> None:
    max_age = request.page_cache_max_age  # type: ignore[attr-defined]
    # Browsers cannot be purged: they revalidate every time. Shared caches (Varnish) keep the page for
    # `max_age` and are purged by the xkey tags.
    patch_cache_control(response, public=True, max_age=0, s_maxage=max_age)
    patch_vary_headers(response, ["Cookie"])
    response["xkey"] = " ".join(request.page_cache_tags)  # type: ignore[attr-defined]


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_eligible(request):
            tokens = begin_request()
            try:
                response = self._render(request)
            finally:
                end_request(tokens)
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True)
            return response
        request.page_cache_eligible = True  # type: ignore[attr-defined]
        normalise_request(request)
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        cache = page_cache()
        generation_keys = {tag: generation_key(tag) for tag in ALL_TAGS}
        found = cache.get_many([key, *generation_keys.values()])
        if all(name in found for name in generation_keys.values()):
            generations = {tag: found[name] for tag, name in generation_keys.items()}
        else:
            generations = current_generations()
        entry = found.get(key)
        if entry is not None and all(
            generations[tag] == value for tag, value in entry["generations"].items()
        ):
            return self._hit(entry)

        tokens = begin_request(generations)
        try:
            response = self._render(request)
        finally:
            end_request(tokens)
        if _storable(request, response):
            _cacheable_headers(request, response)
            tags = request.page_cache_tags  # type: ignore[attr-defined]
            entry = {
                "generations": {tag: generations[tag] for tag in tags},
                "status": response.status_code,
                "headers": list(response.items()),
                "content": response.content,
            }
            cache.set(key, entry, timeout=request.page_cache_max_age)  # type: ignore[attr-defined]
            response["X-Page-Cache"] = "miss"
        return response

    def _render(self, request: HttpRequest) -> HttpResponse:
        # Wagtail looks the site up once per request (a query); the remembered answer saves it.
        request._wagtail_site = find_site(request)  # type: ignore[attr-defined]
        return self.get_response(request)

    @staticmethod
    def _hit(entry: dict) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
