"""What the library shows on other apps' pages (see core/sections.py)."""

from core.page_cache import MEMBERS, RESOURCES, THEMES
from core.page_cache.lookups import one_version_each
from core.sections import Section, member_profile_sections, remembered
from members.models import Member

from .models import ResourcePage

PROFILE_RESOURCES = 6


@member_profile_sections.register
@remembered(RESOURCES, MEMBERS, THEMES)
def resources_of(member: Member) -> Section | None:
    """The member's published resources, newest first, with a link to all of them in the library."""
    published = one_version_each(ResourcePage.objects.live_public().filter(publisher=member))
    latest = list(published.for_cards().order_by("-first_published_at", "-pk")[: PROFILE_RESOURCES + 1])
    if not latest:
        return None
    return Section(
        "library/includes/member_section.html",
        {"member": member, "resources": latest[:PROFILE_RESOURCES], "more": len(latest) > PROFILE_RESOURCES},
    )
