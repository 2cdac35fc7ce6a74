"""Production settings refuse to start without their secrets and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-that-is-not-the-dev-one-1234567890",
    "DATABASE_URL": "postgres://network:secret@db.internal:5432/network",
    "ALLOWED_HOSTS": "network.example.eu",
    "REDIS_URL": "redis://cache.internal:6379/0",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean_env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    clean_env.update(env)
    clean_env.pop("DJANGO_SETTINGS_MODULE", None)
    clean_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests in this process
    clean_env.pop("SEARCH_URL", None)  # the deploy check must not depend on an engine being up
    return subprocess.run(
        [sys.executable, "manage.py", *args, "--settings=network_site.settings.production"],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_settings_refuse_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert (
        result.stderr.strip()
        == f"Configuration error: The environment variable {missing} is required in production."
    )
