"""What a visitor sees once django-axes has locked their sign-in (AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else 0
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "lockout_minutes": minutes}
    response = render(request, "core/login_locked_out.html", context, status=429)
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response
