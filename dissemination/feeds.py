"""RSS 2.0 and Atom feeds of new practices and success stories (Django's syndication framework),
filtered like the listing: ?priority=&theme=&country=&language=."""

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.links import absolute_url
from practices.listing import PracticeFilters
from practices.models import PracticePage

from .records import page_url, public_practices

FEED_SIZE = 50
FEED_FILTERS = ("priority", "theme", "country", "language")


class PracticeFeed(Feed):
    """The newest published practices (RSS 2.0); `success_stories` narrows to the success stories."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    success_stories = False
    url_name = "dissemination:practices_rss"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        filters = PracticeFilters.from_query(request.GET, success_stories=self.success_stories)
        kwargs = {name: getattr(filters, name) for name in FEED_FILTERS}
        kwargs["success_stories"] = filters.success_stories
        query = urlencode({name: value for name, value in kwargs.items() if value and name in FEED_FILTERS})
        return {"filters": kwargs, "query": query, "request": request}

    def title(self, obj: dict[str, Any]) -> str:
        if self.success_stories:
            return _("Integration Network: new success stories")
        return _("Integration Network: new practices")

    def link(self, obj: dict[str, Any]) -> str:
        path = "/practices/success-stories/" if self.success_stories else "/practices/"
        return absolute_url(path + (f"?{obj['query']}" if obj["query"] else ""))

    def feed_url(self, obj: dict[str, Any]) -> str:
        return absolute_url(reverse(self.url_name) + (f"?{obj['query']}" if obj["query"] else ""))

    def description(self, obj: dict[str, Any]) -> str:
        return _(
            "Practices that European local and regional authorities published to help others integrate "
            "third-country nationals."
        )

    def items(self, obj: dict[str, Any]) -> list[PracticePage]:
        practices = public_practices().for_filters(**obj["filters"])
        return list(practices.order_by("-first_published_at", "-pk")[:FEED_SIZE])

    def item_title(self, item: PracticePage) -> str:
        return item.title

    def item_description(self, item: PracticePage) -> str:
        return item.summary

    def item_link(self, item: PracticePage) -> str:
        return page_url(item, None)

    def item_guid(self, item: PracticePage) -> str:
        return page_url(item, None)

    def item_pubdate(self, item: PracticePage) -> datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: PracticePage) -> datetime | None:
        return item.last_published_at

    def item_author_name(self, item: PracticePage) -> str:
        # The organisation, never the contact officer.
        return item.lead_member.name if item.lead_member else ""

    def item_categories(self, item: PracticePage) -> list[str]:
        return [item.priority.label] + [theme.tag.name for theme in item.tagged_themes.all()]

    def item_copyright(self, item: PracticePage) -> str:
        return item.get_licence_display()


class AtomPracticeFeed(PracticeFeed):
    feed_type = Atom1Feed
    url_name = "dissemination:practices_atom"

    def subtitle(self, obj: dict[str, Any]) -> str:
        return self.description(obj)


class SuccessStoryFeed(PracticeFeed):
    success_stories = True
    url_name = "dissemination:success_stories_rss"


class AtomSuccessStoryFeed(AtomPracticeFeed):
    success_stories = True
    url_name = "dissemination:success_stories_atom"
