"""Who may act in a transfer, and the error a broken rule raises."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy

from members.permissions import AnyUser, acts_for, is_network_administrator

from ..models import TransferProject


class TransferError(Exception):
    """A rule of the transfer process was broken; the message is meant for the user."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def require_acts_for(user: AnyUser, member_id: int | None) -> None:
    if not acts_for(user, member_id):
        raise PermissionDenied(gettext_lazy("You do not act for this member."))


def can_see_notes(user: AnyUser, project: TransferProject) -> bool:
    return is_network_administrator(user) or any(acts_for(user, pk) for pk in project.member_ids)


def is_participant(user: AnyUser, project: TransferProject) -> bool:
    return any(acts_for(user, pk) for pk in project.member_ids)


def require_participant(user: AnyUser, project: TransferProject) -> None:
    if not is_participant(user, project):
        raise PermissionDenied(gettext_lazy("Only the two members of this project can change it."))
