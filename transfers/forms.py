"""Forms for the transfer pages. They validate input; the rules themselves live in actions.py."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.languages import WORKING_LANGUAGE_CHOICES
from core.models import Indicator, Priority, TargetGroup, Theme
from members.models import Member

from .actions import RequestDetails
from .models import AssistanceRequest, Milestone, TransferProject


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AssistanceRequestForm(forms.Form):
    requesting_member = forms.ModelChoiceField(
        label=_("Requesting member"), queryset=Member.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        help_text=_("What you want to set up, in a few words, e.g. “Foster care for unaccompanied minors”."),
    )
    priority = forms.ModelChoiceField(
        label=_("Priority of the call"), queryset=Priority.objects.all(), empty_label=_("Choose a priority")
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label=_("What you need"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your situation, what you want to achieve and what kind of help would be most useful."),
    )
    timeframe_start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    timeframe_end = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    timeframe_text = forms.CharField(
        label=_("Or describe the timeframe"),
        max_length=255,
        required=False,
        help_text=_("For example: “before the summer of 2026”."),
    )
    preferred_languages = forms.MultipleChoiceField(
        label=_("Preferred working languages"),
        choices=WORKING_LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mode = forms.ChoiceField(
        label=_("How should the assistance happen?"),
        choices=AssistanceRequest.Mode.choices,
        widget=forms.RadioSelect,
        initial=AssistanceRequest.Mode.EITHER,
    )

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Member], self.fields["requesting_member"])
        field.queryset = members
        only = list(members[:2])
        if len(only) == 1:
            field.initial = only[0]
            field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("timeframe_start"), cleaned.get("timeframe_end")
        if start and end and end < start:
            self.add_error("timeframe_end", _("The end of the timeframe is before its start."))
        return cleaned

    def details(self) -> RequestDetails:
        data = self.cleaned_data
        return RequestDetails(
            title=data["title"],
            priority=data["priority"],
            description=data["description"],
            themes=list(data["themes"]),
            target_groups=list(data["target_groups"]),
            timeframe_start=data["timeframe_start"],
            timeframe_end=data["timeframe_end"],
            timeframe_text=data["timeframe_text"],
            preferred_languages=list(data["preferred_languages"]),
            mode=data["mode"],
        )


class InvitationForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Members to invite"), queryset=Member.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    message = forms.CharField(
        label=_("Message to the invited members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say why you think they can help and what you would like to do together."),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField[Member], self.fields["members"]).queryset = candidates


class InvitationResponseForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("Accept: we will help")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the requesting member"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Next stage"), choices=TransferProject.Stage.choices)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=255)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())


class MilestoneDoneForm(forms.Form):
    """The "Mark as done" button beside each open milestone."""

    milestone = forms.ModelChoiceField(
        queryset=Milestone.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the milestone that is done."),
            "invalid_choice": _("This milestone is not part of this project."),
        },
    )

    def __init__(self, *args: Any, project: TransferProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Milestone], self.fields["milestone"]).queryset = project.milestones.all()


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))


class IndicatorForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.all(), empty_label=_("Choose an indicator")
    )
    value = forms.DecimalField(label=_("Value"), min_value=0, max_digits=12, decimal_places=2)
