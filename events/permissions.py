"""Who may see and manage an event's registrations: the host's organisers and editors, moderators, admins."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

from members.models import Member
from members.roles import NETWORK_ADMINISTRATORS, NETWORK_MODERATORS

from .models import EventPage, EventPageQuerySet


def is_network_staff(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[NETWORK_ADMINISTRATORS, NETWORK_MODERATORS]).exists()


def managed_member_ids(user: AbstractBaseUser | AnonymousUser) -> list[int]:
    if not user.is_authenticated or not user.is_active:
        return []
    return list(
        Member.objects.filter(
            Q(organisers_group__in=user.groups.all()) | Q(editors_group__in=user.groups.all())
        ).values_list("pk", flat=True)
    )


def can_manage_registrations(user: AbstractBaseUser | AnonymousUser, event: EventPage) -> bool:
    return is_network_staff(user) or event.host_member_id in managed_member_ids(user)


def events_managed_by(user: AbstractBaseUser | AnonymousUser) -> EventPageQuerySet:
    events = EventPage.objects.all()
    if is_network_staff(user):
        return events
    return events.filter(host_member_id__in=managed_member_ids(user))
