"""The Wagtail admin's report of index changes the engine refused, and the button to retry them."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from search.actions import max_attempts, retry_set_aside
from search.models import IndexOutbox

permission_policy = ModelPermissionPolicy(IndexOutbox)


def _state(row: IndexOutbox) -> str:
    if row.set_aside_at:
        return str(_("Set aside"))
    return str(_("Retried automatically"))


class IndexProblemsReport(ReportView):
    """Every change the engine could not apply yet, newest set-aside first, with its error."""

    page_title = _("Search index problems")
    header_icon = "warning"
    template_name = "search/admin/index_problems.html"
    index_url_name = "search_admin:index_problems"
    index_results_url_name = "search_admin:index_problems_results"
    permission_policy = permission_policy
    any_permission_required = ["view"]
    model = IndexOutbox
    columns = [
        Column("object", label=_("Object"), accessor=lambda row: f"{row.object_type} {row.object_id}"),
        Column("action", label=_("Change"), accessor="get_action_display"),
        Column("attempts", label=_("Attempts")),
        Column("state", label=_("State"), accessor=_state),
        DateColumn("next_attempt_at", label=_("Next attempt")),
        Column("last_error", label=_("Last error")),
        DateColumn("created_at", label=_("Queued")),
    ]
    list_export = ["object_type", "object_id", "action", "attempts", "set_aside_at", "last_error"]

    def get_queryset(self) -> Any:
        return IndexOutbox.objects.failing()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["set_aside_count"] = IndexOutbox.objects.set_aside().count()
        context["max_attempts"] = max_attempts()
        context["can_retry"] = permission_policy.user_has_permission(self.request.user, "change")
        return context


@require_POST
def retry(request: HttpRequest) -> HttpResponse:
    if not permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    count = retry_set_aside()
    messages.success(
        request,
        ngettext(
            "%(count)d set-aside change was queued again.",
            "%(count)d set-aside changes were queued again.",
            count,
        )
        % {"count": count},
    )
    return redirect("search_admin:index_problems")
