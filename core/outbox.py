"""Every email of the site goes out through the django-tasks queue, after the transaction commits, so
mail never breaks a request and the data it reports on is saved first. django-tasks does not retry, so
a failed send is kept as an UndeliveredEmail, retried by `manage.py retry_emails` with a growing delay,
and after EMAIL_MAX_ATTEMPTS listed for administrators (Wagtail admin → Reports → Undelivered emails)."""

import base64
import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.models import UndeliveredEmail

logger = logging.getLogger(__name__)


def message_to_data(message: EmailMessage) -> dict[str, Any]:
    """A JSON form of the message (task arguments and the retry table are JSON)."""
    attachments = []
    for filename, content, mimetype in message.attachments:
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([filename, base64.b64encode(raw).decode("ascii"), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(alternative) for alternative in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def message_from_data(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def deliver(message: EmailMessage, *, purpose: str) -> bool:
    """Send now; on any failure keep the message for `retry_emails` and return False, never raise."""
    try:
        message.send()
    except Exception as error:
        logger.warning("Email %r (%s) not sent, will retry: %s", message.subject, purpose, error)
        UndeliveredEmail.objects.create(
            purpose=purpose,
            subject=message.subject[:998],
            recipients=[*message.to, *message.cc, *message.bcc],
            message=message_to_data(message),
            last_error=f"{type(error).__name__}: {error}",
            next_attempt_at=timezone.now() + UndeliveredEmail.backoff(1),
        )
        return False
    return True


@task()
def send_email(data: dict[str, Any], purpose: str) -> bool:
    """The queued send of one message (its JSON form)."""
    return deliver(message_from_data(data), purpose=purpose)


def queue_email(message: EmailMessage, *, purpose: str) -> None:
    """Send `message` from the task queue once the current transaction commits (at once outside one)."""
    if not message.recipients():
        return
    transaction.on_commit(partial(send_email.enqueue, message_to_data(message), purpose))


def retry_undelivered(now=None) -> tuple[int, int]:
    """Send every due undelivered email again; returns (delivered, given up)."""
    now = now or timezone.now()
    delivered = given_up = 0
    max_attempts = settings.EMAIL_MAX_ATTEMPTS
    for pk in UndeliveredEmail.objects.due(now).values_list("pk", flat=True):
        with transaction.atomic():
            row = UndeliveredEmail.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if row is None or row.status != UndeliveredEmail.Status.RETRYING:
                continue  # another sweep has it
            try:
                message_from_data(row.message).send()
            except Exception as error:
                row.attempts += 1
                row.last_error = f"{type(error).__name__}: {error}"
                if row.attempts >= max_attempts:
                    row.status = UndeliveredEmail.Status.GAVE_UP
                    given_up += 1
                    logger.error(
                        "Email %r (%s) given up after %d attempts", row.subject, row.purpose, row.attempts
                    )
                else:
                    row.next_attempt_at = now + UndeliveredEmail.backoff(row.attempts)
                row.save()
            else:
                row.delete()
                delivered += 1
    return delivered, given_up
