"""Admin wiring: organiser tools' URLs, a menu item, and buttons on event pages."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from members.permissions import may_manage_registrations

from . import admin_decisions, admin_reports, admin_views
from .models import EventPage

admin_urlpatterns = [
    path("", admin_views.event_list, name="event_list"),
    path("reports/", admin_reports.organiser_report, name="organiser_report"),
    path("<id:page_id>/follow-up/", admin_reports.follow_up, name="follow_up"),
    path("<id:page_id>/report/", admin_reports.report, name="report"),
    path("<id:page_id>/", admin_views.registrations, name="registrations"),
    path("<id:page_id>/export.csv", admin_views.export_csv, name="export_csv"),
    path("<id:page_id>/message/", admin_views.message, name="message"),
    path("<id:page_id>/invite/", admin_decisions.invite, name="invite"),
    path("<id:page_id>/approve/<id:registration_id>/", admin_decisions.approve, name="approve"),
    path("<id:page_id>/refuse/<id:registration_id>/", admin_decisions.refuse, name="refuse"),
]


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path("event-registrations/", include((admin_urlpatterns, "events_admin"), namespace="events_admin"))
    ]


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return MenuItem(_("Event registrations"), reverse("events_admin:event_list"), icon_name="date", order=260)


def _registrations_button(page, user, priority):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if isinstance(specific, EventPage) and may_manage_registrations(user, specific.host_member_id):
        yield Button(
            _("Registrations"),
            reverse("events_admin:registrations", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_registrations_button(page, user, next_url=None):
    yield from _registrations_button(page, user, priority=45)


@hooks.register("register_page_header_buttons")
def page_header_registrations_button(page, user, view_name, next_url=None):
    yield from _registrations_button(page, user, priority=45)
