"""Shared fixtures. Services a test needs are required in CI (CI=true) and skipped with a reason elsewhere."""

import os

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


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
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
