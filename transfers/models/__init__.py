"""Technical assistance between members: requests, invitations, transfer projects, expressions of interest."""

from .interests import TransferInterest, TransferredPractice
from .projects import Milestone, ProjectIndicator, ProjectNote, TransferProject
from .requests import AssistanceInvitation, AssistanceRequest

__all__ = [
    "AssistanceInvitation",
    "AssistanceRequest",
    "Milestone",
    "ProjectIndicator",
    "ProjectNote",
    "TransferInterest",
    "TransferProject",
    "TransferredPractice",
]
