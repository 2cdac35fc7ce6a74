from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from wagtail.signals import post_page_move

        from members.signals import member_provisioned

        from .actions import create_member_resource_folder, follow_new_folder
        from .models import ResourcePage

        member_provisioned.connect(
            create_member_resource_folder, dispatch_uid="library.create_member_resource_folder"
        )
        post_page_move.connect(
            follow_new_folder, sender=ResourcePage, dispatch_uid="library.follow_new_folder"
        )
        # Registers what this app shows on other apps' pages (core/sections.py).
        from . import sections  # noqa: F401

    def load_demo_data(self, stdout: Any) -> list:
        from .demo import load_demo_resources

        return load_demo_resources(stdout)
