"""`scripts/search-engine stop` and `status` find the node they started, whatever the terminal's width.

A stand-in process plays the node: its command line has the node's shape (a classpath of thousands of
characters, then the main class), so no JVM has to start. The script runs from a copy in a temporary
checkout, whose var/opensearch/node.pid names the stand-in.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "search-engine"
MAIN_CLASS = "localsearch.NodeLauncher"


@pytest.fixture
def checkout(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy2(SCRIPT, tmp_path / "scripts" / "search-engine")
    (tmp_path / "var" / "opensearch").mkdir(parents=True)
    return tmp_path


@pytest.fixture
def node(checkout):
    classpath = ":".join(f"/opt/m2/org/example/library-{n}/1.0/library-{n}-1.0.jar" for n in range(120))
    process = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(300)", "-cp", classpath, MAIN_CLASS, "data"]
    )
    (checkout / "var" / "opensearch" / "node.pid").write_text(f"{process.pid}\n")
    (checkout / "var" / "opensearch" / "node.port").write_text("9299\n")
    yield process
    process.kill()
    process.wait()


def run(checkout, action, *options, columns="80"):
    return subprocess.run(
        [checkout / "scripts" / "search-engine", action, *options],
        env={"PATH": "/usr/bin:/bin", "COLUMNS": columns, "SEARCH_STOP_TIMEOUT": "5"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_stop_stops_the_node_even_when_the_terminal_is_narrow(checkout, node):
    result = run(checkout, "stop", columns="80")
    assert f"OpenSearch stopped (pid {node.pid})" in result.stdout, result
    assert node.wait(timeout=10) is not None
    assert not (checkout / "var" / "opensearch" / "node.pid").exists()


def test_status_sees_the_running_node_and_keeps_its_pid_file(checkout, node):
    result = run(checkout, "status", columns="80")
    assert f"OpenSearch running (pid {node.pid})" in result.stdout, result
    assert node.poll() is None
    assert (checkout / "var" / "opensearch" / "node.pid").read_text().strip() == str(node.pid)


def test_stop_with_a_stale_pid_file_says_not_running_and_clears_it(checkout):
    stale = checkout / "var" / "opensearch" / "node.pid"
    stale.write_text("999999999\n")
    result = run(checkout, "stop")
    assert "OpenSearch not running" in result.stdout, result
    assert not stale.exists()


def test_stopping_the_cluster_leaves_the_single_node_running(checkout, node):
    # The cluster test stops its three nodes with this; the single node serves the rest of the suite.
    result = run(checkout, "stop", "--nodes", "3")
    assert result.returncode == 0, result
    assert node.poll() is None
    assert (checkout / "var" / "opensearch" / "node.pid").read_text().strip() == str(node.pid)
    assert "OpenSearch stopped" not in result.stdout
