"""Rate limits on public forms and APIs, counted by django-ratelimit in the shared cache.

Each limit has a name; its rate ("5/h") comes from settings.RATE_LIMITS, so a deployment can tune one
without code. Counting is per client address (core.client_address) and atomic (cache add + incr in
Redis), so parallel requests cannot slip past a limit.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit


def configured_rate(group: str, request: HttpRequest) -> str:
    """django-ratelimit's rate callable: the rate named `group` in settings.RATE_LIMITS."""
    return settings.RATE_LIMITS[group]


def rate_limit(
    name: str, *, method: str | list[str], key: str = "ip", block: bool = True
) -> Callable[[Any], Any]:
    """Limit a view to settings.RATE_LIMITS[name], per client address (key="ip") or per signed-in user
    (key="user_or_ip"). With block=False the view sees `request.limited` and answers itself (the join
    form re-renders what was typed)."""
    if name not in settings.RATE_LIMITS:
        raise KeyError(f"no rate configured for {name!r} in settings.RATE_LIMITS")
    return ratelimit(group=name, key=key, rate=configured_rate, method=method, block=block)


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """RATELIMIT_VIEW: 429 with a readable page, or a JSON error for the APIs."""
    message = _("Too many requests from your connection. Please wait a little and try again.")
    if wants_json(request):
        response: HttpResponse = JsonResponse({"error": message}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response
