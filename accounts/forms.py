"""The account page's forms: each changes one thing and is validated on its own."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from wagtail.users.models import UserProfile

from .models import NotificationPreferences


class NameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name"]


class LanguageForm(forms.Form):
    """Wagtail's UserProfile.preferred_language: the one preference for the site and the admin."""

    preferred_language = forms.ChoiceField(label=_("Interface language"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = cast(forms.ChoiceField, self.fields["preferred_language"])
        language.choices = [
            ("", _("The language of my browser")),
            *[(code, name) for code, name in settings.LANGUAGES],
        ]


class NotificationsForm(forms.Form):
    assistance_requests = forms.BooleanField(
        label=NotificationPreferences._meta.get_field("assistance_requests").verbose_name.capitalize(),
        help_text=NotificationPreferences._meta.get_field("assistance_requests").help_text,
        required=False,
    )
    practice_interest = forms.BooleanField(
        label=NotificationPreferences._meta.get_field("practice_interest").verbose_name.capitalize(),
        help_text=NotificationPreferences._meta.get_field("practice_interest").help_text,
        required=False,
    )
    moderation_results = forms.BooleanField(
        label=_("Moderation results"),
        help_text=_("When a moderator publishes my page or asks for changes to it."),
        required=False,
    )

    @classmethod
    def initial_for(cls, user: User) -> dict[str, bool]:
        preferences = NotificationPreferences.objects.filter(user=user).first() or NotificationPreferences()
        profile = UserProfile.get_for_user(user)
        return {
            "assistance_requests": preferences.assistance_requests,
            "practice_interest": preferences.practice_interest,
            "moderation_results": profile.approved_notifications and profile.rejected_notifications,
        }


class PasswordConfirmationForm(forms.Form):
    """Asks for the current password before something that cannot be undone by a stolen session."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."), code="wrong_password")
        return password


class EmailChangeForm(PasswordConfirmationForm):
    new_email = forms.EmailField(
        label=_("New email address"),
        help_text=_("We send a link to this address; the change takes effect when you open it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["new_email", "password"]

    def clean_new_email(self) -> str:
        email = self.cleaned_data["new_email"].strip()
        if email.lower() == (self.user.email or "").lower():
            raise forms.ValidationError(_("This is already your email address."), code="same")
        if User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(_("Another account uses this email address."), code="taken")
        return email


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
