"""Forms of the events app: listing filters, registration, the event editor and organiser tools."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member

from .models import EventPage, Invitation, Registration, RegistrationQuestion

QUESTION_PREFIX = "question_"
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RegistrationForm(forms.Form):
    """The registration form of one event: the fixed fields, the kind of place on hybrid events, and
    the organiser's own questions (`question_<id>`, answers kept in Registration.answers)."""

    name = forms.CharField(
        label=_("Full name"), max_length=255, widget=forms.TextInput({"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput({"autocomplete": "email"}))
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=255,
        required=False,
        widget=forms.TextInput({"autocomplete": "organization"}),
    )
    member = forms.ModelChoiceField(
        label=_("Or the network member you work for"),
        queryset=Member.objects.active(),
        required=False,
        to_field_name="slug",
        empty_label=_("Not a network member"),
    )
    role = forms.CharField(
        label=_("Your role"),
        max_length=255,
        required=False,
        help_text=_("e.g. social worker, policy officer"),
    )
    participant_type = forms.ChoiceField(
        label=_("You take part as"),
        choices=[("", _("Prefer not to say")), *Registration.ParticipantType.choices],
        required=False,
        help_text=_("For the network's training figures, which count participants by group."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"), required=False, widget=forms.Textarea({"rows": 2})
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"), required=False, widget=forms.Textarea({"rows": 2})
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organisers store these details to run the event. They are erased at the "
            "latest 12 months after it, and I can erase them earlier through the link in my email."
        ),
        error_messages={"required": _("Please give your consent to register.")},
    )

    # A honeypot: hidden from people (and from assistive technology) by the template and CSS, left
    # empty by them; form-filling robots fill it. It is not a field of the registration.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    HONEYPOT = "website"

    def __init__(
        self,
        data: Any = None,
        *,
        event: EventPage,
        invitation: Invitation | None = None,
        questions: list[RegistrationQuestion] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.event = event
        self.invitation = invitation
        if invitation is not None:
            # The personal link was sent to this address: it is the one registered.
            self.fields["email"].disabled = True
            self.initial["email"] = invitation.email
            self.initial.setdefault("name", invitation.name)
            if invitation.member is not None:
                self.initial.setdefault("member", invitation.member.slug)
        participations = event.participations
        if len(participations) > 1:
            self.fields["participation"] = forms.ChoiceField(
                label=_("I will take part"),
                choices=[(value, label) for value, label in EventPage.Participation.choices],
                widget=forms.RadioSelect,
                initial=participations[0],
            )
            self.order_fields(["name", "email", "organisation", "member", "role", "participation"])
        self.questions = questions if questions is not None else list(event.registration_questions.all())
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = question_field(question)
        # The honeypot and the consent stay last.
        self.order_fields(
            [name for name in self.fields if name not in ("consent", "website")] + ["consent", "website"]
        )

    def answers(self) -> dict[str, Any]:
        """The answers to the organiser's questions, by question id (as a string: JSON keys)."""
        result: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}")
            if value not in (None, "", []):
                result[str(question.pk)] = value
        return result

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This registration could not be accepted."), code="honeypot")
        return ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("organisation")
            and not cleaned.get("member")
            and "organisation" not in self.errors
        ):
            self.add_error("organisation", _("Enter your organisation, or choose the network member."))
        return cleaned


def question_field(question: RegistrationQuestion) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "required": question.required,
        "help_text": question.help_text,
    }
    kind = question.kind
    if kind == RegistrationQuestion.Kind.CHOICE:
        choices = [(choice, choice) for choice in question.choice_list]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == RegistrationQuestion.Kind.MULTIPLE:
        choices = [(choice, choice) for choice in question.choice_list]
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if kind == RegistrationQuestion.Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=500, **common)


def answer_text(question: RegistrationQuestion, value: Any) -> str:
    """An answer as shown to organisers and in the CSV."""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if question.kind == RegistrationQuestion.Kind.YES_NO:
        return str(dict(YES_NO).get(value, value))
    return str(value)


class MessageRegistrantsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea({"rows": 10}))
    include_waitlisted = forms.BooleanField(
        label=_("Also send to people on the waiting list"), required=False
    )


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason given to the registrant"),
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Emailed to them; for example that places were kept for front-line staff."),
    )


class InvitationForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Invite the staff of these members"),
        queryset=Member.objects.active().order_by("name"),
        required=False,
        help_text=_("Everyone with an account acting for the member receives a personal link."),
    )
    emails = forms.CharField(
        label=_("And these addresses"),
        required=False,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("One per line, or separated by commas."),
    )

    def clean_emails(self) -> list[str]:
        from django.core.validators import validate_email

        raw = self.cleaned_data.get("emails") or ""
        emails = [part.strip() for part in raw.replace(",", "\n").splitlines() if part.strip()]
        invalid = []
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                invalid.append(email)
        if invalid:
            raise forms.ValidationError(
                _("Not an email address: %(addresses)s"), params={"addresses": ", ".join(invalid)}
            )
        return emails

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("members") and not cleaned.get("emails") and not self.errors:
            raise forms.ValidationError(_("Choose members or enter addresses to invite."))
        return cleaned


SCALE_CHOICES = [(str(value), str(value)) for value in range(1, 6)]


class FeedbackForm(forms.Form):
    """The short survey after an event; the answers are stored without the participant's identity."""

    satisfaction = forms.TypedChoiceField(
        label=_("Overall, how satisfied are you with the event? (1 = not at all, 5 = very)"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful was it for transferring practices to your own work? (1 = not at all, 5 = very)"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    will_apply = forms.CharField(
        label=_("What will you apply in your work?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )
    practices_of_interest: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Which of the practices presented do you want to follow up?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comments = forms.CharField(
        label=_("Anything else you want to tell the organisers?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Please do not write names: the answers are anonymous."),
    )

    def __init__(self, *args: Any, practices: list[Any], **kwargs: Any) -> None:
        from practices.models import PracticePage

        super().__init__(*args, **kwargs)
        field = self.fields["practices_of_interest"]
        if practices:
            field.queryset = PracticePage.objects.filter(pk__in=[practice.pk for practice in practices])  # type: ignore[attr-defined]
        else:
            del self.fields["practices_of_interest"]


class CertificateLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("As printed on the certificate, for example ABCD-EFGH-JKLM-NPQR-STUV."),
        widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false"}),
    )


class FollowUpForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to the participants"),
        max_length=5000,
        widget=forms.Textarea({"rows": 8}),
        help_text=_(
            "The email adds the event's materials, its related practices, each participant's feedback "
            "link and their certificate of attendance."
        ),
    )
