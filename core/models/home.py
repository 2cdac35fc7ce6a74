"""The home page: the network's front door."""

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from core.blocks import BodyStreamBlock
from core.page_cache import EVENTS, MEMBERS, PRACTICES, REGISTRATIONS, THEMES
from core.page_cache.pages import CachedPage
from core.page_cache.routing import RoutedByMemory
from core.sections import home_page_sections
from core.vocabulary import terms

from .vocabulary import Priority


class HomePage(CachedPage, RoutedByMemory, Page):
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title that say what the network is for."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]

    page_cache_tags = (PRACTICES, EVENTS, REGISTRATIONS, MEMBERS, THEMES)
    page_cache_time_sensitive = True  # upcoming events

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self) -> Page:
        """The home page in the active language (Wagtail routes every request from it): remembered,
        which saves the locale and translation queries of each request."""
        from django.utils.translation import get_language

        from core.page_cache import PAGES
        from core.page_cache.memo import remember

        return remember(
            "localized-home",
            [PAGES],
            lambda: super(HomePage, self).localized.specific,
            self.pk,
            get_language(),
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["priorities"] = terms(Priority)
        context["home_sections"] = home_page_sections.sections()
        return context
