"""Network-wide settings editable by administrators in the Wagtail admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cog")
class NetworkSettings(BaseGenericSetting):
    contact_email = models.EmailField(_("contact email"), blank=True)
    funding_statement = models.TextField(
        _("funding statement"),
        blank=True,
        default=(
            "Co-funded by the European Union's Asylum, Migration and Integration Fund (AMIF). "
            "Views and opinions expressed are those of the network's members only."
        ),
    )

    panels = [FieldPanel("contact_email"), FieldPanel("funding_statement")]

    class Meta:
        verbose_name = _("network settings")

    @classmethod
    def _get_or_create(cls) -> "NetworkSettings":
        # Every page's footer reads the settings: remembered until a save purges the `settings` tag.
        from core.page_cache import SETTINGS
        from core.page_cache.memo import remember

        return remember("network-settings", [SETTINGS], super()._get_or_create)
