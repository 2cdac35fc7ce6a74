"""After the event: the organiser's follow-up email to attendees, the attendees' anonymous feedback, and
certificates of attendance (issued once per attendance, kept as records of their own)."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practices.models import PracticePage

from .actions import RegistrationError
from .models import Certificate, EventPage, FeedbackResponse, Registration

DEFAULT_CERTIFICATE_RETENTION_YEARS = 5


def has_attended(registration: Registration, *, now: datetime | None = None) -> bool:
    """Marked as attended by the organiser, for an event that has ended, and not anonymised: what the
    feedback survey and the certificate both require."""
    return (
        registration.status == Registration.Status.CONFIRMED
        and registration.attended
        and not registration.is_anonymised
        and registration.event.end <= (now or timezone.now())
    )


# Feedback ----------------------------------------------------------------------------------------


@dataclass
class FeedbackAnswers:
    satisfaction: int
    usefulness: int
    will_apply: str = ""
    comments: str = ""
    practices_of_interest: list[PracticePage] = field(default_factory=list)


def may_give_feedback(registration: Registration) -> bool:
    return has_attended(registration) and registration.feedback_given_at is None


def submit_feedback(registration: Registration, answers: FeedbackAnswers) -> FeedbackResponse:
    """Store one attendee's answers, once. The response is not linked to the registration and is dated
    by day only, so that the organiser's results stay anonymous."""
    for score in (answers.satisfaction, answers.usefulness):
        if score not in range(1, 6):
            raise RegistrationError(_("Scores go from 1 to 5."), code="score")
    with transaction.atomic():
        locked = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        if not has_attended(locked):
            raise RegistrationError(
                _("Only participants of an event can give feedback on it."), code="absent"
            )
        if locked.feedback_given_at is not None:
            raise RegistrationError(_("You have already given your feedback. Thank you!"), code="duplicate")
        now = timezone.now()
        allowed = {practice.pk for practice in event_practices(locked.event)}
        response = FeedbackResponse.objects.create(
            event=locked.event,
            satisfaction=answers.satisfaction,
            usefulness=answers.usefulness,
            will_apply=answers.will_apply.strip(),
            comments=answers.comments.strip(),
            given_on=timezone.localdate(now),
        )
        response.practices_of_interest.set(
            [practice for practice in answers.practices_of_interest if practice.pk in allowed]
        )
        locked.feedback_given_at = now
        locked.save(update_fields=["feedback_given_at"])
    return response


def event_practices(event: EventPage) -> list[PracticePage]:
    """The live practices linked to the event: shown in the follow-up and offered in the survey."""
    return [
        link.practice
        for link in event.related_practices.filter(practice__live=True).select_related("practice")
    ]


# Certificates ------------------------------------------------------------------------------------


def certificate_retention_years() -> int:
    return int(getattr(settings, "EVENT_CERTIFICATE_RETENTION_YEARS", DEFAULT_CERTIFICATE_RETENTION_YEARS))


def issue_certificate(registration: Registration) -> Certificate:
    """The attendee's certificate, issued the first time and the same record afterwards. What it says
    is copied from the registration and the event as they are at issue."""
    with transaction.atomic():
        locked = (
            Registration.objects.select_for_update()
            .select_related("event", "event__host_member")
            .get(pk=registration.pk)
        )
        existing = Certificate.objects.filter(registration=locked).first()
        if existing is not None:
            return existing
        if not has_attended(locked):
            raise RegistrationError(
                _("A certificate is issued to participants once the event has ended."), code="absent"
            )
        event = locked.event.specific
        return Certificate.objects.create(
            registration=locked,
            event=event,
            participant_name=locked.name,
            event_title=event.title,
            event_type=event.event_type.localized_label,
            organiser=event.host_member.name,
            location=event.location,
            participation=str(locked.get_participation_display()),
            first_day=event.local_start.date(),
            last_day=event.local_end.date(),
            hours=event.duration_in_hours(),
            days=event.duration_in_days(),
        )


def certificate_for_code(code: str) -> Certificate | None:
    """The certificate with this verification code, ignoring case, spaces and dashes; None for a code
    that was never issued (a forged one) or whose retention has ended."""
    normalised = "".join(character for character in code.upper() if character.isalnum())
    if len(normalised) != 20:
        return None
    formatted = "-".join(normalised[index : index + 4] for index in range(0, 20, 4))
    cutoff = timezone.now() - relativedelta(years=certificate_retention_years())
    return Certificate.objects.filter(code=formatted, issued_at__gte=cutoff).first()


def purge_old_certificates(*, years: int | None = None, now: datetime | None = None) -> int:
    """Delete certificates issued more than `years` (EVENT_CERTIFICATE_RETENTION_YEARS) ago."""
    years = certificate_retention_years() if years is None else years
    if years < 0:
        raise ValueError("years must not be negative")
    cutoff = (now or timezone.now()) - relativedelta(years=years)
    deleted, _by_model = Certificate.objects.filter(issued_at__lt=cutoff).delete()
    return deleted


# Follow-up ---------------------------------------------------------------------------------------


def follow_up_recipients(event: EventPage) -> list[int]:
    return list(
        event.registrations.attended().filter(anonymised_at__isnull=True).values_list("pk", flat=True)
    )


def send_follow_up(event: EventPage, *, message: str, now: datetime | None = None) -> int:
    """Email every attendee the organiser's message with the materials, the related practices, their
    feedback link and their certificate (issued now, so it verifies from the start)."""
    from .tasks import send_follow_up_email

    now = now or timezone.now()
    if event.end > now:
        raise RegistrationError(_("The follow-up is sent after the event."), code="not_ended")
    recipients = follow_up_recipients(event)
    with transaction.atomic():
        for registration in Registration.objects.filter(pk__in=recipients).select_related("event"):
            issue_certificate(registration)
        Registration.objects.filter(pk__in=recipients).update(follow_up_sent_at=now)
        if recipients:
            transaction.on_commit(partial(send_follow_up_email.enqueue, recipients, message))
    return len(recipients)
