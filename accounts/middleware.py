"""Keep a signed-in person who owes a second factor on the two-factor pages, everywhere: the public
site, the member space and the Wagtail and Django admins (one rule instead of a decorator per view)."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from .two_factor import owed_step

# What a person may still reach before their second factor: signing in and out, the steps themselves,
# the WebAuthn ceremony and the language switch.
OPEN_URL_NAMES = {
    "accounts:sign_in",
    "accounts:sign_out",
    "accounts:verify",
    "accounts:two_factor",
    "accounts:two_factor_app",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "set_language",
    "set_interface_language",
    "csrf_token",
}
OPEN_NAMESPACES = {"otp_webauthn"}


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not self._is_open(request):
            step = owed_step(request.user)
            if step is not None:
                return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _is_open(request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith((settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")):
            return True
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.view_name in OPEN_URL_NAMES or bool(set(match.namespaces) & OPEN_NAMESPACES)
