"""Invitations: the requester invites members to help; an invited member accepts or declines."""

from collections.abc import Iterable
from functools import partial

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.links import absolute_url
from members.models import Member

from ..emails import send_to_member
from ..models import AssistanceInvitation, AssistanceRequest, TransferProject
from .access import TransferError, require_acts_for


@transaction.atomic
def invite_members(
    *, request: AssistanceRequest, user: User, members: Iterable[Member], message: str = ""
) -> list[AssistanceInvitation]:
    """Invite each member to help; each invited member's contact officers and editors get an email."""
    require_acts_for(user, request.requesting_member_id)
    members = list(members)
    if request.status != AssistanceRequest.Status.OPEN:
        raise TransferError(_("This request is no longer open."))
    if not members:
        raise TransferError(_("Choose at least one member to invite."), field="members")
    if any(member.pk == request.requesting_member_id for member in members):
        raise TransferError(_("A member cannot invite itself."), field="members")
    if any(not member.is_active for member in members):
        raise TransferError(_("Only active members can be invited."), field="members")
    already = set(request.invitations.filter(member__in=members).values_list("member__name", flat=True))
    if already:
        raise TransferError(
            _("Already invited: %(names)s.") % {"names": ", ".join(sorted(already))}, field="members"
        )
    invitations = AssistanceInvitation.objects.bulk_create(
        [
            AssistanceInvitation(request=request, member=member, invited_by=user, message=message.strip())
            for member in members
        ]
    )
    request_url = absolute_url(request.get_absolute_url())
    subject = _("%(member)s asks for your technical assistance") % {"member": request.requesting_member}
    context = {"request": request, "message": message.strip(), "request_url": request_url}
    for member in members:
        transaction.on_commit(
            partial(send_to_member, member, subject, "transfers/emails/invitation.txt", context)
        )
    return invitations


@transaction.atomic
def respond_to_invitation(
    *, invitation: AssistanceInvitation, user: User, accept: bool, message: str = ""
) -> AssistanceInvitation:
    """The invited member accepts (the request becomes a transfer project) or declines, with a message."""
    require_acts_for(user, invitation.member_id)
    # Lock the request so two members accepting at the same moment cannot both become the helper.
    request = AssistanceRequest.objects.select_for_update().get(pk=invitation.request_id)
    invitation = AssistanceInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != AssistanceInvitation.Status.PENDING:
        raise TransferError(_("This invitation has already been answered."))
    if accept and request.status != AssistanceRequest.Status.OPEN:
        raise TransferError(_("This request is no longer open."))
    invitation.status = (
        AssistanceInvitation.Status.ACCEPTED if accept else AssistanceInvitation.Status.DECLINED
    )
    invitation.response_message = message.strip()
    invitation.responded_by = user
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "response_message", "responded_by", "responded_at"])
    project = None
    if accept:
        project = TransferProject.objects.create(
            title=request.title,
            helping_member_id=invitation.member_id,
            receiving_member_id=request.requesting_member_id,
            request=request,
        )
        request.status = AssistanceRequest.Status.MATCHED
        request.save(update_fields=["status", "updated_at"])
        request.invitations.filter(status=AssistanceInvitation.Status.PENDING).update(
            status=AssistanceInvitation.Status.WITHDRAWN
        )
    context = {
        "request": request,
        "invitation": invitation,
        "helper": invitation.member,
        "project": project,
        "url": absolute_url(project.get_absolute_url() if project else request.get_absolute_url()),
    }
    if accept:
        subject = _("%(member)s accepted to help: %(title)s")
    else:
        subject = _("%(member)s declined to help: %(title)s")
    subject = subject % {"member": invitation.member, "title": request.title}
    transaction.on_commit(
        lambda: send_to_member(request.requesting_member, subject, "transfers/emails/response.txt", context)
    )
    return invitation
