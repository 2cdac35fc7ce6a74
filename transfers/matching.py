"""Which members are best placed to help with an assistance request, and why.

Everything is computed from a handful of aggregate queries (one per kind of evidence), so the cost does
not grow with the number of members or practices that match.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.languages import WORKING_LANGUAGE_NAMES
from core.models import TargetGroup, Theme
from members.models import Member

from .models import AssistanceRequest

if TYPE_CHECKING:
    from practices.models import PracticePage

# Offering assistance on a requested theme is the strongest signal; a practice on the theme shows
# the member has done it; the rest breaks ties between otherwise similar members.
ASSISTANCE_THEME_WEIGHT = 10
PRACTICE_ON_THEME_WEIGHT = 4
EXPERTISE_THEME_WEIGHT = 3
LANGUAGE_WEIGHT = 3
TARGET_GROUP_WEIGHT = 2
PRACTICE_ON_PRIORITY_WEIGHT = 1
# A member with forty practices is not ten times better placed than one with four.
PRACTICE_COUNT_CAP = 5
DEFAULT_LIMIT = 10


@dataclass
class Match:
    member: Member
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def practice_model() -> "type[PracticePage] | None":
    """PracticePage, if the practices app defines it (matching still works from member data without)."""
    try:
        model: type[PracticePage] = apps.get_model("practices", "PracticePage")
        return model
    except LookupError:
        return None


def join_words(words: Iterable[str]) -> str:
    """“a”, “a and b”, “a, b and c”."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return _("%(head)s and %(last)s") % {"head": ", ".join(words[:-1]), "last": words[-1]}


def lower_first(label: str) -> str:
    """Lower-case a label's first letter for use inside a sentence, unless it starts an acronym."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


@dataclass
class _Evidence:
    assistance_themes: set[int] = field(default_factory=set)
    expertise_themes: set[int] = field(default_factory=set)
    practices_on_themes: set[str] = field(default_factory=set)
    practice_themes: set[int] = field(default_factory=set)
    practices_on_priority: int = 0
    target_groups: set[int] = field(default_factory=set)


def _member_theme_pairs(through, theme_ids: set[int], requester_id: int, **member_filters):
    return (
        through.objects.filter(
            theme_id__in=theme_ids,
            member__is_active=True,
            **{f"member__{name}": value for name, value in member_filters.items()},
        )
        .exclude(member_id=requester_id)
        .values_list("member_id", "theme_id")
    )


def _collect_practice_evidence(
    evidence: dict[int, _Evidence], request: AssistanceRequest, theme_ids: set[int], group_ids: set[int]
) -> None:
    practice_page = practice_model()
    if practice_page is None:
        return
    live = (
        practice_page.objects.live()
        .filter(lead_member__is_active=True)
        .exclude(lead_member_id=request.requesting_member_id)
    )
    theme_through = practice_page.themes.through
    # A practice and its translations share a translation_key: count the practice once.
    theme_rows = theme_through.objects.filter(tag_id__in=theme_ids, content_object__in=live).values_list(
        "content_object__lead_member_id", "content_object__translation_key", "tag_id"
    )
    for member_id, translation_key, theme_id in theme_rows:
        evidence[member_id].practices_on_themes.add(str(translation_key))
        evidence[member_id].practice_themes.add(theme_id)

    priority_rows = (
        live.filter(priority_id=request.priority_id)
        .values("lead_member_id")
        .annotate(practices=models.Count("translation_key", distinct=True))
        .values_list("lead_member_id", "practices")
    )
    for member_id, count in priority_rows:
        evidence[member_id].practices_on_priority = count

    if group_ids:
        groups_field = practice_page._meta.get_field("target_groups")
        groups_through = groups_field.remote_field.through
        page_field = groups_field.m2m_field_name()
        group_field = groups_field.m2m_reverse_field_name()
        group_rows = (
            groups_through.objects.filter(**{f"{group_field}_id__in": group_ids, f"{page_field}__in": live})
            .values_list(f"{page_field}__lead_member_id", f"{group_field}_id")
            .distinct()
        )
        for member_id, group_id in group_rows:
            evidence[member_id].target_groups.add(group_id)


def rank_helpers(request: AssistanceRequest, limit: int = DEFAULT_LIMIT) -> list[Match]:
    """The `limit` members best placed to help, best first, each with the reasons in plain sentences."""
    themes = {theme.pk: theme for theme in Theme.objects.filter(assistance_requests=request)}
    groups = {group.pk: group for group in TargetGroup.objects.filter(assistance_requests=request)}
    theme_ids, group_ids = set(themes), set(groups)
    evidence: dict[int, _Evidence] = defaultdict(_Evidence)

    if theme_ids:
        assisting = _member_theme_pairs(
            Member.assistance_themes.through, theme_ids, request.requesting_member_id, offers_assistance=True
        )
        for member_id, theme_id in assisting:
            evidence[member_id].assistance_themes.add(theme_id)
        for member_id, theme_id in _member_theme_pairs(
            Member.expertise_themes.through, theme_ids, request.requesting_member_id
        ):
            evidence[member_id].expertise_themes.add(theme_id)
    _collect_practice_evidence(evidence, request, theme_ids, group_ids)

    if not evidence:
        return []
    candidates = {
        member.pk: member
        for member in Member.objects.active()
        .filter(pk__in=evidence)
        .exclude(pk=request.requesting_member_id)
        .select_related("kind")
    }
    preferred = list(request.preferred_languages)
    matches = [
        _score(member, evidence[member.pk], themes, groups, request, preferred)
        for member in candidates.values()
    ]
    matches.sort(key=lambda match: (-match.score, match.member.name))
    return matches[:limit]


def _theme_names(ids: set[int], themes: dict[int, Theme]) -> str:
    ordered = sorted(ids, key=lambda pk: (themes[pk].position, themes[pk].name))
    return join_words(lower_first(themes[pk].name) for pk in ordered)


def _score(
    member: Member,
    evidence: _Evidence,
    themes: dict[int, Theme],
    groups: dict[int, TargetGroup],
    request: AssistanceRequest,
    preferred: list[str],
) -> Match:
    match = Match(member=member)
    if evidence.assistance_themes:
        match.score += ASSISTANCE_THEME_WEIGHT * len(evidence.assistance_themes)
        match.reasons.append(
            _("Offers assistance on %(themes)s")
            % {"themes": _theme_names(evidence.assistance_themes, themes)}
        )
    if evidence.practices_on_themes:
        count = len(evidence.practices_on_themes)
        match.score += PRACTICE_ON_THEME_WEIGHT * min(count, PRACTICE_COUNT_CAP)
        match.reasons.append(
            ngettext(
                "Leads %(count)d practice on %(themes)s",
                "Leads %(count)d practices on %(themes)s",
                count,
            )
            % {"count": count, "themes": _theme_names(evidence.practice_themes, themes)}
        )
    elif evidence.practices_on_priority:
        count = evidence.practices_on_priority
        match.score += PRACTICE_ON_PRIORITY_WEIGHT * min(count, PRACTICE_COUNT_CAP)
        match.reasons.append(
            ngettext(
                "Leads %(count)d practice under priority %(priority)s",
                "Leads %(count)d practices under priority %(priority)s",
                count,
            )
            % {"count": count, "priority": request.priority.number}
        )
    expertise_only = evidence.expertise_themes - evidence.assistance_themes
    if expertise_only:
        match.score += EXPERTISE_THEME_WEIGHT * len(expertise_only)
        match.reasons.append(
            _("Has expertise in %(themes)s") % {"themes": _theme_names(expertise_only, themes)}
        )
    if evidence.target_groups:
        match.score += TARGET_GROUP_WEIGHT * len(evidence.target_groups)
        names = join_words(
            lower_first(groups[pk].label)
            for pk in sorted(evidence.target_groups, key=lambda pk: (groups[pk].position, groups[pk].label))
        )
        match.reasons.append(_("Works with %(groups)s") % {"groups": names})
    spoken = [code for code in preferred if code in (member.languages or [])]
    if spoken:
        match.score += LANGUAGE_WEIGHT
        match.reasons.append(
            _("Works in %(languages)s")
            % {"languages": join_words(str(WORKING_LANGUAGE_NAMES.get(code, code)) for code in spoken)}
        )
    return match
