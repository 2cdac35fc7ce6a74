"""The parts of a project page that link to other apps' pages: study visits (events)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import actions
from .actions import TransferError
from .forms import AccessibleErrorsMixin
from .models import TransferProject


class StudyVisitForm(AccessibleErrorsMixin, forms.Form):
    event = forms.ModelChoiceField(
        label=gettext_lazy("Event"),
        queryset=None,
        empty_label=gettext_lazy("Choose an event"),
        help_text=gettext_lazy("Published events hosted by one of the two members."),
    )

    def __init__(self, *args, project: TransferProject, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = actions.study_visit_candidates(project)


LINK_ACTIONS = {"study_visit"}


def project_links_context(
    project: TransferProject, bound: dict[str, Any], is_participant: bool
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "study_visits": list(project.study_visits.live().order_by("start", "pk")),
    }
    if is_participant:
        context["study_visit_form"] = bound.get("study_visit") or StudyVisitForm(project=project)
    return context


def handle_link_action(
    request: HttpRequest, project: TransferProject, action: str, render: Callable[..., HttpResponse]
) -> HttpResponse:
    form = StudyVisitForm(request.POST, project=project)
    if form.is_valid():
        try:
            actions.add_study_visit(project=project, user=request.user, event=form.cleaned_data["event"])
        except TransferError as error:
            form.add_error("event", error.message)
        else:
            messages.success(request, _("Study visit linked."))
            return HttpResponseRedirect(project.get_absolute_url())
    return render(request, project, bound={action: form})
