"""The network administrators' review of a membership application, in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.http import AuthenticatedHttpRequest

from .actions import ApplicationError, MemberNameTaken, approve_application, reject_application
from .forms import ReviewForm
from .models import MembershipApplication
from .roles import is_network_administrator


@require_http_methods(["GET", "POST"])
def review_application(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not is_network_administrator(request.user):
        raise PermissionDenied
    application = get_object_or_404(
        MembershipApplication.objects.select_related("kind", "reviewed_by", "member"), pk=pk
    )
    form = ReviewForm(request.POST or None, initial={"member_name": application.organisation_name})
    if application.is_pending and request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == "approve":
                member = approve_application(
                    application, reviewer=request.user, note=note, name=form.cleaned_data["member_name"]
                )
                messages.success(
                    request,
                    _("%(name)s is now a member; its contact person has been invited.")
                    % {"name": member.name},
                )
            else:
                reject_application(application, reviewer=request.user, note=note)
                messages.success(request, _("The application was rejected and the applicant informed."))
        except MemberNameTaken as error:
            form.add_error("member_name", str(error))
        except ApplicationError as error:
            messages.error(request, str(error))
            return redirect("members_applications:index")
        else:
            return redirect("members_applications:index")
    context = {
        "application": application,
        "form": form,
        "header_title": _("Application from %(name)s") % {"name": application.organisation_name},
    }
    return TemplateResponse(request, "members/admin/review_application.html", context)
