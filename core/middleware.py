"""Refuse requests that carry a NUL character, before any view sees them.

A NUL is never part of what a person types, and PostgreSQL refuses it in any text value, so a NUL that
reaches a query (a filter, a search, a choice in a form) is a 500 there and silently different on
SQLite. Checking once here covers every view, present and future, and every way of reading input
(request.GET in a view, a ChoiceField's queryset lookup); field validators would each cover one form."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.rate_limits import wants_json

NUL = "\x00"


def _carries_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    sources = [request.GET]
    if request.method == "POST" and request.content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        sources.append(request.POST)
    return any(
        NUL in key or any(NUL in value for value in values)
        for source in sources
        for key, values in source.lists()
    )


class RejectNulCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _carries_nul(request):
            return self.get_response(request)
        message = _("The request contains a NUL character, which no field accepts. Remove it and try again.")
        if wants_json(request):
            return JsonResponse({"error": message}, status=400)
        return render(request, "400.html", {"message": message}, status=400)
