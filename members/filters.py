"""The member directory's filters (a django-filter FilterSet), read from the query string so a filtered
list is a shareable URL. Each choice shows how many active members it would leave."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.models import MemberKind, Theme

from .models import Member, MemberQuerySet


class CountedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.member_count})"


class CountedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CountedChoiceField


class DirectoryFilterForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)

    @property
    def is_filtering(self) -> bool:
        cleaned = getattr(self, "cleaned_data", {})
        return any(cleaned.get(name) for name in self.fields)


class MemberDirectoryFilter(django_filters.FilterSet):
    """Narrows active members by every valid filter; an invalid one shows its error instead."""

    q = django_filters.CharFilter(
        label=_("Name, city or words in the description"), max_length=100, method="filter_words"
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), empty_label=_("Any country"), method="filter_country"
    )
    kind = CountedModelChoiceFilter(
        label=_("Kind of organisation"),
        queryset=MemberKind.objects.none(),
        to_field_name="slug",
        empty_label=_("Any kind"),
        method="filter_kind",
    )
    theme = CountedModelChoiceFilter(
        label=_("Expertise theme"),
        queryset=Theme.objects.none(),
        to_field_name="slug",
        empty_label=_("Any theme"),
        method="filter_theme",
    )
    assistance = django_filters.BooleanFilter(
        label=_("Offers technical assistance"), widget=forms.CheckboxInput, method="filter_assistance"
    )

    class Meta:
        model = Member
        fields: list[str] = []
        form = DirectoryFilterForm

    def __init__(self, data: Any = None, *, queryset: MemberQuerySet) -> None:
        super().__init__(data, queryset=queryset)
        member_ids = queryset.values("pk")
        country_rows = queryset.order_by().values("country").annotate(member_count=Count("pk"))
        self.filters["country"].extra["choices"] = sorted(
            (
                (row["country"], f"{countries.name(row['country'])} ({row['member_count']})")
                for row in country_rows
            ),
            key=lambda choice: choice[1],
        )
        self.filters["kind"].queryset = MemberKind.objects.annotate(
            member_count=Count("members", filter=Q(members__in=member_ids))
        )
        self.filters["theme"].queryset = Theme.objects.annotate(
            member_count=Count("expert_members", filter=Q(expert_members__in=member_ids))
        )

    def filter_words(self, members: MemberQuerySet, name: str, value: str) -> MemberQuerySet:
        return members.matching(value)

    def filter_country(self, members: MemberQuerySet, name: str, value: str) -> MemberQuerySet:
        return members.in_country(value)

    def filter_kind(self, members: MemberQuerySet, name: str, value: MemberKind) -> MemberQuerySet:
        return members.of_kind(value.slug)

    def filter_theme(self, members: MemberQuerySet, name: str, value: Theme) -> MemberQuerySet:
        return members.with_expertise(value.slug)

    def filter_assistance(self, members: MemberQuerySet, name: str, value: bool) -> MemberQuerySet:
        return members.offering_assistance() if value else members
