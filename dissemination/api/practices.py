"""/api/v1/practices: published practices, filtered like the /practices/ listing."""

from django.db.models import Max
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from dissemination.records import practice_record, public_practices
from practices.listing import SORTS

from . import schemas
from .http import set_last_modified
from .paging import paginate
from .parameters import MAX_PAGE_ID, Common, PracticeFilters

router = Router(tags=["practices"])
ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}


@router.get("/practices", response={200: schemas.PracticePage, **ERRORS}, url_name="practices")
def list_practices(request: HttpRequest, filters: Query[PracticeFilters]) -> dict:
    """Published practices, newest first (or by title), with the filters of the practice listing."""
    practices = public_practices().for_filters(**filters.queryset_kwargs())
    set_last_modified(request, practices.aggregate(newest=Max("last_published_at"))["newest"])
    return paginate(request, practices.order_by(*SORTS[filters.sort]), filters, practice_record)


@router.get("/practices/{practice_id}", response={200: schemas.Practice, **ERRORS}, url_name="practice")
def get_practice(
    request: HttpRequest, params: Query[Common], practice_id: int = Path(..., ge=1, le=MAX_PAGE_ID)
) -> dict:
    """One published practice by its stable id."""
    practice = public_practices().filter(pk=practice_id).first()
    if practice is None:
        raise Http404
    set_last_modified(request, practice.last_published_at)
    return practice_record(practice, request)
