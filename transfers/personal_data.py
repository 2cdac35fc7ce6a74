"""What the transfers app keeps about a person (core.personal_data): the assistance requests they
wrote and the interest they expressed in practices, for their member."""

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy, ngettext

from core.personal_data import PersonalDataKind, personal_data

from .models import AssistanceRequest, TransferInterest


def export_transfers(user: User) -> dict:
    return {
        "assistance_requests": [
            {
                "title": request.title,
                "member": request.requesting_member.name,
                "description": request.description,
                "status": request.status,
                "created_at": request.created_at,
            }
            for request in AssistanceRequest.objects.filter(created_by=user).select_related(
                "requesting_member"
            )
        ],
        "interest_in_practices": [
            {
                "practice": interest.practice.title,
                "member": interest.member.name,
                "message": interest.message,
                "created_at": interest.created_at,
            }
            for interest in TransferInterest.objects.filter(user=user).select_related("practice", "member")
        ],
    }


def describe_transfers_erasure(user: User) -> list[str]:
    requests = AssistanceRequest.objects.filter(created_by=user).count()
    interests = TransferInterest.objects.filter(user=user).count()
    sentences = []
    if requests:
        sentences.append(
            ngettext(
                "Your %(count)d assistance request stays with your member, without your name.",
                "Your %(count)d assistance requests stay with your member, without your name.",
                requests,
            )
            % {"count": requests}
        )
    if interests:
        sentences.append(
            ngettext(
                "Your %(count)d expression of interest in a practice stays with your member, unnamed.",
                "Your %(count)d expressions of interest in practices stay with your member, unnamed.",
                interests,
            )
            % {"count": interests}
        )
    return sentences


personal_data.register(
    PersonalDataKind(
        key="transfers",
        label=gettext_lazy("Assistance requests and interest in practices"),
        export=export_transfers,
        describe_erasure=describe_transfers_erasure,
    )
)
