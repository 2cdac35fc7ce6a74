from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Network core")

    def ready(self) -> None:
        from core.converters import DatabaseIdConverter

        from .page_cache.signals import connect

        # Here, not in a urls module: Wagtail builds the admin's URL patterns from hooks before ours load.
        register_converter(DatabaseIdConverter, "id")
        connect()
