"""Page-number pagination with next/previous links that keep the request's other parameters."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from .parameters import Paged


def _link(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    params: Paged,
    record: Callable[[Any, HttpRequest], dict[str, Any]],
) -> dict[str, Any]:
    """One page of `queryset` as records; a page past the last is empty (its count says why)."""
    count = queryset.count()
    offset = (params.page - 1) * params.page_size
    rows = list(queryset[offset : offset + params.page_size]) if offset < count else []
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "next": _link(request, params.page + 1) if offset + params.page_size < count else None,
        "previous": _link(request, params.page - 1) if params.page > 1 else None,
        "results": [record(row, request) for row in rows],
    }
