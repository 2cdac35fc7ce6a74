"""`{% csrf_field %}`: a form's CSRF token that never ends up in a page cached for everyone;
`{% fragment %}` and `{% cards %}`: markup every visitor shares, remembered until what it shows changes."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.base import FilterExpression, Parser, Token
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def csrf_field(context: template.Context) -> SafeString:
    """In a page the cache will keep, an empty field that static/js/csrf-field.js fills from the uncached
    /csrf-token/ endpoint; anywhere else, the visitor's token as `{% csrf_token %}` renders it."""
    request: HttpRequest = context["request"]
    if getattr(request, "page_cache_eligible", False) and getattr(request, "page_cache_tags", None):
        return mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="" data-csrf-field>')
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))


@register.simple_tag(takes_context=True)
def cards(context: template.Context, name: str, pks: Iterable[int], **options: Any) -> SafeString:
    """`{% cards "practice" practice_pks level=4 %}`: the remembered card of each primary key, as
    core.page_cache.cards renders it."""
    from core.page_cache.cards import cards_named

    # Each card is its template's own rendering, escaped there.
    return mark_safe("".join(cards_named(name).render(context["request"], pks, **options)))


class FragmentNode(template.Node):
    def __init__(
        self, nodelist: template.NodeList, name: str, tags: list[str], vary: FilterExpression | None
    ):
        self.nodelist, self.name, self.tags, self.vary = nodelist, name, tags, vary

    def render(self, context: template.Context) -> str:
        from django.utils.translation import get_language

        from core.page_cache.memo import remember

        if getattr(context.get("request"), "is_preview", False):
            return self.nodelist.render(context)  # an editor's unsaved page: never shared, never kept
        vary = self.vary.resolve(context) if self.vary is not None else ""
        html = remember(
            f"fragment:{self.name}",
            self.tags,
            lambda: str(self.nodelist.render(context)),
            get_language(),
            vary,
        )
        return mark_safe(html)  # the fragment's own rendering, escaped by its template


@register.tag("fragment")
def fragment(parser: Parser, token: Token) -> FragmentNode:
    """`{% fragment "footer" "settings" "pages" vary=value %}...{% endfragment %}`: the block's HTML,
    rendered once per language (and `vary`) and reused by every page until one of the page-cache tags
    it names is purged. Only for markup that is the same for every visitor: nothing per person, no form
    token, no current path unless it is part of `vary`."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name and the tags of what it shows.")
    vary = None
    if bits[-1].startswith("vary="):
        vary = parser.compile_filter(bits.pop()[len("vary=") :])
    name, *tags = (bit.strip("\"'") for bit in bits)
    from core.page_cache.tags import ALL_TAGS

    unknown = set(tags) - set(ALL_TAGS)
    if not tags or unknown:
        raise template.TemplateSyntaxError(
            f"{{% fragment %}} needs known page-cache tags, not {sorted(unknown)}."
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, tags, vary)
