"""Routing a URL through the page tree with one query per level instead of Wagtail's two.

Wagtail finds each child by slug, then loads it again as its specific type. Which child a slug names (its
id and type), and that specific page as stored, are remembered until a page is published, unpublished,
moved, renamed or deleted, so a URL read again is routed without a query. Each request gets its own copy
of a remembered page (values are pickled), so what a view sets on it stays in that request.
"""

from typing import Any

from django.apps import apps
from django.http import Http404, HttpRequest
from wagtail.models import Page

from .memo import remember
from .tags import EVENTS, PAGES, PRACTICES, RESOURCES

# A publish, unpublish, move, rename or deletion of any page purges one of these.
ROUTE_TAGS = (PAGES, PRACTICES, EVENTS, RESOURCES)


def child_by_slug(parent: Page, slug: str) -> tuple[int, str] | None:
    """(id, app_label.model) of the child of `parent` with `slug`, or None."""

    def compute() -> tuple[int, str] | None:
        child = parent.get_children().filter(slug=slug).values_list("pk", "content_type_id").first()
        if child is None:
            return None
        from django.contrib.contenttypes.models import ContentType

        model = ContentType.objects.get_for_id(child[1]).model_class()
        return (child[0], model._meta.label) if model is not None else None

    return remember("child-by-slug", ROUTE_TAGS, compute, parent.pk, slug)


class RoutedByMemory:
    """A Page mixin (place it right before `Page`, after RoutablePageMixin) routing to its children
    through `child_by_slug`."""

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if not path_components:
            return super().route(request, path_components)  # type: ignore[misc]
        found = child_by_slug(self, path_components[0])
        if found is None:
            raise Http404
        pk, label = found
        model = apps.get_model(label)
        subpage = remember(
            "page-by-id", ROUTE_TAGS, lambda: model._default_manager.filter(pk=pk).first(), pk, label
        )
        if subpage is None:
            raise Http404
        subpage._cached_parent_obj = self
        return subpage.route(request, path_components[1:])
