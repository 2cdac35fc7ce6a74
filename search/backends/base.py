"""The interface every search backend implements."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from search.documents import SearchDocument
from search.query import SearchQuery, SearchResult, SearchResults, Suggestion


class SearchUnavailable(Exception):
    """The engine did not answer (down, timed out, index missing); callers fall back to the database."""


class Progress(Protocol):
    def update(self, n: int = 1) -> Any: ...

    def close(self) -> Any: ...


ProgressFactory = Callable[[type[SearchDocument], int], Progress]


class _NoProgress:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def no_progress(doc: type[SearchDocument], total: int) -> Progress:
    return _NoProgress()


@dataclass
class TypeStatus:
    type_name: str
    engine_count: int | None
    database_count: int
    missing: list[str] = field(default_factory=list)  # in the database, not in the engine
    extra: list[str] = field(default_factory=list)  # in the engine, no longer live in the database
    # Built with other synonym or glossary rules than the code's (search.analysis.rules_signature).
    stale_analysis: bool = False

    @property
    def in_sync(self) -> bool:
        return not self.missing and not self.extra and not self.stale_analysis


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do, as data: callers and templates read these, never the backend's class."""

    typo_tolerance: bool
    synonyms: bool
    word_forms: bool  # per-language stemming
    suggestions: bool  # "did you mean"
    text_similarity: bool  # more-like-this by text
    own_index: bool  # keeps an index outside the database (an engine) that `search_index rebuild` fills

    @property
    def complete(self) -> bool:
        return all((self.typo_tolerance, self.synonyms, self.word_forms, self.suggestions))


class SearchBackend:
    """Searches, suggests and keeps an index. `name` is what the API reports as `engine`."""

    name: str = ""
    capabilities: Capabilities

    @property
    def location(self) -> str:
        """Where the backend's data lives, for messages to operators."""
        raise NotImplementedError

    def ping(self) -> bool:
        """Whether the backend answers now."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, text: str, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def more_like_this(self, obj: Any, limit: int = 4) -> list[SearchResult]:
        raise NotImplementedError

    def index(self, doc: type[SearchDocument], objects: Iterable[Any]) -> int:
        raise NotImplementedError

    def delete(self, doc: type[SearchDocument], ids: Iterable[str]) -> int:
        raise NotImplementedError

    def apply_changes(
        self, doc: type[SearchDocument], objects: list[Any], gone_ids: list[str], version: int
    ) -> dict[str, str]:
        """Index `objects` and remove `gone_ids` as of `version`; the ids the backend rejected -> why.

        A backend without an index of its own (the database search) has nothing to reject.
        """
        self.index(doc, objects)
        self.delete(doc, gone_ids)
        return {}

    def rebuild(self, progress: ProgressFactory = no_progress) -> dict[str, int]:
        raise NotImplementedError

    def status(self) -> list[TypeStatus]:
        raise NotImplementedError
