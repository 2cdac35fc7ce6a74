from django.core.management.base import BaseCommand

from newsletter.actions import purge_expired


class Command(BaseCommand):
    help = (
        "Delete newsletter requests never confirmed (NEWSLETTER_CONFIRMATION_DAYS) and unsubscribed "
        "addresses (NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS). Run daily."
    )

    def handle(self, *args: object, **options: object) -> None:
        pending, unsubscribed = purge_expired()
        self.stdout.write(f"Deleted {pending} unconfirmed and {unsubscribed} unsubscribed subscriptions.")
