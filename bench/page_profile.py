"""Where an uncached page's time goes: SQL queries and the hottest functions of each public page type.

    DATABASE_URL=postgres://... .venv/bin/python bench/page_profile.py [--queries] [--profile PAGE]

Renders every page type as a visitor whose request bypasses the page cache (a session cookie) through
Django's test client, in this process, against a database holding the demo content. Prints, per page,
the SQL queries and the mean wall time over `--rounds` renders after a warm-up (what is remembered
across requests warm), and over as many renders each right after a purge of every tag (nothing
remembered: the first visitor after a publish); `--queries` lists each
query, `--profile NAME` prints the top of a cProfile of that page's renders.
"""

import argparse
import cProfile
import os
import pstats
import re
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_site.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = {
    "home": "/",
    "practice listing": "/practices/",
    "success stories": "/practices/success-stories/",
    "event listing": "/events/",
    "calendar": "/events/calendar/",
    "members": "/members/",
    "search": "/search/?q=housing",
}


def origin() -> str:
    """The innermost frames of our code and of Wagtail that ran a query."""
    frames = [f for f in traceback.extract_stack()[:-3] if "/django/" not in f.filename]
    ours = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames[-3:]]
    return " < ".join(reversed(ours))


def first_link(html: str, prefix: str) -> str:
    match = re.search(rf'href="({re.escape(prefix)}[a-z0-9-]+/[a-z0-9-]+/)"', html)
    if match is None:
        sys.exit(f"No page under {prefix} is listed: load the demo content first.")
    return match.group(1)


def after_purge(client: Client, path: str, rounds: int) -> float:
    """Mean ms of a render right after a purge of every tag: nothing remembered (core/page_cache/memo),
    as the first visitor after a publish finds it. The purge itself is not timed."""
    from core.page_cache.memo import clear_local
    from core.page_cache.tags import ALL_TAGS, purge

    total = 0.0
    for _ in range(rounds):
        purge(ALL_TAGS)
        clear_local()
        start = time.perf_counter()
        client.get(path)
        total += time.perf_counter() - start
    return total / rounds * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", action="store_true", help="list every query")
    parser.add_argument("--profile", help="cProfile this page type")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = "profile-uncached"
    pages = dict(PAGES)
    pages["practice page"] = first_link(client.get("/practices/").content.decode(), "/practices/")
    pages["event page"] = first_link(client.get("/events/").content.decode(), "/events/")
    members_html = client.get("/members/").content.decode()
    match = re.search(r'href="(/members/(?!join/)[a-z0-9-]+/)"', members_html)
    if match:
        pages["member profile"] = match.group(1)
    match = re.search(r'href="(/priorities/[a-z0-9-]+/)"', client.get("/").content.decode())
    if match:
        pages["priority"] = match.group(1)
    for name, path in pages.items():
        client.get(path)  # warm caches as a running server has them
        captured: list[str] = []

        def record(execute, sql, params, many, context, captured=captured):
            captured.append(f"{sql[:150]}\n           <- {origin()}")
            return execute(sql, params, many, context)

        # Django clears connection.queries when a request starts, so the queries are recorded as they run.
        with connection.execute_wrapper(record):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        start = time.perf_counter()
        for _ in range(args.rounds):
            client.get(path)
        elapsed = (time.perf_counter() - start) / args.rounds * 1000
        cold = after_purge(client, path, args.rounds)
        print(f"{name:<18} {path:<55} {len(captured):>3} queries {elapsed:6.1f} ms, purged {cold:6.1f} ms")
        if args.queries:
            for sql in captured:
                print("      ", sql)
        if args.profile == name:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.rounds):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
