from django.core.management.base import BaseCommand, CommandError

from events.actions import purge_old_registrations, retention_months
from events.actions_after import certificate_retention_years, purge_old_certificates


class Command(BaseCommand):
    help = (
        "Anonymise registrations of events that ended more than EVENT_REGISTRATION_RETENTION_MONTHS "
        "(default 12) months ago (counts and attendance are kept), and delete certificates of attendance "
        "issued more than EVENT_CERTIFICATE_RETENTION_YEARS (default 5) years ago."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None, help="Override the retention period.")

    def handle(self, *args, months: int | None, **options):
        months = retention_months() if months is None else months
        if months < 0:
            raise CommandError("--months must not be negative")
        count = purge_old_registrations(months=months)
        self.stdout.write(f"Registrations anonymised: {count} (events ended more than {months} months ago)")
        certificates = purge_old_certificates()
        self.stdout.write(
            f"Certificates deleted: {certificates} "
            f"(issued more than {certificate_retention_years()} years ago)"
        )
