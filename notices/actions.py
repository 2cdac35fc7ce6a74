"""Sending a visitor's message to the secretariat: by email through the task queue, never stored."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.models import NetworkSettings
from core.outbox import queue_email
from members.actions import network_administrator_emails

from .forms import ContactMessage

if TYPE_CHECKING:
    from .models import ContactPage


def contact_recipients() -> list[str]:
    """The network's contact address, else the administrators who hear of applications."""
    contact = NetworkSettings.load().contact_email
    return [contact] if contact else network_administrator_emails()


def send_contact_message(message: ContactMessage, *, page: "ContactPage") -> bool:
    """Queue the message for the secretariat with the sender as Reply-To; False when nobody receives it."""
    recipients = contact_recipients()
    if not recipients:
        return False
    body = render_to_string("notices/emails/contact_message.txt", {"message": message, "page": page})
    email = EmailMessage(
        _("Contact form: %(subject)s") % {"subject": message.subject},
        body,
        settings.DEFAULT_FROM_EMAIL,
        recipients,
        reply_to=[message.email],
    )
    queue_email(email, purpose="contact message")
    return True
