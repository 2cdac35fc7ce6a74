"""Every public page type is valid HTML by the Nu Html Checker (vnu.jar, `scripts/html-checker`).
The check first proves it reports an invalid page, then checks one page of each type with real content."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import require_service
from tests.public_pages import build_content

pytestmark = pytest.mark.django_db


def checker() -> list[str]:
    jar = os.environ.get("VNU_JAR") or str(
        Path(settings.BASE_DIR) / "var/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
    )
    java = shutil.which("java")
    require_service(
        java is not None and Path(jar).is_file(), "needs Java and vnu.jar: scripts/html-checker install"
    )
    return [java or "java", "-jar", jar, "--errors-only", "--format", "json"]


def html_errors(files: list[Path]) -> list[str]:
    result = subprocess.run([*checker(), *map(str, files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]


def test_the_checker_reports_an_invalid_page(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title><input type="month" placeholder="x"></html>'
    )
    assert any("placeholder" in error for error in html_errors([bad]))


def test_every_public_page_type_is_valid_html(client, tmp_path):
    files = []
    for name, path in build_content().items():
        response = client.get(path)
        assert response.status_code == 200, (name, path)
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    assert html_errors(files) == []
