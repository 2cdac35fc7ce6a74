"""What the newsletter adds to other apps' registries: a section of the signed-in person's account page,
and their subscription in the personal-data export and erasure (core/personal_data.py)."""

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalDataKind, personal_data
from core.sections import Section, account_page_sections

from .digest import preferences_url
from .models import Subscription, normalise_email


def subscriptions_of(user: User) -> Any:
    """The subscription tied to the account, or to the account's address."""
    query = Q(user=user)
    if user.email:
        query |= Q(email=normalise_email(user.email))
    return Subscription.objects.filter(query).prefetch_related("priorities", "themes")


@account_page_sections.register
def newsletter_section(user: User) -> Section:
    subscription = subscriptions_of(user).first()
    return Section(
        "newsletter/account_section.html",
        {
            "subscription": subscription,
            "preferences_url": preferences_url(subscription) if subscription else "",
            "email": user.email,
        },
    )


def export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "email": item.email,
            "status": item.status,
            "language": item.language,
            "priorities": [priority.slug for priority in item.priorities.all()],
            "themes": [theme.slug for theme in item.themes.all()],
            "created_at": item.created_at,
            "confirmed_at": item.confirmed_at,
            "unsubscribed_at": item.unsubscribed_at,
            "last_sent_at": item.last_sent_at,
        }
        for item in subscriptions_of(user)
    ]


def describe_erasure(user: User) -> list[str]:
    if not subscriptions_of(user).exists():
        return []
    return [_("Your newsletter subscription and its address are deleted; no more digests are sent.")]


def erase(user: User) -> None:
    subscriptions_of(user).delete()


personal_data.register(
    PersonalDataKind(
        key="newsletter_subscriptions",
        label=gettext_lazy("Newsletter subscription"),
        export=export,
        describe_erasure=describe_erasure,
        erase=erase,
    )
)
