"""`manage.py search_vectors embed|refresh|status`: the semantic signal's vectors."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.documents import document_for_type
from search.semantic.actions import MAX_ATTEMPTS, embed_documents, sweep
from search.semantic.store import DocumentEmbedding
from search.semantic.texts import SEMANTIC_TEXTS

REFRESH_BATCH = 256


class Command(BaseCommand):
    help = (
        "embed: give every live document without a vector one, and retry failed ones whose backoff has "
        "passed (run it every few minutes). refresh: recompute every live document's text, filter values "
        "and glossary concepts (after a glossary update); unchanged texts reuse their vectors. status: "
        "how many documents have a vector, and which failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["embed", "refresh", "status"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"do_{action}")()

    def do_embed(self) -> None:
        report = sweep()
        self.stdout.write(
            f"Embedded {report.embedded} texts, reused {report.reused}, removed {report.removed}."
        )
        if report.failed:
            raise CommandError(f"{report.failed} texts failed and will be retried: {report.error}")

    def do_refresh(self) -> None:
        embedded = reused = 0
        for type_name in SEMANTIC_TEXTS:
            ids = list(document_for_type(type_name).queryset().values_list("pk", flat=True))
            for start in range(0, len(ids), REFRESH_BATCH):
                report = embed_documents(type_name, ids[start : start + REFRESH_BATCH])
                if report.failed:
                    raise CommandError(f"Embedding failed: {report.error}")
                embedded += report.embedded
                reused += report.reused
        self.stdout.write(
            f"Refreshed {embedded + reused} documents ({embedded} texts embedded, {reused} reused)."
        )

    def do_status(self) -> None:
        failing = False
        for type_name in SEMANTIC_TEXTS:
            live = document_for_type(type_name).queryset().count()
            rows = DocumentEmbedding.objects.filter(doc_type=type_name)
            with_vector = rows.filter(embedding__isnull=False).count()
            self.stdout.write(f"{type_name}: {with_vector} of {live} live documents have a vector")
            for row in rows.failing().order_by("-attempts")[:20]:
                state = "set aside" if row.attempts >= MAX_ATTEMPTS else f"attempt {row.attempts}"
                self.stdout.write(f"  {row.object_id}: {state}: {row.last_error[:200]}")
                failing = True
        if failing:
            raise CommandError("Some documents have no vector: see above (`search_vectors embed` retries).")
