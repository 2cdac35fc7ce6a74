"""Admin views of the core app: the undelivered emails, for the administrators who must act on them, the
controlled vocabulary with its translations, and the editor's guide in the help menu."""

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from core import admin_views
from core.models import UndeliveredEmail
from core.vocabulary_admin import VocabularyViewSetGroup


class UndeliveredEmailViewSet(ModelViewSet):
    model = UndeliveredEmail
    icon = "warning"
    menu_label = _("Undelivered emails")
    add_to_reports_menu = True
    list_display = ["subject", "purpose", "recipients", "status", "attempts", "last_error", "next_attempt_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["subject", "recipients"]
    inspect_view_enabled = True
    form_fields = ["status", "next_attempt_at"]  # an administrator can reschedule or give up


@hooks.register("register_admin_viewset")
def register_undelivered_emails() -> UndeliveredEmailViewSet:
    return UndeliveredEmailViewSet("undelivered_emails")


@hooks.register("register_admin_viewset")
def register_vocabulary() -> VocabularyViewSetGroup:
    return VocabularyViewSetGroup()


@hooks.register("register_admin_urls")
def register_editors_guide_url() -> list[URLPattern]:
    return [path("editors-guide/", admin_views.editors_guide, name="editors_guide")]


@hooks.register("register_help_menu_item")
def register_editors_guide_menu_item() -> MenuItem:
    # Named explicitly: a name slugified from the label would be the German one when the menu is first
    # built under German, for the rest of the process.
    return MenuItem(
        _("Editor's guide"), reverse("editors_guide"), name="editors-guide", icon_name="help", order=100
    )


@hooks.register("construct_help_menu")
def replace_wagtails_own_guide(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    # Wagtail's generic guide and release notes are English pages on the internet; ours describes this
    # site's forms, in the editor's language.
    menu_items[:] = [
        item for item in menu_items if item.name != "editor-guide" and not item.name.startswith("whats-new")
    ]
