"""Forms of the events app: listing filters, registration, the event editor and organiser tools."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.languages import WORKING_LANGUAGE_CHOICES
from core.models import EventType, Priority, Theme
from members.models import Member

from .models import EventPage

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value: str) -> tuple[int, int] | None:
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 1900 <= year <= 2999):
        return None
    return year, month


class EventFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), required=False)
    priority = forms.ChoiceField(label=_("Priority"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    mode = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Online or in person")), ("online", _("Online")), ("in_person", _("In person"))],
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    month = forms.CharField(
        label=_("Month"), required=False, help_text=_("As year-month, e.g. 2026-12."), max_length=7
    )
    member = forms.ChoiceField(label=_("Host"), required=False)

    def __init__(self, *args: Any, show_month: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["type"].choices = any_choice + list(EventType.objects.values_list("slug", "label"))
        self.fields["priority"].choices = any_choice + [
            (priority.slug, str(priority)) for priority in Priority.objects.all()
        ]
        self.fields["theme"].choices = any_choice + list(Theme.objects.values_list("slug", "name"))
        used_countries = set(
            EventPage.objects.live().exclude(country="").values_list("country", flat=True).distinct()
        )
        self.fields["country"].choices = any_choice + [
            (code, name) for code, name in countries if code in used_countries
        ]
        self.fields["language"].choices = any_choice + list(WORKING_LANGUAGE_CHOICES)
        self.fields["member"].choices = any_choice + list(
            Member.objects.filter(hosted_events__live=True).distinct().values_list("slug", "name")
        )
        self.fields["month"].widget.attrs.update({"type": "month", "placeholder": "2026-12"})
        if not show_month:
            del self.fields["month"]

    def clean_month(self) -> tuple[int, int] | None:
        value = self.cleaned_data.get("month", "").strip()
        if not value:
            return None
        month = parse_month(value)
        if month is None:
            raise forms.ValidationError(_("Enter a month as year-month, e.g. 2026-12."), code="invalid")
        return month

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `EventPageQuerySet.for_filters`; invalid values are ignored."""
        if not self.is_valid():
            data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        else:
            data = self.cleaned_data
        return {
            "event_type": data.get("type", ""),
            "priority": data.get("priority", ""),
            "theme": data.get("theme", ""),
            "country": data.get("country", ""),
            "mode": data.get("mode", ""),
            "language": data.get("language", ""),
            "member": data.get("member", ""),
            "month": data.get("month"),
        }

    def active_filters(self) -> list[str]:
        """Human-readable descriptions of the filters in use, for the result count."""
        if not hasattr(self, "cleaned_data"):
            return []
        labels = []
        for name, value in self.cleaned_data.items():
            if not value or name in self.errors:
                continue
            if name == "month":
                labels.append(f"{self.fields[name].label}: {value[0]}-{value[1]:02d}")
            else:
                choice = dict(self.fields[name].choices).get(value, value)
                labels.append(f"{self.fields[name].label}: {choice}")
        return labels


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
        cleaned = super().clean()
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
