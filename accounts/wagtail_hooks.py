"""Admin wiring: a "Reset two-factor" button on each person in Wagtail's user listing."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton

from members.permissions import is_network_administrator

from . import admin_views


@hooks.register("register_admin_urls")
def register_two_factor_reset_url():
    return [
        path(
            "accounts/<id:pk>/reset-two-factor/",
            admin_views.reset_two_factor,
            name="accounts_reset_two_factor",
        )
    ]


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if is_network_administrator(request_user):
        yield ListingButton(
            _("Reset two-factor"),
            reverse("accounts_reset_two_factor", args=[user.pk]),
            priority=50,
            icon_name="key",
        )
