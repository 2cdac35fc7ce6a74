"""The registration state machine: its states, the transitions between them, and who may trigger each.

Every status change of a `Registration` goes through `events.actions`, which locks the event row first
(then the registration row), checks the move against `TRANSITIONS` with `check_transition`, and only
then writes. Taking the event lock first is what makes registrations, confirmations, cancellations and
expiry of one event race-free on PostgreSQL: they run one after another, each seeing the last one's
result. The event-lifecycle work adds approval and invitation states here, with their rows below.

    (new) ──register, address unconfirmed──▶ pending ─────confirm link──▶ confirmed
    (new) ──register, full, unconfirmed────▶ pending_waitlist ─confirm──▶ waitlisted ─place freed─▶ confirmed
    (new) ──register, address confirmed────▶ confirmed | waitlisted
    pending | pending_waitlist ──EVENT_CONFIRMATION_HOURS pass──▶ expired
    pending | pending_waitlist | confirmed | waitlisted ──cancel link, before the event starts──▶ cancelled

A `pending` registration holds its place until it is confirmed or expires; a `pending_waitlist` one
joins the waiting list (in the order people registered) only once confirmed. Anonymisation (erasure by
the registrant, or the retention purge) clears personal data and is not a status: it can happen in any
state, and it ends the validity of every link.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Registration

Status = Registration.Status

# Statuses that hold one of the event's places (the capacity counts them).
HOLDS_PLACE = frozenset({Status.CONFIRMED, Status.PENDING})
# Statuses that wait for the registrant to confirm their address by the emailed link.
UNCONFIRMED = frozenset({Status.PENDING, Status.PENDING_WAITLIST})
# Statuses that are over: the address may register again.
FINISHED = frozenset({Status.CANCELLED, Status.EXPIRED})


@dataclass(frozen=True)
class Transition:
    trigger: str  # the action in events.actions that makes the move
    who: str  # who may cause it


NEW = "new"

TRANSITIONS: dict[tuple[str, str], Transition] = {
    (NEW, Status.PENDING): Transition(
        "register_for_event", "anyone, through the form (rate-limited, honeypot); a place is free"
    ),
    (NEW, Status.PENDING_WAITLIST): Transition(
        "register_for_event", "anyone, through the form (rate-limited, honeypot); the event is full"
    ),
    (NEW, Status.CONFIRMED): Transition(
        "register_for_event", "a signed-in user registering their own account's address; a place is free"
    ),
    (NEW, Status.WAITLISTED): Transition(
        "register_for_event", "a signed-in user registering their own account's address; the event is full"
    ),
    (Status.PENDING, Status.CONFIRMED): Transition(
        "confirm_registration", "whoever holds the confirmation link, before it expires"
    ),
    (Status.PENDING_WAITLIST, Status.WAITLISTED): Transition(
        "confirm_registration", "whoever holds the confirmation link, before it expires"
    ),
    (Status.PENDING, Status.EXPIRED): Transition(
        "expire_unconfirmed_registrations", "the schedule, or the next registration for the event"
    ),
    (Status.PENDING_WAITLIST, Status.EXPIRED): Transition(
        "expire_unconfirmed_registrations", "the schedule, or the next registration for the event"
    ),
    (Status.WAITLISTED, Status.CONFIRMED): Transition(
        "promote_from_waitlist", "the system, when a place frees up (first registered, first promoted)"
    ),
    **{
        (status, Status.CANCELLED): Transition(
            "cancel_registration", "whoever holds the registration link, until the event starts"
        )
        for status in (Status.PENDING, Status.PENDING_WAITLIST, Status.CONFIRMED, Status.WAITLISTED)
    },
}


class TransitionNotAllowed(Exception):
    """A status change that the state machine does not have."""


def check_transition(current: str, target: str) -> Transition:
    transition = TRANSITIONS.get((current, target))
    if transition is None:
        raise TransitionNotAllowed(
            _("A registration cannot go from %(current)s to %(target)s.")
            % {"current": current, "target": target}
        )
    return transition
