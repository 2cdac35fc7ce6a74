"""Ranking quality over the project's judgment set: nDCG@10, MRR and recall@10, per kind and per half.

The judgment set (`relevance/judgments.json`) was written from officers' needs and judged over the whole
demo corpus before any tuning; its "tuning" half is the only one ranking was tuned on. Grades: 2 = the
practice to transfer, 1 = useful. nDCG@10 uses both grades (gain 2^grade - 1); MRR and recall@10 count
the grade-2 practices only. The baseline is untuned BM25: the engine's default analyzer and a plain
multi_match over the same title, summary and body, with the same filters.
"""

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.query import SearchQuery

RELEVANCE_DIR = Path(__file__).resolve().parent / "relevance"
JUDGMENTS_FILE = RELEVANCE_DIR / "judgments.json"
FLOORS_FILE = RELEVANCE_DIR / "floors.json"
K = 10
KINDS = ("cross-language", "paraphrase", "typo", "filtered", "same-language")

# A ranker takes a judged query and returns the slugs it ranks first.
Ranker = Callable[[dict[str, Any]], list[str]]


def load_judgments(path: Path = JUDGMENTS_FILE) -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["queries"]
    return queries


def load_floors(path: Path = FLOORS_FILE) -> dict[str, Any]:
    floors: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return floors


def ndcg_at_k(found: list[str], judgments: dict[str, int], k: int = K) -> float:
    gains = [2 ** judgments.get(slug, 0) - 1 for slug in found[:k]]
    ideal = sorted((2**grade - 1 for grade in judgments.values()), reverse=True)[:k]
    dcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))
    idcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(found: list[str], judgments: dict[str, int], k: int = K) -> float:
    best = {slug for slug, grade in judgments.items() if grade == 2}
    return next((1 / rank for rank, slug in enumerate(found[:k], 1) if slug in best), 0.0)


def recall_at_k(found: list[str], judgments: dict[str, int], k: int = K) -> float:
    best = {slug for slug, grade in judgments.items() if grade == 2}
    return len(best & set(found[:k])) / len(best) if best else 0.0


@dataclass
class Scores:
    ndcg: float = 0.0
    mrr: float = 0.0
    recall: float = 0.0
    count: int = 0

    def as_row(self) -> str:
        return f"{self.ndcg:.3f} | {self.mrr:.3f} | {self.recall:.3f}"


@dataclass
class QueryOutcome:
    query: dict[str, Any]
    found: list[str]
    ndcg: float
    rr: float
    recall: float


@dataclass
class Report:
    outcomes: list[QueryOutcome] = field(default_factory=list)

    def scores(self, kind: str | None = None, half: str | None = None) -> Scores:
        chosen = [
            o
            for o in self.outcomes
            if (kind is None or o.query["kind"] == kind) and (half is None or o.query["half"] == half)
        ]
        n = len(chosen)
        if not n:
            return Scores()
        return Scores(
            ndcg=sum(o.ndcg for o in chosen) / n,
            mrr=sum(o.rr for o in chosen) / n,
            recall=sum(o.recall for o in chosen) / n,
            count=n,
        )

    def worst(self, half: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
        chosen = [o for o in self.outcomes if half is None or o.query["half"] == half]
        return [
            {"id": o.query["id"], "q": o.query["q"], "ndcg": round(o.ndcg, 3), "top": o.found[:3]}
            for o in sorted(chosen, key=lambda o: o.ndcg)[:limit]
        ]


def evaluate(rank: Ranker, queries: Iterable[dict[str, Any]]) -> Report:
    report = Report()
    for query in queries:
        found = rank(query)
        judgments = query["judgments"]
        report.outcomes.append(
            QueryOutcome(
                query,
                found,
                ndcg_at_k(found, judgments),
                reciprocal_rank(found, judgments),
                recall_at_k(found, judgments),
            )
        )
    return report


def query_filters(query: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """The judged query's filters as the search takes them (call priorities by slug, not number)."""
    from core.models import Priority

    filters: dict[str, tuple[str, ...]] = {}
    for name, value in (query.get("filters") or {}).items():
        values = tuple(value) if isinstance(value, list) else (str(value),)
        if name == "priority":
            slugs = dict(Priority.objects.values_list("number", "slug"))
            values = tuple(slugs[int(v)] for v in values)
        filters[name] = values
    return filters


def backend_ranker(backend: Any) -> Ranker:
    def rank(query: dict[str, Any]) -> list[str]:
        search = SearchQuery(text=query["q"], filters=query_filters(query), page_size=K)
        return [result.slug for result in backend.search(search).results]

    return rank


def table(reports: dict[str, Report], half: str | None = None) -> str:
    """A Markdown table: nDCG@10 | MRR | recall@10 per kind and overall, one column group per ranker."""
    names = list(reports)
    head = "| kind | n | " + " | ".join(f"{name} nDCG@10 | MRR | R@10" for name in names) + " |"
    rule = "| --- | --- | " + " | ".join("--- | --- | ---" for _ in names) + " |"
    rows = [head, rule]
    for kind in (*KINDS, None):
        first = reports[names[0]].scores(kind, half)
        cells = " | ".join(reports[name].scores(kind, half).as_row() for name in names)
        rows.append(f"| {kind or '**all**'} | {first.count} | {cells} |")
    return "\n".join(rows)
