"""The event card, remembered by primary key (see core.page_cache.cards)."""

from core.page_cache import EVENTS, MEMBERS, THEMES
from core.page_cache.cards import Cards

from .models import EventPage

EVENT_CARDS = Cards(
    name="event",
    template="events/includes/event_card.html",
    variable="event",
    tags=(EVENTS, MEMBERS, THEMES),
    load=lambda pks: EventPage.objects.filter(pk__in=pks).with_version_marks().for_listing(),
)
