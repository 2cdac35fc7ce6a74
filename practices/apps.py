from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")

    def ready(self) -> None:
        from members.signals import member_provisioned

        from . import cards  # noqa: F401  (its cards, for `{% cards %}` in any app's templates)
        from .actions import create_member_practice_folder

        member_provisioned.connect(
            create_member_practice_folder, dispatch_uid="practices.create_member_practice_folder"
        )
        # Registers what this app shows on other apps' pages (core/sections.py).
        from . import sections  # noqa: F401

    def load_demo_data(self, stdout: Any) -> list:
        from core.demo_images import attach_demo_images

        from .demo import load_demo_practices
        from .models import PracticePage

        accounts = load_demo_practices(stdout)
        attach_demo_images("practice", PracticePage, stdout)
        return accounts
