"""The practice card, remembered by primary key (see core.page_cache.cards)."""

from core.page_cache import MEMBERS, PRACTICES, THEMES
from core.page_cache.cards import Cards

from .models import PracticePage

PRACTICE_CARDS = Cards(
    name="practice",
    template="practices/includes/practice_card.html",
    variable="practice",
    tags=(PRACTICES, MEMBERS, THEMES),
    load=lambda pks: PracticePage.objects.filter(pk__in=pks).with_version_marks().for_cards(),
)
