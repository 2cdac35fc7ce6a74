"""Untuned BM25 over the same practices: the baseline every ranking change is measured against.

One index with the engine's default (standard) analyzer, no synonyms, no stemming, no boosts, queried
with a plain multi_match over title, summary and body, and the same filters as the real search.
"""

from typing import Any

from search.backends.engine import EngineBackend
from search.documents import PracticeDocument
from search.evaluation import K, Ranker, query_filters

TEXT_FIELDS = ("title", "summary", "body")


class BaselineIndex:
    def __init__(self, backend: EngineBackend) -> None:
        self.backend = backend
        self.name = f"{backend.index_prefix}-baseline-bm25"

    def build(self) -> int:
        client = self.backend.client
        client.indices.delete(index=self.name, ignore_unavailable=True)
        filters = {field: {"type": "keyword"} for field in PracticeDocument.engine_filters.values()}
        properties = {
            **{field: {"type": "text"} for field in TEXT_FIELDS},
            **filters,
            "slug": {"type": "keyword"},
        }
        client.indices.create(
            index=self.name,
            body={"settings": {"number_of_shards": 1}, "mappings": {"properties": properties}},
        )
        documents = (
            {
                "_op_type": "index",
                "_index": self.name,
                "_id": str(page.pk),
                "_source": {
                    key: value for key, value in PracticeDocument.prepare(page).items() if key in properties
                },
            }
            for page in PracticeDocument.queryset()
        )
        count, _errors = self.backend.bulk(documents)
        client.indices.refresh(index=self.name)
        return count

    def drop(self) -> None:
        self.backend.client.indices.delete(index=self.name, ignore_unavailable=True)

    def ranker(self) -> Ranker:
        dsl = self.backend.dsl

        def rank(query: dict[str, Any]) -> list[str]:
            search = dsl.Search().query("multi_match", query=query["q"], fields=list(TEXT_FIELDS))
            for name, values in query_filters(query).items():
                search = search.filter("terms", **{PracticeDocument.engine_filters[name]: list(values)})
            body = search.source(["slug"]).extra(size=K).to_dict()
            hits = self.backend.raw_search(self.name, body)["hits"]["hits"]
            return [hit["_source"]["slug"] for hit in hits]

        return rank
