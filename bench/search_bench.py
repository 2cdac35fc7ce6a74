"""Search benchmark: N synthetic practices, rebuild speed, p50/p95 latency of faceted queries.

    .venv/bin/python bench/search_bench.py --count 10000 [--search-url http://127.0.0.1:9200]
    .venv/bin/python bench/search_bench.py --count 50000 \
        --database-url postgres://postgres@127.0.0.1:54329/bench_50k

Uses its own database (an SQLite file var/bench/search-<count>.sqlite3, or --database-url; a missing
PostgreSQL database is created) and index prefix "bench", loads the demo content, then bulk-inserts
synthetic practices built from the demo texts (raw treebeard paths, no per-page save), fills Wagtail's
database index and the engine's index, and times the same queries on the engine and on the database
fallback: 20 distinct queries, each run --rounds times (default 10), so each p95 is over 200 queries.
Prints one table with every figure.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The ten typical faceted queries of the search page (item 3's budget is set on these)...
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


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--count", type=int, default=10_000, help="synthetic practices to add (default 10000)"
    )
    parser.add_argument("--search-url", default=os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200")
    parser.add_argument("--database-url", default="", help="default: SQLite file under var/bench/")
    parser.add_argument("--rounds", type=int, default=10, help="times each query is run (default 10)")
    return parser.parse_args()


def ensure_database(database_url: str) -> None:
    """Create the bench's database if it does not exist yet (SQLite: its directory)."""
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
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
            print(f"created database {config['NAME']}", flush=True)


def setup_django(args: argparse.Namespace) -> None:
    database_url = args.database_url or f"sqlite:///{ROOT / 'var' / 'bench' / f'search-{args.count}.sqlite3'}"
    ensure_database(database_url)
    os.environ["DATABASE_URL"] = database_url
    os.environ["SEARCH_URL"] = args.search_url
    os.environ["SEARCH_INDEX_PREFIX"] = "bench"
    os.environ["VAR_DIR"] = str(ROOT / "var" / "bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.dev")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def timed(label: str, func, *args, **kwargs):
    started = time.perf_counter()
    result = func(*args, **kwargs)
    elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed:.1f} s", flush=True)
    return result, elapsed


def generate(count: int) -> None:
    """Bulk-insert `count` practices cloned from the demo ones, with shuffled sentences."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from treebeard.mp_tree import MP_Node
    from wagtail.models import Page

    from core.models import TargetGroup, Theme
    from practices.models import PracticeFolderPage, PracticePage, PracticeTheme

    demo = list(PracticePage.objects.exclude(slug__startswith="synthetic-").order_by("pk"))
    folders = list(PracticeFolderPage.objects.select_related("member"))
    themes = list(Theme.objects.all())
    groups = list(TargetGroup.objects.all())
    content_type = ContentType.objects.get_for_model(PracticePage)
    sentences = [
        s.strip() + "."
        for p in demo
        for s in f"{p.challenge} {p.approach} {p.results}".split(".")
        if s.strip()
    ]
    rng = random.Random(42)
    now = timezone.now()
    existing = PracticePage.objects.filter(slug__startswith="synthetic-").count()
    batch = 2_000
    with transaction.atomic():
        counters = {folder.pk: folder.numchild for folder in folders}
        for start in range(existing, count, batch):
            pages, practices, tagged, grouped = [], [], [], []
            for number in range(start, min(start + batch, count)):
                folder = folders[number % len(folders)]
                model = demo[number % len(demo)]
                counters[folder.pk] += 1
                slug = f"synthetic-{number}"
                title = f"{model.title} ({number})"
                published = now - timezone.timedelta(minutes=number)
                pages.append(
                    Page(
                        path=folder.path + MP_Node._int2str(counters[folder.pk]).rjust(folder.steplen, "0"),
                        depth=folder.depth + 1,
                        numchild=0,
                        title=title,
                        draft_title=title,
                        slug=slug,
                        url_path=f"{folder.url_path}{slug}/",
                        content_type=content_type,
                        locale_id=folder.locale_id,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                    )
                )
                text = " ".join(rng.sample(sentences, 8))
                practices.append(
                    PracticePage(
                        summary=model.summary,
                        challenge=text[: len(text) // 3],
                        approach=text[len(text) // 3 :],
                        results=model.results,
                        transferability=model.transferability,
                        priority_id=model.priority_id,
                        country=folder.member.country,
                        city=folder.member.city,
                        region=folder.member.region,
                        language=model.language,
                        status=model.status,
                        start_date=model.start_date,
                        end_date=model.end_date,
                        lead_member_id=folder.member_id,
                        is_success_story=False,
                    )
                )
            Page.objects.bulk_create(pages)
            saved = {p.slug: p.pk for p in Page.objects.filter(slug__in=[p.slug for p in pages])}
            for page, practice in zip(pages, practices, strict=True):
                page.pk = saved[page.slug]
                for field in Page._meta.concrete_fields:
                    setattr(practice, field.attname, getattr(page, field.attname))
                practice.page_ptr_id = page.pk
                for theme in rng.sample(themes, 2):
                    tagged.append(PracticeTheme(content_object_id=page.pk, tag_id=theme.pk))
                for group in rng.sample(groups, 2):
                    grouped.append(
                        PracticePage.target_groups.through(practicepage_id=page.pk, targetgroup_id=group.pk)
                    )
            # Django refuses bulk_create on multi-table inheritance; insert the child rows directly.
            PracticePage.objects.all()._batched_insert(
                practices, PracticePage._meta.local_concrete_fields, batch_size=500
            )
            PracticeTheme.objects.bulk_create(tagged)
            PracticePage.target_groups.through.objects.bulk_create(grouped)
            print(f"  {min(start + batch, count)} / {count}", flush=True)
        for folder in folders:
            Page.objects.filter(pk=folder.pk).update(numchild=counters[folder.pk])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(backend, rounds: int, queries=QUERIES) -> tuple[float, float]:
    from search.query import SearchQuery

    latencies = []
    for _ in range(rounds):
        for text, filters in queries:
            query = SearchQuery(text=text, filters=filters)
            started = time.perf_counter()
            backend.search(query)
            latencies.append((time.perf_counter() - started) * 1000)
    return statistics.median(latencies), percentile(latencies, 0.95)


def main() -> None:
    args = parse_args()
    setup_django(args)
    from django.core.management import call_command

    from practices.models import PracticePage
    from search.backends import get_backend, get_database_backend

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not PracticePage.objects.exists():
        with open(os.devnull, "w") as quiet:
            timed("load demo data", call_command, "load_demo_data", stdout=quiet)
    timed(f"insert {args.count} synthetic practices", generate, args.count)
    total = PracticePage.objects.live().count()
    from wagtail.search.models import IndexEntry

    db_index_time = 0.0
    if IndexEntry.objects.count() < total:  # a re-run on the same database keeps the last one
        _, db_index_time = timed(
            "Wagtail database index (update_index)", call_command, "update_index", verbosity=0
        )
    engine = get_backend()
    engine_cpu_before, app_cpu_before = engine_cpu_seconds(engine), time.process_time()
    _, rebuild_time = timed(f"engine rebuild ({total} practices)", rebuild_with_progress, engine)
    app_cpu = time.process_time() - app_cpu_before
    engine_cpu = engine_cpu_seconds(engine) - engine_cpu_before
    measure(engine, 1)  # warm caches before measuring
    engine_all = reported("engine, all queries", measure(engine, args.rounds))
    engine_faceted = reported("engine, faceted queries", measure(engine, args.rounds, FACETED_QUERIES))
    database = get_database_backend()
    measure(database, 1)
    database_all = reported("database fallback, all queries", measure(database, args.rounds))
    vendor = os.environ["DATABASE_URL"].split(":", 1)[0]
    rows = [
        ("practices", f"{total}"),
        ("engine rebuild", f"{rebuild_time:.1f} s"),
        ("engine rebuild rate", f"{total / rebuild_time:.0f} docs/s"),
        ("rebuild CPU: this process / engine node", f"{app_cpu:.0f} s / {engine_cpu:.0f} s"),
        ("Wagtail database index (update_index)", f"{db_index_time:.1f} s" if db_index_time else "kept"),
        (f"engine p50 / p95, {len(QUERIES)} queries x {args.rounds}", _ms(engine_all)),
        (f"engine p50 / p95, {len(FACETED_QUERIES)} faceted x {args.rounds}", _ms(engine_faceted)),
        (f"{vendor} fallback p50 / p95, {len(QUERIES)} queries x {args.rounds}", _ms(database_all)),
    ]
    width = max(len(label) for label, _ in rows)
    print()
    print(f"cpus: {os.cpu_count()}  engine: {engine.name} at {args.search_url}  database: {vendor}")
    print(f"| {'figure':<{width}} | {'value':>18} |")
    print(f"|{'-' * (width + 2)}|{'-' * 20}|")
    for label, value in rows:
        print(f"| {label:<{width}} | {value:>18} |")


def engine_cpu_seconds(engine) -> float:
    """CPU the engine's nodes have used so far (all of it, other users of a shared node included)."""
    stats = engine.client.nodes.stats(metric="process")
    return sum(node["process"]["cpu"]["total_in_millis"] for node in stats["nodes"].values()) / 1000


def rebuild_with_progress(engine) -> dict:
    """`search_index rebuild`'s code path, with its progress bar (documents/s) on stderr."""
    from tqdm import tqdm

    return engine.rebuild(
        lambda doc, total: tqdm(total=total, desc=doc.index_basename, unit="doc", mininterval=5)
    )


def reported(label: str, figures: tuple[float, float]) -> tuple[float, float]:
    """Print a figure as soon as it is measured (the table follows at the end)."""
    print(f"{label}: p50 / p95 {_ms(figures)}", flush=True)
    return figures


def _ms(figures: tuple[float, float]) -> str:
    return f"{figures[0]:.0f} / {figures[1]:.0f} ms"


if __name__ == "__main__":
    main()
