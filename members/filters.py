"""The member directory's filters, read from the query string so a filtered list is a shareable URL."""

from typing import Any

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.models import MemberKind, Theme

from .models import MemberQuerySet


class CountedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.member_count})"


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, city or words in the description"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = CountedChoiceField(
        label=_("Kind of organisation"),
        queryset=MemberKind.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any kind"),
    )
    theme = CountedChoiceField(
        label=_("Expertise theme"),
        queryset=Theme.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any theme"),
    )
    assistance = forms.BooleanField(label=_("Offers technical assistance"), required=False)

    def __init__(self, data: Any, *, members: MemberQuerySet) -> None:
        super().__init__(data, auto_id="filter-%s")
        member_ids = members.values("pk")
        country_rows = members.order_by().values("country").annotate(member_count=Count("pk"))
        country_choices = sorted(
            (
                (row["country"], f"{countries.name(row['country'])} ({row['member_count']})")
                for row in country_rows
            ),
            key=lambda choice: choice[1],
        )
        self.fields["country"].choices = [("", _("Any country")), *country_choices]
        self.fields["kind"].queryset = MemberKind.objects.annotate(
            member_count=Count("members", filter=Q(members__in=member_ids))
        )
        self.fields["theme"].queryset = Theme.objects.annotate(
            member_count=Count("expert_members", filter=Q(expert_members__in=member_ids))
        )

    @property
    def is_filtering(self) -> bool:
        cleaned = getattr(self, "cleaned_data", {})
        return any(cleaned.get(name) for name in self.fields)

    def filter(self, members: MemberQuerySet) -> MemberQuerySet:
        """`members` narrowed by every filter that is valid; an invalid one shows its error instead."""
        if not self.is_bound:
            return members
        self.is_valid()
        data = self.cleaned_data
        if data.get("q"):
            members = members.matching(data["q"])
        if data.get("country"):
            members = members.in_country(data["country"])
        if data.get("kind"):
            members = members.of_kind(data["kind"].slug)
        if data.get("theme"):
            members = members.with_expertise(data["theme"].slug)
        if data.get("assistance"):
            members = members.offering_assistance()
        return members
