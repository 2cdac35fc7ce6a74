"""What a person does with their own account: name, language, notifications, email, data, deletion."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.core.mail import EmailMessage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.users.models import UserProfile

from core.links import absolute_url
from core.outbox import queue_email
from core.personal_data import erase_personal_data, export_personal_data

from .models import NotificationPreferences

logger = logging.getLogger(__name__)

EMAIL_CHANGE_SALT = "accounts.email-change"
# The kinds a member notification can be of; transfers.emails asks `wants_notification` before sending.
ASSISTANCE_REQUESTS = "assistance_requests"
PRACTICE_INTEREST = "practice_interest"
NOTIFICATION_KINDS = (ASSISTANCE_REQUESTS, PRACTICE_INTEREST)


class EmailChangeError(Exception):
    """The link is expired, already used, or the address was taken meanwhile."""


def set_language(user: User, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])


@transaction.atomic
def set_notifications(
    user: User, *, assistance_requests: bool, practice_interest: bool, moderation_results: bool
) -> NotificationPreferences:
    """Store the choices; moderation results are Wagtail's own approved/rejected notifications."""
    preferences, _created = NotificationPreferences.objects.update_or_create(
        user=user,
        defaults={"assistance_requests": assistance_requests, "practice_interest": practice_interest},
    )
    profile = UserProfile.get_for_user(user)
    profile.approved_notifications = moderation_results
    profile.rejected_notifications = moderation_results
    profile.save(update_fields=["approved_notifications", "rejected_notifications"])
    return preferences


def users_not_wanting(kind: str) -> set[str]:
    """Lower-cased addresses of the accounts that switched `kind` off (the default is on)."""
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    rows = NotificationPreferences.objects.filter(**{kind: False}).values_list("user__email", flat=True)
    return {email.lower() for email in rows if email}


def _mail(subject_template: str, body_template: str, context: dict[str, Any], to: str, purpose: str) -> None:
    subject = render_to_string(subject_template, context).strip()
    body = render_to_string(body_template, context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    transaction.on_commit(lambda: queue_email(message, purpose=purpose))


def request_email_change(user: User, new_email: str) -> None:
    """Mail a confirmation link to the new address; nothing changes until it is opened. The token names
    the current address too, so it stops working once the address has changed (used once)."""
    token = signing.dumps({"user": user.pk, "new": new_email, "old": user.email}, salt=EMAIL_CHANGE_SALT)
    context = {
        "user": user,
        "new_email": new_email,
        "url": absolute_url(reverse("accounts:email_confirm", args=[token])),
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    _mail(
        "accounts/emails/email_change_subject.txt",
        "accounts/emails/email_change.txt",
        context,
        new_email,
        "accounts:email_change",
    )


def read_email_change(token: str) -> tuple[User, str]:
    """The account and new address a link stands for; EmailChangeError when it no longer works."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature as error:
        raise EmailChangeError("expired or altered") from error
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or user.email != data.get("old"):
        raise EmailChangeError("already used")
    return user, str(data["new"])


@transaction.atomic
def confirm_email_change(token: str) -> User:
    user, new_email = read_email_change(token)
    user = User.objects.select_for_update().get(pk=user.pk)
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        raise EmailChangeError("taken")
    old_email = user.email
    user.email = new_email
    user.save(update_fields=["email"])
    if old_email:
        _mail(
            "accounts/emails/email_changed_subject.txt",
            "accounts/emails/email_changed.txt",
            {"user": user, "new_email": new_email},
            old_email,
            "accounts:email_changed",
        )
    return user


def personal_data_json(user: User) -> str:
    """The download: every registered kind of personal data (core.personal_data), as JSON."""
    return json.dumps(export_personal_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@transaction.atomic
def delete_account(user: User) -> None:
    """Run every app's eraser, then delete the account (memberships, devices and preferences go with
    it; content the person authored stays with its member, without them as its owner)."""
    erase_personal_data(user)
    username = user.get_username()
    user.delete()
    logger.info("account %s deleted by its owner", username)
