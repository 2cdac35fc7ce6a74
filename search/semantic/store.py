"""Vectors in the database: what each document's vector is, and each distinct text's embedding.

`TextEmbedding` is keyed by a hash of the model and the exact text, so an unchanged text is never
embedded again (a republish, a rebuild, a second document with the same text). `DocumentEmbedding` says
which text a live document has now, with the filter values the vector index needs; a rebuild of the
engine's index never touches either table.
"""

import hashlib

import numpy as np
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.semantic.encoder import DIMENSIONS, MODEL_ID


def content_hash(text: str, model_id: str = MODEL_ID) -> str:
    return hashlib.sha256(f"{model_id}\n{text}".encode()).hexdigest()


class TextEmbedding(models.Model):
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    model_id = models.CharField(_("model"), max_length=80)
    vector = models.BinaryField(_("vector (float16)"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("text embedding")
        verbose_name_plural = _("text embeddings")

    def __str__(self) -> str:
        return self.content_hash[:12]

    @staticmethod
    def pack(vector: np.ndarray) -> bytes:
        return np.asarray(vector, dtype=np.float16).reshape(DIMENSIONS).tobytes()

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype=np.float16)


class DocumentEmbeddingQuerySet(models.QuerySet["DocumentEmbedding"]):
    def failing(self) -> "DocumentEmbeddingQuerySet":
        return self.exclude(last_error="")


class DocumentEmbedding(models.Model):
    """The current vector of one indexed document (or why it has none yet)."""

    doc_type = models.CharField(_("type"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    embedding = models.ForeignKey(
        TextEmbedding, verbose_name=_("embedding"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # The document's filter values (priority, themes, country...), so the semantic signal obeys the
    # same filters as the engine without a query per document.
    filter_values = models.JSONField(_("filter values"), default=dict)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DocumentEmbeddingQuerySet.as_manager()

    class Meta:
        verbose_name = _("document embedding")
        verbose_name_plural = _("document embeddings")
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "object_id"], name="unique_document_embedding")
        ]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.object_id}"
