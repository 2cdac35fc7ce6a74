"""Ranking quality over the project's relevance set: mean reciprocal rank and recall@10."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.backends.base import SearchBackend
from search.query import SearchQuery

RELEVANCE_FILE = Path(__file__).resolve().parent / "relevance" / "queries.json"


@dataclass
class Evaluation:
    mrr: float
    recall_at_10: float
    misses: list[dict[str, Any]] = field(default_factory=list)  # queries whose best answer is not first


def load_relevance_set(path: Path = RELEVANCE_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def evaluate(backend: SearchBackend, queries: list[dict[str, Any]]) -> Evaluation:
    reciprocal_ranks, recalls, misses = [], [], []
    for item in queries:
        found = [r.slug for r in backend.search(SearchQuery(text=item["q"], page_size=10)).results]
        relevant = set(item["relevant"])
        rank = next((position for position, slug in enumerate(found, 1) if slug in relevant), None)
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        recalls.append(len(relevant & set(found)) / len(relevant))
        if rank != 1:
            misses.append({"q": item["q"], "rank": rank, "top": found[:3]})
    count = len(queries) or 1
    return Evaluation(sum(reciprocal_ranks) / count, sum(recalls) / count, misses)
