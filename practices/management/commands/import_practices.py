"""Bulk import of a member's practices from JSON or CSV (columns: see the practices.importing package)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.models import Member
from practices.importing import PracticeFileError, import_practice_rows, read_practice_file, validate_records


class Command(BaseCommand):
    help = (
        "Import practices for one member from a JSON file (shaped like core/demo_content/practices.json) "
        "or a CSV file (columns documented in practices.importing). Every row is validated first; "
        "if any is invalid nothing is imported. Practices are matched by slug in the member's folder, so "
        "re-running updates them. New content is saved as drafts for moderation unless --publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A .json or .csv file.")
        parser.add_argument("--member", required=True, help="Slug of the member that leads these practices.")
        parser.add_argument("--dry-run", action="store_true", help="Validate only; write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish instead of saving drafts.")

    def handle(self, *args, **options):
        member = Member.objects.filter(slug=options["member"]).first()
        if member is None:
            raise CommandError(f"Unknown member “{options['member']}”.")
        try:
            records = read_practice_file(options["file"])
        except PracticeFileError as error:
            raise CommandError(str(error)) from error
        rows, errors = validate_records(records, member=member)
        if errors:
            for row_error in errors:
                self.stderr.write(str(row_error))
            raise CommandError(f"{len(errors)} error(s) in {options['file'].name}; nothing was imported.")
        if options["dry_run"]:
            self.stdout.write(f"{len(rows)} practice(s) are valid; nothing was written (--dry-run).")
            return
        try:
            result = import_practice_rows(rows, publish=options["publish"])
        except PracticeFileError as error:
            raise CommandError(str(error)) from error
        state = "published" if options["publish"] else "saved as drafts for moderation"
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} practice(s) created and {len(result.updated)} updated, {state}"
                f" ({len(result.unchanged)} unchanged)."
            )
        )
