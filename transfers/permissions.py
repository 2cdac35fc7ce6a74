"""Who may act for which member, and who counts as a network administrator."""

from django.contrib.auth.models import AnonymousUser, User

from members.models import Member, Membership
from members.roles import NETWORK_ADMINISTRATORS

AnyUser = User | AnonymousUser


def member_ids_for(user: AnyUser) -> set[int]:
    """Members the user acts for through a Membership (any role). Cached on the user for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_transfer_member_ids", None)
    if cached is None:
        cached = set(Membership.objects.filter(user=user).values_list("member_id", flat=True))
        user._transfer_member_ids = cached
    return cached


def members_for(user: AnyUser):
    return Member.objects.filter(pk__in=member_ids_for(user)).order_by("name")


def acts_for(user: AnyUser, member_id: int | None) -> bool:
    return member_id is not None and member_id in member_ids_for(user)


def is_network_admin(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_transfer_is_admin", None)
    if cached is None:
        cached = user.groups.filter(name=NETWORK_ADMINISTRATORS).exists()
        user._transfer_is_admin = cached
    return cached
