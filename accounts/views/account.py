"""The personal account page /account/ and what it links to. Private: signed-in only, never cached
(Cache-Control: private, no-store), never in search or sitemaps (it is not a Wagtail page)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.users.models import UserProfile

from core.http import AuthenticatedHttpRequest
from core.personal_data import erasure_consequences
from core.rate_limits import rate_limit
from core.sections import account_page_sections
from members.permissions import MEMBER_ADMINISTRATOR, members_for

from .. import actions
from ..forms import EmailChangeForm, LanguageForm, NameForm, NotificationsForm, PasswordConfirmationForm
from ..two_factor import device_summary


def _forms(user: Any, bound: dict[str, forms.BaseForm] | None = None) -> dict[str, forms.BaseForm]:
    profile = UserProfile.get_for_user(user)
    unbound: dict[str, forms.BaseForm] = {
        "name": NameForm(instance=user, prefix="name"),
        "email": EmailChangeForm(user, prefix="email"),
        "language": LanguageForm(
            initial={"preferred_language": profile.preferred_language}, prefix="language"
        ),
        "notifications": NotificationsForm(
            initial=NotificationsForm.initial_for(user), prefix="notifications"
        ),
    }
    return {**unbound, **(bound or {})}


def _page(
    request: AuthenticatedHttpRequest, bound: dict[str, forms.BaseForm] | None = None, status: int = 200
):
    context = {
        "forms": _forms(request.user, bound),
        "devices": device_summary(request.user),
        "administered_members": members_for(request.user, [MEMBER_ADMINISTRATOR]),
        "sections": account_page_sections.sections(request.user),
    }
    return render(request, "accounts/account.html", context, status=status)


def _save_name(request: AuthenticatedHttpRequest) -> forms.BaseForm:
    form = NameForm(request.POST, instance=request.user, prefix="name")
    if form.is_valid():
        form.save()
        messages.success(request, _("Your name is saved."))
    return form


def _save_language(request: AuthenticatedHttpRequest) -> forms.BaseForm:
    form = LanguageForm(request.POST, prefix="language")
    if form.is_valid():
        language = form.cleaned_data["preferred_language"]
        actions.set_language(request.user, language)
        if language:
            translation.activate(language)
        messages.success(request, _("Your interface language is saved."))
    return form


def _save_notifications(request: AuthenticatedHttpRequest) -> forms.BaseForm:
    form = NotificationsForm(request.POST, prefix="notifications")
    if form.is_valid():
        actions.set_notifications(request.user, **form.cleaned_data)
        messages.success(request, _("Your notification choices are saved."))
    return form


def _request_email_change(request: AuthenticatedHttpRequest) -> forms.BaseForm:
    form = EmailChangeForm(request.user, request.POST, prefix="email")
    if form.is_valid():
        actions.request_email_change(request.user, form.cleaned_data["new_email"])
        messages.success(
            request,
            _("We sent a link to %(email)s. Your address changes when you open it.")
            % {"email": form.cleaned_data["new_email"]},
        )
    return form


ACCOUNT_FORMS = {
    "name": _save_name,
    "language": _save_language,
    "notifications": _save_notifications,
}


@never_cache
@login_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The page; its name, language and notification forms post here, each with its `form` name."""
    if request.method == "POST":
        name = request.POST.get("form", "")
        handler = ACCOUNT_FORMS.get(name)
        if handler is None:
            return _page(request, status=400)
        form = handler(request)
        if not form.is_valid():
            return _page(request, {name: form}, status=400)
        if name == "language" and form.cleaned_data["preferred_language"]:
            return redirect(_account_url(form.cleaned_data["preferred_language"]))
        return redirect("accounts:account")
    return _page(request)


@never_cache
@login_required
@require_POST
@rate_limit("account_email", method="POST", key="user_or_ip")
def change_email(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Limited apart from the other forms: each post sends a mail to an address the person typed."""
    form = _request_email_change(request)
    if not form.is_valid():
        return _page(request, {"email": form}, status=400)
    return redirect("accounts:account")


def _account_url(language: str) -> str:
    """/account/ in the chosen language (the site's URLs carry the language, English without prefix)."""
    with translation.override(language):
        return str(reverse_lazy("accounts:account"))


@never_cache
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link mailed to the new address: opening it shows a button (mail scanners confirm nothing)."""
    try:
        user, new_email = actions.read_email_change(token)
    except actions.EmailChangeError:
        return render(request, "accounts/email_confirm.html", {"valid": False}, status=410)
    if request.method == "POST":
        try:
            actions.confirm_email_change(token)
        except actions.EmailChangeError:
            return render(request, "accounts/email_confirm.html", {"valid": False}, status=410)
        messages.success(request, _("Your email address is now %(email)s.") % {"email": new_email})
        return redirect("accounts:account" if request.user.is_authenticated else "accounts:sign_in")
    return render(
        request, "accounts/email_confirm.html", {"valid": True, "new_email": new_email, "person": user}
    )


@never_cache
@login_required
@require_GET
def download_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(actions.personal_data_json(request.user), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-personal-data.json"'
    return response


@never_cache
@login_required
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """States what happens to each kind of data and to the content the person authored, then asks for
    the password before deleting."""
    form = PasswordConfirmationForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        actions.delete_account(user)
        messages.success(request, _("Your account is deleted."))
        return redirect("/")
    context = {"form": form, "consequences": erasure_consequences(request.user)}
    return render(request, "accounts/delete.html", context, status=400 if form.errors else 200)


@method_decorator([never_cache, login_required], name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password is changed."))
        return response


password_change = PasswordChangeView.as_view()
