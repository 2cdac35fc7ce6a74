"""Request types for views: a view behind login_required reads `request.user` as a signed-in `User`."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view that only signed-in users reach (login_required, or the Wagtail admin)."""

    user: User
