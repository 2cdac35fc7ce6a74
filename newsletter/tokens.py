"""The subscriber's personal link: a signed token naming the subscription and its current secret.

One salt per purpose, so a confirmation link cannot stand in for the preferences link. A new secret
(on unsubscribing) ends every link issued before it. Confirmation links expire after
NEWSLETTER_CONFIRMATION_DAYS; the preferences and unsubscribe link does not, as it sits in every digest.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import Subscription

PERSONAL_SALT = "newsletter.subscription"
CONFIRMATION_SALT = "newsletter.subscription.confirm"


def _payload(subscription: Subscription) -> dict[str, object]:
    return {"s": subscription.pk, "k": subscription.secret.hex}


def personal_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=PERSONAL_SALT).sign_object(_payload(subscription))


def confirmation_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign_object(_payload(subscription))


def _subscription(data: object) -> Subscription | None:
    if not isinstance(data, dict) or not isinstance(data.get("s"), int) or not isinstance(data.get("k"), str):
        return None
    subscription = Subscription.objects.filter(pk=data["s"]).first()
    if subscription is None or subscription.secret.hex != data["k"]:
        return None
    return subscription


def subscription_from_personal_token(token: str) -> Subscription | None:
    try:
        return _subscription(signing.TimestampSigner(salt=PERSONAL_SALT).unsign_object(token))
    except signing.BadSignature:
        return None


def subscription_from_confirmation_token(token: str) -> Subscription | None:
    """None when tampered with, superseded or older than NEWSLETTER_CONFIRMATION_DAYS."""
    max_age = timedelta(days=settings.NEWSLETTER_CONFIRMATION_DAYS)
    try:
        return _subscription(
            signing.TimestampSigner(salt=CONFIRMATION_SALT).unsign_object(token, max_age=max_age)
        )
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
