"""What happens to events and registrations: each function checks, then changes data, then notifies
after the transaction commits (emails go through django-tasks so workers can send them)."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.interface_languages import current_interface_language
from core.models import Indicator
from members.models import Member
from members.roles import ensure_member_folder

from .models import (
    EventFolderPage,
    EventIndexPage,
    EventIndicator,
    EventPage,
    Invitation,
    Registration,
)
from .registration_states import HOLDS_PLACE, NEW, check_transition
from .tokens import confirmation_period

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_MONTHS = 12


class RegistrationError(ValidationError):
    """A registration that cannot be accepted; `code` says why (closed, not_open, duplicate, consent)."""


@dataclass
class RegistrationDetails:
    name: str
    email: str
    organisation: str = ""
    member: Member | None = None
    role: str = ""
    accessibility_needs: str = ""
    dietary_needs: str = ""
    consent: bool = False
    participant_type: str = ""
    participation: str = ""  # EventPage.Participation; empty is the event's first kind of place
    answers: dict[str, Any] | None = None
    invitation: Invitation | None = None


# Member folders -------------------------------------------------------------------------------------


def create_member_event_folder(
    sender: Any = None, *, member: Member, **kwargs: Any
) -> EventFolderPage | None:
    """Receiver of `member_provisioned`: the member's folder under /events/, where its editors may add
    and change events (publishing stays with moderators through the workflow)."""
    return ensure_member_folder(EventIndexPage, EventFolderPage, member)


# Registration ---------------------------------------------------------------------------------------


def _lock_event(event: EventPage) -> EventPage:
    # The event row is the lock that serialises registrations and cancellations of one event
    # (on SQLite the IMMEDIATE transaction mode serialises every writer instead).
    locked: EventPage = EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)
    return locked


def _notify(registration_id: int, kind: str) -> None:
    from .tasks import send_registration_email

    transaction.on_commit(partial(send_registration_email.enqueue, registration_id, kind))


def _expire_overdue(event: EventPage, now: datetime) -> int:
    """Expire the event's unconfirmed registrations whose time ran out, then give freed places to the
    waiting list. Call with the event locked."""
    overdue = list(event.registrations.overdue(now).select_for_update())
    freed = False
    for registration in overdue:
        check_transition(registration.status, Registration.Status.EXPIRED)
        freed = freed or registration.status == Registration.Status.PENDING
        registration.status = Registration.Status.EXPIRED
        registration.save(update_fields=["status"])
    if freed and event.end > now:
        promote_from_waitlist(event, now=now)
    return len(overdue)


def register_for_event(
    event: EventPage,
    details: RegistrationDetails,
    *,
    address_confirmed: bool = False,
    now: datetime | None = None,
) -> Registration:
    """Register `details` for the event. With `address_confirmed` (a signed-in user's own address, or the
    address an invitation was sent to) the registrant gets a place or a waiting-list position at once;
    otherwise a place is held (or the waiting list awaits them) until they confirm by the emailed link,
    within EVENT_CONFIRMATION_HOURS. Events on approval hold no place until the organiser approves."""
    if not details.consent:
        raise RegistrationError(_("Registration needs your consent."), code="consent")
    email = details.email.strip()
    with transaction.atomic():
        locked = _lock_event(event)
        now = now or timezone.now()
        _expire_overdue(locked, now)
        _check_can_register(locked, details, email, now)
        participation = details.participation or locked.participations[0]
        full = locked.is_full_for(participation, now)
        if details.invitation is not None:
            address_confirmed = True  # the invitation's link was emailed to this very address
        status = _initial_status(locked, full=full, address_confirmed=address_confirmed)
        check_transition(NEW, status)
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=locked,
                    name=details.name.strip(),
                    email=email,
                    organisation=details.organisation.strip(),
                    member=details.member,
                    role=details.role.strip(),
                    participant_type=details.participant_type,
                    participation=participation,
                    answers=details.answers or {},
                    invitation=details.invitation,
                    accessibility_needs=details.accessibility_needs.strip(),
                    dietary_needs=details.dietary_needs.strip(),
                    consent=True,
                    language=current_interface_language(),
                    status=status,
                    confirm_by=None if address_confirmed else now + confirmation_period(),
                    confirmed_at=now if address_confirmed else None,
                )
        except IntegrityError as error:
            raise RegistrationError(
                _("This email address is already registered for this event."), code="duplicate"
            ) from error
        _notify(registration.pk, INITIAL_EMAILS.get(status, "confirm_address"))
    return registration


INITIAL_EMAILS: dict[str, str] = {
    Registration.Status.CONFIRMED: "confirmation",
    Registration.Status.WAITLISTED: "waitlisted",
    Registration.Status.AWAITING_APPROVAL: "approval_requested",
}


def _check_can_register(event: EventPage, details: RegistrationDetails, email: str, now: datetime) -> None:
    state = event.registration_state(0, now)  # the calendar alone; places are counted per kind below
    if state in (EventPage.RegistrationState.CLOSED, EventPage.RegistrationState.ENDED):
        raise RegistrationError(_("Registration for this event has closed."), code="closed")
    if state == EventPage.RegistrationState.NOT_OPEN_YET:
        raise RegistrationError(_("Registration for this event is not open yet."), code="not_open")
    invitation = details.invitation
    if event.registration_mode == EventPage.RegistrationMode.INVITATION and invitation is None:
        raise RegistrationError(
            _("This event is by invitation only: register through the link in your invitation."),
            code="invitation_only",
        )
    if invitation is not None and (
        invitation.event_id != event.pk or invitation.email.strip().lower() != email.lower()
    ):
        raise RegistrationError(_("This invitation is for another address."), code="invitation")
    if details.participation and details.participation not in event.participations:
        raise RegistrationError(_("This event does not offer that kind of place."), code="participation")
    if event.registrations.active().for_email(email).exists():
        raise RegistrationError(
            _("This email address is already registered for this event."), code="duplicate"
        )


def _initial_status(event: EventPage, *, full: bool, address_confirmed: bool) -> str:
    """The first status; events on approval hold no place (nor waiting-list position) yet."""
    if event.registration_mode == EventPage.RegistrationMode.APPROVAL:
        return (
            Registration.Status.AWAITING_APPROVAL
            if address_confirmed
            else Registration.Status.PENDING_APPROVAL
        )
    if address_confirmed:
        return Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
    return Registration.Status.PENDING_WAITLIST if full else Registration.Status.PENDING


def confirm_registration(registration: Registration, *, now: datetime | None = None) -> Registration:
    """The registrant followed the confirmation link: the held place becomes theirs, or they join the
    waiting list. Refused once the confirmation time has run out (the place went back to the pool)."""
    with transaction.atomic():
        event = _lock_event(registration.event)
        now = now or timezone.now()
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status in CONFIRMED_ADDRESS:
            return registration  # a second click on the link changes nothing
        if not registration.is_unconfirmed:
            raise RegistrationError(_("This registration can no longer be confirmed."), code="not_pending")
        if registration.confirm_by is None or registration.confirm_by <= now:
            _expire_overdue(event, now)  # committed: the place goes back to the pool now
            expired = True
        else:
            expired = False
            registration = _confirm_locked(event, registration, now)
    if expired:
        raise RegistrationError(
            _("The time to confirm this registration has run out. Please register again."), code="expired"
        )
    return registration


CONFIRMED_ADDRESS = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
    Registration.Status.AWAITING_APPROVAL,
)
ON_CONFIRMATION: dict[str, str] = {
    Registration.Status.PENDING: Registration.Status.CONFIRMED,
    Registration.Status.PENDING_WAITLIST: Registration.Status.WAITLISTED,
    Registration.Status.PENDING_APPROVAL: Registration.Status.AWAITING_APPROVAL,
}


def _confirm_locked(event: EventPage, registration: Registration, now: datetime) -> Registration:
    target = ON_CONFIRMATION[registration.status]
    check_transition(registration.status, target)
    registration.status = target
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at"])
    _notify(registration.pk, INITIAL_EMAILS[target])
    if target == Registration.Status.WAITLISTED:
        # A place may have freed up since they registered; the queue is served in order.
        promote_from_waitlist(event, now=now)
        registration.refresh_from_db()
    return registration


def expire_unconfirmed_registrations(*, now: datetime | None = None) -> int:
    """The schedule's sweep: expire every overdue unconfirmed registration, event by event, each under
    its event's lock, and promote the waiting lists. Returns how many expired."""
    now = now or timezone.now()
    event_ids = set(Registration.objects.overdue(now).values_list("event_id", flat=True))
    expired = 0
    for event in EventPage.objects.filter(pk__in=event_ids):
        with transaction.atomic():
            expired += _expire_overdue(_lock_event(event), now)
    return expired


def promote_from_waitlist(event: EventPage, *, now: datetime | None = None) -> list[Registration]:
    """Give freed places to the people waiting longest, kind of place by kind of place (in person,
    online). Call with the event locked."""
    now = now or timezone.now()
    promoted = []
    for participation in event.participations:
        capacity = event.capacity_for(participation)
        waiting = event.registrations.waitlisted().filter(participation=participation).select_for_update()
        if capacity is not None:
            taken = event.registrations.holding_places(now).filter(participation=participation).count()
            waiting = waiting[: max(capacity - taken, 0)]
        for registration in waiting:
            check_transition(registration.status, Registration.Status.CONFIRMED)
            registration.status = Registration.Status.CONFIRMED
            registration.promoted_at = now
            registration.save(update_fields=["status", "promoted_at"])
            _notify(registration.pk, "promotion")
            promoted.append(registration)
    return promoted


def can_cancel(registration: Registration, *, now: datetime | None = None) -> bool:
    """The registration link cancels until the event starts; after that it can still erase."""
    return (
        registration.is_active
        and not registration.is_anonymised
        and registration.event.start > (now or timezone.now())
    )


def cancel_registration(
    registration: Registration, *, notify: bool = True, now: datetime | None = None
) -> Registration:
    """Cancel; a place that frees up goes to the first person on the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            return registration
        check_transition(registration.status, Registration.Status.CANCELLED)
        held_place = registration.status in HOLDS_PLACE
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if notify:
            _notify(registration.pk, "cancellation")
        if held_place and event.end > now:
            promote_from_waitlist(event, now=now)
    return registration


_PERSONAL_DATA_CLEARED = {
    "name": "",
    "email": "",
    "organisation": "",
    "role": "",
    "accessibility_needs": "",
    "dietary_needs": "",
    "answers": {},
    "refusal_reason": "",
}


def erase_registration(registration: Registration, *, now: datetime | None = None) -> Registration:
    """The registrant's right to erasure: cancel if the event is still ahead, then drop personal data.
    Status and attendance stay, so the event's counts do not change."""
    now = now or timezone.now()
    with transaction.atomic():
        if registration.is_active and registration.event.end > now:
            registration = cancel_registration(registration, notify=False, now=now)
        Registration.objects.filter(pk=registration.pk).update(anonymised_at=now, **_PERSONAL_DATA_CLEARED)
        if registration.invitation_id is not None:
            # The invitation holds the same address; the registrant's erasure covers it too.
            Invitation.objects.filter(pk=registration.invitation_id).delete()
    registration.refresh_from_db()
    return registration


# Organiser tools ------------------------------------------------------------------------------------


def message_registrants(
    event: EventPage, *, subject: str, body: str, include_waitlisted: bool = False
) -> int:
    """Email every confirmed registrant (and optionally those waiting), one message each."""
    from .tasks import send_event_message

    statuses = [Registration.Status.CONFIRMED]
    if include_waitlisted:
        statuses.append(Registration.Status.WAITLISTED)
    recipients = list(
        event.registrations.filter(status__in=statuses, anonymised_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    if recipients:
        transaction.on_commit(partial(send_event_message.enqueue, recipients, subject, body))
    return len(recipients)


@transaction.atomic
def record_attendance(event: EventPage, attended_ids: set[int]) -> int:
    """Mark who attended among the confirmed registrants, then recompute the event's indicators."""
    registrations = event.registrations.filter(status=Registration.Status.CONFIRMED)
    registrations.filter(pk__in=attended_ids).update(attended=True)
    registrations.exclude(pk__in=attended_ids).update(attended=False)
    event.registrations.exclude(status=Registration.Status.CONFIRMED).update(attended=False)
    recompute_event_indicators(event)
    attended: int = registrations.filter(attended=True).count()
    return attended


def participant_count(event: EventPage) -> int:
    """Attendees marked in the registrations; the page's attendance figure when none were marked
    (events whose participants registered elsewhere)."""
    marked = event.registrations.filter(attended=True).count()
    return marked or (event.attendance or 0)


def recompute_event_indicators(event: EventPage, *, now: datetime | None = None) -> dict[str, Decimal]:
    """Store `people-trained` and `training-days` for a training-type event that has taken place."""
    now = now or timezone.now()
    people = participant_count(event)
    values: dict[str, Decimal] = {}
    if event.is_training and event.end <= now and people:
        values = {
            "people-trained": Decimal(people),
            "training-days": Decimal(people) * event.duration_in_days(),
        }
    slugs = ["people-trained", "training-days"]
    EventIndicator.objects.filter(event=event, indicator__slug__in=slugs).exclude(
        indicator__slug__in=list(values)
    ).delete()
    for indicator in Indicator.objects.filter(slug__in=list(values)):
        EventIndicator.objects.update_or_create(
            event=event, indicator=indicator, defaults={"value": values[indicator.slug]}
        )
    return values


# Scheduled work -------------------------------------------------------------------------------------


def send_due_reminders(*, now: datetime | None = None, within: timedelta = timedelta(hours=24)) -> int:
    """Remind confirmed registrants of live events starting within `within`, once each."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        anonymised_at__isnull=True,
        event__live=True,
        event__start__gt=now,
        event__start__lte=now + within,
    ).values_list("pk", flat=True)
    sent = 0
    for registration_id in list(due):
        with transaction.atomic():
            # Claiming the row first keeps two overlapping runs from reminding anyone twice.
            claimed = Registration.objects.filter(pk=registration_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                _notify(registration_id, "reminder")
                sent += 1
    return sent


def retention_months() -> int:
    return int(getattr(settings, "EVENT_REGISTRATION_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))


def purge_old_registrations(*, months: int | None = None, now: datetime | None = None) -> int:
    """Anonymise registrations of events that ended more than `months` ago; counts and attendance stay."""
    months = retention_months() if months is None else months
    if months < 0:
        raise ValueError("months must not be negative")
    now = now or timezone.now()
    cutoff = now - relativedelta(months=months)
    with transaction.atomic():
        # Invitations hold addresses too: they go with the registrations of the same events.
        Invitation.objects.filter(event__end__lt=cutoff).delete()
        return Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True).update(
            anonymised_at=now, **_PERSONAL_DATA_CLEARED
        )
