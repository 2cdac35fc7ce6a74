from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransfersConfig(AppConfig):
    name = "transfers"
    verbose_name = _("Knowledge transfer")

    def ready(self) -> None:
        # What this app keeps about a person, for the account page's download and deletion.
        from . import personal_data  # noqa: F401

    def load_demo_data(self, stdout: Any) -> list:
        from .demo import load_demo_transfers

        return load_demo_transfers(stdout)
