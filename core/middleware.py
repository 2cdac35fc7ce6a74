"""Refuse requests that carry a NUL character, before any view sees them; follow a person's language.

A NUL is never part of what a person types, and PostgreSQL refuses it in any text value, so a NUL that
reaches a query (a filter, a search, a choice in a form) is a 500 there and silently different on
SQLite. Checking once here covers every view, present and future, and every way of reading input
(request.GET in a view, a ChoiceField's queryset lookup); field validators would each cover one form."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from core.interface_languages import preferred_language
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


class PreferredLanguageMiddleware:
    """Show a signed-in person the public site in their preferred interface language.

    Their preference is Wagtail's UserProfile.preferred_language (the admin follows it too). An English URL
    carries no prefix, so a GET of one by someone who prefers another language is redirected to that
    language's URL; a URL with an explicit prefix is served as asked. Switching language while signed in
    posts to core.language_views.set_language, which saves the new preference. Runs after authentication;
    signed-in pages are never cached, so the redirect never reaches the page cache.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect = self._redirect(request)
        return redirect if redirect is not None else self.get_response(request)

    @staticmethod
    def _redirect(request: HttpRequest) -> HttpResponse | None:
        if request.method not in ("GET", "HEAD") or translation.get_language_from_path(request.path_info):
            return None
        language = preferred_language(request)
        if language is None or language == settings.LANGUAGE_CODE:
            return None
        target = translate_url(request.get_full_path(), language)
        if target == request.get_full_path():
            return None  # not a page of the public site (admin, API, feeds): nothing to switch
        return HttpResponseRedirect(target)
