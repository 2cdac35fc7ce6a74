"""`{% csrf_field %}`: a form's CSRF token that never ends up in a page cached for everyone."""

from django import template
from django.http import HttpRequest
from django.middleware.csrf import get_token
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
