"""Admin views of the core app: the editor's guide shown from the admin's help menu."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.models import Indicator, Priority, Theme


def editors_guide(request: HttpRequest) -> HttpResponse:
    """How to publish a practice and an event, step by step, in the editor's interface language."""
    return TemplateResponse(
        request,
        "core/admin/editors_guide.html",
        {
            "header_title": _("Editor's guide"),
            "priority_count": Priority.objects.count(),
            "example_themes": list(Theme.objects.order_by("position", "name")[:3]),
            "example_indicator": Indicator.objects.order_by("position").first(),
        },
    )
