"""opensearch-py imports a PyPI package named `events`, like our app: both work, whichever comes first."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_FIRST = """
import django
django.setup()
import events.models
from search.clients import import_opensearchpy
opensearchpy = import_opensearchpy()
import events
assert events.__file__.startswith(ROOT), events.__file__
assert events.models.EventPage.__module__.startswith("events.models")
assert opensearchpy.OpenSearch is not None
print("ok")
"""
CLIENT_FIRST = """
from search.clients import import_opensearchpy
opensearchpy = import_opensearchpy()
import django
django.setup()
import events
from events.models import EventPage
assert events.__file__.startswith(ROOT), events.__file__
assert opensearchpy.helpers.bulk is not None and EventPage._meta.app_label == "events"
print("ok")
"""


@pytest.mark.parametrize("program", [APP_FIRST, CLIENT_FIRST], ids=["app-first", "client-first"])
def test_the_events_app_and_opensearch_py_import_in_either_order(program):
    result = subprocess.run(
        [sys.executable, "-c", f"ROOT = {str(ROOT)!r}\n" + program],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "network_site.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")
