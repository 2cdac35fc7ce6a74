from django.core.management.base import BaseCommand, CommandError

from events.actions import send_due_reminders


class Command(BaseCommand):
    help = "Email confirmed registrants of events that start within the next 24 hours (run daily; each once)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="Look-ahead window in hours (default 24).")

    def handle(self, *args, hours: int, **options):
        from datetime import timedelta

        if hours < 1:
            raise CommandError("--hours must be at least 1")
        sent = send_due_reminders(within=timedelta(hours=hours))
        self.stdout.write(f"Reminders sent: {sent}")
