"""What every API response goes through: the site's rate limit, the language of labels, and
conditional GET (ETag / Last-Modified, 304 Not Modified)."""

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

from core.rate_limits import rate_limit

SITE_LANGUAGES = {code for code, _name in settings.LANGUAGES}

limited = rate_limit("public_api", method=["GET", "HEAD"])


def set_last_modified(request: HttpRequest, moment: datetime | None) -> None:
    """Record when the content of this response last changed (the newest publication it shows)."""
    request.api_last_modified = moment  # type: ignore[attr-defined]


def public_response(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wraps an operation (ninja's "view" decorator mode): labels in ?lang= or the Accept-Language
    language, then a strong ETag of the body and Last-Modified, answering 304 when the client has it.
    The body is built before comparing, so a 304 saves bandwidth, not the queries."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        requested = request.GET.get("lang", "")
        language = requested if requested in SITE_LANGUAGES else translation.get_language()
        with translation.override(language):
            response = run(request, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        response["Content-Language"] = language
        if response.status_code != 200 or request.method not in ("GET", "HEAD"):
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        last_modified = getattr(request, "api_last_modified", None)
        timestamp = int(last_modified.timestamp()) if last_modified else None
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        response["Cache-Control"] = "public, max-age=60"
        conditional = get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
        return conditional if conditional is not None else response

    return wrapper
