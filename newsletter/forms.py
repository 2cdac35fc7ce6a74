"""The subscription form (anyone, by email) and the preferences form of the personal link."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.models import Priority, Theme


def interface_languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class PreferencesForm(forms.Form):
    priorities = forms.ModelMultipleChoiceField(
        label=_("Priorities"),
        queryset=Priority.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to hear about every priority."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to hear about every theme."),
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=interface_languages)


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    consent = forms.BooleanField(
        label=_(
            "I agree that the network keeps my address and choices to send me the newsletter. I can "
            "unsubscribe or delete them at any time through the link in every email."
        ),
        error_messages={"required": _("Please give your consent to subscribe.")},
    )
    # A honeypot, as on the event registration form: hidden from people, filled by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    HONEYPOT = "website"
    field_order = ["email", "priorities", "themes", "language", "consent", "website"]

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This subscription could not be accepted."), code="honeypot")
        return ""

    def subscription_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"priorities": data["priorities"], "themes": data["themes"], "language": data["language"]}
