"""Admin views of the core app: the undelivered emails, for the administrators who must act on them."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from core.models import UndeliveredEmail


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
