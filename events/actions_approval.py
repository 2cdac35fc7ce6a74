"""Closed events: the organiser approves or refuses registrations of an event on approval, and invites
members' staff (or any address) to an invitation-only event. Same rules as events.actions: the event
row is locked first, moves are checked against the state machine, emails go out after commit."""

from collections.abc import Iterable
from datetime import datetime
from functools import partial

from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Member, Membership

from .actions import RegistrationError, _lock_event, _notify
from .models import EventPage, Invitation, Registration
from .registration_states import check_transition


def _locked_awaiting(registration: Registration) -> tuple[EventPage, Registration]:
    event = _lock_event(registration.event)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != Registration.Status.AWAITING_APPROVAL or locked.is_anonymised:
        raise RegistrationError(_("This registration is not awaiting a decision."), code="not_awaiting")
    return event, locked


def approve_registration(registration: Registration, *, now: datetime | None = None) -> Registration:
    """Accept a registration: a place of the kind chosen (in person, online) if one is free, else the
    waiting list for that kind, served in order of registration."""
    with transaction.atomic():
        event, locked = _locked_awaiting(registration)
        now = now or timezone.now()
        if event.end <= now:
            raise RegistrationError(_("This event has ended."), code="ended")
        full = event.is_full_for(locked.participation, now)
        target = Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED
        check_transition(locked.status, target)
        locked.status = target
        locked.decided_at = now
        locked.save(update_fields=["status", "decided_at"])
        _notify(locked.pk, "confirmation" if target == Registration.Status.CONFIRMED else "waitlisted")
    return locked


def refuse_registration(
    registration: Registration, reason: str, *, now: datetime | None = None
) -> Registration:
    """Turn a registration down; the registrant is emailed the organiser's reason."""
    reason = reason.strip()
    if not reason:
        raise RegistrationError(_("Give the registrant a reason."), code="reason")
    with transaction.atomic():
        _event, locked = _locked_awaiting(registration)
        check_transition(locked.status, Registration.Status.REFUSED)
        locked.status = Registration.Status.REFUSED
        locked.refusal_reason = reason
        locked.decided_at = now or timezone.now()
        locked.save(update_fields=["status", "refusal_reason", "decided_at"])
        _notify(locked.pk, "refusal")
    return locked


def staff_addresses(members: Iterable[Member]) -> list[tuple[str, str, Member]]:
    """(email, name, member) of every account acting for the members, once per address."""
    seen: set[str] = set()
    rows = []
    memberships = Membership.objects.filter(member__in=list(members), user__is_active=True).select_related(
        "user", "member"
    )
    for membership in memberships.order_by("member__name", "user__email"):
        email = (membership.user.email or "").strip()
        if email and email.lower() not in seen:
            seen.add(email.lower())
            rows.append((email, membership.user.get_full_name(), membership.member))
    return rows


def invite_to_event(
    event: EventPage, *, members: Iterable[Member] = (), emails: Iterable[str] = ()
) -> list[Invitation]:
    """Invite the staff of `members` and the typed `emails`, each by a personal emailed link. An
    address already invited is not invited twice. Returns the new invitations."""
    from .tasks import send_invitation_email

    wanted: list[tuple[str, str, Member | None]] = [*staff_addresses(members)]
    for email in emails:
        email = email.strip()
        if email:
            validate_email(email)
            wanted.append((email, "", None))
    with transaction.atomic():
        locked = _lock_event(event)
        existing = set(
            Invitation.objects.filter(event=locked).annotate(low=Lower("email")).values_list("low", flat=True)
        )
        created = []
        for email, name, member in wanted:
            if email.lower() in existing:
                continue
            existing.add(email.lower())
            created.append(Invitation.objects.create(event=locked, email=email, name=name, member=member))
        for invitation in created:
            transaction.on_commit(partial(send_invitation_email.enqueue, invitation.pk))
    return created
