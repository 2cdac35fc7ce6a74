"""Embedding documents: when a practice is published, by its own task, reusing vectors by content hash."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from search.documents import document_for_type
from search.semantic.encoder import MODEL_ID, embed_texts
from search.semantic.store import DocumentEmbedding, TextEmbedding, content_hash
from search.semantic.texts import SEMANTIC_TEXTS, filter_values

logger = logging.getLogger(__name__)
# A failing document is retried by the sweep after 2, 4, 8... minutes, and set aside after this many.
MAX_ATTEMPTS = 6
SWEEP_BATCH = 256


@dataclass
class EmbedReport:
    embedded: int = 0  # texts that went through the model
    reused: int = 0  # documents whose text already had a vector
    removed: int = 0  # no longer live: their vector left the set
    failed: int = 0
    error: str = ""


def embed_documents(type_name: str, ids: Iterable[int]) -> EmbedReport:
    """Give each live document of `ids` the vector of its current text; drop those no longer live."""
    report = EmbedReport()
    text_of = SEMANTIC_TEXTS.get(type_name)
    if text_of is None:
        return report
    doc = document_for_type(type_name)
    wanted = sorted({int(i) for i in ids})
    live = {obj.pk: obj for obj in doc.queryset().filter(pk__in=wanted)}
    report.removed, _ = DocumentEmbedding.objects.filter(
        doc_type=type_name, object_id__in=[i for i in wanted if i not in live]
    ).delete()
    if not live:
        return report
    texts = {pk: text_of(obj) for pk, obj in live.items()}
    hashes = {pk: content_hash(text) for pk, text in texts.items()}
    known = {e.content_hash: e for e in TextEmbedding.objects.filter(content_hash__in=set(hashes.values()))}
    missing = {h: texts[pk] for pk, h in hashes.items() if h not in known}
    if missing:
        try:
            vectors = embed_texts(list(missing.values()))
        except Exception as error:  # the model failed: record it where the sweep and admins see it
            logger.exception("embedding %s %s failed", type_name, wanted)
            _record_failure(type_name, [pk for pk, h in hashes.items() if h in missing], error)
            report.failed, report.error = len(missing), str(error)
            return report
        TextEmbedding.objects.bulk_create(
            [
                TextEmbedding(content_hash=h, model_id=MODEL_ID, vector=TextEmbedding.pack(vector))
                for h, vector in zip(missing, vectors, strict=True)
            ],
            ignore_conflicts=True,  # another worker embedded the same text meanwhile
        )
        known = {
            e.content_hash: e for e in TextEmbedding.objects.filter(content_hash__in=set(hashes.values()))
        }
        report.embedded = len(missing)
    report.reused = len(live) - report.embedded
    DocumentEmbedding.objects.bulk_create(
        [
            DocumentEmbedding(
                doc_type=type_name,
                object_id=pk,
                content_hash=hashes[pk],
                embedding=known[hashes[pk]],
                filter_values=filter_values(doc, obj),
                attempts=0,
                last_error="",
            )
            for pk, obj in live.items()
        ],
        update_conflicts=True,
        unique_fields=["doc_type", "object_id"],
        update_fields=["content_hash", "embedding", "filter_values", "attempts", "last_error", "updated_at"],
    )
    return report


def _record_failure(type_name: str, ids: list[int], error: Exception) -> None:
    for pk in ids:
        row, _ = DocumentEmbedding.objects.get_or_create(
            doc_type=type_name, object_id=pk, defaults={"content_hash": "", "embedding": None}
        )
        DocumentEmbedding.objects.filter(pk=row.pk).update(
            attempts=row.attempts + 1, last_error=str(error)[:2000], updated_at=timezone.now()
        )


def forget_documents(type_name: str, ids: Iterable[int]) -> None:
    """Take documents out of the semantic signal at once (unpublished, deleted, restricted)."""
    DocumentEmbedding.objects.filter(doc_type=type_name, object_id__in=[int(i) for i in ids]).delete()


def schedule_embedding(type_name: str, ids: Iterable[int]) -> None:
    """Embed after the surrounding transaction commits, in the background; the sweep catches a miss."""
    ids = [int(i) for i in ids]
    if type_name not in SEMANTIC_TEXTS or not ids:
        return

    def enqueue() -> None:
        from search.semantic.tasks import embed_documents_task

        try:
            embed_documents_task.enqueue(type_name, ids)
        except Exception:
            logger.exception("could not enqueue embedding of %s %s", type_name, ids)

    transaction.on_commit(enqueue)


def sweep(limit: int | None = None) -> EmbedReport:
    """Embed live documents that have no vector yet, and retry failed ones whose backoff has passed."""
    total = EmbedReport()
    now = timezone.now()
    for type_name in SEMANTIC_TEXTS:
        doc = document_for_type(type_name)
        have = DocumentEmbedding.objects.filter(doc_type=type_name).filter(
            Q(embedding__isnull=False) | Q(attempts__gte=MAX_ATTEMPTS)
        )
        due = [
            row.object_id
            for row in DocumentEmbedding.objects.filter(doc_type=type_name, embedding__isnull=True).filter(
                attempts__lt=MAX_ATTEMPTS
            )
            if row.updated_at + timedelta(minutes=2**row.attempts) <= now or row.attempts == 0
        ]
        pending = list(
            doc.queryset()
            .exclude(pk__in=have.values("object_id"))
            .values_list("pk", flat=True)[: limit or None]
        )
        pending = sorted(set(pending) | set(due))
        for start in range(0, len(pending), SWEEP_BATCH):
            report = embed_documents(type_name, pending[start : start + SWEEP_BATCH])
            total.embedded += report.embedded
            total.reused += report.reused
            total.removed += report.removed
            total.failed += report.failed
            total.error = report.error or total.error
    return total
