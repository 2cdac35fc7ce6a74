"""The registration state machine: its states, the transitions between them, and who may trigger each.

Every status change of a `Registration` goes through `events.actions`, which locks the event row first
(then the registration row), checks the move against `TRANSITIONS` with `check_transition`, and only
then writes. Taking the event lock first is what makes registrations, confirmations, cancellations and
expiry of one event race-free on PostgreSQL: they run one after another, each seeing the last one's
result.

    (new) ──register, address unconfirmed──▶ pending ─────confirm link──▶ confirmed
    (new) ──register, full, unconfirmed────▶ pending_waitlist ─confirm──▶ waitlisted ─place freed─▶ confirmed
    (new) ──register, address confirmed────▶ confirmed | waitlisted
    pending | pending_waitlist ──EVENT_CONFIRMATION_HOURS pass──▶ expired
    pending | pending_waitlist | confirmed | waitlisted ──cancel link, before the event starts──▶ cancelled

Events on approval (registration_mode "approval") hold no place until the organiser decides:

    (new) ──register, address unconfirmed──▶ pending_approval ──confirm link──▶ awaiting_approval
    (new) ──register, address confirmed────▶ awaiting_approval
    awaiting_approval ──organiser approves──▶ confirmed | waitlisted (the chosen kind of place is full)
    awaiting_approval ──organiser refuses, with a reason──▶ refused
    pending_approval ──EVENT_CONFIRMATION_HOURS pass──▶ expired
    pending_approval | awaiting_approval ──cancel link──▶ cancelled

Invitation-only events take registrations only through an invitation's personal link; the invitation
was emailed to the address, so the address counts as confirmed (new ─▶ confirmed | waitlisted).
Hybrid events count in-person and online places apart: "full" and the waiting list are per kind of
place (`Registration.participation`), and a freed place goes to the first person waiting for that kind.

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
UNCONFIRMED = frozenset({Status.PENDING, Status.PENDING_WAITLIST, Status.PENDING_APPROVAL})
# Statuses that are over: the address may register again.
FINISHED = frozenset({Status.CANCELLED, Status.EXPIRED, Status.REFUSED})


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
    (NEW, Status.PENDING_APPROVAL): Transition(
        "register_for_event", "anyone, through the form of an event on approval (rate-limited, honeypot)"
    ),
    (NEW, Status.AWAITING_APPROVAL): Transition(
        "register_for_event", "a signed-in user registering their own address for an event on approval"
    ),
    (Status.PENDING_APPROVAL, Status.AWAITING_APPROVAL): Transition(
        "confirm_registration", "whoever holds the confirmation link, before it expires"
    ),
    (Status.PENDING_APPROVAL, Status.EXPIRED): Transition(
        "expire_unconfirmed_registrations", "the schedule, or the next registration for the event"
    ),
    (Status.AWAITING_APPROVAL, Status.CONFIRMED): Transition(
        "approve_registration", "the event's organisers; a place of the chosen kind is free"
    ),
    (Status.AWAITING_APPROVAL, Status.WAITLISTED): Transition(
        "approve_registration", "the event's organisers; the chosen kind of place is full"
    ),
    (Status.AWAITING_APPROVAL, Status.REFUSED): Transition(
        "refuse_registration", "the event's organisers, giving the registrant a reason"
    ),
    (Status.WAITLISTED, Status.CONFIRMED): Transition(
        "promote_from_waitlist", "the system, when a place frees up (first registered, first promoted)"
    ),
    **{
        (status, Status.CANCELLED): Transition(
            "cancel_registration", "whoever holds the registration link, until the event starts"
        )
        for status in (
            Status.PENDING,
            Status.PENDING_WAITLIST,
            Status.PENDING_APPROVAL,
            Status.AWAITING_APPROVAL,
            Status.CONFIRMED,
            Status.WAITLISTED,
        )
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
