"""What PracticeIndexPage's routes show. Each function builds a context; the page renders it."""

import hashlib
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from core.page_cache import MEMBERS, PRACTICES, THEMES
from core.page_cache.memo import remember, remembered_page

from .cards import PRACTICE_CARDS
from .listing import (
    PER_PAGE,
    SORT_LABELS,
    PracticeFilters,
    facet_counts,
    facet_options,
    practice_listing_queryset,
)
from .models import PracticeIndexPage, PracticePage, PracticePageQuerySet


def remembered_facets(
    base: PracticePageQuerySet, filters: PracticeFilters
) -> tuple[list[dict[str, Any]], int]:
    """The filter form's options with their counts (a dozen queries), remembered per filter state and
    language until a practice, member or vocabulary term changes."""

    def compute() -> tuple[list[dict[str, Any]], int]:
        counts = facet_counts(base, filters)
        return facet_options(counts, filters), counts["success_stories"]["1"]

    return remember(
        "practice-facets", [PRACTICES, MEMBERS, THEMES], compute, facet_state(filters), get_language()
    )


def facet_state(filters: PracticeFilters) -> str:
    """What the facet counts and the rendered filter options depend on: every filter's value."""
    return hashlib.sha256(repr(filters).encode()).hexdigest()


def listing_context(
    request: HttpRequest, index: PracticeIndexPage, *, success_stories: bool = False
) -> dict[str, Any]:
    """/practices/ (and /practices/success-stories/): a page of practices, with facet counts."""
    filters = PracticeFilters.from_query(request.GET, success_stories=success_stories)
    base = PracticePage.objects.live_public().one_version_each()
    page_obj = remembered_page(
        "practice-listing",
        [PRACTICES, MEMBERS, THEMES],
        lambda: practice_listing_queryset(base, filters).values_list("pk", flat=True),
        request.GET.get("page"),
        PER_PAGE,
        facet_state(filters),
    )
    facets, success_story_count = remembered_facets(base, filters)
    return {
        "filters": filters,
        "facets": facets,
        "facet_state": facet_state(filters),
        "success_story_count": success_story_count,
        "success_stories_only": success_stories,
        "sort_labels": SORT_LABELS,
        "page_obj": page_obj,
        "cards": PRACTICE_CARDS.render(request, page_obj.object_list, level=3),
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
