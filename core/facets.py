"""Facet counting, one way for every listing and for the database search.

Counts are conventional multi-select facets: the counts shown for one facet are computed over the
objects that match every OTHER active filter, so a visitor sees how many results each alternative
value would give (choosing "Housing" does not make every other theme show 0).
"""

from collections.abc import Callable, Mapping

from django.db.models import Count, QuerySet

# A facet counted over one lookup ("priority__slug"), or over several whose counts add up
# (a member counts for the practices it leads and those it partners in).
FacetLookups = Mapping[str, str | tuple[str, ...]]


def count_facets(matching: Callable[[str], QuerySet], lookups: FacetLookups) -> dict[str, dict[str, int]]:
    """For each facet, {value: number of distinct objects} among `matching(facet)`: the objects that
    match every filter except that facet's own. One aggregate query per lookup."""
    counts: dict[str, dict[str, int]] = {}
    for facet, facet_lookups in lookups.items():
        queryset = matching(facet)
        values: dict[str, int] = {}
        for lookup in (facet_lookups,) if isinstance(facet_lookups, str) else facet_lookups:
            rows = (
                queryset.exclude(**{f"{lookup}__isnull": True})
                .order_by()
                .values(lookup)
                .annotate(count=Count("pk", distinct=True))
            )
            for row in rows:
                value = str(row[lookup])
                if value:
                    values[value] = values.get(value, 0) + row["count"]
        counts[facet] = values
    return counts
