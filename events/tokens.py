"""Signed links that let a registrant confirm, see, cancel or erase their registration without an account,
and the personal link of an invitation.

Both kinds are django.core.signing tokens with a timestamp, each under its own salt so one cannot stand
in for the other:
- the confirmation link expires EVENT_CONFIRMATION_HOURS after it was issued;
- the registration link has no age limit of its own: what it may do is decided by the registration
  (cancel only until the event starts, see actions.can_cancel), and it stops working altogether once the
  registration is anonymised (erased by the registrant or purged after the retention period).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import Invitation, Registration

SALT = "events.registration"
CONFIRMATION_SALT = "events.registration.confirm"
INVITATION_SALT = "events.invitation"
DEFAULT_CONFIRMATION_HOURS = 24


class LinkExpired(Exception):
    """The link was genuine but is too old for what it was for."""


def confirmation_hours() -> int:
    return int(getattr(settings, "EVENT_CONFIRMATION_HOURS", DEFAULT_CONFIRMATION_HOURS))


def confirmation_period() -> timedelta:
    return timedelta(hours=confirmation_hours())


def _payload(registration: Registration) -> dict[str, int]:
    return {"r": registration.pk, "e": registration.event_id}


def registration_token(registration: Registration) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object(_payload(registration))


def confirmation_token(registration: Registration) -> str:
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign_object(_payload(registration))


def _registration(data: object) -> Registration | None:
    if not isinstance(data, dict):
        return None
    return (
        Registration.objects.select_related("event", "event__event_type")
        .filter(pk=data.get("r") or 0, event_id=data.get("e") or 0, anonymised_at__isnull=True)
        .first()
    )


def registration_from_token(token: str) -> Registration | None:
    """The registration the link was signed for; None when tampered with, gone or anonymised."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    return _registration(data)


def registration_from_confirmation_token(token: str) -> Registration | None:
    """As registration_from_token, for the confirmation link; raises LinkExpired when it is too old."""
    try:
        data = signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign_object(
            token, max_age=confirmation_period()
        )
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature:
        return None
    return _registration(data)


def invitation_token(invitation: Invitation) -> str:
    return signing.TimestampSigner(salt=INVITATION_SALT).sign_object(
        {"i": invitation.pk, "e": invitation.event_id}
    )


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation the personal link was signed for; None when tampered with or withdrawn. It has
    no age limit: registration itself closes with the event's deadline."""
    try:
        data = signing.TimestampSigner(salt=INVITATION_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return (
        Invitation.objects.select_related("event", "member")
        .filter(pk=data.get("i") or 0, event_id=data.get("e") or 0)
        .first()
    )
