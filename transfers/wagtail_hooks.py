"""Administrators read requests, projects and interests in the Wagtail admin; members work on the site."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AssistanceRequest, TransferInterest, TransferProject


class ReadMostlyPermissionPolicy(ModelPermissionPolicy):
    """Records are created by members through the site's actions, never from the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


for model in (AssistanceRequest, TransferProject, TransferInterest):
    register_permission_policy(model, ReadMostlyPermissionPolicy(model))


class ReadMostlyViewSet(SnippetViewSet):
    inspect_view_enabled = True


class AssistanceRequestViewSet(ReadMostlyViewSet):
    model = AssistanceRequest
    icon = "help"
    list_display = ["title", "requesting_member", "priority", "status", "created_at"]
    list_filter = ["status", "priority", "mode"]
    search_fields = ["title", "description"]


class TransferProjectViewSet(ReadMostlyViewSet):
    model = TransferProject
    icon = "link"
    list_display = ["title", "helping_member", "receiving_member", "stage", "started_at"]
    list_filter = ["stage"]
    search_fields = ["title"]


class TransferInterestViewSet(ReadMostlyViewSet):
    model = TransferInterest
    icon = "pick"
    list_display = ["practice", "member", "created_at"]
    search_fields = ["message"]


class TransfersViewSetGroup(SnippetViewSetGroup):
    items = (AssistanceRequestViewSet, TransferProjectViewSet, TransferInterestViewSet)
    menu_icon = "link"
    menu_label = _("Knowledge transfer")
    menu_name = "knowledge-transfer"


register_snippet(TransfersViewSetGroup)
