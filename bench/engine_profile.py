"""Where an engine search's time goes, on the bench's PostgreSQL database and index (bench/search_bench.py).

    .venv/bin/python bench/engine_profile.py            # after `bench/search_bench.py --only engine`

For each of the bench's 20 queries, run --rounds times, the median of: the semantic signal (query
vector, nearest rows, concept shares), building the requests, the engine's own `took` for the two
searches the site sends side by side (the scored candidates; the counts, facets and suggestion), each
with one part left out, and both in one request as before; the two as one msearch; the page fetch
with and without highlights, and the whole `backend.search` as the site calls it. The engine's `took`
is its own time (no HTTP, no JSON in Python); the parts are ratios of one run, not absolute figures:
run it on a quiet machine.
"""

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import DEFAULT_PG, QUERIES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_PG)
    parser.add_argument("--search-url", default=os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200")
    parser.add_argument("--index-prefix", default="bench")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["SEARCH_URL"] = args.search_url
    os.environ["SEARCH_INDEX_PREFIX"] = args.index_prefix
    name = args.database_url.rstrip("/").rsplit("/", 1)[-1]
    os.environ["VAR_DIR"] = str(ROOT / "var" / "bench" / name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.dev")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    parts = profile(args.rounds)
    width = max(len(label) for label in parts)
    print(f"\ncpus: {os.cpu_count()}  load average: {os.getloadavg()[0]:.1f}  rounds: {args.rounds}")
    print(f"| {'part (median over the 20 queries of each median)':<{width}} | {'ms':>7} |")
    print(f"|{'-' * (width + 2)}|{'-' * 8}:|")
    for label, values in parts.items():
        print(f"| {label:<{width}} | {statistics.median(values):7.1f} |")


def profile(rounds: int) -> dict[str, list[float]]:
    from dataclasses import replace

    from search.backends import get_backend
    from search.backends.engine import CANDIDATE_WINDOW
    from search.query import TYPE_FACET, SearchQuery
    from search.semantic.fusion import ENGINE_WEIGHTS
    from search.semantic.signal import semantic_signal

    engine: Any = get_backend()
    if not engine.ping():
        sys.exit(f"No search engine answers at {engine.url} (scripts/search-engine start).")
    index, docs = engine._indices()
    parts: dict[str, list[float]] = defaultdict(list)
    for text, filters in QUERIES:
        query = SearchQuery(text=text, filters=filters)
        engine.search(query)  # warm the model, the vectors' pages and the engine's caches
        samples: dict[str, list[float]] = defaultdict(list)
        for _ in range(rounds):
            every_type = replace(query, filters={k: v for k, v in query.filters.items() if k != TYPE_FACET})
            started = time.perf_counter()
            signal = semantic_signal(every_type, weights=ENGINE_WEIGHTS)
            samples["semantic signal (Python)"].append(ms(started))
            semantic = [("practice", str(i)) for i in signal.admitted] if signal else []
            samples["semantic candidates (count)"].append(len(semantic))
            started = time.perf_counter()
            typos = bool(text) and not engine.knows_every_word(index, text)
            samples["the words' check (Python and engine, remembered after the first)"].append(ms(started))
            started = time.perf_counter()
            candidates = engine.candidates_search(query, docs, semantic, CANDIDATE_WINDOW, typos).to_dict()
            counts = engine.count_search(query, docs, semantic, typos).to_dict()
            samples["build the requests (Python)"].append(ms(started))
            variants = {
                "engine took: candidates (scoring only)": candidates,
                "engine took: candidates without semantic ids": engine.candidates_search(
                    query, docs, [], CANDIDATE_WINDOW, typos
                ).to_dict(),
                "engine took: counts (aggregations, suggester)": counts,
                "engine took: counts without aggregations": without(counts, "aggs"),
                "engine took: counts without suggester": without(counts, "suggest"),
                "engine took: the old single request (both in one)": {
                    **without(candidates, "stored_fields", "docvalue_fields"),
                    "aggs": counts["aggs"],
                    "track_total_hits": True,
                },
            }
            for label, variant in variants.items():
                samples[label].append(float(engine.raw_search(index, variant)["took"]))
            started = time.perf_counter()
            engine.raw_msearch(index, [candidates, counts])
            samples["both side by side (msearch, wall incl. HTTP)"].append(ms(started))
            keys = [("practice", str(i)) for i in list(signal.admitted)[:20]] if signal else []
            if keys:
                page = engine.page_search(query, keys).to_dict()
                samples["engine took: page fetch with highlights"].append(
                    float(engine.raw_search(index, page)["took"])
                )
                samples["engine took: page fetch, no highlights"].append(
                    float(engine.raw_search(index, without(page, "highlight"))["took"])
                )
            started = time.perf_counter()
            engine.search(query)
            samples["backend.search as the site calls it"].append(ms(started))
        for label, values in samples.items():
            parts[label].append(statistics.median(values))
    return parts


def without(body: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in keys}


def ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
