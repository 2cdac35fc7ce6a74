"""`{% active_filter_count "page sort" as count %}`: how many filters the query string applies."""

from django import template
from django.http import HttpRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def active_filter_count(context: template.Context, ignored: str = "page") -> int:
    """Each non-empty value counts once (a repeated facet counts per value); `ignored` names the
    space-separated parameters that are not filters (page, sort order, the search words)."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return 0
    skip = set(ignored.split())
    return sum(
        1 for name, values in request.GET.lists() if name not in skip for value in values if value.strip()
    )
