"""The parts of a project page that link to other apps' pages: source practices, the receiving member's
transferred practice, and study visits (events)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import AccessibleErrorsMixin

from . import actions
from .actions import TransferError
from .models import TransferProject, TransferredPractice
from .permissions import acts_for


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


class SourcePracticesForm(AccessibleErrorsMixin, forms.Form):
    practices = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Practices being transferred"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Published practices of the helping member."),
    )

    def __init__(self, *args, project: TransferProject, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = actions.source_practice_candidates(project)


class TransferredPracticeForm(AccessibleErrorsMixin, forms.Form):
    practice = forms.ModelChoiceField(
        label=gettext_lazy("Your practice"),
        queryset=None,
        empty_label=gettext_lazy("Choose one of your practices"),
    )

    def __init__(self, *args, project: TransferProject, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = actions.own_practice_candidates(project)


LINK_FORMS = {
    "study_visit": StudyVisitForm,
    "source_practices": SourcePracticesForm,
    "transferred_practice": TransferredPracticeForm,
}
LINK_ACTIONS = set(LINK_FORMS)


def add_practice_url(project: TransferProject) -> str | None:
    """The Wagtail admin "add a practice" view in the receiving member's folder, if the folder exists."""
    from practices.models import PracticeFolderPage

    folder_id = (
        PracticeFolderPage.objects.filter(member=project.receiving_member_id)
        .values_list("pk", flat=True)
        .first()
    )
    if folder_id is None:
        return None
    return reverse("wagtailadmin_pages:add", args=("practices", "practicepage", folder_id))


def project_links_context(
    request: HttpRequest, project: TransferProject, bound: dict[str, Any], is_participant: bool
) -> dict[str, Any]:
    sources = list(project.source_practices.select_related("lead_member").order_by("title", "pk"))
    context: dict[str, Any] = {
        "study_visits": list(project.study_visits.live().order_by("start", "pk")),
        "source_practices": sources,
        "transferred_practices": list(
            TransferredPractice.objects.filter(project=project)
            .select_related("new_practice", "source_practice")
            .order_by("new_practice__title", "pk")
        ),
    }
    if is_participant:
        context["study_visit_form"] = bound.get("study_visit") or StudyVisitForm(project=project)
        context["source_practices_form"] = bound.get("source_practices") or SourcePracticesForm(
            project=project, initial={"practices": sources}
        )
    receiving = acts_for(request.user, project.receiving_member_id)
    if receiving and project.is_completed:
        context["add_practice_url"] = add_practice_url(project)
        context["transferred_practice_form"] = bound.get("transferred_practice") or TransferredPracticeForm(
            project=project
        )
    return context


def handle_link_action(
    request: HttpRequest, project: TransferProject, action: str, render: Callable[..., HttpResponse]
) -> HttpResponse:
    form = LINK_FORMS[action](request.POST, project=project)
    if form.is_valid():
        try:
            if action == "study_visit":
                actions.add_study_visit(project=project, user=request.user, event=form.cleaned_data["event"])
                messages.success(request, _("Study visit linked."))
            elif action == "source_practices":
                actions.set_source_practices(
                    project=project, user=request.user, practices=form.cleaned_data["practices"]
                )
                messages.success(request, _("Source practices saved."))
            else:
                actions.link_transferred_practice(
                    project=project, user=request.user, practice=form.cleaned_data["practice"]
                )
                messages.success(request, _("Your practice is now shown as transferred from this project."))
        except TransferError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return HttpResponseRedirect(project.get_absolute_url())
    return render(request, project, bound={action: form})
