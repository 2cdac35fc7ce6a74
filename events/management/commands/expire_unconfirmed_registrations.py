from django.core.management.base import BaseCommand

from events.actions import expire_unconfirmed_registrations
from events.tokens import confirmation_hours


class Command(BaseCommand):
    help = (
        "Expire registrations not confirmed within EVENT_CONFIRMATION_HOURS, give their places back and "
        "promote the waiting lists in order (run every few minutes; safe to overlap)."
    )

    def handle(self, *args, **options):
        expired = expire_unconfirmed_registrations()
        self.stdout.write(f"Unconfirmed registrations expired: {expired} (after {confirmation_hours()} h)")
