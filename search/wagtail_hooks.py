"""Admin wiring: the report of index changes the search engine refused, under Reports."""

from django.urls import URLResolver, include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from search import admin_views

admin_urlpatterns = [
    path("", admin_views.IndexProblemsReport.as_view(), name="index_problems"),
    path(
        "results/",
        admin_views.IndexProblemsReport.as_view(results_only=True),
        name="index_problems_results",
    ),
    path("retry/", admin_views.retry, name="retry"),
]


@hooks.register("register_admin_urls")
def register_search_admin_urls() -> list[URLResolver]:
    return [path("search-index/", include((admin_urlpatterns, "search_admin"), namespace="search_admin"))]


@hooks.register("register_reports_menu_item")
def register_index_problems_report() -> AdminOnlyMenuItem:
    return AdminOnlyMenuItem(
        _("Search index problems"), reverse("search_admin:index_problems"), icon_name="warning", order=900
    )
