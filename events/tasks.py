"""Background work: sending the events app's emails (run by django-tasks workers). Messages are built
here, from the registration as it is when the worker runs, and sent through core.outbox.deliver, which
keeps a failed one for retry."""

from django_tasks import task

from core.outbox import deliver

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
    return deliver(registration_email(registration, kind), purpose=f"events:{kind}")


@task()
def send_event_message(registration_ids: list[int], subject: str, body: str) -> int:
    """An organiser's message: one email per registrant so addresses are never shared."""
    registrations = Registration.objects.select_related("event").filter(
        pk__in=registration_ids, anonymised_at__isnull=True
    )
    return sum(
        deliver(event_message(registration, subject, body), purpose="events:message")
        for registration in registrations
    )
