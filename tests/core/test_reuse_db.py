"""The suite can run twice in a row on PostgreSQL with --reuse-db: a transactional test flushes every
table when it ends, and the kept database used to lack the migrations' data (kinds, groups, the page
tree) on the next run. Two real pytest runs in subprocesses, on a database of their own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.postgres


def run_pytest(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:logging", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_a_second_run_with_reuse_db_finds_the_migrations_data():
    database = settings.DATABASES["default"]
    name = database["NAME"].removeprefix("test_")
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    url = f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}/{name}_reuse"
    first = run_pytest("--create-db", "tests/events/test_concurrency.py", database_url=url)
    assert first.returncode == 0, first.stdout[-3000:]
    second = run_pytest("--reuse-db", "tests/members/test_join.py", "-k", "honeypot", database_url=url)
    assert second.returncode == 0, second.stdout[-3000:]
    assert "1 passed" in second.stdout
