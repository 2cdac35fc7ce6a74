"""Loads the demo corpus and creates the demo accounts. Safe to run again: nothing is duplicated."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo import DEMO_ACCOUNTS_FILE, DemoAccount, ensure_demo_account, record_new_accounts
from core.vocabulary import sync_current_vocabulary


class Command(BaseCommand):
    help = (
        "Load the demo members, practices and events from core/demo_content/ and create one demo "
        "account per role. Idempotent: records are matched by slug and updated, never duplicated."
    )

    def handle(self, *args, **options):
        sync_current_vocabulary()
        accounts: list[DemoAccount] = [
            ensure_demo_account(
                "admin",
                email="admin@network.example.org",
                role="Network administrator",
                first_name="Network",
                last_name="Administrator",
                is_superuser=True,
            )
        ]
        # Each domain app contributes through its AppConfig's `load_demo_data(stdout)`, which returns
        # the demo accounts it created; apps are visited in INSTALLED_APPS order (members before practices).
        try:
            with transaction.atomic():
                for app_config in apps.get_app_configs():
                    loader = getattr(app_config, "load_demo_data", None)
                    if loader is not None:
                        accounts.extend(loader(self.stdout) or [])
        except (KeyError, ValueError) as error:
            raise CommandError(f"The demo content is not valid: {error}") from error
        record_new_accounts(accounts)
        self.report_accounts(accounts)

    def report_accounts(self, accounts: list[DemoAccount]) -> None:
        created = [account for account in accounts if account.password]
        if created:
            self.stdout.write(self.style.SUCCESS("Demo accounts created (passwords are shown this once):"))
            for account in created:
                self.stdout.write(f"  {account.role:<28} {account.username:<24} {account.password}")
            self.stdout.write(f"They are also kept in {DEMO_ACCOUNTS_FILE} (readable by you only).")
        else:
            self.stdout.write(
                f"Demo accounts already exist; their passwords are in {DEMO_ACCOUNTS_FILE}. "
                "Reset one with `python manage.py changepassword USERNAME`."
            )
        self.stdout.write(self.style.SUCCESS("Demo content is loaded. Sign in at /admin/."))
