"""Background work: sending the events app's emails (run by django-tasks workers). Messages are built
here, from the registration as it is when the worker runs, and sent through core.outbox.deliver, which
keeps a failed one for retry. Each is written in the language its registrant used."""

from django.conf import settings
from django.utils import timezone, translation
from django_tasks import task

from core.outbox import deliver

from .emails import event_message, follow_up_email, invitation_email, registration_email
from .models import Invitation, Registration


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
    with translation.override(registration.language):
        return deliver(registration_email(registration, kind), purpose=f"events:{kind}")


@task()
def send_event_message(registration_ids: list[int], subject: str, body: str) -> int:
    """An organiser's message: one email per registrant so addresses are never shared."""
    registrations = Registration.objects.select_related("event").filter(
        pk__in=registration_ids, anonymised_at__isnull=True
    )
    sent = 0
    for registration in registrations:
        with translation.override(registration.language):
            sent += deliver(event_message(registration, subject, body), purpose="events:message")
    return sent


@task()
def send_invitation_email(invitation_id: int) -> bool:
    """An invitation's personal link; False when the invitation was withdrawn or erased meanwhile."""
    invitation = (
        Invitation.objects.select_related("event", "event__host_member").filter(pk=invitation_id).first()
    )
    if invitation is None:
        return False
    # An invitation is written before its guest has chosen a language: the site's default.
    with translation.override(settings.LANGUAGE_CODE):
        sent = deliver(invitation_email(invitation), purpose="events:invitation")
    if sent:
        Invitation.objects.filter(pk=invitation_id).update(sent_at=timezone.now())
    return sent


@task()
def send_follow_up_email(registration_ids: list[int], message: str) -> int:
    """The organiser's follow-up, one email per attendee (their own feedback and certificate links)."""
    registrations = Registration.objects.select_related("event").filter(
        pk__in=registration_ids, anonymised_at__isnull=True
    )
    sent = 0
    for registration in registrations:
        with translation.override(registration.language):
            sent += deliver(follow_up_email(registration, message), purpose="events:follow_up")
    return sent
