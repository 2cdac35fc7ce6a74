from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .footer import connect

        connect()

    def load_demo_data(self, stdout: Any) -> list:
        from .demo import load_demo_notices

        load_demo_notices(stdout)
        return []
