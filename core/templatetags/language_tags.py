"""The language switcher, the `hreflang` alternates of every public page (core.interface_languages), and
the `lang` of texts written in another language than the interface (core.text_language)."""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from core.interface_languages import language_versions
from core.text_language import text_language_attributes, version_mark

register = template.Library()


@register.inclusion_tag("tags/language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    if request is None:
        return {"versions": []}
    user = getattr(request, "user", None)
    return {
        "versions": language_versions(request, context.get("page")),
        "signed_in": bool(user is not None and user.is_authenticated),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def hreflang_links(context: template.Context) -> SafeString:
    request = context.get("request")
    if request is None:
        return SafeString("")
    versions = language_versions(request, context.get("page"))
    links = [(version.code, request.build_absolute_uri(version.url)) for version in versions]
    default = next((url for code, url in links if code == "en"), None)
    if default is not None:
        links.append(("x-default", default))
    return (
        format_html_join("\n    ", '<link rel="alternate" hreflang="{}" href="{}">', links)
        if links
        else format_html("")
    )


@register.simple_tag
def text_lang(code: str | None) -> SafeString:
    """`lang` (and `dir`) for a member's text in `code`, when it is not the interface language."""
    return text_language_attributes(code)


@register.simple_tag(name="version_mark")
def version_mark_tag(page: object) -> SafeString:
    """ "Translation" or "Original in <language>" on a card (core.text_language.version_mark)."""
    return version_mark(page)
