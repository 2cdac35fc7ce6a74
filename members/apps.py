from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from . import cards  # noqa: F401  (its cards, for `{% cards %}` in any app's templates)

        post_migrate.connect(create_network_roles, dispatch_uid="members.create_network_roles")
        from wagtail.signals import copy_for_translation_done

        from .translations import adapt_translated_copy

        copy_for_translation_done.connect(adapt_translated_copy, dispatch_uid="members.adapt_translated_copy")
        # What this app keeps about a person, for the account page's download and deletion.
        from . import personal_data  # noqa: F401

    def load_demo_data(self, stdout: Any) -> list:
        from members.demo import load_demo_members

        return load_demo_members(stdout)


def create_network_roles(sender: AppConfig, **kwargs) -> None:
    # Permissions are created per app in post_migrate too, so wait for the last app's turn.
    if sender is not [config for config in apps.get_app_configs() if config.models_module][-1]:
        return
    from wagtail.models import Page

    from members.roles import ensure_network_roles

    # A test database flush also sends post_migrate, with no page tree left to grant permissions on.
    if Page.get_first_root_node() is None:
        return
    ensure_network_roles()
