from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")

    def ready(self) -> None:
        from members.signals import member_provisioned

        from .actions import create_member_practice_folder

        member_provisioned.connect(
            create_member_practice_folder, dispatch_uid="practices.create_member_practice_folder"
        )

    def home_page_section(self) -> dict[str, Any] | None:
        from .models import PracticePage

        published = PracticePage.objects.live_public()
        latest = list(published.for_cards().order_by("-first_published_at", "-pk")[:3])
        if not latest:
            return None
        return {
            "template": "practices/includes/home_section.html",
            "practices": latest,
            "success_story_count": published.success_stories().count(),
        }

    def member_profile_section(self, member: Any) -> dict[str, Any] | None:
        from .models import PracticePage

        published = PracticePage.objects.live_public().for_cards().order_by("-first_published_at", "-pk")
        led = list(published.filter(lead_member=member))
        partnered = list(published.filter(partner_members=member))
        if not led and not partnered:
            return None
        return {
            "template": "practices/includes/member_section.html",
            "member": member,
            "led": led,
            "partnered": partnered,
        }

    def load_demo_data(self, stdout: Any) -> list:
        from .demo import load_demo_practices

        return load_demo_practices(stdout)
