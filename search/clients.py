"""Imports of the engine client libraries.

opensearch-py imports the PyPI package `events` (a metrics helper), whose name the project's `events`
app shadows. We load the PyPI package under that name just while opensearch-py is imported, then put
the app back, so both keep working in one process.
"""

import importlib.machinery
import importlib.util
import os
import sys
import threading
from types import ModuleType

_lock = threading.Lock()


def _site_events_package() -> ModuleType:
    project_dirs = {os.path.abspath(os.getcwd())}
    project_dirs.add(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    paths = [p for p in sys.path if os.path.abspath(p or ".") not in project_dirs]
    spec = importlib.machinery.PathFinder.find_spec("events", paths)
    if spec is None or spec.loader is None:
        raise ImportError("opensearch-py needs the PyPI package 'Events'; it is not installed")
    return importlib.util.module_from_spec(spec)


def import_opensearchpy() -> ModuleType:
    """The `opensearchpy` module, imported without breaking the project's `events` app."""
    if "opensearchpy" in sys.modules:
        return sys.modules["opensearchpy"]
    with _lock:
        if "opensearchpy" in sys.modules:
            return sys.modules["opensearchpy"]
        app_events = sys.modules.get("events")
        saved_submodule = sys.modules.get("events.events")
        package = _site_events_package()
        sys.modules["events"] = package
        try:
            spec = package.__spec__
            if spec is None or spec.loader is None:  # _site_events_package made it from a spec with a loader
                raise ImportError("opensearch-py needs the PyPI package 'Events'; it is not installed")
            spec.loader.exec_module(package)
            import opensearchpy
        finally:
            if app_events is not None:
                sys.modules["events"] = app_events
            else:
                sys.modules.pop("events", None)
            if saved_submodule is not None:
                sys.modules["events.events"] = saved_submodule
            else:
                sys.modules.pop("events.events", None)
        return opensearchpy


def import_elasticsearch_dsl() -> ModuleType:
    from elasticsearch import dsl

    return dsl
