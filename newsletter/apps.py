from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self) -> None:
        # The account-page section and the personal-data export/erasure (core/sections.py,
        # core/personal_data.py).
        from . import sections  # noqa: F401
