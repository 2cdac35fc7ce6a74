"""What the practices app shows on other apps' pages (see core/sections.py)."""

from core.page_cache import MEMBERS, PRACTICES, THEMES
from core.sections import Section, home_page_sections, member_profile_sections, remembered
from members.models import Member

from .models import PracticePage


@home_page_sections.register
@remembered(PRACTICES, MEMBERS, THEMES)
def latest_practices() -> Section | None:
    published = PracticePage.objects.live_public().one_version_each()
    # Primary keys: `{% cards %}` renders (and remembers) each practice's card.
    latest = list(published.order_by("-first_published_at", "-pk").values_list("pk", flat=True)[:3])
    if not latest:
        return None
    return Section(
        "practices/includes/home_section.html",
        {"practices": latest, "success_story_count": published.success_stories().count()},
    )


@member_profile_sections.register
@remembered(PRACTICES, MEMBERS, THEMES)
def practices_of(member: Member) -> Section | None:
    published = PracticePage.objects.live_public().one_version_each().order_by("-first_published_at", "-pk")
    led = list(published.filter(lead_member=member).values_list("pk", flat=True))
    partnered = list(published.filter(partner_members=member).values_list("pk", flat=True))
    if not led and not partnered:
        return None
    return Section(
        "practices/includes/member_section.html", {"member": member, "led": led, "partnered": partnered}
    )
