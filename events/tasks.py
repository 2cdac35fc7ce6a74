"""Background work: sending the events app's emails (run by django-tasks workers)."""

from django.core import mail
from django_tasks import task

from .emails import event_message, registration_email
from .models import Registration


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    """Send one of the registrant's emails; False when the registration is gone or anonymised."""
    registration = (
        Registration.objects.select_related("event", "event__event_type", "event__host_member")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        return False
    registration_email(registration, kind).send()
    return True


@task()
def send_event_message(registration_ids: list[int], subject: str, body: str) -> int:
    """An organiser's message: one email per registrant so addresses are never shared."""
    registrations = Registration.objects.select_related("event").filter(
        pk__in=registration_ids, anonymised_at__isnull=True
    )
    messages = [event_message(registration, subject, body) for registration in registrations]
    with mail.get_connection() as connection:
        return connection.send_messages(messages) or 0
