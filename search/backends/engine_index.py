"""The engine's index lifecycle: create, fill, keep in step, rebuild behind an alias, report status.

Each type lives in its own index (`<prefix>-practices-<timestamp>`) reached through an alias
(`<prefix>-practices`), so a rebuild fills a new index and swaps the alias in one atomic call while
searches keep answering.
"""

import logging
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

from search.analysis import rules_signature
from search.backends.base import ProgressFactory, SearchUnavailable, TypeStatus, no_progress
from search.backends.engine_base import EngineBase
from search.documents import SearchDocument, available_documents, document_for_type

logger = logging.getLogger(__name__)

BULK_CHUNK = 500
# Rebuilds: objects serialised per batch (a fixed number of queries each), bulk requests in flight.
REBUILD_BATCH = 500
BULK_THREADS = 2
# Documents per bulk request of a rebuild: fewer, larger requests (about 4 MB of practices each).
REBUILD_CHUNK = 1_000
# A loading index: no refreshes, no replicas, and the translog fsynced every few seconds instead of on
# every bulk request (a crash mid-build loses only the build, which is thrown away and started again).
LOADING_SETTINGS = {"refresh_interval": "-1", "number_of_replicas": 0, "translog.durability": "async"}
# Index maintenance (refreshing a freshly loaded index, deleting one) may take far longer than a search.
MAINTENANCE_TIMEOUT = 300
# The mapping's `_meta` key naming the synonym and concept rules the index was built with.
ANALYSIS_META = "analysis_rules"
# How long a retired index may keep serving searches begun before the alias swap.
DRAIN_SECONDS = 10


class EngineIndex(EngineBase):
    def create_index(self, doc: type[SearchDocument], name: str, bulk_loading: bool = False) -> None:
        index = self.document_class(doc, name)._index
        if bulk_loading:
            index.settings(**LOADING_SETTINGS)
        else:
            index.settings(number_of_replicas=replicas())
        self._call("create an index", index.create, using=self.client)
        self._call(
            "label an index",
            self.client.indices.put_mapping,
            index=name,
            body={"_meta": {ANALYSIS_META: rules_signature()}},
        )

    def ensure_index(self, doc: type[SearchDocument]) -> None:
        alias = self.alias(doc)
        if self._call("check an alias", self.client.indices.exists_alias, name=alias):
            return
        name = self.new_index_name(doc)
        self.create_index(doc, name)
        self._call("create an alias", self.client.indices.put_alias, index=name, name=alias)

    def index_documents(
        self,
        doc: type[SearchDocument],
        documents: Iterable[tuple[str, dict[str, Any]]],
        index_name: str | None = None,
        refresh: bool = False,
    ) -> int:
        """Bulk-index prepared `(id, document)` pairs into the alias (or a named index)."""
        if index_name is None:
            self.ensure_index(doc)
        target = index_name or self.alias(doc)
        actions = (
            {"_op_type": "index", "_index": target, "_id": doc_id, "_source": body}
            for doc_id, body in documents
        )
        count: int
        count, _errors = self._call("index documents", self.bulk, actions)
        if refresh:
            self.refresh(doc, target)
        return count

    def index(self, doc: type[SearchDocument], objects: Iterable[Any]) -> int:
        return self.index_documents(doc, ((str(obj.pk), doc.document(obj)) for obj in objects))

    def delete(self, doc: type[SearchDocument], ids: Iterable[str]) -> int:
        self.ensure_index(doc)
        actions = [{"_op_type": "delete", "_index": self.alias(doc), "_id": str(i)} for i in ids]
        if not actions:
            return 0
        # Deleting what the index never had is fine: the goal is its absence.
        count: int
        count, _errors = self._call("delete documents", self.bulk, actions, ignore_status=(404,))
        return count

    def apply_changes(
        self, doc: type[SearchDocument], objects: list[Any], gone_ids: list[str], version: int
    ) -> dict[str, str]:
        """Write the outbox's changes with `version` (external versioning); rejected ids -> the reason.

        A version conflict means the engine already holds a newer state, and a delete of a missing
        document means it is already gone: both count as applied. A document that cannot be serialised
        is rejected like one the engine refuses, so it cannot hold up the others.
        """
        self.ensure_index(doc)
        alias = self.alias(doc)
        rejected: dict[str, str] = {}
        actions: list[dict[str, Any]] = []
        if objects:
            doc.prepare_batch(objects)
        for obj in objects:
            try:
                body = doc.document(obj)
            except Exception as error:
                logger.exception("could not serialise %s %s for the index", doc.type_name, obj.pk)
                rejected[str(obj.pk)] = f"serialisation failed: {error!r}"
                continue
            actions.append(
                {"_op_type": "index", "_index": alias, "_id": str(obj.pk), "_source": body}
                | {"version": version, "version_type": "external"}
            )
        actions += [
            {"_op_type": "delete", "_index": alias, "_id": str(i), "version": version}
            | {"version_type": "external"}
            for i in gone_ids
        ]
        if not actions:
            return rejected
        _count, errors = self._call(
            "apply index changes", self.bulk, actions, raise_on_error=False, raise_on_exception=True
        )
        for item in errors:
            ((op_type, result),) = item.items()
            status = result.get("status")
            if status == 409 or (op_type == "delete" and status == 404):
                continue
            rejected[str(result.get("_id"))] = describe_bulk_error(status, result.get("error"))
        return rejected

    def refresh(self, doc: type[SearchDocument], index: str | None = None) -> None:
        self._call(
            "refresh",
            self.client.indices.refresh,
            index=index or self.alias(doc),
            request_timeout=max(self.timeout, MAINTENANCE_TIMEOUT),
        )

    def rebuild(self, progress: ProgressFactory = no_progress) -> dict[str, int]:
        return {doc.type_name: self.rebuild_type(doc, progress) for doc in available_documents()}

    def rebuild_type(self, doc: type[SearchDocument], progress: ProgressFactory = no_progress) -> int:
        """Fill a fresh index, catch up with changes made meanwhile, then swap the alias atomically.

        The new index takes no refreshes, no replicas and no per-request translog fsync while it loads
        (each document is analysed once, on one copy); all three are restored, and the replicas allowed
        to catch up, before the swap. The loaded index is merged into one segment first: a search
        then sets up its scorers once instead of once per segment the load left (4 ms of the slowest
        searches at 50,000 practices, for 4 s of merging), and the replicas copy the merged segment.
        """
        started = datetime.now(UTC)
        name = self.new_index_name(doc)
        self.create_index(doc, name, bulk_loading=True)
        try:
            bar = progress(doc, doc.queryset().count())
            loaded = self.bulk_load(doc, name, bar)
            bar.close()
            self._catch_up(doc, name, started)
            self._call(
                "merge an index",
                self.client.indices.forcemerge,
                index=name,
                max_num_segments=1,
                request_timeout=max(self.timeout, MAINTENANCE_TIMEOUT),
            )
            self._call(
                "configure an index",
                self.client.indices.put_settings,
                index=name,
                body={"index": serving_settings()},
                request_timeout=max(self.timeout, MAINTENANCE_TIMEOUT),
            )
            self.refresh(doc, name)
            if replicas():
                self._call("wait for the replicas", self.wait_for_green, name, MAINTENANCE_TIMEOUT)
            self.swap_alias(doc, name)
        except BaseException:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        return loaded

    def bulk_load(self, doc: type[SearchDocument], index_name: str, bar: Any) -> int:
        """Serialise batch by batch here while parallel bulk requests stream them to the engine.

        The database work stays on this thread (its connection, its transaction); the bulk threads
        only talk HTTP, so serialising the next batch overlaps with the engine indexing the last.
        """
        actions: queue.Queue[dict[str, Any] | None] = queue.Queue(maxsize=REBUILD_BATCH * BULK_THREADS * 2)
        outcome: dict[str, Any] = {"loaded": 0, "error": None}

        def send() -> None:
            try:
                for ok, _item in self.parallel_bulk(
                    iter(actions.get, None), thread_count=BULK_THREADS, chunk_size=REBUILD_CHUNK
                ):
                    outcome["loaded"] += int(ok)
            except BaseException as error:
                outcome["error"] = error
                while actions.get() is not None:  # let the producer finish instead of blocking
                    pass

        sender = threading.Thread(target=send, name=f"bulk-{index_name}", daemon=True)
        sender.start()
        try:
            for batch in doc.batches(REBUILD_BATCH):
                for obj in batch:
                    body = doc.document(obj)
                    actions.put(
                        {"_op_type": "index", "_index": index_name, "_id": str(obj.pk), "_source": body}
                    )
                bar.update(len(batch))
                if outcome["error"] is not None:
                    break
        finally:
            actions.put(None)
            sender.join()
        if outcome["error"] is not None:
            error = outcome["error"]
            if isinstance(error, self.unavailable_errors):
                raise SearchUnavailable(f"{self.engine} failed to index documents: {error}") from error
            raise error
        loaded: int = outcome["loaded"]
        return loaded

    def _catch_up(self, doc: type[SearchDocument], name: str, started: datetime) -> None:
        """Pages published or removed while the bulk load ran went to the old index; repeat them here."""
        model_fields = {field.name for field in doc.model()._meta.get_fields()}
        changed = doc.queryset().none()
        if "last_published_at" in model_fields:
            changed = doc.queryset().filter(last_published_at__gte=started)
        self.index_documents(doc, ((str(o.pk), doc.document(o)) for o in changed), index_name=name)
        self.refresh(doc, name)
        live = {str(pk) for pk in doc.queryset().values_list("pk", flat=True)}
        gone = [doc_id for doc_id in self.scan_ids(name) if doc_id not in live]
        if gone:
            actions = ({"_op_type": "delete", "_index": name, "_id": doc_id} for doc_id in gone)
            self._call("delete documents", self.bulk, actions, ignore_status=(404,))

    def swap_alias(self, doc: type[SearchDocument], name: str) -> None:
        alias = self.alias(doc)
        old = self._indices_behind(alias)
        actions: list[dict[str, Any]] = [{"remove": {"index": index, "alias": alias}} for index in old]
        actions.append({"add": {"index": name, "alias": alias}})
        if not old and self._call("check an index", self.client.indices.exists, index=alias):
            # A concrete index squats the alias name (made by hand or by an old version): replace it.
            actions.append({"remove_index": {"index": alias}})
        self._call("swap an alias", self.client.indices.update_aliases, body={"actions": actions})
        for index in old:
            self._drain(index)
            self._call(
                "delete an old index",
                self.client.indices.delete,
                index=index,
                ignore_unavailable=True,
                request_timeout=max(self.timeout, MAINTENANCE_TIMEOUT),
            )

    def _drain(self, index: str) -> None:
        """Wait (a few seconds at most) until no search that resolved the alias before the swap is still
        running on `index`: deleting it under a search between its query and fetch phases failed that
        search with search_context_missing."""
        deadline = time.monotonic() + DRAIN_SECONDS
        while time.monotonic() < deadline:
            stats = self._call(
                "read an index's search stats", self.client.indices.stats, index=index, metric="search"
            )
            search = stats["_all"]["total"]["search"]
            if search["query_current"] + search["fetch_current"] == 0:
                return
            time.sleep(0.05)

    def _indices_behind(self, alias: str) -> list[str]:
        if not self._call("check an alias", self.client.indices.exists_alias, name=alias):
            return []
        return sorted(self._call("read an alias", self.client.indices.get_alias, name=alias).keys())

    def status(self) -> list[TypeStatus]:
        report = []
        for doc in available_documents():
            live = {str(pk) for pk in doc.queryset().values_list("pk", flat=True)}
            alias = self.alias(doc)
            if not self._call("check an alias", self.client.indices.exists_alias, name=alias):
                report.append(TypeStatus(doc.type_name, None, len(live), missing=sorted(live, key=int)))
                continue
            self.refresh(doc)  # compare with every acknowledged write, not the last periodic refresh
            indexed = set(self._call("list documents", lambda index: list(self.scan_ids(index)), alias))
            mappings = self._call("read a mapping", self.client.indices.get_mapping, index=alias)
            built_with = {m["mappings"].get("_meta", {}).get(ANALYSIS_META) for m in mappings.values()}
            report.append(
                TypeStatus(
                    doc.type_name,
                    len(indexed),
                    len(live),
                    missing=sorted(live - indexed, key=_id_order),
                    extra=sorted(indexed - live, key=_id_order),
                    stale_analysis=built_with != {rules_signature()},
                )
            )
        return report

    def delete_indices(self) -> None:
        """Drop every index under this prefix (tests and `search_index drop`)."""
        self._call(
            "delete indices",
            self.client.indices.delete,
            index=f"{self.index_prefix}-*",
            ignore_unavailable=True,
        )

    def type_of(self, type_name: str) -> type[SearchDocument]:
        return document_for_type(type_name)


def serving_settings() -> dict[str, Any]:
    """What a loaded index gets back before its alias is swapped to it (the engine's defaults)."""
    return {"refresh_interval": "1s", "number_of_replicas": replicas(), "translog.durability": "request"}


def replicas() -> int:
    """Copies of each shard besides the primary: 0 on one node, 1 on a cluster (SEARCH_REPLICAS)."""
    return int(getattr(settings, "SEARCH_REPLICAS", 0))


def describe_bulk_error(status: int | None, error: Any) -> str:
    """One readable line from a bulk item's error: "400 mapper_parsing_exception: failed to parse..."."""
    if isinstance(error, dict):
        reason = f"{error.get('type', 'error')}: {error.get('reason', '')}"
        cause = error.get("caused_by")
        if isinstance(cause, dict):
            reason += f" ({cause.get('type', '')}: {cause.get('reason', '')})"
    else:
        reason = str(error)
    return f"{status} {reason}"[:2000]


def _id_order(value: str) -> tuple[int, str]:
    return (int(value), value) if value.isdigit() else (0, value)


def _chunks(iterable: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
