"""The digest preview for the network's staff and event organisers: what a subscriber with chosen
interests would receive for a past period, in a chosen language, rendered by the real templates."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.models import Membership
from members.permissions import AnyUser, is_network_staff, member_ids_for

from .digest import Digest, digest_context, preview_digest
from .forms import PreferencesForm
from .models import Subscription


class PreviewForm(PreferencesForm):
    days = forms.IntegerField(label=_("New in the last (days)"), min_value=1, max_value=365, initial=7)


def may_preview(user: AnyUser) -> bool:
    return is_network_staff(user) or bool(member_ids_for(user, [Membership.Role.ORGANISER]))


def rendered(request: HttpRequest, template: str) -> tuple[PreviewForm, Digest | None, str]:
    if not may_preview(request.user):
        raise PermissionDenied
    form = PreviewForm(request.GET or None, initial={"language": "en", "days": 7})
    if not form.is_valid():
        return form, None, ""
    data = form.cleaned_data
    digest = preview_digest(list(data["priorities"]), list(data["themes"]), data["days"])
    with translation.override(data["language"]):
        return form, digest, render_to_string(template, digest_context(digest, None))


def preview(request: HttpRequest) -> HttpResponse:
    form, digest, text = rendered(request, "newsletter/emails/digest.txt")
    counts = dict(Subscription.objects.order_by().values_list("status").annotate(count=Count("pk")))
    context = {
        "form": form,
        "digest": digest,
        "text": text,
        "query": request.GET.urlencode(),
        "counts": [(label, counts.get(value, 0)) for value, label in Subscription.Status.choices],
        "header_title": _("Newsletter preview"),
    }
    return TemplateResponse(request, "newsletter/admin/preview.html", context)


def preview_html(request: HttpRequest) -> HttpResponse:
    """The HTML part of the same digest, as the subscriber's mail program shows it."""
    _form, _digest, html = rendered(request, "newsletter/emails/digest.html")
    return HttpResponse(html)
