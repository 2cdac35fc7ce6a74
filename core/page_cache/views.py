"""The one uncached endpoint cached pages need: a CSRF token for the visitor's forms."""

from django.http import HttpRequest, JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def csrf_token(request: HttpRequest) -> JsonResponse:
    """Sets the CSRF cookie and returns its masked token (static/js/csrf-field.js fills forms with it)."""
    return JsonResponse({"token": get_token(request)})
