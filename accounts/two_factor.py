"""Two-factor sign-in (django-otp): authenticator apps (TOTP), recovery codes (static tokens) and
security keys or passkeys (django-otp-webauthn), and who owes a second factor.

A person signs in with their password; if they have a confirmed device, or their role requires one,
accounts.middleware.TwoFactorMiddleware keeps them on the verify (or set-up) page until a device has
verified them for the session (django_otp.login).
"""

from __future__ import annotations

import logging
from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.http.request import split_domain_port
from django_otp import devices_for_user, match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from members.permissions import is_network_staff

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"
TOTP_DEVICE_NAME = "Authenticator app"


def webauthn_rp_id(request: HttpRequest) -> str:
    """OTP_WEBAUTHN_RP_ID_CALLABLE: the host the browser sees, without the port."""
    domain, _port = split_domain_port(request.get_host())
    return domain


def two_factor_required(user: User | AnonymousUser) -> bool:
    """Network administrators, moderators and superusers, when settings.TWO_FACTOR_REQUIRED is on."""
    return bool(settings.TWO_FACTOR_REQUIRED) and (
        is_network_staff(user) or bool(getattr(user, "is_superuser", False))
    )


def has_second_factor(user: User) -> bool:
    """A confirmed authenticator app or security key (recovery codes alone do not count). One query:
    the middleware asks on every request of a signed-in, not yet verified person."""
    apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    keys = WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)
    return bool(User.objects.filter(Exists(apps) | Exists(keys), pk=user.pk).exists())


def owed_step(user: User | AnonymousUser) -> str | None:
    """The URL name a signed-in, not yet verified person must go through, or None."""
    if not user.is_authenticated or getattr(user, "is_verified", lambda: False)():
        return None
    assert isinstance(user, User)  # noqa: S101 (narrowing for the type checker)
    if has_second_factor(user):
        return "accounts:verify"
    if two_factor_required(user):
        return "accounts:two_factor"
    return None


def verify(user: User, token: str) -> Device | None:
    """The device (app or recovery code) that accepts `token`, or None. TOTP devices throttle repeated
    failures themselves (OTP_TOTP_THROTTLE_FACTOR); a recovery code is used up when it matches."""
    token = "".join(token.split()).lower()
    if not token:
        return None
    return match_token(user, token)


@transaction.atomic
def start_totp(user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator-app device; an earlier unconfirmed one is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def pending_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


@transaction.atomic
def confirm_totp(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a code it generated; returns new recovery codes, or None if the code is wrong.
    Other authenticator apps of the person are removed: one app at a time."""
    if not device.verify_token("".join(token.split())):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User, count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Replace the person's recovery codes with `count` new one-time codes, returned once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def totp_secret(device: TOTPDevice) -> str:
    """The secret as people type it into an app without a camera: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an SVG QR code (a data: URI, which the CSP allows for images)."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))


@transaction.atomic
def remove_second_factors(user: User, *, by: User | None = None) -> int:
    """Delete every device of `user` (apps, recovery codes, security keys): turning two-factor off, or
    an administrator resetting a lost device. Returns how many were removed."""
    devices: list[Any] = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    logger.warning(
        "two-factor devices of %s removed by %s (%d)", user.get_username(), by or "themselves", len(devices)
    )
    return len(devices)


def device_summary(user: User) -> list[dict[str, Any]]:
    """What the person's devices are, without their secrets (the account page and the data download)."""
    summary: list[dict[str, Any]] = []
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        summary.append({"type": "authenticator app", "name": device.name, "created_at": device.created_at})
    for credential in WebAuthnCredential.objects.filter(user=user, confirmed=True):
        summary.append(
            {"type": "security key or passkey", "name": credential.name, "created_at": credential.created_at}
        )
    left = recovery_codes_left(user)
    if left:
        summary.append({"type": "recovery codes", "name": RECOVERY_DEVICE_NAME, "unused": left})
    return summary
