"""Shared fixtures. Services a test needs are required in CI (CI=true) and skipped with a reason elsewhere."""

import os
import uuid

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def redis_cache_configured() -> bool:
    return settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"


def require_service(available: bool, reason: str) -> None:
    """Skip on a laptop without the service; fail in CI, where every service must be present."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: services are required, not skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _require_marked_services(request):
    if request.node.get_closest_marker("postgres"):
        engine = settings.DATABASES["default"]["ENGINE"]
        require_service("postgresql" in engine, "needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    # Rate-limit counters live in the cache, which outlives a test's transaction (and, on Redis, the
    # process): a key prefix per test gives each test empty buckets without flushing a shared cache.
    settings.RATELIMIT_CACHE_PREFIX = f"rl:{uuid.uuid4().hex}:"


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings):
    # Cached pages and tag generations outlive a test's transaction too: the same per-test prefix.
    settings.PAGE_CACHE_KEY_PREFIX = f"pc:{uuid.uuid4().hex}:"


@pytest.fixture(autouse=True)
def _default_language():
    # A test client's request to /de/... leaves German active in the thread when it returns, and a
    # test calling actions directly would then render its emails in German: each test starts in the
    # default language, as a worker does.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# Playwright's sync API runs tests in a greenlet, where Django hands out another connection object,
# one without the snapshot that serialized_rollback restores from. Put the snapshot on the
# connection class so every connection object of this database sees it.
@pytest.fixture(scope="session", autouse=True)
def _share_serialized_database_snapshot(django_db_setup, django_db_blocker):
    from django.db import connections

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents


def restore_migrations_snapshot(config: pytest.Config) -> None:
    """Put back the data migrations' rows (kinds, groups, the page tree) that a transactional test's
    flush removed. Loading the snapshot is idempotent (rows are saved by primary key)."""
    from django.db import connections, transaction
    from pytest_django.plugin import blocking_manager_key

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with config.stash[blocking_manager_key].unblock(), transaction.atomic(using=connection.alias):
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="session", autouse=True)
def _leave_a_reusable_database(request, django_db_setup):
    yield
    # The last transactional test leaves the database empty, and `--reuse-db` keeps that database:
    # the next run would find nothing.
    restore_migrations_snapshot(request.config)


def is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        or "transactional_db" in item.fixturenames
        or "live_server" in item.fixturenames
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every transactional test asks for serialized rollback, so the migrations' snapshot is taken
    # whenever a run holds one (restore_migrations_snapshot needs it).
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        if is_transactional(item) and not kwargs.get("serialized_rollback"):
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    # A transactional test flushes every table when it ends. Run serially, pytest-django puts such tests
    # last; under xdist a worker runs whatever file it is sent next, so the rows come back right away.
    yield
    if nextitem is not None and is_transactional(item) and not is_transactional(nextitem):
        restore_migrations_snapshot(item.config)
