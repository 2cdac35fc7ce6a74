"""A small, idempotent knowledge-transfer demo between the corpus members."""

import datetime
from typing import Any

from django.utils import timezone

from core.models import Priority, TargetGroup, Theme
from members.models import Member

from .models import (
    AssistanceInvitation,
    AssistanceRequest,
    Milestone,
    ProjectNote,
    TransferInterest,
    TransferProject,
)

INTERESTS = [
    ("ghent-one-stop-integration-desk", "city-of-tampere", "We want a single desk for newcomers in Tampere."),
    ("ghent-one-stop-integration-desk", "metropole-de-lyon", "Could we visit your desk next spring?"),
    ("rotterdam-taalcafes-in-de-wijk", "city-of-brno", "Our libraries would like to host language cafés."),
]

OPEN_REQUEST = {
    "member": "metropole-de-lyon",
    "title": "Housing intermediation for refugees leaving reception",
    "priority": 1,
    "themes": ["housing", "access-to-rights"],
    "target_groups": ["refugees"],
    "description": "We need to find private landlords willing to rent to refugees leaving reception centres, "
    "and want to learn how other cities guarantee rents and mediate conflicts.",
    "timeframe_text": "Before the end of next year",
    "preferred_languages": ["fr", "en"],
    "mode": AssistanceRequest.Mode.EITHER,
}

MATCHED_REQUEST = {
    "member": "city-of-tampere",
    "title": "A one-stop integration desk in Tampere",
    "priority": 1,
    "themes": ["access-to-rights", "language-training"],
    "target_groups": ["third-country-nationals"],
    "description": "Newcomers visit six offices in their first month. We want one desk where registration, "
    "language courses and job counselling are booked together.",
    "timeframe_text": "Pilot in the next twelve months",
    "preferred_languages": ["en"],
    "mode": AssistanceRequest.Mode.IN_PERSON,
}
HELPER = "city-of-ghent"
SOURCE_PRACTICE = "ghent-one-stop-integration-desk"


def _request(members: dict[str, Member], spec: dict[str, Any]) -> AssistanceRequest:
    request, _created = AssistanceRequest.objects.update_or_create(
        requesting_member=members[spec["member"]],
        title=spec["title"],
        defaults={
            "priority": Priority.objects.get(number=spec["priority"]),
            "description": spec["description"],
            "timeframe_text": spec["timeframe_text"],
            "preferred_languages": spec["preferred_languages"],
            "mode": spec["mode"],
        },
    )
    request.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
    request.target_groups.set(TargetGroup.objects.filter(slug__in=spec["target_groups"]))
    return request


def load_demo_transfers(stdout: Any) -> list:
    slugs = {spec[1] for spec in INTERESTS} | {OPEN_REQUEST["member"], MATCHED_REQUEST["member"], HELPER}
    members = {member.slug: member for member in Member.objects.filter(slug__in=slugs)}
    if set(members) != slugs:
        stdout.write("Transfers: the demo members are not loaded; skipping the transfer demo.")
        return []
    try:
        from practices.models import PracticePage

        practices = {
            page.slug: page for page in PracticePage.objects.live().filter(slug__in=[i[0] for i in INTERESTS])
        }
    except LookupError:  # pragma: no cover - practices is always installed in this project
        practices = {}

    interests = 0
    for practice_slug, member_slug, message in INTERESTS:
        practice = practices.get(practice_slug)
        if practice is None:
            continue
        TransferInterest.objects.update_or_create(
            practice=practice, member=members[member_slug], defaults={"message": message}
        )
        interests += 1

    _request(members, OPEN_REQUEST)
    matched = _request(members, MATCHED_REQUEST)
    helper = members[HELPER]
    AssistanceInvitation.objects.update_or_create(
        request=matched,
        member=helper,
        defaults={
            "message": "Your desk is exactly what we want to build. Could you guide us?",
            "status": AssistanceInvitation.Status.ACCEPTED,
            "response_message": "With pleasure: we can host a study visit and share our intake form.",
            "responded_at": timezone.now(),
        },
    )
    matched.status = AssistanceRequest.Status.MATCHED
    matched.save(update_fields=["status", "updated_at"])
    project, _created = TransferProject.objects.update_or_create(
        request=matched,
        defaults={
            "title": matched.title,
            "helping_member": helper,
            "receiving_member": matched.requesting_member,
            "stage": TransferProject.Stage.ADAPT,
        },
    )
    if SOURCE_PRACTICE in practices:
        project.source_practices.set([practices[SOURCE_PRACTICE]])
    today = timezone.localdate()
    milestones = [
        ("Shared intake form translated into Finnish", today - datetime.timedelta(days=20), True),
        ("Agreement between the four services on data sharing", today + datetime.timedelta(days=30), False),
        ("Desk opens for a first group of newcomers", today + datetime.timedelta(days=120), False),
    ]
    for title, due_date, done in milestones:
        Milestone.objects.update_or_create(
            project=project,
            title=title,
            defaults={"due_date": due_date, "done_at": timezone.now() if done else None},
        )
    ProjectNote.objects.get_or_create(
        project=project,
        text="Study visit to Ghent agreed for next month. Bring the employment service's team lead.",
    )
    stdout.write(
        f"Transfers: {interests} expressions of interest, 2 assistance requests and 1 transfer project at "
        "stage “adapt”."
    )
    return []
