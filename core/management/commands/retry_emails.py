"""Send again the emails whose delivery failed (run every few minutes, e.g. from cron)."""

from django.core.management.base import BaseCommand

from core.outbox import retry_undelivered


class Command(BaseCommand):
    help = (
        "Retry undelivered emails that are due; give up after EMAIL_MAX_ATTEMPTS and list them in the admin."
    )

    def handle(self, *args, **options) -> None:
        delivered, given_up = retry_undelivered()
        self.stdout.write(f"Delivered {delivered} email(s); gave up on {given_up}.")
