"""One sign-in for the site and the Wagtail admin, in the site's look and language: password, then the
second factor when the person has one or their role requires it; then where their work is."""

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp_webauthn.models import WebAuthnCredential

from core.http import AuthenticatedHttpRequest
from core.rate_limits import rate_limit

from ..forms import TokenForm
from ..landing import landing_url
from ..two_factor import owed_step, verify


def safe_next(request: AuthenticatedHttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if target and allowed else default


@method_decorator(rate_limit("login", method="POST"), name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request.user)  # type: ignore[arg-type]

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        step = owed_step(self.request.user)
        if step is not None:
            return redirect(f"{reverse(step)}?{urlencode({'next': self.get_success_url()})}")
        return response


class SignOutView(auth_views.LogoutView):
    next_page = "/"


@never_cache
@login_required
@rate_limit("two_factor", method="POST", key="user_or_ip")
def verify_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator app, a recovery code, or a security key."""
    user = request.user
    next_url = safe_next(request, "")
    if owed_step(user) != "accounts:verify":
        return redirect(next_url or landing_url(user))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = verify(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url or landing_url(user))
        form.add_error(
            "token",
            _("This code is not right or has expired. After a wrong code, wait a few seconds."),
        )
    context = {
        "form": form,
        "next": next_url,
        "has_security_key": WebAuthnCredential.objects.filter(user=user, confirmed=True).exists(),
    }
    return render(request, "accounts/verify.html", context, status=400 if form.errors else 200)


sign_in = never_cache(SignInView.as_view())
sign_out = SignOutView.as_view()
password_reset = rate_limit("password_reset", method="POST")(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        email_template_name="accounts/emails/password_reset.txt",
        subject_template_name="accounts/emails/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
