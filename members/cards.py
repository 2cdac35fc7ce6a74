"""The member card of the directory, remembered by primary key (see core.page_cache.cards)."""

from core.page_cache import MEMBERS, THEMES
from core.page_cache.cards import Cards

from .models import Member

MEMBER_CARDS = Cards(
    name="member",
    template="members/includes/member_card.html",
    variable="member",
    tags=(MEMBERS, THEMES),
    load=lambda pks: Member.objects.filter(pk__in=pks).for_directory(),
)
