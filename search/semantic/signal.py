"""The semantic signal of one search: the query's vector, its admitted candidates, similarity on demand."""

import logging
from dataclasses import dataclass

import numpy as np
from django.conf import settings

from search.expansion import expand
from search.query import SearchQuery
from search.semantic.encoder import embed_query
from search.semantic.fusion import DEFAULT_WEIGHTS, FusionWeights
from search.semantic.texts import SEMANTIC_TEXTS
from search.semantic.vectors import VectorSet, vector_sets

logger = logging.getLogger(__name__)
# Corpus languages the Universal Sentence Encoder was not trained on.
UNKNOWN_LANGUAGES = frozenset({"sv", "el"})


@dataclass
class SemanticSignal:
    type_name: str
    vectors: VectorSet
    query_vector: np.ndarray
    weights: FusionWeights
    admitted: dict[int, float]  # closest documents passing the filters, similar enough to be results
    # Per row of `vectors`, the share of the query's glossary concepts the document is about (0 for
    # documents the filters leave out); None when the query names no concept any document is about.
    concept_shares: np.ndarray | None

    def similarities(self, ids: list[int]) -> dict[int, float]:
        """Cosine similarity of the query to each document of `ids` that has a vector."""
        return self.vectors.similarities(self.query_vector, ids)

    def concepts(self, ids: list[int]) -> dict[int, float]:
        """The concept share of each document of `ids` about at least one of the query's concepts."""
        if self.concept_shares is None:
            return {}
        return self.vectors.values_of(self.concept_shares, ids)


def query_vector(text: str, weights: FusionWeights = DEFAULT_WEIGHTS) -> np.ndarray:
    """The query's vector, pulled towards the English terms of the glossary concepts it names: the model
    knows no Swedish or Greek, and even where it does, the field's own terms sharpen a short query."""
    vector = embed_query(text)
    expansion = expand(text)
    terms = expansion.terms(languages=("en",))
    weight = (
        weights.glossary_unknown_language if expansion.language in UNKNOWN_LANGUAGES else weights.glossary
    )
    if not terms or weight <= 0:
        return vector
    combined = vector + weight * embed_query("; ".join(terms[:12]))
    norm = float(np.linalg.norm(combined))
    return combined / norm if norm else vector


def semantic_signal(
    query: SearchQuery, type_name: str = "practice", weights: FusionWeights = DEFAULT_WEIGHTS
) -> SemanticSignal | None:
    """The signal for `query`, or None where it has nothing to say (no text, another type asked for,
    no vectors yet, or the model failed: then the lexical ranking answers alone, and the log says why)."""
    if not query.text or not getattr(settings, "SEARCH_SEMANTIC", True) or type_name not in SEMANTIC_TEXTS:
        return None
    if query.values("type") and type_name not in query.values("type"):
        return None
    try:
        vectors = vector_sets.get(type_name)
        if not len(vectors):
            return None
        vector = query_vector(query.text, weights)
    except Exception:
        logger.exception("semantic search signal unavailable; ranking by words alone")
        return None
    mask = vectors.mask(query)
    nearest = vectors.nearest(vector, weights.depth, mask)
    admitted = {object_id: score for object_id, score in nearest if score >= weights.admit}
    shares = vectors.concept_shares([c.id for c in expand(query.text).concepts], mask)
    if shares is not None:
        admitted.update(vectors.similarities(vector, conceptual_admits(vectors, shares, admitted, weights)))
    return SemanticSignal(type_name, vectors, vector, weights, admitted, shares)


def conceptual_admits(
    vectors: VectorSet, shares: np.ndarray, admitted: dict[int, float], weights: FusionWeights
) -> list[int]:
    """The documents that join on the concept signal alone: about enough of the query's concepts, not
    admitted already, at most `weights.concept_depth` of them (the highest shares; at 50,000 practices
    a common concept names thousands, which the fusion's window of 200 would never rank)."""
    rows = np.flatnonzero(shares >= weights.concept_admit)
    depth = weights.concept_depth + len(admitted)
    if len(rows) > depth:
        # Highest shares first, the earlier row on ties (a stable, repeatable choice).
        rows = rows[np.argsort(-shares[rows], kind="stable")[:depth]]
    return [i for i in vectors.ids_at(rows) if i not in admitted][: weights.concept_depth]
