"""Semantic signal at network scale: query embedding + vector scoring over 50,000 practices, and the
memory a worker gains from the model and the vectors.

    .venv/bin/python bench/semantic_bench.py [--vectors 50000] [--queries 240]

Vectors: the demo practices' own vectors, each repeated with small noise (so the set has the clusters a
real corpus has), with filter values drawn from the demo practices, written and memory-mapped by the same
code the site uses (search.semantic.vectors.write / load). Queries: the judgment set's 120 queries and a
variant of each, every one embedded afresh (no cache). Prints one table.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.test")


def rss_mb() -> tuple[float, float, float]:
    """(resident, of which anonymous, of which file-backed) in MB, from /proc."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["RssAnon"], fields["RssFile"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def write_synthetic_set(folder: Path, count: int, encoder, write) -> None:
    corpus = json.loads(Path("core/demo_content/practices.json").read_text())["practices"]
    base = encoder.embed_texts([f"{p['title']}. {p['summary']}" for p in corpus])
    rng = np.random.default_rng(20261201)
    picks = rng.integers(0, len(corpus), count)
    noisy = base[picks] + rng.standard_normal((count, encoder.DIMENSIONS)).astype(np.float32) * 0.02
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    values = [
        {
            "priority": [str(corpus[i]["priority"])],
            "theme": corpus[i]["themes"],
            "country": [corpus[i]["country"]],
            "language": [corpus[i]["language"]],
            "year_start": int(corpus[i]["start_date"][:4]),
            "year_end": None,
        }
        for i in picks
    ]
    write(folder, np.arange(1, count + 1, dtype=np.int64), noisy.astype(np.float16), values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--write-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    import django

    django.setup()
    from search.evaluation import load_judgments
    from search.query import SearchQuery
    from search.semantic import encoder
    from search.semantic.vectors import load, write

    if args.write_only:
        write_synthetic_set(args.write_only, args.vectors, encoder, write)
        return
    folder = Path(tempfile.mkdtemp()) / "practice-bench"
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - this script, with its own arguments
        [sys.executable, __file__, "--vectors", str(args.vectors), "--write-only", str(folder)], check=True
    )
    written = time.perf_counter() - started
    size_mb = sum(f.stat().st_size for f in folder.iterdir()) / 2**20

    before = rss_mb()
    started = time.perf_counter()
    encoder.embed_texts(["warm up"])
    loaded_model = time.perf_counter() - started
    vector_set = load("practice", "bench", folder)
    judged = [q["q"] for q in load_judgments()]
    texts = (judged + [f"{q} programme" for q in judged])[: args.queries]
    filters = [{}, {"country": ("IT",)}, {"priority": ("4",)}, {"theme": ("housing",)}]
    embed_times, score_times, totals = [], [], []
    for i, text in enumerate(texts):
        query = SearchQuery(text=text, filters=filters[i % len(filters)])
        started = time.perf_counter()
        vector = encoder.embed_texts([text])[0]
        embedded = time.perf_counter()
        vector_set.nearest(vector, 60, vector_set.mask(query))
        finished = time.perf_counter()
        embed_times.append((embedded - started) * 1000)
        score_times.append((finished - embedded) * 1000)
        totals.append((finished - started) * 1000)
    after = rss_mb()

    def spread(values: list[float]) -> str:
        return f"{percentile(values, 0.5):.1f} ms / {percentile(values, 0.95):.1f} ms"

    rows = [
        ("query embedding p50 / p95", spread(embed_times)),
        ("vector scoring with filters p50 / p95", spread(score_times)),
        ("embedding + scoring p50 / p95", spread(totals)),
        ("vector set on disk (float32, sign bits, masks), built in", f"{size_mb:.1f} MB, {written:.1f} s"),
        ("model load and first query", f"{loaded_model:.2f} s"),
        (
            "resident memory the worker gained",
            f"{after[0] - before[0]:.0f} MB ({after[1] - before[1]:.0f} MB private, "
            f"{after[2] - before[2]:.0f} MB shared file pages)",
        ),
    ]
    print(f"| measure ({args.vectors:,} vectors, {len(texts)} distinct queries) | value |")
    print("| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
