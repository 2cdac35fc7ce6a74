from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Network core")

    def ready(self) -> None:
        from core.converters import DatabaseIdConverter

        from .locales import ensure_locales
        from .page_cache.signals import connect

        # Here, not in a urls module: Wagtail builds the admin's URL patterns from hooks before ours load.
        register_converter(DatabaseIdConverter, "id")
        connect()
        post_migrate.connect(ensure_locales, sender=self, dispatch_uid="core.ensure_locales")
