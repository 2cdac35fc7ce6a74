"""Page benchmark: each public page type cached, uncached and through Varnish, as a share of bare Django.

    .venv/bin/python bench/pages.py [--database-url postgres://...] [--redis-url redis://...] [--duration 10]

Starts, on loopback ports, gunicorn with the production settings (HTTPS redirect off) serving the site,
the same gunicorn serving bench/bare_site.py (one Django view, a 20 KB page: the ceiling), and Varnish
(scripts/front-cache) in front of the site. Then wrk puts the same load (--connections, --duration) on the
bare view and on every page type three ways: "cached" (an anonymous visitor, served by the page cache),
"uncached" (a request carrying a session cookie, which bypasses the page cache and renders the page)
and "varnish". It prints req/s and p50/p99 per row, and req/s as a share of the bare ceiling measured in
the same run (before and after the pages; their mean). The database must hold the demo content
(`manage.py load_demo_data` with the same DATABASE_URL). Everything started is stopped at the end.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LISTINGS = {
    "home": "/",
    "practice listing": "/practices/",
    "event listing": "/events/",
    "members": "/members/",
}
MODES = ("cached", "uncached", "varnish")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:54329/page_cache")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per row (default 10)")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers for the site and the bare view"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="gunicorn threads per worker, the same for the site and the bare view (default 1: sync workers)",
    )
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"Nothing answered at {url} within {timeout:.0f} s.")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def first_link(html: str, prefix: str) -> str:
    """The first link to a page below `prefix` (/practices/<member>/<slug>/), as the listing shows it."""
    match = re.search(rf'href="({re.escape(prefix)}[a-z0-9-]+/[a-z0-9-]+/)"', html)
    if match is None:
        sys.exit(f"No page under {prefix} is listed: load the demo content first.")
    return match.group(1)


WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_PERCENTILE = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load(url: str, args: argparse.Namespace, cookie: str = "") -> tuple[float, float, float]:
    """req/s, p50 ms and p99 ms of `url` under wrk's load."""
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = WRK_RATE.search(output)
    percentiles = {name: float(value) * UNIT[unit] for name, value, unit in WRK_PERCENTILE.findall(output)}
    if rate is None or set(percentiles) != {"50", "99"}:
        sys.exit(f"Could not read wrk's output:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit(f"{url}: {errors.group(1)} error responses under load.")
    return float(rate.group(1)), percentiles["50"], percentiles["99"]


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk).")
    work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    work.chmod(0o755)  # varnishd reads its VCL there as its own unprivileged user
    site_port, bare_port, varnish_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network_site.settings.production",
        "SECRET_KEY": "bench-pages-not-a-secret",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(work / "static"),
        "PAGE_CACHE_KEY_PREFIX": f"bench-{os.getpid()}:",
        "PAGE_CACHE_FRONT_URLS": f"http://127.0.0.1:{varnish_port}/",
        "SEARCH_SEMANTIC": "0",
        "LOG_LEVEL": "WARNING",
    }
    varnish_env = {
        **env,
        "FRONT_CACHE_PORT": str(varnish_port),
        "FRONT_CACHE_ADMIN_PORT": str(free_port()),
        "FRONT_CACHE_BACKEND": f"127.0.0.1:{site_port}",
        "FRONT_CACHE_DIR": str(work / "varnish"),
    }
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    # The site and the bare view run under the same gunicorn settings, so the ratio compares the work done
    # per request, not the server configuration.
    gunicorn = [GUNICORN, f"--workers={args.workers}", f"--threads={args.threads}", "--log-level=warning"]
    processes = [
        subprocess.Popen([*gunicorn, f"--bind=127.0.0.1:{port}", app], cwd=ROOT, env=env)  # noqa: S603
        for port, app in ((site_port, "network_site.wsgi"), (bare_port, "bench.bare_site"))
    ]
    try:
        site, bare, varnish = (f"http://127.0.0.1:{port}" for port in (site_port, bare_port, varnish_port))
        wait_for(f"{site}/")
        wait_for(f"{bare}/")
        subprocess.run([ROOT / "scripts" / "front-cache", "start"], env=varnish_env, check=True)  # noqa: S603
        pages = dict(LISTINGS)
        pages["practice page"] = first_link(fetch(f"{site}/practices/"), "/practices/")
        pages["event page"] = first_link(fetch(f"{site}/events/"), "/events/")
        rows = []
        ceiling_before = load(f"{bare}/", args)
        for name, path in pages.items():
            fetch(f"{site}{path}")  # the page cache and Varnish hold the page before the load starts
            fetch(f"{varnish}{path}")
            rows.append((name, "cached", *load(f"{site}{path}", args)))
            rows.append((name, "uncached", *load(f"{site}{path}", args, cookie="sessionid=bench-uncached")))
            rows.append((name, "varnish", *load(f"{varnish}{path}", args)))
        ceiling_after = load(f"{bare}/", args)
        ceiling = (ceiling_before[0] + ceiling_after[0]) / 2
        before, after = ceiling_before[0], ceiling_after[0]
        print(f"\nBare Django ceiling: {ceiling:.0f} req/s ({before:.0f} before, {after:.0f} after)")
        print(
            f"wrk -c{args.connections} -d{args.duration}s, "
            f"gunicorn --workers={args.workers} --threads={args.threads}\n"
        )
        print(
            f"| {'page':<16} | {'mode':<8} | {'req/s':>8} | {'of bare':>7} | {'p50 ms':>7} | {'p99 ms':>7} |"
        )
        print(f"|{'-' * 18}|{'-' * 10}|{'-' * 10}:|{'-' * 9}:|{'-' * 9}:|{'-' * 9}:|")
        for name, mode, rate, p50, p99 in rows:
            share = 100 * rate / ceiling
            print(f"| {name:<16} | {mode:<8} | {rate:>8.0f} | {share:>6.1f}% | {p50:>7.2f} | {p99:>7.2f} |")
    finally:
        subprocess.run([ROOT / "scripts" / "front-cache", "stop"], env=varnish_env, capture_output=True)  # noqa: S603
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
