"""The events app in the signed-in person's account page and in their personal-data export and erasure
(core/personal_data.py, core/sections.py). Registrations are matched by the account's email address,
as people register with their address, signed in or not."""

from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalDataKind, personal_data
from core.sections import Section, account_page_sections

from .actions import erase_registration
from .actions_after import has_attended
from .certificates import verification_url
from .emails import certificate_link, registration_link
from .models import Certificate, Registration, RegistrationQuerySet


def registrations_of(user: User) -> RegistrationQuerySet:
    if not user.email:
        return Registration.objects.none()
    return (
        Registration.objects.for_email(user.email)
        .filter(anonymised_at__isnull=True)
        .select_related("event", "event__event_type")
        .order_by("-event__start")
    )


def certificates_of(user: User) -> list[Certificate]:
    pks = registrations_of(user).values("pk")
    return list(Certificate.objects.filter(registration__in=pks).order_by("-first_day"))


@account_page_sections.register
def events_section(user: User) -> Section | None:
    registrations = list(registrations_of(user)[:50])
    if not registrations:
        return None
    now = timezone.now()
    rows = [
        {
            "registration": registration,
            "url": registration_link(registration),
            "certificate_url": certificate_link(registration) if has_attended(registration, now=now) else "",
        }
        for registration in registrations
    ]
    return Section("events/account_section.html", {"rows": rows})


def export(user: User) -> dict[str, Any]:
    return {
        "registrations": [
            {
                "event": registration.event.title,
                "event_start": registration.event.start,
                "status": registration.status,
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation,
                "role": registration.role,
                "participant_type": registration.participant_type,
                "participation": registration.participation,
                "answers": registration.answers,
                "accessibility_needs": registration.accessibility_needs,
                "dietary_needs": registration.dietary_needs,
                "attended": registration.attended,
                "registered_at": registration.created_at,
            }
            for registration in registrations_of(user)
        ],
        "certificates": [
            {
                "code": certificate.code,
                "participant": certificate.participant_name,
                "event": certificate.event_title,
                "first_day": certificate.first_day,
                "last_day": certificate.last_day,
                "issued_at": certificate.issued_at,
                "verification_url": verification_url(certificate),
            }
            for certificate in certificates_of(user)
        ],
    }


def describe_erasure(user: User) -> list[str]:
    sentences = []
    count = registrations_of(user).count()
    if count:
        sentences.append(
            _(
                "Your %(count)d event registrations are cancelled if still ahead, and their personal "
                "data is erased."
            )
            % {"count": count}
        )
    if certificates_of(user):
        sentences.append(_("Your certificates of attendance are deleted and no longer verify."))
    return sentences


def erase(user: User) -> None:
    Certificate.objects.filter(pk__in=[certificate.pk for certificate in certificates_of(user)]).delete()
    for registration in registrations_of(user):
        erase_registration(registration)


personal_data.register(
    PersonalDataKind(
        key="event_registrations",
        label=gettext_lazy("Event registrations and certificates"),
        export=export,
        describe_erasure=describe_erasure,
        erase=erase,
    )
)
