"""Daily: remind lead members of published practices that have not been reviewed for 24 months."""

from django.core.management.base import BaseCommand

from practices.actions import REMINDER_INTERVAL_DAYS, send_review_reminders


class Command(BaseCommand):
    help = (
        "Email each lead member's contact officers the list of their practices not reviewed for 24 "
        f"months. Run daily; a member is reminded at most once every {REMINDER_INTERVAL_DAYS} days."
    )

    def handle(self, *args, **options):
        reminded = send_review_reminders()
        count = sum(len(practices) for practices in reminded.values())
        self.stdout.write(f"Reminded {len(reminded)} member(s) about {count} practice(s).")
