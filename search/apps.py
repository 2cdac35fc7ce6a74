from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import checks, signals  # noqa: F401 - registers the checks
        from search.semantic import signals as semantic_signals

        signals.connect()
        semantic_signals.connect()

    def load_demo_data(self, stdout: Any) -> list[Any]:
        """Rebuild the engine's index over the demo content, or say that the database search is in use."""
        from django.db import transaction

        from search.backends import SearchUnavailable, get_backend, get_database_backend

        # Demo content written in bulk reaches the database's full-text index here, once committed.
        transaction.on_commit(get_database_backend().rebuild)
        backend = get_backend()
        if not backend.capabilities.own_index:
            stdout.write("Search: SEARCH_URL is empty, so the database search is in use (no index to build).")
            return []
        if not backend.ping():
            stdout.write(
                f"Search: the engine at {backend.location} does not answer; the database search is in use."
            )
            return []

        def rebuild() -> None:
            try:
                counts = backend.rebuild()
            except SearchUnavailable as error:
                stdout.write(f"Search: could not rebuild the index ({error}); the database search is in use.")
                return
            summary = ", ".join(f"{count} {name}s" for name, count in counts.items())
            stdout.write(f"Search: indexed {summary} in {backend.name}.")

        # The demo content is written in the caller's transaction; index it once it is committed.
        transaction.on_commit(rebuild)
        return []
