from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from members.signals import member_provisioned

        from .actions import create_member_event_folder

        member_provisioned.connect(
            create_member_event_folder, dispatch_uid="events.create_member_event_folder"
        )

    def home_page_section(self) -> dict[str, Any] | None:
        from .models import EventPage

        events = list(EventPage.objects.for_listing().upcoming()[:3])
        if not events:
            return None
        return {"template": "events/includes/home_section.html", "events": events}

    def member_profile_section(self, member: Any) -> dict[str, Any] | None:
        from django.db.models import Q

        from .models import EventPage

        hosted = EventPage.objects.for_listing().filter(Q(host_member=member) | Q(co_hosts=member)).distinct()
        upcoming = list(hosted.upcoming()[:10])
        past = list(hosted.past()[:10])
        if not upcoming and not past:
            return None
        return {
            "template": "events/includes/member_section.html",
            "member": member,
            "upcoming": upcoming,
            "past": past,
        }

    def priority_section(self, priority: Any) -> dict[str, Any] | None:
        from .models import EventPage

        events = list(EventPage.objects.for_listing().upcoming().filter(priorities=priority)[:6])
        if not events:
            return None
        return {"template": "events/includes/priority_section.html", "priority": priority, "events": events}

    def load_demo_data(self, stdout: Any) -> list:
        from .demo import load_demo_events

        return load_demo_events(stdout)
