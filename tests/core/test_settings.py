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


def test_hsts_preload_is_sent_only_when_the_deployment_asks_for_it():
    show = ["shell", "-c", "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"]
    assert run_manage(*show, env=PRODUCTION_ENV).stdout.splitlines()[-1] == "False"
    opted_in = run_manage(*show, env={**PRODUCTION_ENV, "SECURE_HSTS_PRELOAD": "1"})
    assert opted_in.stdout.splitlines()[-1] == "True"
    deploy = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, "SECURE_HSTS_PRELOAD": "1"}
    )
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr


def test_gunicorn_without_a_required_setting_prints_one_line_and_exits_non_zero():
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    env.update({key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"})
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--bind",
            "127.0.0.1:0",
            "--workers",
            "1",
            "--no-control-socket",
            "network_site.wsgi",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if "SECRET_KEY" in line]
    assert ours == ["Configuration error: The environment variable SECRET_KEY is required in production."]
    assert "Traceback" not in result.stderr


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_live_server_gives_each_request_thread_a_database_connection_of_its_own(live_server):
    # With SQLite's in-memory test database every request thread ran on the test's one connection, and
    # two of them could deadlock the process (network_site/settings/test.py): the browser tests froze.
    assert live_server.thread.connections_override == {}
