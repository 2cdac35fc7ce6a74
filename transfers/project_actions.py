"""What a participant can post on a transfer project's page: one table from the form's `action` value
to the form that validates the post and the action that does the work. A value not in the table is a
bad request, answered with a message saying so."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.utils.translation import gettext as _

from core.http import AuthenticatedHttpRequest

from . import actions
from .actions import TransferError
from .forms import IndicatorForm, MilestoneDoneForm, MilestoneForm, NoteForm, StageForm
from .models import TransferProject
from .project_links import SourcePracticesForm, StudyVisitForm, TransferredPracticeForm

Data = Mapping[str, Any]


@dataclass(frozen=True)
class ProjectAction:
    """One thing a participant does from the project page."""

    form: Callable[[QueryDict, TransferProject], forms.Form]
    # Does the work and returns the confirmation to show (None: the page itself shows the change).
    run: Callable[[TransferProject, User, Data], str | None]
    # Forms without a panel of their own (the button beside each milestone) report errors as messages.
    errors_as_messages: bool = False


def _advance_stage(project: TransferProject, user: User, data: Data) -> str:
    project = actions.advance_stage(project=project, user=user, to_stage=data["to_stage"])
    return _("The project is now at stage “%(stage)s”.") % {"stage": project.get_stage_display()}


def _add_milestone(project: TransferProject, user: User, data: Data) -> str:
    actions.add_milestone(project=project, user=user, title=data["title"], due_date=data["due_date"])
    return _("Milestone added.")


def _complete_milestone(project: TransferProject, user: User, data: Data) -> None:
    actions.complete_milestone(milestone=data["milestone"], user=user)


def _add_note(project: TransferProject, user: User, data: Data) -> str:
    actions.add_note(project=project, user=user, text=data["text"])
    return _("Note added.")


def _record_indicator(project: TransferProject, user: User, data: Data) -> str:
    actions.record_indicator(project=project, user=user, indicator=data["indicator"], value=data["value"])
    return _("Indicator recorded.")


def _add_study_visit(project: TransferProject, user: User, data: Data) -> str:
    actions.add_study_visit(project=project, user=user, event=data["event"])
    return _("Study visit linked.")


def _set_source_practices(project: TransferProject, user: User, data: Data) -> str:
    actions.set_source_practices(project=project, user=user, practices=data["practices"])
    return _("Source practices saved.")


def _link_transferred_practice(project: TransferProject, user: User, data: Data) -> str:
    actions.link_transferred_practice(project=project, user=user, practice=data["practice"])
    return _("Your practice is now shown as transferred from this project.")


PROJECT_ACTIONS: dict[str, ProjectAction] = {
    "stage": ProjectAction(lambda data, project: StageForm(data), _advance_stage),
    "milestone": ProjectAction(lambda data, project: MilestoneForm(data), _add_milestone),
    "milestone_done": ProjectAction(
        lambda data, project: MilestoneDoneForm(data, project=project),
        _complete_milestone,
        errors_as_messages=True,
    ),
    "note": ProjectAction(lambda data, project: NoteForm(data), _add_note),
    "indicator": ProjectAction(lambda data, project: IndicatorForm(data), _record_indicator),
    "study_visit": ProjectAction(
        lambda data, project: StudyVisitForm(data, project=project), _add_study_visit
    ),
    "source_practices": ProjectAction(
        lambda data, project: SourcePracticesForm(data, project=project), _set_source_practices
    ),
    "transferred_practice": ProjectAction(
        lambda data, project: TransferredPracticeForm(data, project=project), _link_transferred_practice
    ),
}

ProjectPageRenderer = Callable[..., HttpResponse]


def handle_project_post(
    request: AuthenticatedHttpRequest, project: TransferProject, render: ProjectPageRenderer
) -> HttpResponse:
    """Validate the posted action and its form, run it, and redirect; re-render the page on errors."""
    name = request.POST.get("action", "")
    action = PROJECT_ACTIONS.get(name)
    if action is None:
        messages.error(
            request,
            _("This page cannot do “%(action)s”. Reload the page and use one of its forms.")
            % {"action": name[:40]},
        )
        return render(request, project, status=400)
    if not actions.is_participant(request.user, project):
        raise PermissionDenied(_("Only the two members of this project can change it."))
    form = action.form(request.POST, project)
    if form.is_valid():
        try:
            confirmation = action.run(project, request.user, form.cleaned_data)
        except TransferError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if confirmation:
                messages.success(request, confirmation)
            return HttpResponseRedirect(project.get_absolute_url())
    if action.errors_as_messages:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
        return HttpResponseRedirect(project.get_absolute_url())
    return render(request, project, bound={name: form})
