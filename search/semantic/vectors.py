"""The live vectors of one document type as a memory-mapped float32 matrix that all workers share.

Built from `DocumentEmbedding` into `SEARCH_VECTOR_DIR/<type>-<generation>/` (written once, renamed into
place atomically, then only read), so every worker process maps the same pages instead of holding its
own copy. A search scores the query against it in two steps once the set is large: the Hamming distance
of sign bits (64 bytes a vector, about a millisecond for 50,000) picks the closest few thousand, and
their vectors give the exact cosine. The matrix is float32 although the database keeps float16: twice
the shared pages, and no conversion of the reranked rows per search. Filters become boolean masks over
the same rows.
"""

import fcntl
import logging
import shutil
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Count, Max, Sum

from search.documents import document_for_type
from search.query import SearchQuery
from search.semantic.encoder import DIMENSIONS
from search.semantic.store import DocumentEmbedding

logger = logging.getLogger(__name__)

# Below this many vectors every one is scored exactly; above, sign bits preselect RERANK_DEPTH rows.
EXACT_LIMIT = 4096
RERANK_DEPTH = 2048
NO_YEAR = -1
YEAR_NAMES = ("year_start", "year_end")


@dataclass
class VectorSet:
    doc_type: str
    generation: str
    ids: np.ndarray  # int64, one per row
    vectors: np.ndarray  # float32 (n, DIMENSIONS), memory-mapped (float16 in sets built before)
    bits: np.ndarray  # uint64 (n, DIMENSIONS / 64): sign bits of the centred vectors
    mean: np.ndarray  # float32 (DIMENSIONS,)
    values: dict[str, list[str]]  # filter name -> the value of each column of its mask
    masks: dict[str, np.ndarray]  # filter name -> bool (n, len(values[name]))
    years: np.ndarray  # int16 (n, 2): start and end year, NO_YEAR when unknown
    positions: dict[int, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    def mask(self, query: SearchQuery) -> np.ndarray | None:
        """Rows that pass the query's filters (None: all of them)."""
        keep: np.ndarray | None = None

        def narrow(rows: np.ndarray) -> None:
            nonlocal keep
            keep = rows if keep is None else keep & rows

        for name, selected in query.filters.items():
            if name == "type" or name not in self.masks:
                continue
            columns = [i for i, value in enumerate(self.values[name]) if value in selected]
            narrow(
                np.asarray(self.masks[name][:, columns].any(axis=1))
                if columns
                else np.zeros(len(self), dtype=bool)
            )
        start, end = self.years[:, 0], self.years[:, 1]
        if query.year_to is not None:
            narrow((start != NO_YEAR) & (start <= query.year_to))
        if query.year_from is not None:
            narrow((end == NO_YEAR) | (end >= query.year_from))
        return keep

    def rows_of(self, ids: list[int]) -> tuple[list[int], np.ndarray]:
        """The ids of `ids` that have a row in this set, and their rows, in that order."""
        found = [(i, self.positions[i]) for i in ids if i in self.positions]
        return [i for i, _ in found], np.array([row for _, row in found], dtype=np.int64)

    def similarities(self, vector: np.ndarray, ids: list[int]) -> dict[int, float]:
        """Cosine similarity of `vector` to each document of `ids` that has a vector in this set."""
        present, rows = self.rows_of(ids)
        if not present:
            return {}
        scores = np.asarray(self.vectors[rows], dtype=np.float32) @ vector
        return {object_id: float(score) for object_id, score in zip(present, scores, strict=True)}

    def concept_shares(self, concepts: list[str], mask: np.ndarray | None = None) -> np.ndarray | None:
        """Per row, the share of `concepts` the document is about (0 outside `mask`); None when no
        document is about any of them. Each concept weighs by its rarity (inverse document frequency):
        naming the one shelter practice among thirty about trafficking tells more than naming trafficking."""
        wanted = set(concepts)
        columns = [i for i, value in enumerate(self.values.get("concept", [])) if value in wanted]
        if not columns:
            return None
        present = self.masks["concept"][:, columns]
        rarity = np.log1p(len(self) / np.maximum(present.sum(axis=0), 1))
        # Concepts no document is about still count in the whole, at the rarity of a single document.
        absent = (len(wanted) - len(columns)) * float(np.log1p(len(self)))
        shares: np.ndarray = (present * rarity).sum(axis=1) / (float(rarity.sum()) + absent)
        if mask is not None:
            shares = np.where(mask, shares, 0)
        return shares

    def values_of(self, per_row: np.ndarray, ids: list[int]) -> dict[int, float]:
        """{object id: its row's value in `per_row`} for the ids of `ids` with a row, values > 0 only."""
        present, rows = self.rows_of(ids)
        if not present:
            return {}
        return {i: float(v) for i, v in zip(present, per_row[rows], strict=True) if v > 0}

    def ids_at(self, rows: np.ndarray) -> list[int]:
        return [int(i) for i in self.ids[rows]]

    def nearest(
        self, vector: np.ndarray, limit: int, mask: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The `limit` closest rows that pass `mask`, as (object id, cosine similarity), best first."""
        if not len(self):
            return []
        candidates = np.flatnonzero(mask) if mask is not None else np.arange(len(self))
        if len(candidates) > EXACT_LIMIT:
            query_bits = _sign_bits((vector - self.mean)[None, :])[0]
            bits = self.bits if mask is None else self.bits[candidates]  # no copy of every row
            distances = np.bitwise_count(bits ^ query_bits).sum(axis=1, dtype=np.int32)
            closest = np.argpartition(distances, RERANK_DEPTH)[:RERANK_DEPTH]
            candidates = candidates[closest]
        if not len(candidates):
            return []
        scores = np.asarray(self.vectors[candidates], dtype=np.float32) @ vector.astype(np.float32)
        limit = min(limit, len(candidates))
        best = np.argpartition(-scores, limit - 1)[:limit]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(self.ids[candidates[i]]), float(scores[i])) for i in best]


def _sign_bits(centred: np.ndarray) -> np.ndarray:
    return np.packbits(centred > 0, axis=1).view(np.uint64)


def vector_dir() -> Path:
    return Path(getattr(settings, "SEARCH_VECTOR_DIR", Path(settings.VAR_DIR) / "vectors"))


def current_generation(doc_type: str) -> str:
    """Changes whenever a vector or its filter values change, or a document leaves the set. One query."""
    state = DocumentEmbedding.objects.filter(doc_type=doc_type, embedding__isnull=False).aggregate(
        n=Count("pk"), latest=Max("updated_at"), ids=Sum("object_id")
    )
    latest = state["latest"].timestamp() if state["latest"] else 0
    return f"{state['n']}-{state['ids'] or 0}-{latest:.6f}".replace(".", "_")


def build(doc_type: str, generation: str) -> Path:
    """Write the vector set of `generation` (the live documents' vectors) and return its folder."""
    target = vector_dir() / f"{doc_type}-{generation}"
    if (target / "ids.npy").exists():
        return target
    doc = document_for_type(doc_type)
    rows = DocumentEmbedding.objects.filter(
        doc_type=doc_type, embedding__isnull=False, object_id__in=doc.queryset().values("pk")
    ).order_by("object_id")
    ids, filter_values, vectors = [], [], []
    for object_id, values, vector in rows.values_list("object_id", "filter_values", "embedding__vector"):
        ids.append(object_id)
        filter_values.append(values)
        vectors.append(np.frombuffer(bytes(vector), dtype=np.float16))
    matrix = np.vstack(vectors) if vectors else np.zeros((0, DIMENSIONS), dtype=np.float16)
    write(target, np.array(ids, dtype=np.int64), matrix, filter_values)
    _remove_old(doc_type, keep=target)
    return target


def write(target: Path, ids: np.ndarray, vectors: np.ndarray, filter_values: list[dict[str, Any]]) -> None:
    """Write a vector set into `target` atomically: staged beside it, then renamed into place."""
    n = len(ids)
    exact = vectors.astype(np.float32)
    mean = exact.mean(axis=0) if n else np.zeros(DIMENSIONS, np.float32)
    bits = _sign_bits(exact - mean) if n else np.zeros((0, DIMENSIONS // 64), np.uint64)
    names = sorted({name for values in filter_values for name in values if name not in YEAR_NAMES})
    arrays: dict[str, np.ndarray] = {}
    for name in names:
        labels = sorted({value for values in filter_values for value in values.get(name) or []})
        column = {value: i for i, value in enumerate(labels)}
        mask = np.zeros((n, len(labels)), dtype=bool)
        for row, values in enumerate(filter_values):
            for value in values.get(name) or []:
                mask[row, column[value]] = True
        arrays[f"mask_{name}"] = mask
        arrays[f"values_{name}"] = np.array(labels, dtype=str)
    years = np.array(
        [[_year(values.get("year_start")), _year(values.get("year_end"))] for values in filter_values],
        dtype=np.int16,
    ).reshape(n, 2)
    staging = target.parent / f".{target.name}-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    np.save(staging / "vectors.npy", exact)
    np.save(staging / "bits.npy", bits)
    meta: dict[str, Any] = {"mean": mean, "years": years, **arrays}
    np.savez(staging / "meta.npz", **meta)
    np.save(staging / "ids.npy", ids)  # written last: its presence says the folder is complete
    try:
        staging.rename(target)
    except OSError:  # another process finished the same generation first
        shutil.rmtree(staging, ignore_errors=True)


def _year(value: Any) -> int:
    return int(value) if value else NO_YEAR


def _remove_old(doc_type: str, keep: Path) -> None:
    # Processes that still map an older set keep reading it: unlinked files live until unmapped.
    for folder in vector_dir().glob(f"{doc_type}-*"):
        if folder != keep:
            shutil.rmtree(folder, ignore_errors=True)


def load(doc_type: str, generation: str, folder: Path) -> VectorSet:
    meta = np.load(folder / "meta.npz")
    names = [key.removeprefix("mask_") for key in meta.files if key.startswith("mask_")]
    ids = np.load(folder / "ids.npy")
    return VectorSet(
        doc_type=doc_type,
        generation=generation,
        ids=ids,
        vectors=np.load(folder / "vectors.npy", mmap_mode="r"),
        bits=np.load(folder / "bits.npy"),  # 64 bytes a document, read by every search: in memory
        mean=meta["mean"],
        values={name: [str(v) for v in meta[f"values_{name}"]] for name in names},
        masks={name: meta[f"mask_{name}"] for name in names},
        years=meta["years"],
        positions={int(object_id): i for i, object_id in enumerate(ids)},
    )


class VectorSets:
    """The process's vector sets, refreshed when the database says the vectors changed.

    The database is asked at most once every SEARCH_VECTOR_RECHECK_SECONDS; a new generation is built
    (under a file lock, once per machine) and mapped, while the previous one keeps answering.
    """

    def __init__(self) -> None:
        self._sets: dict[str, VectorSet] = {}
        self._checked: dict[str, float] = {}
        self._lock = threading.Lock()

    def get(self, doc_type: str) -> VectorSet:
        recheck = float(getattr(settings, "SEARCH_VECTOR_RECHECK_SECONDS", 5))
        loaded = self._sets.get(doc_type)
        if loaded is not None and time.monotonic() - self._checked.get(doc_type, 0) < recheck:
            return loaded
        with self._lock:
            generation = current_generation(doc_type)
            self._checked[doc_type] = time.monotonic()
            loaded = self._sets.get(doc_type)
            if loaded is None or loaded.generation != generation:
                loaded = load(doc_type, generation, self._build_locked(doc_type, generation))
                self._sets[doc_type] = loaded
            return loaded

    def _build_locked(self, doc_type: str, generation: str) -> Path:
        folder = vector_dir()
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                return build(doc_type, generation)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def clear(self) -> None:
        with self._lock:
            self._sets.clear()
            self._checked.clear()


vector_sets = VectorSets()
