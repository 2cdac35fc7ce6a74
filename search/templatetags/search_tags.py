"""`{% more_like_this page %}`: related practices on a practice page."""

from typing import Any

from django import template

from search.services import related_practices
from search.vocabulary import label_of

register = template.Library()


@register.inclusion_tag("search/includes/more_like_this.html")
def more_like_this(page: Any, limit: int = 4) -> dict[str, Any]:
    from core.models import Priority
    from core.vocabulary import terms

    results = related_practices(page, limit)
    priorities = {p.slug: str(p) for p in terms(Priority)}
    return {
        "related": [
            {
                "result": result,
                "priority_label": label_of({"priority": priorities}, "priority", result.priority),
            }
            for result in results
        ]
    }
