"""/api/v1/resources: the library's published resources, filtered as on /library/ (django-ninja)."""

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from core.links import absolute_url
from dissemination.api import schemas
from dissemination.api.paging import paginate
from dissemination.api.parameters import MAX_PAGE_ID, Common, Paged, Slug, TextLanguage
from dissemination.records import language, member_ref, page_url, term

from .models import ResourcePage, ResourcePageQuerySet

router = Router(tags=["resources"])
ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}


class ResourceFile(Schema):
    title: str
    url: str
    language: schemas.Language


class Resource(Schema):
    id: int = Field(description="Stable identifier; the resource keeps it when its page moves.")
    url: str
    api_url: str
    title: str
    resource_type: schemas.Term
    summary: str
    description: str
    publisher: schemas.MemberRef | None
    priority: schemas.NumberedTerm | None
    themes: list[schemas.Term]
    target_groups: list[schemas.Term]
    files: list[ResourceFile]
    practice_ids: list[int] = Field(description="Published practices the resource came from.")
    event_ids: list[int] = Field(description="Published events the resource came from.")
    first_published_at: str | None


class ResourceList(schemas.Page):
    results: list[Resource]


class ResourceFilters(Paged):
    resource_type: Slug | SkipJsonSchema[None] = Field(None, description="guideline, toolkit, curriculum...")
    priority: Slug | SkipJsonSchema[None] = Field(None)
    theme: Slug | SkipJsonSchema[None] = Field(None)
    target_group: Slug | SkipJsonSchema[None] = Field(None)
    language: TextLanguage | SkipJsonSchema[None] = Field(None, description="Language of a file.")  # type: ignore[valid-type]


def public_resources() -> ResourcePageQuerySet:
    return (
        ResourcePage.objects.live_public()
        .select_related("priority", "publisher")
        .prefetch_related("files__document", "tagged_themes__tag", "target_groups", "practices", "events")
        .order_by("-first_published_at", "-pk")
    )


def resource_record(page: ResourcePage, request: HttpRequest | None = None) -> dict[str, Any]:
    return {
        "id": page.pk,
        "url": page_url(page, request),
        "api_url": absolute_url(reverse("api-v1:resource", kwargs={"resource_id": page.pk})),
        "title": page.title,
        "resource_type": term(page.resource_type, page.get_resource_type_display()),
        "summary": page.summary,
        "description": page.description,
        "publisher": member_ref(page.publisher),
        "priority": {**term(page.priority.slug, page.priority.label), "number": page.priority.number}
        if page.priority
        else None,
        "themes": [term(item.tag.slug, item.tag.name) for item in page.tagged_themes.all()],
        "target_groups": [term(group.slug, group.label) for group in page.target_groups.all()],
        "files": [
            {
                "title": item.document.title,
                "url": absolute_url(item.document.url),
                "language": language(item.language),
            }
            for item in page.files.all()
        ],
        "practice_ids": [practice.pk for practice in page.practices.all() if practice.live],
        "event_ids": [event.pk for event in page.events.all() if event.live],
        "first_published_at": page.first_published_at.isoformat() if page.first_published_at else None,
    }


@router.get("/resources", response={200: ResourceList, **ERRORS}, url_name="resources")
def list_resources(request: HttpRequest, filters: Query[ResourceFilters]) -> dict:
    """Published resources of the library, newest first, filtered as on the site."""
    resources = public_resources().for_filters(
        resource_type=filters.resource_type or "",
        priority=filters.priority or "",
        theme=filters.theme or "",
        target_group=filters.target_group or "",
        language=filters.language or "",
    )
    return paginate(request, resources, filters, resource_record)


@router.get("/resources/{resource_id}", response={200: Resource, **ERRORS}, url_name="resource")
def get_resource(
    request: HttpRequest, params: Query[Common], resource_id: int = Path(..., ge=1, le=MAX_PAGE_ID)
) -> dict:
    """One published resource by its id."""
    page = public_resources().filter(pk=resource_id).first()
    if page is None:
        raise Http404
    return resource_record(page, request)
