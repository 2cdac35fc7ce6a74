"""What the events app shows on other apps' pages (see core/sections.py)."""

from core.models import Priority
from core.page_cache import EVENTS, MEMBERS, THEMES
from core.sections import (
    Section,
    home_page_sections,
    member_profile_sections,
    priority_page_sections,
    remembered,
)
from members.models import Member

from .models import EventPage


@home_page_sections.register
@remembered(EVENTS, MEMBERS, THEMES, time_sensitive=True)
def upcoming_events() -> Section | None:
    # Primary keys: `{% cards %}` renders (and remembers) each event's card.
    events = list(
        EventPage.objects.for_listing().one_version_each().upcoming().values_list("pk", flat=True)[:3]
    )
    if not events:
        return None
    return Section("events/includes/home_section.html", {"events": events})


@member_profile_sections.register
@remembered(EVENTS, MEMBERS, THEMES, time_sensitive=True)
def events_hosted_by(member: Member) -> Section | None:
    hosted = EventPage.objects.for_listing().one_version_each().hosted_or_cohosted_by(member)
    upcoming = list(hosted.upcoming().values_list("pk", flat=True)[:10])
    past = list(hosted.past()[:10])
    if not upcoming and not past:
        return None
    return Section(
        "events/includes/member_section.html", {"member": member, "upcoming": upcoming, "past": past}
    )


@priority_page_sections.register
@remembered(EVENTS, MEMBERS, THEMES, time_sensitive=True)
def upcoming_events_on(priority: Priority) -> Section | None:
    events = list(
        EventPage.objects.for_listing()
        .one_version_each()
        .upcoming()
        .filter(priorities=priority)
        .values_list("pk", flat=True)[:6]
    )
    if not events:
        return None
    return Section("events/includes/priority_section.html", {"priority": priority, "events": events})
