"""The emails a registrant receives; rendered from templates/events/emails/."""

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.links import absolute_url

from .ical import ical_bytes
from .models import Invitation, Registration
from .tokens import confirmation_hours, confirmation_token, invitation_token, registration_token

KINDS_WITH_CALENDAR = {"confirmation", "promotion", "reminder"}


def registration_link(registration: Registration) -> str:
    return absolute_url(reverse("events:registration", kwargs={"token": registration_token(registration)}))


def confirmation_link(registration: Registration) -> str:
    return absolute_url(
        reverse("events:registration_confirm", kwargs={"token": confirmation_token(registration)})
    )


def _subject(kind: str, title: str) -> str:
    subjects = {
        "confirm_address": _("Please confirm your registration: %(title)s"),
        "confirmation": _("Registration confirmed: %(title)s"),
        "waitlisted": _("You are on the waiting list: %(title)s"),
        "promotion": _("A place is now yours: %(title)s"),
        "cancellation": _("Registration cancelled: %(title)s"),
        "reminder": _("Reminder: %(title)s starts soon"),
        "approval_requested": _("Registration received, awaiting approval: %(title)s"),
        "refusal": _("Your registration was not accepted: %(title)s"),
    }
    if kind not in subjects:
        raise ValueError(f"unknown registration email: {kind}")
    return subjects[kind] % {"title": title}


def registration_email(registration: Registration, kind: str) -> EmailMultiAlternatives:
    event = registration.event
    context = {
        "kind": kind,
        "registration": registration,
        "event": event,
        "event_url": absolute_url(event.get_url() or "/"),
        "registration_url": registration_link(registration),
        "waitlist_position": registration.waitlist_position(),
        "with_online_link": kind in KINDS_WITH_CALENDAR and registration.gets_online_link,
        "confirmation_url": confirmation_link(registration) if kind == "confirm_address" else "",
        "confirmation_hours": confirmation_hours(),
    }
    message = EmailMultiAlternatives(
        subject=_subject(kind, event.title),
        body=render_to_string("events/emails/registration.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    if kind in KINDS_WITH_CALENDAR:
        message.attach(
            f"{event.slug}.ics",
            ical_bytes([event], online_url=registration.gets_online_link),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


def event_message(registration: Registration, subject: str, body: str) -> EmailMessage:
    context = {
        "registration": registration,
        "event": registration.event,
        "body": body,
        "registration_url": registration_link(registration),
    }
    return EmailMessage(
        subject=subject,
        body=render_to_string("events/emails/message.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )


def invitation_link(invitation: Invitation) -> str:
    return absolute_url(reverse("events:invitation", kwargs={"token": invitation_token(invitation)}))


def invitation_email(invitation: Invitation) -> EmailMessage:
    event = invitation.event
    context = {
        "invitation": invitation,
        "event": event,
        "event_url": absolute_url(event.get_url() or "/"),
        "invitation_url": invitation_link(invitation),
    }
    return EmailMessage(
        subject=_("Invitation: %(title)s") % {"title": event.title},
        body=render_to_string("events/emails/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )


def feedback_link(registration: Registration) -> str:
    return absolute_url(reverse("events:feedback", kwargs={"token": registration_token(registration)}))


def certificate_link(registration: Registration) -> str:
    return absolute_url(reverse("events:certificate", kwargs={"token": registration_token(registration)}))


def follow_up_email(registration: Registration, message: str) -> EmailMessage:
    """After the event: the organiser's message, the materials and practices, the survey, the certificate."""
    from .actions_after import event_practices

    event = registration.event.specific
    context = {
        "registration": registration,
        "event": event,
        "message": message,
        "materials": [
            (material.display_title, absolute_url(material.document.url))
            for material in event.materials.select_related("document")
        ],
        "practices": [
            (practice.title, absolute_url(practice.get_url() or "/")) for practice in event_practices(event)
        ],
        "feedback_url": "" if registration.feedback_given_at else feedback_link(registration),
        "certificate_url": certificate_link(registration),
        "registration_url": registration_link(registration),
    }
    return EmailMessage(
        subject=_("After %(title)s: materials, feedback and your certificate") % {"title": event.title},
        body=render_to_string("events/emails/follow_up.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
