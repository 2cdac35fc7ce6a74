"""Where a person lands after signing in when no page asked for them: where their work is."""

from django.contrib.auth.models import User
from django.urls import reverse

from members.models import Member
from members.permissions import (
    EDITOR,
    MEMBER_ADMINISTRATOR,
    is_network_staff,
    may_use_dashboard,
    member_ids_for,
)


def landing_url(user: User) -> str:
    """Network staff: the Wagtail admin; a member's editor: their member's practice folder in the
    admin; an organiser: the member dashboard; a member administrator: their member's team; anyone
    else: their account page."""
    from practices.models import PracticeFolderPage  # the content apps build on members

    if is_network_staff(user):
        return reverse("wagtailadmin_home")
    editor_of = member_ids_for(user, [EDITOR])
    if editor_of:
        folder = PracticeFolderPage.in_locale().filter(member_id__in=editor_of).order_by("title").first()
        if folder is not None:
            return reverse("wagtailadmin_explore", args=[folder.pk])
    if may_use_dashboard(user):
        return reverse("transfers:dashboard")
    administered = member_ids_for(user, [MEMBER_ADMINISTRATOR])
    if administered:
        member = Member.objects.filter(pk__in=administered).order_by("name").first()
        if member is not None:
            return reverse("members:team", args=[member.slug])
    return reverse("accounts:account")
