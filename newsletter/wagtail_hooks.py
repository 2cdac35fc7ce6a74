"""Admin wiring: the digest preview and its menu item (staff and event organisers)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urlpatterns = [
    path("", admin_views.preview, name="preview"),
    path("digest.html", admin_views.preview_html, name="preview_html"),
]


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [
        path("newsletter/", include((admin_urlpatterns, "newsletter_admin"), namespace="newsletter_admin"))
    ]


class PreviewMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_preview(request.user)


@hooks.register("register_admin_menu_item")
def register_newsletter_menu_item():
    return PreviewMenuItem(_("Newsletter"), reverse("newsletter_admin:preview"), icon_name="mail", order=270)
