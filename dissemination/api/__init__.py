"""The public read API (django-ninja): /api/v1/, its OpenAPI schema at /api/v1/openapi.json and the
interactive docs at /api/v1/docs, served from vendored Swagger UI files (no CDN)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from core.rate_limits import rate_limited

from . import events, members, practices, vocabulary
from .http import limited, public_response


class VendoredSwagger(Swagger):
    """ninja's Swagger UI from its static files, in our page (language, title, no inline script)."""

    template = "dissemination/api_docs.html"


api = NinjaAPI(
    title="Integration Network public API",
    version="1.0.0",
    description=(
        "Published practices, events, members and the network's vocabulary. Read-only, no key needed; "
        "rate-limited per address (429 with a JSON error). Responses carry ETag and Last-Modified: "
        "send If-None-Match or If-Modified-Since to get 304 Not Modified. Each practice carries the "
        "licence its member chose for its text."
    ),
    urls_namespace="api-v1",
    # Deep links put a link inside each operation's toggle button (nested interactive controls).
    docs=VendoredSwagger(settings={"deepLinking": False, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
)

from library.api import router as library_router  # noqa: E402 (the library's records use this package)

for router in (practices.router, events.router, members.router, library_router, vocabulary.router):
    router.add_decorator(public_response, mode="view")
    router.add_decorator(limited, mode="view")
    api.add_router("/", router)


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = [
        {"parameter": _parameter(error.get("loc", ())), "message": error["msg"]} for error in exc.errors
    ]
    return api.create_response(
        request, {"error": _("Some parameters are not valid."), "detail": detail}, status=400
    )


def _parameter(location: tuple | list) -> str:
    # ninja reports ("query", <argument>, <field>, <union member>...): the field is the query parameter.
    parts = [str(part) for part in location[1:]]
    return parts[1] if len(parts) > 1 else (parts[0] if parts else "")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"error": _("Not found."), "detail": []}, status=404)


@api.exception_handler(Ratelimited)
def too_many_requests(request: HttpRequest, exc: Ratelimited) -> HttpResponse:
    return rate_limited(request, exc)
