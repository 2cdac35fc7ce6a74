"""/impact/: the dashboard, each chart as an SVG image and as a CSV download."""

from csp.decorators import csp_update
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from core.page_cache import EVENTS, MEMBERS, PRACTICES, REGISTRATIONS, THEMES
from core.page_cache.pages import cached_page
from core.spreadsheets import csv_response

from .charts import Chart, render_svg
from .contexts import Links, build_charts, dashboard_context
from .rollup import ImpactFilters, compute_rollup

# Attendance is marked, events end and transfer projects move on without a page being published, so
# the dashboard is kept for the short time (PAGE_CACHE_SHORT_MAX_AGE) as well as purged by these tags.
SHOWS = (PRACTICES, EVENTS, REGISTRATIONS, MEMBERS, THEMES)


@cached_page(*SHOWS, time_sensitive=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = ImpactFilters.from_query(request.GET)
    context = dashboard_context(compute_rollup(filters), filters)
    return TemplateResponse(request, "impact/dashboard.html", context)


def find_chart(request: HttpRequest, slug: str) -> Chart:
    filters = ImpactFilters.from_query(request.GET)
    for chart in build_charts(compute_rollup(filters), Links(filters), filters):
        if chart.slug == slug:
            return chart
    raise Http404("No such chart")


# The SVG is an image document with its own <style> element (no script: see impact/charts.py).
@csp_update({"style-src": ["'unsafe-inline'"]})
@cached_page(*SHOWS, time_sensitive=True)
def chart_svg(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse(render_svg(find_chart(request, slug)), content_type="image/svg+xml; charset=utf-8")


@cached_page(*SHOWS, time_sensitive=True)
def chart_csv(request: HttpRequest, slug: str) -> HttpResponse:
    chart = find_chart(request, slug)
    return csv_response(f"impact-{chart.slug}.csv", chart.csv_rows())
