"""The event index at /events/ and one folder per member beneath it."""

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.page_cache import EVENTS, MEMBERS, REGISTRATIONS, THEMES
from core.page_cache.pages import CachedPage
from core.page_cache.routing import RoutedByMemory
from members.folders import MemberFolderPage, folder_member_field


class EventIndexPage(CachedPage, RoutablePageMixin, RoutedByMemory, Page):
    """/events/: upcoming events with filters, a month calendar and the archive of past events."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    max_count = 1
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventFolderPage"]
    page_cache_tags = (EVENTS, REGISTRATIONS, MEMBERS, THEMES)
    page_cache_kind = EVENTS
    page_cache_time_sensitive = True  # "upcoming" moves on by itself

    class Meta:
        verbose_name = _("event index page")

    # Routes build their context with a function of events/contexts.py and render it with a template of
    # the page. That module queries these models, so it is imported when a route is served, not here.

    @path("")
    def upcoming_view(self, request: HttpRequest) -> HttpResponse:
        from events.contexts import listing_context

        return self.render(request, context_overrides=listing_context(request, self, past=False))

    @path("past/")
    def past_view(self, request: HttpRequest) -> HttpResponse:
        from events.contexts import listing_context

        return self.render(request, context_overrides=listing_context(request, self, past=True))

    @path("calendar/")
    def calendar_view(self, request: HttpRequest) -> HttpResponse:
        from events.contexts import calendar_context

        context = calendar_context(request, self)
        response = self.render(request, context_overrides=context, template="events/event_calendar.html")
        if context["invalid_month"]:
            response.status_code = 400
        return response


class EventFolderPage(MemberFolderPage):
    """A member's events: its editors may add events here only."""

    member = folder_member_field(related_name="event_folders")

    page_cache_kind = EVENTS  # moving a folder moves its events
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("member's event folder")
