"""`{% eu_emblem %}` (the inline EU flag with its accessible name) and `{% funding_statement %}`."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.models import NetworkSettings
from notices.emblem import HEIGHT, WIDTH, emblem_svg_body

register = template.Library()

DEFAULT_FUNDING_STATEMENT = NetworkSettings._meta.get_field("funding_statement").get_default()


@register.simple_tag
def eu_emblem(height: int = 40) -> SafeString:
    width = round(height * WIDTH / HEIGHT)
    return format_html(
        '<svg class="eu-emblem" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-label="{}" focusable="false">{}</svg>',
        f"{WIDTH:g}",
        f"{HEIGHT:g}",
        width,
        height,
        gettext("Flag of the European Union"),
        mark_safe(emblem_svg_body()),  # numbers computed in notices/emblem.py, no input
    )


@register.simple_tag(takes_context=True)
def funding_statement(context: template.Context) -> str:
    """The administrators' funding statement; while it is still the default, its translation."""
    text = NetworkSettings.load(request_or_site=context.get("request")).funding_statement
    if text == DEFAULT_FUNDING_STATEMENT:
        return gettext(
            "Co-funded by the European Union's Asylum, Migration and Integration Fund (AMIF). "
            "Views and opinions expressed are those of the network's members only."
        )
    return text
