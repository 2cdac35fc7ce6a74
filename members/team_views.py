"""A member's own space (/members/<slug>/manage/): profile, team, invitations. Private: never cached,
signed-in only, and each view checks members.permissions before anything else."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.http import AuthenticatedHttpRequest
from core.rate_limits import rate_limit

from .models import Member, MemberInvitation, RoleChange
from .permissions import is_network_administrator, may_administer_member
from .team import (
    InvitationError,
    accept_invitation,
    accept_invitation_with_new_account,
    cancel_invitation,
    change_role,
    existing_account,
    find_invitation,
    invite_colleague,
    may_invite_roles,
    team_of,
)
from .team_forms import ContactOfficerFormSet, InviteForm, MemberProfileForm, NewAccountForm, RoleChangeForm


def _administered_member(request: AuthenticatedHttpRequest, slug: str) -> Member:
    member = get_object_or_404(Member, slug=slug)
    if not may_administer_member(request.user, member.pk):
        raise PermissionDenied(_("Only this member's administrators can do this."))
    return member


def _team_page(
    request: AuthenticatedHttpRequest,
    member: Member,
    *,
    invite_form: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    roles = may_invite_roles(request.user, member)
    context = {
        "member": member,
        "team": team_of(member),
        "roles": roles,
        "invite_form": invite_form or InviteForm(roles=roles),
        "invitations": member.invitations.open().select_related("invited_by"),
        "role_changes": (
            RoleChange.objects.filter(member=member)[:50] if is_network_administrator(request.user) else None
        ),
    }
    return render(request, "members/team.html", context, status=status)


@never_cache
@login_required
def team(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _team_page(request, _administered_member(request, slug))


@never_cache
@login_required
@require_POST
@rate_limit("invitation", method="POST", key="user_or_ip")
def invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    member = _administered_member(request, slug)
    form = InviteForm(request.POST, roles=may_invite_roles(request.user, member))
    if not form.is_valid():
        return _team_page(request, member, invite_form=form, status=400)
    invitation = invite_colleague(request.user, member, form.cleaned_data["email"], form.cleaned_data["role"])
    messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
    return redirect("members:team", slug=member.slug)


@never_cache
@login_required
@require_POST
def change_team_role(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    member = _administered_member(request, slug)
    form = RoleChangeForm(request.POST, roles=may_invite_roles(request.user, member))
    if not form.is_valid():
        return HttpResponseBadRequest(_("This role change is not valid."))
    person = get_object_or_404(User, pk=form.cleaned_data["user"])
    grant = form.cleaned_data["grant"]
    if change_role(request.user, member, person, form.cleaned_data["role"], grant=grant):
        text = _("Role granted to %(name)s.") if grant else _("Role taken away from %(name)s.")
        messages.success(request, text % {"name": person.get_full_name() or person.get_username()})
    return redirect("members:team", slug=member.slug)


@never_cache
@login_required
@require_POST
def cancel_team_invitation(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    member = _administered_member(request, slug)
    invitation = get_object_or_404(MemberInvitation, pk=pk, member=member)
    cancel_invitation(request.user, invitation)
    messages.success(request, _("The invitation to %(email)s is cancelled.") % {"email": invitation.email})
    return redirect("members:team", slug=member.slug)


@never_cache
@login_required
def edit_profile(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    member = _administered_member(request, slug)
    if request.method == "POST":
        form = MemberProfileForm(request.POST, request.FILES, instance=member)
        contacts = ContactOfficerFormSet(request.POST, instance=member, prefix="contacts")
        if form.is_valid() and contacts.is_valid():
            with transaction.atomic():
                form.save()
                contacts.save()
            messages.success(request, _("The profile of %(member)s is saved.") % {"member": member.name})
            return redirect("members:team", slug=member.slug)
        status = 400
    else:
        form = MemberProfileForm(instance=member)
        contacts = ContactOfficerFormSet(instance=member, prefix="contacts")
        status = 200
    context = {"member": member, "form": form, "contacts": contacts}
    return render(request, "members/edit_profile.html", context, status=status)


def _accepted(request: HttpRequest, invitation: MemberInvitation, user: User) -> HttpResponse:
    from accounts.landing import landing_url  # accounts builds on members, not the other way round

    text = _("You now act for %(member)s as %(role)s.")
    messages.success(
        request, text % {"member": invitation.member.name, "role": invitation.get_role_display()}
    )
    return redirect(landing_url(user))


@never_cache
@rate_limit("invitation", method="POST")
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: signed in → accept (with the invited address only); no account for the
    address → create one and accept; an account exists → sign in first, then come back here."""
    try:
        invitation = find_invitation(token)
    except InvitationError as error:
        return render(request, "members/invitation_invalid.html", {"reason": str(error)}, status=410)
    account = existing_account(invitation)
    signed_in = request.user if isinstance(request.user, User) and request.user.is_authenticated else None
    form = NewAccountForm(email=invitation.email) if account is None and signed_in is None else None
    if request.method == "POST":
        try:
            if signed_in is not None:
                accept_invitation(invitation, signed_in)
                return _accepted(request, invitation, signed_in)
            if account is not None:
                return HttpResponseBadRequest(_("Sign in to accept this invitation."))
            form = NewAccountForm(request.POST, email=invitation.email)
            if form.is_valid():
                user = accept_invitation_with_new_account(
                    invitation,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return _accepted(request, invitation, user)
        except InvitationError as error:
            messages.error(request, str(error))
    context = {
        "invitation": invitation,
        "form": form,
        "account_exists": account is not None,
        "signed_in": signed_in,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "members/accept_invitation.html", context, status=status)
