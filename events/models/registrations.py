"""People registered for an event: awaiting confirmation, confirmed or on the waiting list. The states
and who may move a registration between them: events/registration_states.py."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import EventPage


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> "RegistrationQuerySet":
        """Registrations that hold (or await) a place or a waiting-list position."""
        return self.exclude(status__in=FINISHED_STATUSES)

    def holding_places(self, now: datetime | None = None) -> "RegistrationQuerySet":
        """Confirmed places, and places held for registrants whose confirmation time has not run out
        (an overdue one no longer counts, even before the schedule marks it expired)."""
        now = now or timezone.now()
        return self.filter(
            models.Q(status=Registration.Status.CONFIRMED)
            | models.Q(status=Registration.Status.PENDING, confirm_by__gt=now)
        )

    def overdue(self, now: datetime | None = None) -> "RegistrationQuerySet":
        """Unconfirmed registrations whose confirmation time has run out."""
        return self.filter(
            status__in=[
                Registration.Status.PENDING,
                Registration.Status.PENDING_WAITLIST,
                Registration.Status.PENDING_APPROVAL,
            ],
            confirm_by__lte=now or timezone.now(),
        )

    def confirmed(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.CONFIRMED)

    def awaiting_approval(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.AWAITING_APPROVAL).order_by("created_at", "pk")

    def attended(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.CONFIRMED, attended=True)

    def waitlisted(self) -> "RegistrationQuerySet":
        # First come, first served: the pk breaks ties between identical timestamps.
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def for_email(self, email: str) -> "RegistrationQuerySet":
        return self.annotate(email_lower=Lower("email")).filter(email_lower=email.strip().lower())


class Registration(models.Model):
    """A registration for an event. Personal data is anonymised after the retention period."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting email confirmation")
        PENDING_WAITLIST = "pending_waitlist", _("Awaiting email confirmation (waiting list)")
        PENDING_APPROVAL = "pending_approval", _("Awaiting email confirmation (to be approved)")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the organiser's approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Not confirmed in time")
        REFUSED = "refused", _("Not accepted by the organiser")

    class ParticipantType(models.TextChoices):
        # The groups the training-days indicator is reported for (AMIF: "carers", officials, staff).
        CARER = "carer", _("Frontline worker or carer (social, health, education, volunteer)")
        OFFICIAL = "official", _("Public official (policy, management, elected)")
        STAFF = "staff", _("Staff of a civil-society or partner organisation")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("email"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("network member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    role = models.CharField(_("role"), max_length=255, blank=True)
    participant_type = models.CharField(
        _("participant type"), max_length=20, choices=ParticipantType.choices, blank=True
    )
    participation = models.CharField(
        _("takes part"),
        max_length=20,
        choices=EventPage.Participation.choices,
        default=EventPage.Participation.IN_PERSON,
    )
    answers = models.JSONField(
        _("answers to the registration questions"),
        default=dict,
        blank=True,
        help_text=_("By question id; erased with the other personal data."),
    )
    invitation = models.ForeignKey(
        "events.Invitation",
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    decided_at = models.DateTimeField(_("approved or refused at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    follow_up_sent_at = models.DateTimeField(_("follow-up sent at"), null=True, blank=True)
    feedback_given_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    language = models.CharField(
        _("language of the emails"),
        max_length=10,
        default=settings.LANGUAGE_CODE,
        help_text=_("The interface language the registrant used; their emails are written in it."),
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    consent = models.BooleanField(_("consent to the processing of personal data"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list at"), null=True, blank=True)
    confirm_by = models.DateTimeField(
        _("to be confirmed by"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When an unconfirmed registration expires and its place returns to the pool."),
    )
    confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One active registration per address and event, whatever the letter case.
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~models.Q(status__in=["cancelled", "expired", "refused"])
                & models.Q(anonymised_at__isnull=True),
                name="events_unique_active_registration_email",
            ),
            models.CheckConstraint(
                condition=models.Q(consent=True) | models.Q(anonymised_at__isnull=False),
                name="events_registration_requires_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.event_id} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status not in FINISHED_STATUSES

    @property
    def is_unconfirmed(self) -> bool:
        return self.status in (
            self.Status.PENDING,
            self.Status.PENDING_WAITLIST,
            self.Status.PENDING_APPROVAL,
        )

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def gets_online_link(self) -> bool:
        """Only confirmed participants taking part online receive the meeting link (on their page, in
        their emails and in their .ics); in-person participants of a hybrid event do not need it."""
        event = self.event
        return (
            self.status == self.Status.CONFIRMED
            and not self.is_anonymised
            and bool(event.online_url)
            and (
                event.attendance_mode == EventPage.AttendanceMode.ONLINE
                or (
                    event.attendance_mode == EventPage.AttendanceMode.HYBRID
                    and self.participation == EventPage.Participation.ONLINE
                )
            )
        )

    def waitlist_position(self) -> int | None:
        """1 for the first person waiting; None when not on the waiting list."""
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = (
            Registration.objects.waitlisted()
            .filter(event_id=self.event_id, participation=self.participation)
            .filter(
                models.Q(created_at__lt=self.created_at)
                | models.Q(created_at=self.created_at, pk__lt=self.pk)
            )
            .count()
        )
        return ahead + 1


FINISHED_STATUSES = [Registration.Status.CANCELLED, Registration.Status.EXPIRED, Registration.Status.REFUSED]
