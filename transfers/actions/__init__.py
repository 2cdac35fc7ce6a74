"""What members do in a knowledge transfer: ask for help, invite, answer, run the project to its end.

Each action checks (permission, then the rule) and then changes data; notifications leave only after
the transaction commits. Rule violations raise `TransferError` with a message for the user; acting for
a member one does not belong to raises `PermissionDenied`. One module per concern (as in Zulip's
`zerver/actions/`); callers import from `transfers.actions`.
"""

from .access import TransferError, can_see_notes, is_participant, require_acts_for, require_participant
from .invitations import invite_members, respond_to_invitation
from .practices import (
    express_interest,
    link_transferred_practice,
    own_practice_candidates,
    set_source_practices,
    source_practice_candidates,
)
from .projects import add_milestone, add_note, advance_stage, complete_milestone, record_indicator
from .requests import RequestDetails, close_request, create_assistance_request
from .study_visits import add_study_visit, study_visit_candidates

__all__ = [
    "RequestDetails",
    "TransferError",
    "add_milestone",
    "add_note",
    "add_study_visit",
    "advance_stage",
    "can_see_notes",
    "close_request",
    "complete_milestone",
    "create_assistance_request",
    "express_interest",
    "invite_members",
    "is_participant",
    "link_transferred_practice",
    "own_practice_candidates",
    "record_indicator",
    "require_acts_for",
    "require_participant",
    "respond_to_invitation",
    "set_source_practices",
    "source_practice_candidates",
    "study_visit_candidates",
]
