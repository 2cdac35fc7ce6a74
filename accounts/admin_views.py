"""Network administrators reset a person's lost second factor, in the Wagtail admin."""

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.http import AuthenticatedHttpRequest
from members.permissions import is_network_administrator

from .two_factor import device_summary, remove_second_factors


@require_http_methods(["GET", "POST"])
def reset_two_factor(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not is_network_administrator(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        removed = remove_second_factors(person, by=request.user)
        messages.success(
            request,
            _("%(count)d two-factor devices of %(name)s removed; they set up new ones at next sign-in.")
            % {"count": removed, "name": person.get_username()},
        )
        return redirect("wagtailusers_users:index")
    context = {
        "person": person,
        "devices": device_summary(person),
        "header_title": _("Reset two-factor sign-in"),
    }
    return TemplateResponse(request, "accounts/admin/reset_two_factor.html", context)
