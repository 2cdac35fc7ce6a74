"""The one seam between our index definitions and the two DSL libraries.

opensearch-py's DSL and `elasticsearch.dsl` grew from the same code and expose the same names
(`Document`, `Text`, `analyzer`, `Search`, `Q`, `A`...). Index definitions and queries are written once
against a `Dsl` and can be rendered by either library; tests/search/test_dsl.py proves the output is the same.
"""

from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from search.clients import import_elasticsearch_dsl, import_opensearchpy

ENGINES = ("opensearch", "elasticsearch")


@dataclass(frozen=True)
class Dsl:
    engine: str
    module: ModuleType

    def __getattr__(self, name: str) -> Any:
        # Only the names both libraries share are part of the adapter.
        if name not in SHARED_NAMES:
            raise AttributeError(f"{name!r} is not part of the shared DSL adapter")
        return getattr(self.module, name)


SHARED_NAMES = frozenset(
    {
        "A",
        "Boolean",
        "Date",
        "Document",
        "Index",
        "Integer",
        "Keyword",
        "Object",
        "Q",
        "Search",
        "SearchAsYouType",
        "Text",
        "analyzer",
        "token_filter",
    }
)


@cache
def get_dsl(engine: str) -> Dsl:
    if engine == "opensearch":
        return Dsl(engine, import_opensearchpy())
    if engine == "elasticsearch":
        return Dsl(engine, import_elasticsearch_dsl())
    raise ValueError(f"unknown search engine {engine!r}; expected one of {', '.join(ENGINES)}")
