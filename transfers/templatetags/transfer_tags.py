"""Tags other apps' templates use to show the transfer side of a practice page."""

from typing import Any

from django import template
from django.urls import NoReverseMatch

from core.page_cache import MEMBERS, PRACTICES
from core.page_cache.memo import remember
from transfers.interests import interest_panel_context
from transfers.models import TransferredPractice

register = template.Library()


@register.inclusion_tag("transfers/tags/interest_panel.html", takes_context=True)
def transfer_interest_panel(context: template.Context, page) -> dict[str, Any]:
    """How many members want to transfer this practice, and the "I want to transfer this" form."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return interest_panel_context(page, user, request_path=request.get_full_path() if request else "")


@register.inclusion_tag("transfers/tags/transferred_from.html")
def transferred_from(page) -> dict[str, Any]:
    """ "Transferred from <source practice>" for a practice recorded as transferred, else nothing."""
    if page.pk is None:  # the preview of a practice not saved yet
        return {"links": []}

    def compute() -> list[TransferredPractice]:
        return list(
            TransferredPractice.objects.filter(new_practice=page, source_practice__live=True)
            .select_related("source_practice", "project__helping_member")
            .order_by("source_practice__title")
        )

    # Shown on every render of the practice page; a transfer record or a practice change purges it.
    return {"links": remember("transferred-from", [PRACTICES, MEMBERS], compute, page.pk)}


@register.filter
def profile_url(member) -> str:
    """The member's public profile address, or "" while the members app does not serve profiles."""
    try:
        return member.get_absolute_url()
    except NoReverseMatch:
        return ""
