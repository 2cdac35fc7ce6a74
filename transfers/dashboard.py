"""The member dashboard: everything a member's users follow in the network, in a fixed number of queries."""

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from events.models import Registration
from members.permissions import member_ids_for, members_for

from .matching import join_words
from .models import AssistanceInvitation, AssistanceRequest, Milestone, TransferInterest, TransferProject

NEXT_MILESTONES = 3
LATEST_INTERESTS = 10


def member_practices(member_ids: set[int]) -> list:
    """Practices the members lead (translations included), each with its number of interested members."""
    from practices.models import PracticePage

    return list(
        PracticePage.objects.filter(lead_member__in=member_ids)
        .annotate(interest_count=Count("transfer_interests", distinct=True))
        .order_by("-interest_count", "title", "pk")
    )


def event_registrations(user: User, member_ids: set[int]) -> list[Registration]:
    """Upcoming registrations of the user or their members."""
    registrations = Registration.objects.active().filter(
        Q(member__in=member_ids) | Q(email__iexact=user.email or "-")
    )
    return list(
        registrations.filter(event__end__gte=timezone.now())
        .select_related("event", "member")
        .order_by("event__start", "pk")[:50]
    )


def dashboard_context(user: User) -> dict[str, Any]:
    member_ids = member_ids_for(user)
    projects = list(
        TransferProject.objects.for_members(member_ids)
        .select_related("helping_member", "receiving_member")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.open(), to_attr="open_milestones")
        )
    )
    for project in projects:
        project.next_milestones = project.open_milestones[:NEXT_MILESTONES]
    members = list(members_for(user))
    context: dict[str, Any] = {
        "members": members,
        "member_names": join_words(member.name for member in members),
        "requests": list(
            AssistanceRequest.objects.for_members(member_ids)
            .select_related("requesting_member", "priority")
            .prefetch_related(
                Prefetch("invitations", queryset=AssistanceInvitation.objects.select_related("member"))
            )
        ),
        "invitations": list(
            AssistanceInvitation.objects.filter(member__in=member_ids).select_related(
                "request__requesting_member", "member"
            )
        ),
        "projects": projects,
        "practices": member_practices(member_ids),
        "interests": list(
            TransferInterest.objects.filter(practice__lead_member__in=member_ids).select_related(
                "member", "practice"
            )[:LATEST_INTERESTS]
        ),
        "registrations": event_registrations(user, member_ids),
        "today": timezone.localdate(),
    }
    return context
