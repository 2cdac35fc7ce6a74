"""Forms of the members app: joining the network, reviewing an application, and the admin member form."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.languages import WORKING_LANGUAGE_CHOICES
from core.models import MemberKind

from .models import MembershipApplication


class JoinForm(forms.ModelForm):
    """The public application to join the network. `nickname` is a honeypot: people never see it."""

    nickname = forms.CharField(label=_("Leave this field empty"), required=False)
    website = forms.URLField(
        label=_("website"),
        required=False,
        assume_scheme="https",
        help_text=_("The address of your organisation's website, e.g. https://www.example.org."),
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "organisation_name",
            "kind",
            "country",
            "region",
            "city",
            "website",
            "contact_name",
            "contact_email",
            "contact_role",
            "motivation",
            "consent",
        ]
        labels = {
            "consent": _(
                "I agree that the network stores these details to review the application and to contact me "
                "about it."
            ),
        }
        help_texts = {
            "region": _("The NUTS 2 region, if you know it."),
            "contact_email": _("We send the decision and, if approved, your account invitation here."),
            "motivation": _(
                "What you want to share with, or learn from, other members (at most 4000 characters)."
            ),
        }
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = cast(forms.ModelChoiceField[MemberKind], self.fields["kind"])
        kind.queryset = MemberKind.objects.all()
        kind.to_field_name = "slug"
        kind.empty_label = _("Choose a kind of organisation")
        self.fields["consent"].required = True
        # The checkbox's label is a whole sentence; the error summary (includes/form_errors.html)
        # names it shortly. Django has no such attribute, hence setattr.
        setattr(self.fields["consent"], "summary_label", _("Consent"))  # noqa: B010
        self.fields["consent"].error_messages["required"] = _(
            "We can only review your application with your consent."
        )
        self.fields["nickname"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for name in ["organisation_name", "city", "contact_name", "contact_role"]:
            self.fields[name].widget.attrs["autocomplete"] = {
                "organisation_name": "organization",
                "city": "address-level2",
                "contact_name": "name",
                "contact_role": "organization-title",
            }[name]
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("nickname"))

    def clean_organisation_name(self) -> str:
        name = self.cleaned_data["organisation_name"].strip()
        if len(name) < 3:
            raise forms.ValidationError(_("Write the full name of the organisation."))
        return name

    def clean_motivation(self) -> str:
        motivation = self.cleaned_data["motivation"].strip()
        if len(motivation) < 20:
            raise forms.ValidationError(
                _("Tell us in a sentence or two why your organisation wants to join.")
            )
        return motivation


class ReviewForm(forms.Form):
    """A network administrator's decision on an application."""

    member_name = forms.CharField(
        label=_("Member name"),
        max_length=255,
        required=False,
        help_text=_(
            "When approving: the name the new member appears under (the organisation's name if left "
            "empty). It must differ from every existing member's."
        ),
    )

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve: create the member and invite the contact person")),
            ("reject", _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. When rejecting, this note is included in the email to the applicant."),
    )


class MemberAdminForm(WagtailAdminModelForm):
    """Working languages as checkboxes (the model keeps a JSON list of codes)."""

    languages = forms.MultipleChoiceField(
        label=_("working languages"),
        choices=WORKING_LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("assistance_themes") and not cleaned.get("offers_assistance"):
            self.add_error(
                "assistance_themes",
                _("Tick “offers technical assistance” or leave the assistance themes empty."),
            )
        return cleaned
