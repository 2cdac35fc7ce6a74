"""Varnish in front (scripts/front-cache): it keeps anonymous pages and drops them by xkey tag when the
content they show is saved, filtered listings included."""

import os
import shutil
import socket
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import require_service
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

pytestmark = [pytest.mark.front_cache, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "front-cache"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings):
    require_service(
        shutil.which("varnishd") is not None, "varnishd is not installed (apt-get install varnish)"
    )
    port = free_port()
    env = {
        **os.environ,
        "FRONT_CACHE_PORT": str(port),
        "FRONT_CACHE_ADMIN_PORT": str(free_port()),
        "FRONT_CACHE_BACKEND": live_server.url.removeprefix("http://"),
        # Not pytest's tmp_path: varnishd reads its files as its own unprivileged user.
        "FRONT_CACHE_DIR": tempfile.mkdtemp(prefix="test-front-cache-"),
        "FRONT_CACHE_SIZE": "16m",
    }
    Path(env["FRONT_CACHE_DIR"]).chmod(0o755)
    started = subprocess.run([SCRIPT, "start"], env=env, capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    url = f"http://127.0.0.1:{port}"
    settings.PAGE_CACHE_FRONT_URLS = [f"{url}/"]
    yield url
    subprocess.run([SCRIPT, "stop"], env=env, check=True, capture_output=True)
    shutil.rmtree(env["FRONT_CACHE_DIR"], ignore_errors=True)


def get(url: str, **headers: str) -> tuple[str, str]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("X-Front-Cache", ""), response.read().decode()


def test_varnish_keeps_a_filtered_listing_until_a_practice_is_published(varnish):
    member = MemberFactory(name="City of Lyon", slug="lyon")
    practice_page(member, title="Welcome desks in every district", themes=["housing"])
    listing = f"{varnish}/practices/?theme=housing&utm_source=newsletter"
    assert get(listing)[0] == "miss"
    state, html = get(f"{varnish}/practices/?theme=housing")
    assert state == "hit"
    assert "Welcome desks in every district" in html

    practice_page(member, title="Language cafés for parents", themes=["housing"])

    state, html = get(listing)
    assert state == "miss"
    assert "Language cafés for parents" in html


def test_varnish_never_shares_a_signed_in_visitors_page(varnish):
    get(f"{varnish}/practices/")
    assert get(f"{varnish}/practices/")[0] == "hit"
    assert get(f"{varnish}/practices/", Cookie="sessionid=anything")[0] == "miss"


def test_varnish_refuses_a_purge_without_tags(varnish):
    request = urllib.request.Request(f"{varnish}/", method="PURGE")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code == 400
