"""What a listing page shows, read from its HTML as a visitor sees it (its cards are rendered once and
remembered, so the template context holds their markup, not the objects)."""

import re
from html import unescape

CARD_TITLE = re.compile(r'class="card__title"[^>]*><a [^>]*>(.*?)</a>', re.S)


def card_titles(response) -> list[str]:
    """The titles of the cards on the page, in order."""
    return [unescape(title) for title in CARD_TITLE.findall(response.content.decode())]


def cards(response) -> list[str]:
    """The markup of each card on the page, in order."""
    return re.findall(r'<li class="card .*?</li>', response.content.decode(), re.S)
