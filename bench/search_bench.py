"""Search benchmark: every figure of issue 11 in one table, from databases the script prepares itself.

    .venv/bin/python bench/search_bench.py               # engine + PostgreSQL at 50,000, SQLite at 10,000
    .venv/bin/python bench/search_bench.py --only engine # or postgresql, sqlite (comma-separated)
    .venv/bin/python bench/search_bench.py --count 10000 --database-url postgres://postgres@127.0.0.1:54329/b10k

Two databases: PostgreSQL (--database-url, created when missing; one readable line when the server
does not answer) with --count practices, and an SQLite file (var/bench/search-<n>.sqlite3) with
--sqlite-count. Each is prepared once and reused: migrations, the demo content, synthetic practices
cloned from the demo ones (bench/search_corpus.py), their semantic vectors, the database backend's own
index (`get_database_backend().rebuild()`). Each database is measured in its own process (Django holds
one database per process); this process prints the table.

Measured per backend (`MEASURES`): the engine's full rebuild (alias swap included) in seconds and
documents/s, then p50/p95 of the 20 queries below, each run --rounds times (default 10: p95 over 200),
with the semantic signal on as on the site; the ten faceted ones alone; the database fallback's p50/p95
of the same 20 queries on each database.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The ten typical faceted queries of the search page (issue 11's budget is set on these)...
FACETED_QUERIES = [
    ("housing", {}),
    ("foster care", {"priority": ("migrant-minors",)}),
    ("language courses", {"country": ("IT", "DE")}),
    ("trafficking victims", {"target_group": ("women",)}),
    ("mentoring", {"theme": ("mentoring",), "language": ("en",)}),
    ("", {"theme": ("housing",)}),
    ("", {"member_kind": ("municipality",), "country": ("BE",)}),
    ("unaccompanied minors", {}),
    ("diaspora awareness campaigns", {"priority": ("diaspora-awareness",)}),
    ("pre-departure training", {"theme": ("pre-departure",), "country": ("ES",)}),
]
# ...and ten more of the same shapes, so no figure rests on a handful of cached answers.
MORE_QUERIES = [
    ("employment", {}),
    ("volunteers", {"country": ("FR",)}),
    ("health", {"target_group": ("refugees",)}),
    ("schools", {"language": ("en",)}),
    ("", {"priority": ("legal-migration",)}),
    ("", {"country": ("IT",), "language": ("en",)}),
    ("social inclusion", {"priority": ("local-regional-networks",)}),
    ("women", {}),
    ("local partnerships", {"member_kind": ("municipality",)}),
    ("legal advice", {"country": ("DE", "ES", "IT")}),
]
QUERIES = FACETED_QUERIES + MORE_QUERIES
BACKENDS = ("engine", "postgresql", "sqlite")
DEFAULT_PG = "postgres://postgres@127.0.0.1:54329/bench_search"

Row = tuple[str, str]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=50_000, help="practices in PostgreSQL (default 50000)")
    parser.add_argument(
        "--sqlite-count", type=int, default=10_000, help="practices in SQLite (default 10000)"
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_PG)
    parser.add_argument("--search-url", default=os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200")
    parser.add_argument("--index-prefix", default="bench", help="the engine's index prefix (default bench)")
    parser.add_argument("--rounds", type=int, default=10, help="times each query is run (default 10)")
    parser.add_argument(
        "--warm-up",
        type=int,
        default=5,
        help="unmeasured rounds of the 20 queries first (default 5): the engine's JVM compiles its search "
        "code over the first hundred or so searches, which a serving node did long ago",
    )
    parser.add_argument("--only", default=",".join(BACKENDS), help=f"some of {','.join(BACKENDS)}")
    parser.add_argument("--prepare-only", action="store_true", help="prepare the databases, measure nothing")
    parser.add_argument("--phase", choices=("postgresql", "sqlite"), help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(args.only) - set(BACKENDS)
    if unknown:
        parser.error(
            f"unknown backend(s) {', '.join(sorted(unknown))}; expected some of {', '.join(BACKENDS)}"
        )
    return args


# --- the parent: one child process per database, one table -------------------------------------------
def main() -> None:
    args = parse_args()
    if args.phase:
        run_phase(args)
        return
    load_before = os.getloadavg()[0]
    rows: list[Row] = []
    phases = [("postgresql", {"engine", "postgresql"}), ("sqlite", {"sqlite"})]
    for phase, backends in phases:
        if not backends & set(args.only):
            continue
        with tempfile.NamedTemporaryFile(suffix=".json") as results:
            command = [sys.executable, __file__, *sys.argv[1:], "--phase", phase, "--results", results.name]
            child = subprocess.run(command, check=False)  # noqa: S603 (this very script)
            if child.returncode:
                sys.exit(child.returncode)  # the child said why, in one line (or its traceback)
            rows += [tuple(row) for row in json.loads(Path(results.name).read_text())]
    if not args.prepare_only:
        print_table(rows, args, load_before)


def print_table(rows: list[Row], args: argparse.Namespace, load_before: float) -> None:
    width = max(len(label) for label, _ in rows)
    load_after = os.getloadavg()[0]
    print()
    print(
        f"cpus: {os.cpu_count()}  engine: {args.search_url}  "
        f"load average: {load_before:.1f} -> {load_after:.1f}"
    )
    print(f"| {'figure':<{width}} | {'value':>22} |")
    print(f"|{'-' * (width + 2)}|{'-' * 23}:|")
    for label, value in rows:
        print(f"| {label:<{width}} | {value:>22} |")


# --- a child: one database, the backends measured on it ----------------------------------------------
def run_phase(args: argparse.Namespace) -> None:
    if args.phase == "postgresql":
        database_url, count = args.database_url, args.count
    else:
        database_url = f"sqlite:///{ROOT / 'var' / 'bench' / f'search-{args.sqlite_count}.sqlite3'}"
        count = args.sqlite_count
    setup_django(database_url, args)
    total = prepare(count)
    rows: list[Row] = [(f"practices ({args.phase})", f"{total}")]
    for name in [] if args.prepare_only else args.only:
        if name in MEASURES and (name == args.phase or (name == "engine" and args.phase == "postgresql")):
            rows += MEASURES[name](args)
    args.results.write_text(json.dumps(rows))


def ensure_database(database_url: str) -> None:
    """Create the bench's database if it does not exist yet (SQLite: its directory); exit with one
    readable line when PostgreSQL does not answer."""
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        return
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(database_url)
    params = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"]}
    if config["PASSWORD"]:
        params["password"] = config["PASSWORD"]
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=10, **params) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
                print(f"created database {config['NAME']}", flush=True)
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        sys.exit(f"PostgreSQL at {params['host']}:{params['port']} cannot be used: {reason}")


def setup_django(database_url: str, args: argparse.Namespace) -> None:
    ensure_database(database_url)
    name = database_url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".sqlite3")
    os.environ["DATABASE_URL"] = database_url
    os.environ["SEARCH_URL"] = args.search_url
    os.environ["SEARCH_INDEX_PREFIX"] = args.index_prefix
    os.environ["VAR_DIR"] = str(ROOT / "var" / "bench" / name)  # its vector set beside its data
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.dev")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def timed(label: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = func(*args, **kwargs)
    elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed:.1f} s", flush=True)
    return result, elapsed


def prepare(count: int) -> int:
    """Migrations, demo content, `count` synthetic practices and their vectors (only what is missing)."""
    from django.core.management import call_command
    from django.test import override_settings

    from bench.search_corpus import embed_corpus, generate
    from practices.models import PracticePage

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    # Without the engine: each publish would flush to it, and the rebuild indexes everything anyway.
    with override_settings(SEARCH_URL=""):
        if not PracticePage.objects.exists():
            with open(os.devnull, "w") as quiet:
                timed("load demo data", call_command, "load_demo_data", stdout=quiet)
        timed(f"synthetic practices up to {count}", generate, count)
    timed("semantic vectors", embed_corpus)
    total: int = PracticePage.objects.live().count()
    return total


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latencies(
    backend: Any,
    rounds: int,
    queries: list[tuple[str, dict[str, tuple[str, ...]]]],
    before_each: Callable[[], None] = lambda: None,
) -> list[float]:
    """Milliseconds of each `backend.search` (the search page's whole query: hits, facets, highlights,
    suggestion, semantic signal), `rounds` times over `queries`, `before_each` run untimed first."""
    from search.query import SearchQuery

    times = []
    for _ in range(rounds):
        for text, filters in queries:
            query = SearchQuery(text=text, filters=filters)
            before_each()
            started = time.perf_counter()
            backend.search(query)
            times.append((time.perf_counter() - started) * 1000)
    return times


def p50_p95(label: str, times: list[float]) -> Row:
    value = f"{statistics.median(times):.0f} / {percentile(times, 0.95):.0f} ms"
    print(f"{label}: p50 / p95 {value}", flush=True)  # as soon as measured: the table follows at the end
    return (label, value)


def measure_engine(args: argparse.Namespace) -> list[Row]:
    """The engine's rebuild (`search_index rebuild`'s code path and progress bar) and query latency."""
    from search.backends import get_backend

    engine = get_backend()
    if not engine.ping():
        sys.exit(f"No search engine answers at {args.search_url} (scripts/search-engine start).")
    engine_cpu, app_cpu = engine_cpu_seconds(engine), time.process_time()
    counts, rebuild = timed("engine rebuild", rebuild_with_progress, engine)
    app_cpu = time.process_time() - app_cpu
    engine_cpu = engine_cpu_seconds(engine) - engine_cpu
    documents = sum(counts.values())
    latencies(engine, args.warm_up, QUERIES)  # warm the JIT and caches (and load the model) first
    return [
        (f"engine rebuild ({documents} documents)", f"{rebuild:.1f} s"),
        ("engine rebuild rate", f"{documents / rebuild:.0f} docs/s"),
        ("rebuild CPU: this process / engine node", f"{app_cpu:.0f} s / {engine_cpu:.0f} s"),
        p50_p95(f"engine, {len(QUERIES)} queries x {args.rounds}", latencies(engine, args.rounds, QUERIES)),
        # Twice the rounds for the ten faceted queries, so their p95 too is over 200 searches...
        p50_p95(
            f"engine, {len(FACETED_QUERIES)} faceted x {2 * args.rounds}",
            latencies(engine, 2 * args.rounds, FACETED_QUERIES),
        ),
        # ...and again as first searches: no word remembered (each search first asks which words the
        # index knows) and nothing in the engine's request cache (which keeps a repeated search's counts).
        p50_p95(
            f"engine, {len(FACETED_QUERIES)} faceted x {2 * args.rounds}, first time (nothing cached)",
            latencies(engine, 2 * args.rounds, FACETED_QUERIES, before_each=lambda: forget(engine)),
        ),
    ]


def forget(engine: Any) -> None:
    """What a repeated search finds remembered: the words this process checked, the engine's counts."""
    from search.backends.engine import known_words

    known_words.clear()
    engine.client.indices.clear_cache(index=engine._indices()[0], request=True)


def measure_database(args: argparse.Namespace) -> list[Row]:
    """The database fallback (search/backends/database*.py): fill its index once, then query latency."""
    from search.backends import get_database_backend

    database = get_database_backend()
    rows: list[Row] = []
    if not database_index_is_filled():
        _, fill = timed(f"{args.phase} fallback index", database.rebuild)
        rows.append((f"{args.phase} fallback index fill", f"{fill:.1f} s"))
    latencies(database, args.warm_up, QUERIES)
    label = f"{args.phase} fallback, {len(QUERIES)} queries x {args.rounds}"
    rows.append(p50_p95(label, latencies(database, args.rounds, QUERIES)))
    return rows


def database_index_is_filled() -> bool:
    """Whether the database's full-text index already holds every live practice (a re-run keeps it)."""
    from practices.models import PracticePage
    from search.models import FullTextEntry

    held = FullTextEntry.objects.filter(object_type="practice").count()
    return held >= PracticePage.objects.live().count()


MEASURES: dict[str, Callable[[argparse.Namespace], list[Row]]] = {
    "engine": measure_engine,
    "postgresql": measure_database,
    "sqlite": measure_database,
}


def engine_cpu_seconds(engine: Any) -> float:
    """CPU the engine's nodes have used so far (all of it, other users of a shared node included)."""
    stats = engine.client.nodes.stats(metric="process")
    return float(sum(node["process"]["cpu"]["total_in_millis"] for node in stats["nodes"].values()) / 1000)


def rebuild_with_progress(engine: Any) -> dict[str, int]:
    """`search_index rebuild`'s code path, with its progress bar (documents/s) on stderr."""
    from tqdm import tqdm

    counts: dict[str, int] = engine.rebuild(
        lambda doc, total: tqdm(total=total, desc=doc.index_basename, unit="doc", mininterval=5)
    )
    return counts


if __name__ == "__main__":
    main()
