"""Switching the interface language while signed in: the choice becomes the person's preference."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.interface_languages import interface_languages, save_preferred_language


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Save the chosen language as the signed-in person's UserProfile.preferred_language (which the public
    site and the admin follow) and go to `next`, the current page's version in that language as the
    switcher computed it. Unlike Django's set_language it does not translate `next` again: that cannot
    know a page's translations, and it would prefix an already prefixed URL."""
    language = request.POST.get("language", "")
    if language not in interface_languages():
        return HttpResponseBadRequest(_("Choose one of the site's languages."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    save_preferred_language(request, language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
