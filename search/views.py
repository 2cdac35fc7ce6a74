"""The search page and the JSON API: thin wrappers around `search.services`."""

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.rate_limits import rate_limit
from search import services
from search.query import FACETS, MAX_PAGE_SIZE, TYPE_FACET, InvalidSearchQuery, SearchQuery, SearchResults
from search.vocabulary import allowed_values, filter_labels, label_of

PAGE_WINDOW = 2


@require_GET
@rate_limit("search_page", method="GET")
def search_page(request: HttpRequest) -> HttpResponse:
    labels = filter_labels()
    context: dict[str, Any] = {
        "q": " ".join(request.GET.get("q", "").split()),
        "year_from": request.GET.get("year_from", ""),
        "year_to": request.GET.get("year_to", ""),
        "sort": request.GET.get("sort", "relevance"),
        "error": None,
        "results": None,
    }
    try:
        query = SearchQuery.from_params(request.GET, allowed_values(labels))
    except InvalidSearchQuery as error:
        context["error"] = str(error)
        return render(request, "search/search_page.html", context, status=400)
    results = services.search(query, labels)
    context.update(
        query=query,
        results=results,
        items=[_display(result, labels) for result in results.results],
        facets=[(facet, _facet_legend(facet), results.facets.get(facet, [])) for facet in FACETS],
        type_links=_type_links(request, results),
        types=query.types,
        shows_years=any(type_name in query.types for type_name in ("practice", "event")),
        pages=_page_links(request, query, results),
        suggestion_url=_suggestion_url(request, results),
        has_filters=bool(query.filters or query.year_from or query.year_to),
    )
    return render(request, "search/search_page.html", context)


@require_GET
@rate_limit("search_api", method="GET")
def api_search(request: HttpRequest) -> JsonResponse:
    labels = filter_labels()
    try:
        query = SearchQuery.from_params(request.GET, allowed_values(labels))
    except InvalidSearchQuery as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(services.search(query, labels).as_json())


@require_GET
@rate_limit("autocomplete", method="GET")
def api_autocomplete(request: HttpRequest) -> JsonResponse:
    text = request.GET.get("q", "")
    if len(text) > 100:
        return JsonResponse({"error": _("The query is longer than 100 characters.")}, status=400)
    return JsonResponse([s.as_json() for s in services.autocomplete(text)], safe=False)


def _facet_legend(facet: str) -> str:
    return {
        "priority": _("Call priority"),
        "theme": _("Theme"),
        "target_group": _("Target group"),
        "country": _("Country"),
        "member_kind": _("Kind of member"),
        "event_type": _("Type of event"),
        "resource_type": _("Type of resource"),
        "when": _("When"),
        "language": _("Language"),
    }[facet]


def _type_links(request: HttpRequest, results: SearchResults) -> list[dict[str, Any]]:
    """One link per type of result, with how many the query finds of it."""
    return [
        {
            "value": value.value,
            "label": value.label,
            "count": value.count,
            "selected": value.selected,
            "url": "?" + _query_string(request, type=value.value, page=None),
        }
        for value in results.facets.get(TYPE_FACET, [])
    ]


def _display(result: Any, labels: dict[str, dict[str, str]]) -> dict[str, Any]:
    return {
        "result": result,
        "priority_label": label_of(labels, "priority", result.priority),
        "theme_labels": [label_of(labels, "theme", slug) for slug in result.themes],
        "country_name": label_of(labels, "country", result.country),
        "language_name": label_of(labels, "language", result.language),
        "event_type_label": label_of(labels, "event_type", result.event_type),
        "member_kind_label": label_of(labels, "member_kind", result.member_kind),
        "resource_type_label": label_of(labels, "resource_type", result.resource_type),
        "language_names": [label_of(labels, "language", code) for code in result.languages],
    }


def _query_string(request: HttpRequest, **changes: Any) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


def _page_links(request: HttpRequest, query: SearchQuery, results: SearchResults) -> dict[str, Any]:
    last = max((results.count + query.page_size - 1) // query.page_size, 1)
    numbers = range(max(1, query.page - PAGE_WINDOW), min(last, query.page + PAGE_WINDOW) + 1)
    return {
        "current": query.page,
        "last": last,
        "links": [(n, "?" + _query_string(request, page=n)) for n in numbers],
        "previous": "?" + _query_string(request, page=query.page - 1) if query.page > 1 else None,
        "next": "?" + _query_string(request, page=query.page + 1) if query.page < last else None,
        "page_size_max": MAX_PAGE_SIZE,
    }


def _suggestion_url(request: HttpRequest, results: SearchResults) -> str | None:
    if not results.suggestion:
        return None
    return "?" + _query_string(request, q=results.suggestion, page=None)
