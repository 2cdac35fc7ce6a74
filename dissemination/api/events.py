"""/api/v1/events: published events, filtered like the /events/ listing."""

from django.db.models import Max
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from dissemination.records import event_record, public_events

from . import schemas
from .http import set_last_modified
from .paging import paginate
from .parameters import MAX_PAGE_ID, Common, EventFilters

router = Router(tags=["events"])
ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}


@router.get("/events", response={200: schemas.EventPage, **ERRORS}, url_name="events")
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> dict:
    """Upcoming events (soonest first), past events (latest first) or all, with the listing's filters."""
    events = public_events()
    if filters.when == "upcoming":
        events = events.upcoming()
    elif filters.when == "past":
        events = events.past()
    else:
        events = events.order_by("-start", "-pk")
    events = events.for_filters(**filters.queryset_kwargs())
    set_last_modified(request, events.aggregate(newest=Max("last_published_at"))["newest"])
    return paginate(request, events, filters, event_record)


@router.get("/events/{event_id}", response={200: schemas.Event, **ERRORS}, url_name="event")
def get_event(
    request: HttpRequest, params: Query[Common], event_id: int = Path(..., ge=1, le=MAX_PAGE_ID)
) -> dict:
    """One published event by its stable id."""
    event = public_events().filter(pk=event_id).first()
    if event is None:
        raise Http404
    set_last_modified(request, event.last_published_at)
    return event_record(event, request)
