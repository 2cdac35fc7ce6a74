from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisseminationConfig(AppConfig):
    """What leaves the site for others to reuse: the public API, feeds, sitemap and open data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dissemination"
    verbose_name = _("Dissemination")

    def ready(self) -> None:
        from . import signals

        signals.connect()
