from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """A person's own account: sign-in with a second factor, the account page, personal data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # What this app keeps about a person, for the account page's download and deletion.
        from . import personal_data  # noqa: F401
