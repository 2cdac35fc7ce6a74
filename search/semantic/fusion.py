"""One ranked list from two signals: the engine's (or database's) lexical score and the semantic similarity.

Scores are fused after normalising each to [0, 1], not by reciprocal ranks: with rank fusion a foreign-
language query's poor lexical list (its best hit is a weak accident) would weigh as much as a confident
semantic list. The lexical score is divided by the larger of its best score and a reference score, so a
list of weak accidents stays weak; the similarity is rescaled above a floor below which two texts of this
field share nothing more than their topic.
"""

from dataclasses import dataclass
from typing import TypeVar

Key = TypeVar("Key")


@dataclass(frozen=True)
class FusionWeights:
    """Tuned on the tuning half of the judgment set only (bench/relevance.py prints the grid)."""

    lexical: float = 0.1
    semantic: float = 0.8
    # The share of the query's glossary concepts that a document is about (a third, language-free signal).
    conceptual: float = 0.1
    # Cosine similarity (Universal Sentence Encoder) below which a document is no semantic match.
    floor: float = 0.2
    # The similarity a candidate needs to join the results on the semantic signal alone.
    admit: float = 0.3
    # At most this many semantic-only candidates join the lexical ones.
    depth: int = 60
    # The share of the query's concepts a document needs to join the results on that signal alone.
    concept_admit: float = 0.5
    # At most this many candidates join on the concept signal alone.
    concept_depth: int = 200
    # Weight of the glossary concepts' English terms in the query's vector (0: the query alone), and for
    # a query in a language the model does not know (Swedish, Greek), where the terms carry its meaning.
    glossary: float = 0.3
    glossary_unknown_language: float = 1.0
    # A lexical score this high counts as a full match: below it, even the best hit of a list is weak
    # (the engine's BM25 scale; the database's full-text scores are normalised by their best).
    lexical_reference: float = 0.0


DEFAULT_WEIGHTS = FusionWeights()
# Each backend's lexical scorer has its own scale and quality, so each has its own weights.
ENGINE_WEIGHTS = FusionWeights(lexical=0.1, semantic=0.7, conceptual=0.2, floor=0.2, lexical_reference=10.0)
DATABASE_WEIGHTS = FusionWeights(lexical=0.1, semantic=0.75, conceptual=0.15, floor=0.1)


def normalise_lexical(scores: dict[Key, float], reference: float) -> dict[Key, float]:
    top = max([*scores.values(), reference, 1e-9])
    return {key: max(score, 0.0) / top for key, score in scores.items()}


def normalise_semantic(similarities: dict[Key, float], floor: float) -> dict[Key, float]:
    span = 1.0 - floor
    return {key: min(max((similarity - floor) / span, 0.0), 1.0) for key, similarity in similarities.items()}


def fuse(
    lexical: dict[Key, float],
    semantic: dict[Key, float],
    weights: FusionWeights = DEFAULT_WEIGHTS,
    conceptual: dict[Key, float] | None = None,
    candidates: list[Key] | None = None,
) -> list[tuple[Key, float]]:
    """The `candidates` (by default every key of the lexical and semantic signals) with their fused
    score, best first; ties keep the lexical order. `conceptual` scores are already in [0, 1]."""
    lex = normalise_lexical(lexical, weights.lexical_reference)
    sem = normalise_semantic(semantic, weights.floor)
    concepts = conceptual or {}
    keys = candidates if candidates is not None else [*lexical, *[k for k in semantic if k not in lexical]]
    order = {key: i for i, key in enumerate(dict.fromkeys(keys))}
    fused = {
        key: weights.lexical * lex.get(key, 0.0)
        + weights.semantic * sem.get(key, 0.0)
        + weights.conceptual * concepts.get(key, 0.0)
        for key in order
    }
    return sorted(fused.items(), key=lambda item: (-item[1], order[item[0]]))
