"""The language a text is written in, marked where it differs from the interface (WCAG 3.1.2).

A card or result shows interface labels (kicker, badges, themes) beside a member's own words (title,
summary): only the member's words carry `lang`, and `dir` when their direction differs from the page's.
"""

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.languages import LANGUAGE_NAMES

# Django's right-to-left languages, and Pashto, a working language of members that Django lacks.
RIGHT_TO_LEFT = {*settings.LANGUAGES_BIDI, "ps"}


def is_right_to_left(code: str) -> bool:
    return code.split("-")[0].lower() in RIGHT_TO_LEFT


def text_language_attributes(code: str | None) -> SafeString:
    """` lang="it"` (and ` dir="rtl"`/` dir="ltr"`) for a text in `code` shown in the current interface
    language; nothing when the text is in the interface language or its language is unknown."""
    interface = get_language() or settings.LANGUAGE_CODE
    if not code or code.split("-")[0].lower() == interface.split("-")[0].lower():
        return SafeString("")
    if is_right_to_left(code) != is_right_to_left(interface):
        return format_html(' lang="{}" dir="{}"', code, "rtl" if is_right_to_left(code) else "ltr")
    return format_html(' lang="{}"', code)


def version_mark(page: object) -> SafeString:
    """What a card says of the version it shows (core.page_cache.lookups `one_version_each`): "Translation"
    for a translation, "Original in Italian" for an original in another language than the interface;
    nothing for an original in the reader's language."""
    if getattr(page, "is_translation", False):
        return format_html('<span class="badge badge--version">{}</span>', _("Translation"))
    code = getattr(page, "text_language", "")
    interface = get_language() or settings.LANGUAGE_CODE
    if not code or code.split("-")[0].lower() == interface.split("-")[0].lower():
        return SafeString("")
    name = LANGUAGE_NAMES.get(code, code)
    return format_html(
        '<span class="badge badge--version">{}</span>', _("Original in %(language)s") % {"language": name}
    )
