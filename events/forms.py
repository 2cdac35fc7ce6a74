"""Forms of the events app: listing filters, registration, the event editor and organiser tools."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Member


class RegistrationForm(forms.Form):
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


class MessageRegistrantsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea({"rows": 10}))
    include_waitlisted = forms.BooleanField(
        label=_("Also send to people on the waiting list"), required=False
    )
