"""Test runs: fast hashing, Redis when REDIS_URL is set (else local memory), mail in memory, tasks run
immediately."""

import atexit
import os
import tempfile
import uuid
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if REDIS_URL:  # CI: the shared cache, as in production; one key prefix per test process
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}",
        }
    }
# Wagtail caches renditions by image id, which the next test reuses after its rollback, pointing at a file
# of the previous test's media folder: tests look renditions up in the database only.
CACHES = {**CACHES, "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A test database in a file of this process's own, not Django's in-memory default. With an in-memory
    # database the live server of the browser tests serves every request thread through the test's own
    # sqlite3 connection, and two threads in one connection can deadlock the whole process: one holds
    # SQLite's connection mutex while a Python SQL function (ExtractYear's django_date_extract) waits
    # for the GIL, the other holds the GIL while binding a parameter, which waits for that mutex. No
    # timeout can fire then. With a file each thread opens its own connection, as in production.
    # Durability is of no use here: no fsync. Nothing is created on import (mypy's plugin imports this).
    _TEST_DB = Path(tempfile.gettempdir()) / f"network-test-{os.getpid()}-{uuid.uuid4().hex[:8]}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_DB)}

    @atexit.register
    def _remove_test_database() -> None:
        # With its -wal and -shm files, and pytest-django's _gw0 suffix under xdist.
        for path in _TEST_DB.parent.glob(f"{_TEST_DB.name}*"):
            path.unlink(missing_ok=True)

    _options = DATABASES["default"]["OPTIONS"]
    _options["init_command"] = f"{_options.get('init_command', '')} PRAGMA synchronous=OFF;".strip()
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "test")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that need the engine point at it explicitly (tests/search/conftest.py reads SEARCH_URL from the
# environment); every other test publishes pages without writing to a shared engine.
SEARCH_URL = ""
# Vector sets are rebuilt from the test database whenever it changes, in a folder of this process's own.
SEARCH_VECTOR_DIR = Path(tempfile.gettempdir()) / f"network-test-vectors-{os.getpid()}"
SEARCH_VECTOR_RECHECK_SECONDS = 0
