"""Signed links that let a registrant see, cancel or erase their registration without an account."""

from django.core import signing

from .models import Registration

SALT = "events.registration"


def _signer() -> signing.Signer:
    # No timestamp: the link stays the same in every email, and stays valid until the data is purged.
    return signing.Signer(salt=SALT)


def registration_token(registration: Registration) -> str:
    return _signer().sign_object({"r": registration.pk, "e": registration.event_id})


def registration_from_token(token: str) -> Registration | None:
    """The registration the token was signed for, or None when it was tampered with or is gone."""
    try:
        data = _signer().unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return (
        Registration.objects.select_related("event", "event__event_type")
        .filter(pk=data.get("r"), event_id=data.get("e"))
        .first()
    )
