"""/api/v1/priorities, themes, target-groups, indicators, member-kinds, event-types: the controlled
vocabulary whose slugs the other endpoints' filters take. Each term has its English `label` and a
`labels` map with its translations."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from core.links import absolute_url
from core.models import EventType, Indicator, MemberKind, Priority, TargetGroup, Theme
from core.models.vocabulary import VocabularyTerm

from . import schemas
from .parameters import Common

router = Router(tags=["vocabulary"])
ERRORS = {400: schemas.Error, 429: schemas.Error}


@router.get("/priorities", response={200: list[schemas.Priority], **ERRORS}, url_name="priorities")
def list_priorities(request: HttpRequest, params: Query[Common]) -> list[dict]:
    """The five priorities of the AMIF call, with the call's text."""
    return [
        {
            "slug": p.slug,
            "label": p.label,
            "labels": p.labels,
            "number": p.number,
            "url": absolute_url(p.get_absolute_url()),
            "call_text": p.call_text,
        }
        for p in Priority.objects.order_by("number")
    ]


@router.get("/themes", response={200: list[schemas.VocabularyTerm], **ERRORS}, url_name="themes")
def list_themes(request: HttpRequest, params: Query[Common]) -> list[dict]:
    return [term(t) for t in Theme.objects.all()]


@router.get(
    "/target-groups", response={200: list[schemas.VocabularyTerm], **ERRORS}, url_name="target_groups"
)
def list_target_groups(request: HttpRequest, params: Query[Common]) -> list[dict]:
    return [term(g) for g in TargetGroup.objects.all()]


@router.get("/indicators", response={200: list[schemas.Indicator], **ERRORS}, url_name="indicators")
def list_indicators(request: HttpRequest, params: Query[Common]) -> list[dict]:
    """Outcome indicators practices report against, with their unit."""
    return [
        {**term(i), "unit": i.unit, "units": {"en": i.unit, **i.unit_translations}}
        for i in Indicator.objects.all()
    ]


@router.get("/member-kinds", response={200: list[schemas.VocabularyTerm], **ERRORS}, url_name="member_kinds")
def list_member_kinds(request: HttpRequest, params: Query[Common]) -> list[dict]:
    return [term(k) for k in MemberKind.objects.all()]


@router.get("/event-types", response={200: list[schemas.VocabularyTerm], **ERRORS}, url_name="event_types")
def list_event_types(request: HttpRequest, params: Query[Common]) -> list[dict]:
    return [term(t) for t in EventType.objects.all()]


def term(item: VocabularyTerm | Theme) -> dict[str, Any]:
    return {"slug": item.slug, "label": item.english_label, "labels": item.labels}
