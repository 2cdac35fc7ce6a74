"""Before and after an event: the organiser's registration questions, invitations, the participants'
anonymous feedback, and certificates of attendance (records of their own, kept after registrations are
anonymised so that they keep verifying)."""

import secrets
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class RegistrationQuestion(Orderable):
    """A question of the event's registration form, chosen by the organiser."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Short text")
        CHOICE = "choice", _("One of the choices")
        MULTIPLE = "multiple", _("Any of the choices")
        YES_NO = "yes_no", _("Yes or no")

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="registration_questions")
    label = models.CharField(_("question"), max_length=255)
    kind = models.CharField(_("kind of answer"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One per line, for the kinds with choices.")
    )
    required = models.BooleanField(_("an answer is required"), default=False)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
        FieldPanel("help_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if self.kind in (self.Kind.CHOICE, self.Kind.MULTIPLE) and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})


class Invitation(models.Model):
    """A personal invitation to an invitation-only event; its emailed link is the way to register."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=255, blank=True)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("network member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_invitations",
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(Lower("email"), "event", name="events_unique_invitation_email"),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.event_id}"


class FeedbackResponse(models.Model):
    """One participant's answers to the feedback survey. Deliberately not linked to the registration
    (only `Registration.feedback_given_at` records that someone answered), and dated by day only, so
    the organiser's results are anonymous by construction."""

    SCALE = [(value, str(value)) for value in range(1, 6)]

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="feedback"
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("overall satisfaction"), choices=SCALE, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness for transferring practices"),
        choices=SCALE,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    will_apply = models.TextField(_("what I will apply in my work"), blank=True)
    comments = models.TextField(_("other comments"), blank=True)
    practices_of_interest = models.ManyToManyField(
        "practices.PracticePage",
        verbose_name=_("practices I want to follow up"),
        blank=True,
        related_name="+",
    )
    given_on = models.DateField(_("given on"))

    class Meta:
        verbose_name = _("feedback response")
        verbose_name_plural = _("feedback responses")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.satisfaction}/{self.usefulness}"


def new_certificate_code() -> str:
    """20 characters of an unambiguous alphabet (about 100 bits): unguessable, and easy to type."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(20))
    return "-".join(raw[index : index + 4] for index in range(0, 20, 4))


class Certificate(models.Model):
    """A certificate of attendance as issued: what it says is copied here, so it verifies unchanged
    after the registration is anonymised, until its own retention ends."""

    code = models.CharField(_("verification code"), max_length=24, unique=True, default=new_certificate_code)
    registration = models.OneToOneField(
        "events.Registration",
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    participant_name = models.CharField(_("participant"), max_length=255)
    event_title = models.CharField(_("event"), max_length=255)
    event_type = models.CharField(_("type of event"), max_length=255)
    organiser = models.CharField(_("organiser"), max_length=255)
    location = models.CharField(_("place"), max_length=255, blank=True)
    participation = models.CharField(_("took part"), max_length=40, blank=True)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, default=Decimal(0))
    days = models.DecimalField(_("training days"), max_digits=5, decimal_places=1, default=Decimal(0))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_at", "pk"]
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self) -> str:
        return f"{self.code}: {self.participant_name} — {self.event_title}"
