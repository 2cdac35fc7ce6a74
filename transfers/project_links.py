"""The parts of a project page that link to other apps' pages: source practices, the receiving member's
transferred practice, and study visits (events)."""

from typing import Any, cast

from django import forms
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from members.permissions import acts_for

from . import actions
from .models import TransferProject, TransferredPractice


class StudyVisitForm(forms.Form):
    event: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Event"),
        queryset=None,
        empty_label=gettext_lazy("Choose an event"),
        help_text=gettext_lazy("Published events hosted by one of the two members."),
    )

    def __init__(self, *args: Any, project: TransferProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Any], self.fields["event"]).queryset = actions.study_visit_candidates(
            project
        )


class SourcePracticesForm(forms.Form):
    practices: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Practices being transferred"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Published practices of the helping member."),
    )

    def __init__(self, *args: Any, project: TransferProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField[Any], self.fields["practices"])
        field.queryset = actions.source_practice_candidates(project)


class TransferredPracticeForm(forms.Form):
    practice: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Your practice"),
        queryset=None,
        empty_label=gettext_lazy("Choose one of your practices"),
    )

    def __init__(self, *args: Any, project: TransferProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Any], self.fields["practice"]).queryset = actions.own_practice_candidates(
            project
        )


def add_practice_url(project: TransferProject) -> str | None:
    """The Wagtail admin "add a practice" view in the receiving member's folder, if the folder exists."""
    from practices.models import PracticeFolderPage

    folder_id = (
        PracticeFolderPage.in_locale()
        .filter(member=project.receiving_member_id)
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
        "study_visits": list(project.study_visits.filter(live=True).order_by("start", "pk")),
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
