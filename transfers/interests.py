"""The "I want to transfer this" panel and form shown on practice pages."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.page_cache import PRACTICES
from core.page_cache.memo import remember
from members.models import Member
from members.permissions import transfer_member_ids

from .models import TransferInterest


class InterestForm(forms.Form):
    member = forms.ModelChoiceField(label=_("On behalf of"), queryset=Member.objects.none(), empty_label=None)
    message = forms.CharField(
        label=_("Message to the lead member"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what you would like to transfer and when."),
    )

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Member], self.fields["member"]).queryset = members
        only = list(members[:2])
        if len(only) == 1:
            self.fields["member"].initial = only[0]
            self.fields["member"].widget = forms.HiddenInput()


def interest_members(page, user):
    """The user's members that may still express interest in the practice (not the lead, not twice)."""
    return (
        Member.objects.filter(pk__in=transfer_member_ids(user))
        .exclude(pk=page.lead_member_id)
        .exclude(transfer_interests__practice=page)
        .order_by("name")
    )


def interest_panel_context(
    page, user, request_path: str = "", form: InterestForm | None = None
) -> dict[str, Any]:
    # The preview of a practice not saved yet has no interests.
    interests = TransferInterest.objects.filter(practice=page) if page.pk else TransferInterest.objects.none()
    context: dict[str, Any] = {
        "page": page,
        # A TransferInterest save purges the `practices` tag (core/page_cache/signals.py).
        "interest_count": remember("interest-count", [PRACTICES], interests.count, page.pk),
        "login_next": request_path,
        "is_authenticated": bool(user and user.is_authenticated),
        "form": None,
        "own_interests": [],
        "is_lead": False,
    }
    member_ids = transfer_member_ids(user) if user is not None else set()
    if not member_ids:
        return context
    context["is_lead"] = page.lead_member_id in member_ids
    context["own_interests"] = list(interests.filter(member__in=member_ids).select_related("member"))
    if not context["is_lead"]:
        members = interest_members(page, user)
        if form is not None or members.exists():
            context["form"] = form or InterestForm(members=members)
    return context
