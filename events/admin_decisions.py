"""Organiser tools for closed events, in the Wagtail admin: approve or refuse registrations of an event
on approval, and send invitations to an invitation-only event. The rules are in actions_approval."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .actions import RegistrationError
from .actions_approval import approve_registration, invite_to_event, refuse_registration
from .admin_views import _managed_event
from .forms import InvitationForm, RefusalForm
from .models import Registration


@require_POST
def approve(request: HttpRequest, page_id: int, registration_id: int) -> HttpResponse:
    event = _managed_event(request, page_id)
    registration = get_object_or_404(Registration, pk=registration_id, event=event)
    try:
        approved = approve_registration(registration)
    except RegistrationError as error:
        messages.error(request, error.messages[0])
    else:
        if approved.status == Registration.Status.CONFIRMED:
            messages.success(request, _("%(name)s is approved and has a place.") % {"name": approved.name})
        else:
            messages.warning(
                request,
                _("%(name)s is approved; the places are taken, so they are on the waiting list.")
                % {"name": approved.name},
            )
    return redirect("events_admin:registrations", page_id=event.pk)


@require_http_methods(["GET", "POST"])
def refuse(request: HttpRequest, page_id: int, registration_id: int) -> HttpResponse:
    event = _managed_event(request, page_id)
    registration = get_object_or_404(Registration, pk=registration_id, event=event)
    form = RefusalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            refuse_registration(registration, form.cleaned_data["reason"])
        except RegistrationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("%(name)s has been told the reason.") % {"name": registration.name})
        return redirect("events_admin:registrations", page_id=event.pk)
    context = {
        "event": event,
        "registration": registration,
        "form": form,
        "header_title": _("Refuse the registration of %(name)s") % {"name": registration.name},
    }
    return TemplateResponse(request, "events/admin/refuse.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, page_id: int) -> HttpResponse:
    event = _managed_event(request, page_id)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = invite_to_event(
            event, members=form.cleaned_data["members"], emails=form.cleaned_data["emails"]
        )
        messages.success(request, _("Invitations sent: %(count)d.") % {"count": len(created)})
        return redirect("events_admin:invite", page_id=event.pk)
    invitations = list(event.invitations.select_related("member").prefetch_related("registrations"))
    context = {
        "event": event,
        "form": form,
        "invitations": invitations,
        "header_title": _("Invitations: %(title)s") % {"title": event.title},
    }
    return TemplateResponse(request, "events/admin/invite.html", context, status=400 if form.errors else 200)
