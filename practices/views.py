"""Public views: the priority pages. The practice listing is a route of PracticeIndexPage (contexts.py)."""

from typing import Any

from django.db.models import Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from core.models import Priority
from core.page_cache import EVENTS, MEMBERS, PRACTICES, THEMES
from core.page_cache.memo import remember_shown
from core.page_cache.pages import cached_page
from core.sections import priority_page_sections
from members.models import Member

from .call_text import parse_call_text
from .models import PracticeIndexPage, PracticePage, PracticeTheme


def practices_and_helpers(priority: Priority) -> dict[str, Any]:
    """The priority's latest practices and their count, and the members offering assistance on the
    themes of its practices."""
    practices = PracticePage.objects.live_public().one_version_each().filter(priority=priority)
    theme_ids = PracticeTheme.objects.filter(content_object_id__in=practices.values("pk")).values("tag_id")
    helpers = (
        Member.objects.offering_assistance()
        .filter(
            pk__in=Subquery(
                Member.assistance_themes.through.objects.filter(theme_id__in=theme_ids).values("member_id")
            )
        )
        .select_related("kind")
        .order_by("name")
    )
    return {
        "practices": list(practices.order_by("-first_published_at", "-pk").values_list("pk", flat=True)[:6]),
        "practice_count": practices.count(),
        "helpers": list(helpers[:12]),
    }


@cached_page(PRACTICES, EVENTS, MEMBERS, THEMES, time_sensitive=True)
def priority_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """/priorities/<slug>/: the priority in plain words, its practices, events and who can help."""
    priority = get_object_or_404(Priority, slug=slug)
    index = PracticeIndexPage.objects.live().first()
    listing_url = f"{index.url if index else '/practices/'}?{urlencode({'priority': priority.slug})}"
    # What the page shows of other pages is the same for every reader of a language.
    shown = remember_shown(
        "priority-practices",
        [PRACTICES, MEMBERS, THEMES],
        lambda: practices_and_helpers(priority),
        priority.pk,
    )
    context: dict[str, Any] = {
        "priority": priority,
        "call_sections": parse_call_text(priority.call_text),
        **shown,
        "listing_url": listing_url,
        "sections": priority_page_sections.sections(priority),
    }
    return TemplateResponse(request, "practices/priority_page.html", context)
