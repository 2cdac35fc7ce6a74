"""Second factors for tests, computed with django-otp's own functions (no copy of the algorithm)."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import confirm_totp, start_totp


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enrol_authenticator_app(user) -> tuple[TOTPDevice, list[str]]:
    """A confirmed app and its recovery codes; the device's last used step is reset so the test can
    sign in with the current code again."""
    device = start_totp(user)
    codes = confirm_totp(device, current_code(device))
    assert codes is not None
    device.refresh_from_db()
    device.last_t = -1
    device.save(update_fields=["last_t"])
    return device, codes
