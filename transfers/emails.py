"""Notifications to a member: sent to its contact officers and its editors, rendered from templates."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from core.outbox import queue_email
from members.models import ContactOfficer, Member, Membership

# Which account notification preference (accounts.models.NotificationPreferences) each mail obeys.
NOTIFICATION_KIND_OF_TEMPLATE = {
    "transfers/emails/interest.txt": "practice_interest",
    "transfers/emails/invitation.txt": "assistance_requests",
    "transfers/emails/response.txt": "assistance_requests",
}


def member_addresses(member: Member, notification_kind: str | None = None) -> list[str]:
    """The contact officers' and editors' addresses, without duplicates (case-insensitive), leaving out
    the accounts that switched `notification_kind` off on their account page."""
    from accounts.actions import users_not_wanting

    opted_out = users_not_wanting(notification_kind) if notification_kind else set()
    addresses = list(ContactOfficer.objects.filter(member=member).values_list("email", flat=True))
    addresses += Membership.objects.filter(member=member, role=Membership.Role.EDITOR).values_list(
        "user__email", flat=True
    )
    seen: set[str] = set()
    unique = []
    for address in addresses:
        if address and address.lower() not in seen and address.lower() not in opted_out:
            seen.add(address.lower())
            unique.append(address)
    return unique


def send_to_member(member: Member, subject: str, template: str, context: dict[str, Any]) -> int:
    """Queue one message to each of the member's addresses (one message each keeps addresses private);
    returns how many were queued."""
    body = render_to_string(template, {**context, "member": member})
    addresses = member_addresses(member, NOTIFICATION_KIND_OF_TEMPLATE.get(template))
    purpose = f"transfers:{template.rsplit('/', 1)[-1].removesuffix('.txt')}"
    for address in addresses:
        message = EmailMessage(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
        )
        queue_email(message, purpose=purpose)
    return len(addresses)


def send_to_members(members: Iterable[Member], subject: str, template: str, context: dict[str, Any]) -> int:
    return sum(send_to_member(member, subject, template, context) for member in members)
