from django.urls import path

from core.rate_limits import rate_limit

from . import feeds

limited = rate_limit("public_api", method=["GET", "HEAD"])

app_name = "library"

urlpatterns = [
    path("feeds/resources.rss", limited(feeds.ResourceFeed()), name="resources_rss"),
    path("feeds/resources.atom", limited(feeds.AtomResourceFeed()), name="resources_atom"),
]
