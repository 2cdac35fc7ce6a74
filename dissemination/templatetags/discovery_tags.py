"""`{% discovery_meta %}` in the base template's head: OpenGraph tags and the schema.org JSON-LD data
block of the page being shown (a data block, not a script: the CSP need not allow inline scripts)."""

import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from dissemination.structured_data import open_graph

register = template.Library()

# As Django's json_script: characters that could close the element or start markup are escaped.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def discovery_meta(context: template.Context) -> SafeString:
    properties, json_ld = open_graph(
        {str(key): value for key, value in context.flatten().items()}, context.get("request")
    )
    tags = format_html_join("\n", '<meta property="{}" content="{}">', properties.items())
    if json_ld is None:
        return tags
    data = json.dumps(json_ld, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('{}\n<script type="application/ld+json">{}</script>', tags, mark_safe(data))
