from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisseminationConfig(AppConfig):
    """What leaves the site for others to reuse: the public API, feeds, sitemap and open data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dissemination"
    verbose_name = _("Dissemination")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site

        from .links import forget_root_url

        # The canonical host is cached per process; a change of Site must not leave stale URLs.
        post_save.connect(lambda **kwargs: forget_root_url(), sender=Site, weak=False)
        post_delete.connect(lambda **kwargs: forget_root_url(), sender=Site, weak=False)
