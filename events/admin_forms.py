"""The event editor's form in the Wagtail admin."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.admin_fields import VocabularyTagField
from core.languages import WORKING_LANGUAGE_CHOICES, WORKING_LANGUAGE_NAMES
from core.models import Theme


def timezone_choices() -> list[tuple[str, str]]:
    """European zones first (most events), then the rest: study visits also go to partner countries."""
    zones = [
        name for name in available_timezones() if "/" in name and not name.startswith(("Etc/", "SystemV/"))
    ]
    zones.sort(key=lambda name: (not name.startswith("Europe/"), name))
    return [("UTC", "UTC")] + [(name, name.replace("_", " ")) for name in zones]


EVENT_ZONE_FIELDS = ("start", "end", "registration_opens_at", "registration_deadline")


class EventPageForm(WagtailAdminPageForm):
    """Times are typed as wall-clock times at the event's place, whatever the editor's own time zone."""

    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        initial="Europe/Brussels",
        help_text=_("Dates and times below are entered and shown in this time zone."),
    )
    themes = VocabularyTagField(
        queryset=Theme.objects.all(),
        label=_("Themes"),
        required=False,
        help_text=_(
            "Tick the themes the event is about, e.g. “Cultural mediation” for a workshop on interpreters."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=WORKING_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        if getattr(self, "parent_page", None) is not None:
            instance.set_host_from_folder(self.parent_page)
        if instance.pk and instance.timezone:
            zone = ZoneInfo(instance.timezone)
            for name in EVENT_ZONE_FIELDS:
                value = getattr(instance, name)
                if value is not None and name in self.fields:
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        zone_name = cleaned.get("timezone")
        if zone_name:
            zone = ZoneInfo(zone_name)
            for name in EVENT_ZONE_FIELDS:
                value = cleaned.get(name)
                if isinstance(value, datetime):
                    wall_clock = timezone.make_naive(value) if timezone.is_aware(value) else value
                    cleaned[name] = wall_clock.replace(tzinfo=zone)
        unknown = [code for code in cleaned.get("languages") or [] if code not in WORKING_LANGUAGE_NAMES]
        if unknown:
            self.add_error("languages", _("Unknown language."))
        return cleaned
