"""Assistance requests: a member asks the network for help, or withdraws its request."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Priority, TargetGroup, Theme
from members.models import Member

from ..models import AssistanceInvitation, AssistanceRequest
from .access import TransferError, require_acts_for


@dataclass
class RequestDetails:
    title: str
    priority: Priority
    description: str
    themes: list[Theme]
    target_groups: list[TargetGroup] = field(default_factory=list)
    timeframe_start: datetime.date | None = None
    timeframe_end: datetime.date | None = None
    timeframe_text: str = ""
    preferred_languages: list[str] = field(default_factory=list)
    mode: str = AssistanceRequest.Mode.EITHER


@transaction.atomic
def create_assistance_request(*, user: User, member: Member, details: RequestDetails) -> AssistanceRequest:
    require_acts_for(user, member.pk)
    if not member.is_active:
        raise TransferError(_("This member is no longer active in the network."))
    if not details.themes:
        raise TransferError(_("Choose at least one theme."), field="themes")
    if details.timeframe_start and details.timeframe_end and details.timeframe_end < details.timeframe_start:
        raise TransferError(_("The end of the timeframe is before its start."), field="timeframe_end")
    request = AssistanceRequest.objects.create(
        requesting_member=member,
        created_by=user,
        title=details.title.strip(),
        priority=details.priority,
        description=details.description.strip(),
        timeframe_start=details.timeframe_start,
        timeframe_end=details.timeframe_end,
        timeframe_text=details.timeframe_text.strip(),
        preferred_languages=list(dict.fromkeys(details.preferred_languages)),
        mode=details.mode,
    )
    request.themes.set(details.themes)
    request.target_groups.set(details.target_groups)
    return request


@transaction.atomic
def close_request(*, request: AssistanceRequest, user: User) -> AssistanceRequest:
    """The requester withdraws a request that no longer needs a helper."""
    require_acts_for(user, request.requesting_member_id)
    if request.status != AssistanceRequest.Status.OPEN:
        raise TransferError(_("Only an open request can be closed."))
    request.status = AssistanceRequest.Status.CLOSED
    request.save(update_fields=["status", "updated_at"])
    request.invitations.filter(status=AssistanceInvitation.Status.PENDING).update(
        status=AssistanceInvitation.Status.WITHDRAWN
    )
    return request
