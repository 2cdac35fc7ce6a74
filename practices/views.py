"""Public views: the practice listing (served by PracticeIndexPage's routes) and priority pages."""

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from core.models import Priority
from core.sections import priority_page_sections
from members.models import Member

from .call_text import parse_call_text
from .listing import (
    PER_PAGE,
    SORT_LABELS,
    PracticeFilters,
    facet_counts,
    facet_options,
    practice_listing_queryset,
)
from .models import PracticeIndexPage, PracticePage, PracticeTheme


def practice_listing(
    request: HttpRequest, index: PracticeIndexPage, *, success_stories: bool = False
) -> HttpResponse:
    filters = PracticeFilters.from_query(request.GET, success_stories=success_stories)
    base = PracticePage.objects.live_public()
    paginator = Paginator(practice_listing_queryset(base, filters), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    counts = facet_counts(base, filters)
    context = {
        "filters": filters,
        "facets": facet_options(counts, filters),
        "success_story_count": counts["success_stories"]["1"],
        "success_stories_only": success_stories,
        "sort_labels": SORT_LABELS,
        "page_obj": page_obj,
        "practices": page_obj.object_list,
        "page_links": [
            {
                "number": number,
                "query": filters.query_string(page=number) if number != 1 else filters.query_string(),
            }
            for number in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
        ],
        "previous_query": filters.query_string(page=page_obj.previous_page_number())
        if page_obj.has_previous()
        else "",
        "next_query": filters.query_string(page=page_obj.next_page_number()) if page_obj.has_next() else "",
    }
    return index.render(request, context_overrides=context)


def priority_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """/priorities/<slug>/: the priority in plain words, its practices, events and who can help."""
    priority = get_object_or_404(Priority, slug=slug)
    practices = PracticePage.objects.live_public().filter(priority=priority)
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
    index = PracticeIndexPage.objects.live().first()
    listing_url = f"{index.url if index else '/practices/'}?{urlencode({'priority': priority.slug})}"
    context: dict[str, Any] = {
        "priority": priority,
        "call_sections": parse_call_text(priority.call_text),
        "practices": list(practices.for_cards().order_by("-first_published_at", "-pk")[:6]),
        "practice_count": practices.count(),
        "listing_url": listing_url,
        "helpers": list(helpers[:12]),
        "sections": priority_page_sections.sections(priority),
    }
    return TemplateResponse(request, "practices/priority_page.html", context)
