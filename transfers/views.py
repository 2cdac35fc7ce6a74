"""Pages of the knowledge-transfer process. Views check access and hand over to actions.py."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import AuthenticatedHttpRequest
from core.rate_limits import rate_limit
from core.spreadsheets import csv_response
from members.models import Member
from members.permissions import (
    EDITOR,
    acts_for,
    is_network_administrator,
    may_use_dashboard,
    member_ids_for,
    members_for,
    transfer_member_ids,
)

from . import actions
from .actions import TransferError
from .dashboard import dashboard_context
from .forms import (
    AssistanceRequestForm,
    IndicatorForm,
    InvitationForm,
    InvitationResponseForm,
    MilestoneForm,
    NoteForm,
    StageForm,
)
from .interests import InterestForm, interest_members, interest_panel_context
from .matching import rank_helpers
from .models import AssistanceInvitation, AssistanceRequest, TransferProject
from .overview import overview_context, project_rows
from .project_actions import handle_project_post
from .project_links import project_links_context

CSS = "css/transfers.css"


def _apply_error(form, error: TransferError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _require_member_editor(request: AuthenticatedHttpRequest) -> None:
    if not transfer_member_ids(request.user):
        raise PermissionDenied(_("Only a network member's editors can do this."))


# Assistance requests ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("assistance_request", method="POST", key="user_or_ip")
def request_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_member_editor(request)
    members = members_for(request.user, roles=[EDITOR])
    form = AssistanceRequestForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            assistance_request = actions.create_assistance_request(
                user=request.user, member=form.cleaned_data["requesting_member"], details=form.details()
            )
        except TransferError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Your request is saved. Invite the members best placed to help."))
            return HttpResponseRedirect(assistance_request.get_absolute_url())
    return TemplateResponse(request, "transfers/assistance_request_form.html", {"form": form})


def _visible_request(request: AuthenticatedHttpRequest, pk: int) -> AssistanceRequest:
    assistance_request = get_object_or_404(
        AssistanceRequest.objects.select_related("requesting_member", "priority", "created_by"), pk=pk
    )
    my_members = member_ids_for(request.user)
    if is_network_administrator(request.user) or assistance_request.requesting_member_id in my_members:
        return assistance_request
    if assistance_request.invitations.filter(member__in=my_members).exists():
        return assistance_request
    raise PermissionDenied(_("Only the requesting member and the invited members can see this request."))


def _request_page(
    request: AuthenticatedHttpRequest,
    assistance_request: AssistanceRequest,
    invite_form: InvitationForm | None = None,
    response_form: InvitationResponseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    is_requester = acts_for(request.user, assistance_request.requesting_member_id)
    invitations = list(assistance_request.invitations.select_related("member", "responded_by"))
    invited_ids = {invitation.member_id for invitation in invitations}
    my_invitations = [
        invitation for invitation in invitations if acts_for(request.user, invitation.member_id)
    ]
    matches = []
    can_invite = is_requester and assistance_request.status == AssistanceRequest.Status.OPEN
    if can_invite or is_network_administrator(request.user):
        matches = rank_helpers(assistance_request)
    if can_invite and invite_form is None:
        invite_form = InvitationForm(candidates=_invitable(assistance_request, invited_ids))
    pending_mine = next((invitation for invitation in my_invitations if invitation.is_pending), None)
    if pending_mine and response_form is None:
        response_form = InvitationResponseForm()
    project = TransferProject.objects.filter(request=assistance_request).first()
    context: dict[str, Any] = {
        "assistance_request": assistance_request,
        "themes": list(assistance_request.themes.all()),
        "target_groups": list(assistance_request.target_groups.all()),
        "invitations": invitations,
        "invited_ids": invited_ids,
        "matches": matches,
        "is_requester": is_requester,
        "can_invite": can_invite,
        "invite_form": invite_form if can_invite else None,
        "pending_invitation": pending_mine,
        "my_invitations": my_invitations,
        "response_form": response_form if pending_mine else None,
        "project": project,
    }
    return TemplateResponse(request, "transfers/assistance_request_detail.html", context, status=status)


def _invitable(assistance_request: AssistanceRequest, invited_ids: set[int]):
    return (
        Member.objects.active()
        .exclude(pk=assistance_request.requesting_member_id)
        .exclude(pk__in=invited_ids)
    )


@login_required
@require_GET
def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _request_page(request, _visible_request(request, pk))


@login_required
@require_POST
def request_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assistance_request = _visible_request(request, pk)
    if not acts_for(request.user, assistance_request.requesting_member_id):
        raise PermissionDenied(_("Only the requesting member can invite helpers."))
    invited_ids = set(assistance_request.invitations.values_list("member_id", flat=True))
    form = InvitationForm(request.POST, candidates=_invitable(assistance_request, invited_ids))
    if form.is_valid():
        try:
            invitations = actions.invite_members(
                request=assistance_request,
                user=request.user,
                members=form.cleaned_data["members"],
                message=form.cleaned_data["message"],
            )
        except TransferError as error:
            _apply_error(form, error)
        else:
            messages.success(
                request,
                _("Invitations sent to %(names)s.")
                % {"names": ", ".join(invitation.member.name for invitation in invitations)},
            )
            return HttpResponseRedirect(assistance_request.get_absolute_url())
    return _request_page(request, assistance_request, invite_form=form)


@login_required
@require_POST
def request_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assistance_request = _visible_request(request, pk)
    try:
        actions.close_request(request=assistance_request, user=request.user)
    except TransferError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The request is closed."))
    return HttpResponseRedirect(assistance_request.get_absolute_url())


@login_required
@require_POST
def invitation_respond(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(AssistanceInvitation.objects.select_related("request", "member"), pk=pk)
    if not acts_for(request.user, invitation.member_id):
        raise PermissionDenied(_("This invitation is addressed to another member."))
    form = InvitationResponseForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            invitation = actions.respond_to_invitation(
                invitation=invitation, user=request.user, accept=accept, message=form.cleaned_data["message"]
            )
        except TransferError as error:
            _apply_error(form, error)
        else:
            if accept:
                messages.success(request, _("Thank you for helping. The transfer project has started."))
                return HttpResponseRedirect(invitation.request.project.get_absolute_url())
            messages.success(request, _("Your answer has been sent."))
            return HttpResponseRedirect(invitation.request.get_absolute_url())
    return _request_page(request, invitation.request, response_form=form)


# Transfer projects -----------------------------------------------------------------------------------

# The unbound forms of the project page; what each posts is validated by project_actions.PROJECT_ACTIONS.
PROJECT_FORMS = {
    "stage": StageForm,
    "milestone": MilestoneForm,
    "note": NoteForm,
    "indicator": IndicatorForm,
}


def _project_page(
    request: AuthenticatedHttpRequest,
    project: TransferProject,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    is_participant = actions.is_participant(request.user, project)
    can_see_notes = actions.can_see_notes(request.user, project)
    forms = {}
    if is_participant:
        forms = {name: bound.get(name) or form_class() for name, form_class in PROJECT_FORMS.items()}
        if project.next_stage:
            forms["stage"].fields["to_stage"].initial = project.next_stage
    context: dict[str, Any] = {
        "project": project,
        "stages": list(TransferProject.Stage),
        "milestones": list(project.milestones.all()),
        "indicators": list(project.indicators.select_related("indicator")),
        "notes": list(project.notes.select_related("author")) if can_see_notes else None,
        "is_participant": is_participant,
        "can_record_indicators": project.stage
        in {TransferProject.Stage.EVALUATE, TransferProject.Stage.COMPLETED},
        "forms": forms,
        "today": timezone.localdate(),
        "current_position": list(TransferProject.Stage).index(TransferProject.Stage(project.stage)),
    }
    context.update(project_links_context(request, project, bound, is_participant))
    return TemplateResponse(request, "transfers/transfer_project.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        TransferProject.objects.select_related("helping_member", "receiving_member", "request"), pk=pk
    )
    if not (member_ids_for(request.user) or is_network_administrator(request.user)):
        raise PermissionDenied(_("Transfer projects are visible to network members."))
    if request.method == "GET":
        return _project_page(request, project)
    return handle_project_post(request, project, render=_project_page)


# Dashboard and network overview ----------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not may_use_dashboard(request.user):
        raise PermissionDenied(_("Only users acting for a network member can do this."))
    return TemplateResponse(request, "transfers/dashboard.html", dashboard_context(request.user))


def _require_admin(request: AuthenticatedHttpRequest) -> None:
    if not is_network_administrator(request.user):
        raise PermissionDenied(_("Only network administrators can see the network overview."))


@login_required
@require_GET
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_admin(request)
    return TemplateResponse(request, "transfers/overview.html", overview_context())


@login_required
@require_GET
def overview_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_admin(request)
    return csv_response("transfer-projects.csv", project_rows())


# Interest in a practice ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit("interest", method="POST", key="user_or_ip")
def practice_interest(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    from practices.models import PracticePage

    page = get_object_or_404(PracticePage.objects.live().select_related("lead_member"), pk=pk)
    _require_member_editor(request)
    form = None
    if request.method == "POST":
        form = InterestForm(request.POST, members=interest_members(page, request.user))
        if form.is_valid():
            try:
                actions.express_interest(
                    practice=page,
                    user=request.user,
                    member=form.cleaned_data["member"],
                    message=form.cleaned_data["message"],
                )
            except TransferError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Thank you. The lead member has been told of your interest."))
                return HttpResponseRedirect(page.url or "/")
    context = interest_panel_context(page, request.user, request_path=request.get_full_path(), form=form)
    return TemplateResponse(request, "transfers/interest_form.html", context)
