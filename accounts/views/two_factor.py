"""Setting up and managing one's second factors: an authenticator app (QR code), recovery codes,
security keys or passkeys (django-otp-webauthn's own scripts), and turning it all off."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp_webauthn.models import WebAuthnCredential

from core.http import AuthenticatedHttpRequest
from core.rate_limits import rate_limit

from ..forms import PasswordConfirmationForm, TokenForm
from ..landing import landing_url
from ..two_factor import (
    confirm_totp,
    device_summary,
    has_second_factor,
    new_recovery_codes,
    pending_totp,
    qr_code_data_uri,
    recovery_codes_left,
    remove_second_factors,
    start_totp,
    totp_secret,
    two_factor_required,
)
from .sign_in import safe_next


def _verified_or_new(request: AuthenticatedHttpRequest) -> bool:
    """Changing factors needs this session verified, unless the person has none yet."""
    return request.user.is_verified() or not has_second_factor(request.user)  # type: ignore[attr-defined]


@never_cache
@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "required": two_factor_required(user),
        "enabled": has_second_factor(user),
        "devices": device_summary(user),
        "security_keys": WebAuthnCredential.objects.filter(user=user, confirmed=True),
        "recovery_codes_left": recovery_codes_left(user),
        "next": safe_next(request, ""),
        "may_change": _verified_or_new(request),
        "remove_form": PasswordConfirmationForm(user),
    }
    return render(request, "accounts/two_factor.html", context)


@never_cache
@login_required
@rate_limit("two_factor", method="POST", key="user_or_ip")
def authenticator_app(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET: a new secret as a QR code; POST: confirm it with a code the app shows, then show the new
    recovery codes once."""
    if not _verified_or_new(request):
        return redirect("accounts:verify")
    user = request.user
    next_url = safe_next(request, "")
    device = pending_totp(user) if request.method == "POST" else None
    if device is None:
        device = start_totp(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = confirm_totp(device, form.cleaned_data["token"])
        if codes is not None:
            otp_login(request, device)
            context: dict[str, object] = {"codes": codes, "next": next_url or landing_url(user)}
            return render(request, "accounts/recovery_codes.html", context)
        form.add_error(
            "token", _("This code is not right. Check the time on your phone and try the newest code.")
        )
    context = {
        "form": form,
        "qr_code": qr_code_data_uri(device),
        "secret": totp_secret(device),
        "next": next_url,
    }
    return render(request, "accounts/authenticator_app.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
@require_POST
def regenerate_recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_verified() or not has_second_factor(request.user):  # type: ignore[attr-defined]
        return redirect("accounts:two_factor")
    codes = new_recovery_codes(request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": ""})


@never_cache
@login_required
@require_POST
def turn_off(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Remove every device, with the password; not possible where the role requires two-factor."""
    if two_factor_required(request.user):
        messages.error(
            request, _("Your role requires two-factor sign-in: you can add devices, not turn it off.")
        )
        return redirect("accounts:two_factor")
    form = PasswordConfirmationForm(request.user, request.POST)
    if not request.user.is_verified() or not form.is_valid():  # type: ignore[attr-defined]
        messages.error(request, _("Two-factor sign-in stays on: your password was not right."))
        return redirect("accounts:two_factor")
    remove_second_factors(request.user)
    messages.success(request, _("Two-factor sign-in is off. Your devices and recovery codes are removed."))
    return redirect("accounts:two_factor")
