"""The auditors' query index: the log's records in OpenSearch, for searching them fast.

Why OpenSearch and not MongoDB indexes: auditors filter on any mix of time, system, person,
resource, grant, outcome, purpose and data subject over millions of records, and citizens ask
for every access to their data. MongoDB could index some of those, but locally FerretDB
answers no filter but ``_id`` from an index (measured: one query over 97,000 records took
more than 5 s). OpenSearch answers all of them from inverted indexes, and the platform runs it
already.

The index is derived, like svc-search's: the api tails the committed log (entry bundles)
into it (``Indexer``) and keeps a checkpoint in ``state`` (``_id: "query_index"``: leaves
indexed). Queries only return leaves below that checkpoint, so a result is always a prefix
of the log (leaves just indexed become searchable within the index's one-second refresh),
and the records themselves are then read from the log's entry bundles: what an auditor is
handed is the stored entry, the one its inclusion proof is checked against. Delete the
index and the api builds it again from the log.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from gov.audit.v1 import audit_pb2
from govdata.audit import entries
from govdata.audit.lease import Lease
from govdata.audit.log import AuditLog
from govdata.audit.metrics import INDEX_LAG

log = logging.getLogger(__name__)

CHECKPOINT = "query_index"
BATCH = 2000
# Longer values stay in the log and in MongoDB but are not searchable by exact term: Lucene
# refuses a term over 32,766 bytes, and 4,096 characters are at most 16,384 UTF-8 bytes.
KEYWORD = {"type": "keyword", "ignore_above": 4096}
_KEYWORDS = (
    "request_id", "method", "resource", "grant", "outcome", "purpose", "service", "trace_id",
    "data_items", "data_subject_keys",
)  # fmt: skip
MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "leaf_index": {"type": "long"},
        "time": {"type": "date"},
        "hidden_until": {"type": "date"},
        "actor": {
            "properties": {
                "system": KEYWORD,
                "person": KEYWORD,
                "organization": KEYWORD,
            }
        },
        **dict.fromkeys(_KEYWORDS, KEYWORD),
    },
}


def source_of(record: audit_pb2.AuditRecord) -> dict[str, Any]:
    return entries.to_document(record)


class QueryIndex:
    def __init__(self, client: Any, name: str) -> None:
        self.client = client
        self.name = name

    def ensure(self) -> bool:
        """Create the index if it is missing; True when it was created (so it is empty)."""
        if self.client.indices.exists(index=self.name):
            return False
        self.client.indices.create(
            index=self.name,
            body={
                "settings": {"number_of_shards": 1, "refresh_interval": "1s"},
                "mappings": MAPPING,
            },
        )
        log.info("created the audit query index %s", self.name)
        return True

    def add(self, records: Sequence[audit_pb2.AuditRecord]) -> None:
        body: list[dict[str, Any]] = []
        for record in records:
            body.append({"index": {"_index": self.name, "_id": record.id}})
            body.append(source_of(record))
        answer = self.client.bulk(body=body)
        if answer.get("errors"):
            failed = next(i for i in answer["items"] if i["index"].get("error"))
            raise RuntimeError(f"audit query index refused a record: {failed['index']['error']}")

    def remove(self, first: int, end: int) -> None:
        """Drop archived leaves [first, end) (their records left the database)."""
        self.client.delete_by_query(
            index=self.name,
            body={"query": {"range": {"leaf_index": {"gte": first, "lt": end}}}},
            refresh=True,
        )

    def search(
        self,
        filters: list[dict[str, Any]],
        below: int,
        descending: bool,
        size: int,
        after: int | None,
        must_not: list[dict[str, Any]] | None = None,
    ) -> list[dict[str, Any]]:
        """Sources of matching records with leaf_index < ``below``, in leaf order."""
        bound: dict[str, Any] = {"lt": below}
        if after is not None:
            bound = {"lt": min(below, after)} if descending else {"lt": below, "gt": after}
        query = {
            "bool": {
                "filter": [*filters, {"range": {"leaf_index": bound}}],
                "must_not": must_not or [],
            }
        }
        answer = self.client.search(
            index=self.name,
            body={
                "query": query,
                "sort": [{"leaf_index": "desc" if descending else "asc"}],
                "size": size,
                "track_total_hits": False,
            },
        )
        return [{"_id": hit["_id"], **hit["_source"]} for hit in answer["hits"]["hits"]]


def indexed(audit_log: AuditLog) -> int:
    """Leaves the query index holds (every leaf below this is searchable)."""
    found = audit_log.state.find_one({"_id": CHECKPOINT}) or {}
    return int(found.get("indexed", 0))


class Indexer:
    """Keeps the query index caught up with the log, on a thread of the api process.

    The api, not the worker: the worker's one thread is what limits ingest (measured:
    indexing took a quarter of it), while the api has threads and cores to spare. Of several
    api replicas, the one holding the ``query_index`` lease indexes; the others only serve.
    """

    PAUSE_SECONDS = 0.5

    def __init__(self, audit_log: AuditLog, index: QueryIndex, owner: str) -> None:
        self.log = audit_log
        self.index = index
        self.lease = Lease(audit_log.state, owner, name="query_index")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="audit-indexer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self.lease.release()

    def _run(self) -> None:
        while not self._stop.wait(self.PAUSE_SECONDS):
            try:
                if self.lease.try_take():
                    while self.catch_up() and not self._stop.is_set():
                        pass
            except Exception:  # OpenSearch or the store away: try again next round
                log.exception("audit query index not caught up; trying again")

    def catch_up(self) -> int:
        """Index the next committed leaves not indexed yet; return how many."""
        if self.index.ensure():
            self.log.state.update_one({"_id": CHECKPOINT}, {"$set": {"indexed": 0}}, upsert=True)
        done = indexed(self.log)
        size, _ = self.log.committed()
        INDEX_LAG.set(size - done)
        if done >= size:
            return 0
        end = min(size, done + BATCH)
        records = list(self.log.records_between(done, end))
        if records:
            self.index.add(records)
        self.log.state.update_one({"_id": CHECKPOINT}, {"$set": {"indexed": end}}, upsert=True)
        INDEX_LAG.set(size - end)
        return end - done
