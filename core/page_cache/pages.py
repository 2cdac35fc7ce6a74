"""How views opt in: page models through `CachedPage`, function views through `@cached_page`."""

from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .tags import PAGES, declare


class CachedPage:
    """A Page mixin: anonymous visitors get the page from the cache; a change to anything in
    `page_cache_tags` purges it. `page_cache_kind` is the tag a change to a page of this type purges."""

    page_cache_tags: ClassVar[tuple[str, ...]] = ()
    page_cache_kind: ClassVar[str] = PAGES
    # Pages that show what changes without a save (an event starting) are kept for less time.
    page_cache_time_sensitive: ClassVar[bool] = False

    def get_view_restrictions(self) -> Any:
        """Wagtail checks this on every serve (two queries); most pages are under no restriction, which
        the remembered restricted paths tell without a query."""
        from wagtail.models import PageViewRestriction

        from .lookups import is_under_restriction

        if self.alias_of_id is None and not is_under_restriction(self):  # type: ignore[attr-defined]
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        declare(request, self.page_cache_tags, max_age=max_age(self.page_cache_time_sensitive))
        return super().serve(request, *args, **kwargs)  # type: ignore[misc]


def max_age(time_sensitive: bool) -> int:
    return settings.PAGE_CACHE_SHORT_MAX_AGE if time_sensitive else settings.PAGE_CACHE_MAX_AGE


def cached_page(*tags: str, time_sensitive: bool = False) -> Callable:
    """Decorate a function view whose page shows what `tags` name."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            declare(request, tags, max_age=max_age(time_sensitive))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
