"""What the accounts app keeps about a person, registered for the download and the deletion
(core.personal_data): the account itself, its preferences and its two-factor devices (never secrets)."""

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page
from wagtail.users.models import UserProfile

from core.personal_data import PersonalDataKind, personal_data

from .models import NotificationPreferences
from .two_factor import device_summary


def export_account(user: User) -> dict:
    profile = UserProfile.get_for_user(user)
    preferences = NotificationPreferences.objects.filter(user=user).first() or NotificationPreferences()
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "interface_language": profile.preferred_language,
        "notifications": {
            "assistance_requests": preferences.assistance_requests,
            "practice_interest": preferences.practice_interest,
            "moderation_results": profile.approved_notifications and profile.rejected_notifications,
        },
    }


def describe_account_erasure(user: User) -> list[str]:
    sentences = [str(_("Your account, your preferences and your two-factor devices are deleted at once."))]
    owned = Page.objects.filter(owner=user).count()
    if owned:
        sentences.append(
            ngettext(
                "The %(count)d page you created stays on the site, with its member; it no longer names you "
                "as its owner, and its revisions no longer name you as their author.",
                "The %(count)d pages you created stay on the site, with their members; they no longer name "
                "you as their owner, and their revisions no longer name you as their author.",
                owned,
            )
            % {"count": owned}
        )
    return sentences


personal_data.register(
    PersonalDataKind(
        key="account",
        label=_("Your account and preferences"),
        export=export_account,
        describe_erasure=describe_account_erasure,
    )
)
personal_data.register(
    PersonalDataKind(key="two_factor_devices", label=_("Two-factor devices"), export=device_summary)
)
