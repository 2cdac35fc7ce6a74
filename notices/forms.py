"""The contact form: who writes, about what, and a honeypot for robots."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ContactMessage:
    name: str
    email: str
    subject: str
    message: str


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput({"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your email"),
        help_text=_("We answer to this address."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea({"rows": 8}))
    # Hidden from people (and assistive technology) by the template; robots fill it.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    HONEYPOT = "website"

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(self.HONEYPOT))

    def to_message(self) -> ContactMessage:
        data = self.cleaned_data
        return ContactMessage(
            name=data["name"], email=data["email"], subject=data["subject"], message=data["message"]
        )
