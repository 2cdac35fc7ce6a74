from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core.rate_limits import rate_limit

from . import feeds, views
from .api import api
from .sitemaps import SITEMAPS

limited = rate_limit("public_api", method=["GET", "HEAD"])

discovery = [
    path("feeds/practices.rss", limited(feeds.PracticeFeed()), name="practices_rss"),
    path("feeds/practices.atom", limited(feeds.AtomPracticeFeed()), name="practices_atom"),
    path("feeds/success-stories.rss", limited(feeds.SuccessStoryFeed()), name="success_stories_rss"),
    path("feeds/success-stories.atom", limited(feeds.AtomSuccessStoryFeed()), name="success_stories_atom"),
    path("open-data/", views.open_data_page, name="open_data"),
    path("open-data/<str:filename>", limited(views.open_data_file), name="open_data_file"),
    path("sitemap.xml", limited(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns = [
    path("api/v1/", api.urls),  # namespace "api-v1"
    path("", include((discovery, "dissemination"))),
]
