"""Search benchmark: N synthetic practices, p50/p95 latency of faceted queries, rebuild time.

    .venv/bin/python bench/search_bench.py --count 10000 [--search-url http://127.0.0.1:9200]

Uses its own SQLite database (var/bench/search-<count>.sqlite3, or --database-url) and index prefix
"bench", loads the demo content, then bulk-inserts synthetic practices built from the demo texts
(raw treebeard paths, no per-page save), fills Wagtail's database index and the engine's index, and
times the same queries on the engine and on the database fallback.
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

QUERIES = [
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


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--count", type=int, default=10_000, help="synthetic practices to add (default 10000)"
    )
    parser.add_argument("--search-url", default=os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200")
    parser.add_argument("--database-url", default="", help="default: SQLite file under var/bench/")
    parser.add_argument("--rounds", type=int, default=5, help="times each query is run (default 5)")
    return parser.parse_args()


def setup_django(args: argparse.Namespace) -> None:
    database_url = args.database_url or f"sqlite:///{ROOT / 'var' / 'bench' / f'search-{args.count}.sqlite3'}"
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
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


def measure(backend, rounds: int) -> tuple[float, float]:
    from search.query import SearchQuery

    latencies = []
    for _ in range(rounds):
        for text, filters in QUERIES:
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
    _, db_index_time = timed(
        "Wagtail database index (update_index)", call_command, "update_index", verbosity=0
    )
    engine = get_backend()
    _, rebuild_time = timed(f"engine rebuild ({total} practices)", engine.rebuild)
    measure(engine, 1)  # warm caches before measuring
    engine_p50, engine_p95 = measure(engine, args.rounds)
    database = get_database_backend()
    measure(database, 1)
    db_p50, db_p95 = measure(database, args.rounds)
    vendor = os.environ["DATABASE_URL"].split(":", 1)[0]
    print()
    print(f"practices: {total}  queries: {len(QUERIES)} x {args.rounds} rounds  cpus: {os.cpu_count()}")
    print(f"{'backend':<22}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'opensearch':<22}{engine_p50:>10.1f}{engine_p95:>10.1f}")
    print(f"{'database (' + vendor + ')':<22}{db_p50:>10.1f}{db_p95:>10.1f}")
    print(f"engine rebuild: {rebuild_time:.1f} s   database index: {db_index_time:.1f} s")


if __name__ == "__main__":
    main()
