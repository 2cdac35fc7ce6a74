from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from members.signals import member_provisioned

        from . import cards  # noqa: F401  (its cards, for `{% cards %}` in any app's templates)
        from .actions import create_member_event_folder

        member_provisioned.connect(
            create_member_event_folder, dispatch_uid="events.create_member_event_folder"
        )
        # Registers what this app shows on other apps' pages (core/sections.py).
        from . import personal_data, sections  # noqa: F401

    def load_demo_data(self, stdout: Any) -> list:
        from core.demo_images import attach_demo_images

        from .demo import load_demo_events
        from .models import EventPage

        accounts = load_demo_events(stdout)
        attach_demo_images("event", EventPage, stdout)
        return accounts
