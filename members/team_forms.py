"""Forms of a member's own space: its profile, its team's roles and invitations, accepting one."""

from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from core.languages import WORKING_LANGUAGE_CHOICES
from core.models import Theme

from .models import ContactOfficer, Member

MAX_LOGO_BYTES = 2 * 1024 * 1024


class MemberProfileForm(forms.ModelForm):
    """What a member administrator may change: not the name, slug, kind or country (the slug is part
    of every practice URL; the rest is the network's record of who the member is)."""

    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=WORKING_LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expertise_themes = forms.ModelMultipleChoiceField(
        label=_("Expertise themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    assistance_themes = forms.ModelMultipleChoiceField(
        label=_("Assistance themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Themes on which this member gives technical assistance to other members."),
    )
    new_logo = forms.ImageField(
        label=_("New logo"), required=False, help_text=_("PNG, JPEG or WebP, at most 2 MB.")
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Member
        fields = ["description", "language", "website", "languages", "offers_assistance"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["assistance_themes"] = list(self.instance.assistance_themes.all())
            self.initial["expertise_themes"] = list(self.instance.expertise_themes.all())

    def clean_new_logo(self) -> UploadedFile | None:
        logo = self.cleaned_data.get("new_logo")
        if logo and logo.size and logo.size > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo is larger than 2 MB."), code="too_large")
        return logo

    def save(self, commit: bool = True) -> Member:
        member = super().save(commit=False)
        member.assistance_themes.set(self.cleaned_data["assistance_themes"])
        member.expertise_themes.set(self.cleaned_data["expertise_themes"])
        logo = self.cleaned_data.get("new_logo")
        if logo:
            image_model = get_image_model()
            image = image_model(title=f"{member.name} logo", file=logo)
            image.save()
            member.logo = image
        elif self.cleaned_data.get("remove_logo"):
            member.logo = None
        if commit:
            member.save()
        return member


ContactOfficerFormSet = inlineformset_factory(
    Member,
    ContactOfficer,
    fields=["name", "role", "email", "phone"],
    extra=1,
    can_delete=True,
)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = roles


class RoleChangeForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    role = forms.ChoiceField()
    grant = forms.TypedChoiceField(
        choices=[("1", "grant"), ("0", "revoke")], coerce=lambda value: value == "1"
    )

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = roles


class NewAccountForm(forms.Form):
    """Accepting an invitation without an account: the account is created with the invited address."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            candidate = User(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
