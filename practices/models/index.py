"""The practice index at /practices/ and one folder per member beneath it."""

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.page_cache import MEMBERS, PRACTICES, THEMES
from core.page_cache.pages import CachedPage
from core.page_cache.routing import RoutedByMemory
from members.folders import MemberFolderPage, folder_member_field


class PracticeIndexPage(CachedPage, RoutablePageMixin, RoutedByMemory, Page):
    """/practices/: every published practice with filters, and /practices/success-stories/."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = ["practices.PracticeFolderPage"]
    page_cache_tags = (PRACTICES, MEMBERS, THEMES)
    page_cache_kind = PRACTICES

    class Meta:
        verbose_name = _("practice index page")

    # Routes build their context with a function of practices/contexts.py and render it with the page's
    # template. That module queries these models, so it is imported when a route is served, not here.

    @path("")
    def listing_view(self, request: HttpRequest) -> HttpResponse:
        from practices.contexts import listing_context

        return self.render(request, context_overrides=listing_context(request, self))

    @path("success-stories/")
    def success_stories_view(self, request: HttpRequest) -> HttpResponse:
        from practices.contexts import listing_context

        return self.render(request, context_overrides=listing_context(request, self, success_stories=True))


class PracticeFolderPage(MemberFolderPage):
    """A member's practices: its editors may add practices here only."""

    member = folder_member_field(related_name="practice_folders")

    page_cache_kind = PRACTICES  # moving a folder moves its practices
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = ["practices.PracticePage"]

    class Meta:
        verbose_name = _("member's practice folder")
