"""RSS 2.0 and Atom feeds of the library's new resources, filtered like /library/ (?resource_type=&
priority=&theme=&target_group=&language=)."""

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from core.links import absolute_url
from dissemination.records import page_url

from .api import public_resources
from .contexts import ResourceFilters
from .models import ResourcePage

FEED_SIZE = 50


class ResourceFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    url_name = "library:resources_rss"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        filters = ResourceFilters.from_query(request.GET)
        return {"filters": filters, "query": filters.query_string(), "request": request}

    def title(self, obj: dict[str, Any]) -> str:
        return _("Integration Network: new tools and guidelines")

    def link(self, obj: dict[str, Any]) -> str:
        return absolute_url("/library/" + (f"?{obj['query']}" if obj["query"] else ""))

    def feed_url(self, obj: dict[str, Any]) -> str:
        return absolute_url(reverse(self.url_name) + (f"?{obj['query']}" if obj["query"] else ""))

    def description(self, obj: dict[str, Any]) -> str:
        return _(
            "Guidelines, toolkits, curricula, evaluations, campaign materials and research of the network."
        )

    def items(self, obj: dict[str, Any]) -> list[ResourcePage]:
        return list(public_resources().for_filters(**obj["filters"].kwargs())[:FEED_SIZE])

    def item_title(self, item: ResourcePage) -> str:
        return item.title

    def item_description(self, item: ResourcePage) -> str:
        return item.summary

    def item_link(self, item: ResourcePage) -> str:
        return page_url(item, None)

    def item_pubdate(self, item: ResourcePage) -> datetime | None:
        return item.first_published_at

    def item_author_name(self, item: ResourcePage) -> str | None:
        return item.publisher.name if item.publisher else None

    def item_categories(self, item: ResourcePage) -> list[str]:
        return [item.get_resource_type_display(), *(theme.tag.name for theme in item.tagged_themes.all())]


class AtomResourceFeed(ResourceFeed):
    feed_type = Atom1Feed
    url_name = "library:resources_atom"
    subtitle = ResourceFeed.description
