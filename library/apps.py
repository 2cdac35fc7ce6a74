from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")

    def load_demo_data(self, stdout: Any) -> list:
        from .demo import load_demo_resources

        return load_demo_resources(stdout)
