from .home import HomePage
from .outbox import UndeliveredEmail
from .site_settings import NetworkSettings
from .vocabulary import EventType, FundingSource, Indicator, MemberKind, Priority, TargetGroup, Theme

__all__ = [
    "EventType",
    "FundingSource",
    "HomePage",
    "Indicator",
    "MemberKind",
    "NetworkSettings",
    "Priority",
    "TargetGroup",
    "Theme",
    "UndeliveredEmail",
]
