"""Published records: the latest version of each key, and the arrival log subscribers read.

A batch a provider publishes is stored three ways (four for a resource with several key
items), each read by ``_id`` alone (on FerretDB, the local MongoDB, any other filter reads
the whole collection):

* ``record_chunks``: the batch's accepted rows as one document, ``{resource}#{batch}``. The
  chunks of a resource are numbered 1, 2, 3… without gaps (a chunk is inserted only under
  the next free number), so they are the resource's arrival log: a subscriber resumes by
  reading chunk after chunk. A row's sequence is ``batch << 10 | row``: strictly increasing,
  and the chunk holding a sequence is found without a search.
* ``record_heads``: per key, ``{resource}#{key}``, the latest version, for QueryByKey.
* ``record_streams``: per resource, the last batch and when it arrived (freshness), with the
  ``RecordsPublished`` event in its outbox.
* ``record_key_values``: for a resource with several key items, per key item and value,
  ``{resource}#{item}#{value}``, the keys of the records holding it — QueryByKey by one key
  item (``key_item_index`` says how it is kept and read).

Versions count per key from 1. A new key's head is inserted (one ``insert_many`` for the
batch); a known key's head is read and replaced, so republishing costs a read and a write
per key while first publication costs a few writes per batch. The key item index takes one
more ``insert_many`` per batch for the keys the batch brings into being, nothing for known
ones.

The chunk is the commit point: heads claimed for new keys before it, known heads, the key
item index and the stream after it. A publication that dies after its chunk is finished by
the next one (``_roll_forward``: heads, index, stream); one that dies before leaves only
claimed heads, which the next takes over as new keys.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from gov.catalog.v1 import catalog_pb2 as c
from gov.events.v1 import events_pb2 as e
from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange.key_item_index import (
    MAX_MATCHES,
    KeyItemIndex,
    distinct,
    key_items,
    normalised,
    spellings,
    too_many_matches,
)
from govdata.exchange.record_validation import RowRules
from govdata.exchange.store import Notify, Remembered, guarded, insert_new, now
from govdata.runtime import outbox
from govdata.runtime.errors import Aborted, FieldViolation, InvalidArgument
from govdata.runtime.locks import document_lock
from govdata.runtime.stores import write_filter

SLOT_BITS = 10
MAX_ROWS = 1000  # per PublishRecords call (the contract's limit), below 1 << SLOT_BITS
MAX_KEYS = 100  # per QueryByKey call


def sequence_of(batch: int, row: int) -> int:
    return batch << SLOT_BITS | row


def batch_of(sequence: int) -> int:
    return sequence >> SLOT_BITS


def chunk_id(resource: str, batch: int) -> str:
    return f"{resource}#{batch:012d}"


def head_id(resource: str, key: str) -> str:
    return f"{resource}#{key}"


@dataclass(frozen=True)
class Row:
    """One stored version, as kept in a chunk or a head. Fields go as one JSON text: data
    item names may hold characters MongoDB forbids in field names, and FerretDB stores no
    nested arrays."""

    key: str
    version: int
    fields: dict[str, str]
    deleted: bool
    source_update: datetime | None

    def encode(self) -> dict[str, Any]:
        return {
            "k": self.key,
            "v": self.version,
            "f": json.dumps(self.fields, ensure_ascii=False, sort_keys=True),
            "d": self.deleted,
            "u": self.source_update,
        }

    @staticmethod
    def decode(raw: dict[str, Any]) -> Row:
        return Row(raw["k"], raw["v"], json.loads(raw["f"]), raw["d"], raw["u"])


def versioned(
    resource: str, row: Row, sequence: int, arrival: datetime, items: frozenset[str] | None
) -> x.VersionedRecord:
    """The row as a consumer sees it: only ``items`` (None: all) of its fields."""
    out = x.VersionedRecord(
        resource=resource,
        key=row.key,
        deleted=row.deleted,
        version=row.version,
        sequence=sequence,
        fields={n: v for n, v in row.fields.items() if items is None or n in items},
    )
    out.arrival_time.FromDatetime(arrival)
    if row.source_update is not None:
        out.source_update_time.FromDatetime(row.source_update)
    return out


class RecordLog:
    def __init__(
        self,
        heads: Collection,
        chunks: Collection,
        streams: Collection,
        key_values: Collection,
        remembered: Remembered,
        source: str,
        notify: Notify,
    ) -> None:
        self.heads = heads
        self.chunks = chunks
        self.streams = streams
        self.index = KeyItemIndex(key_values)
        self.remembered = remembered
        self.source = source
        self.notify = notify
        self._arrived = threading.Condition()

    def ensure_indexes(self) -> None:
        outbox.ensure_indexes(self.streams)

    # -- publishing ----------------------------------------------------------------------

    def publish(
        self, resource: c.InformationResource, request: x.PublishRecordsRequest, caller_org: str
    ) -> x.PublishRecordsResponse:
        """Store the valid rows of a batch; the others come back with row, field and reason."""
        if not request.records:
            raise InvalidArgument(FieldViolation("records", "send at least one record"))
        if len(request.records) > MAX_ROWS:
            raise InvalidArgument(
                FieldViolation(
                    "records", f"at most {MAX_ROWS} records per call, not {len(request.records)}"
                )
            )
        key = ""
        if request.request_id:
            key = self.remembered.key("PublishRecords", caller_org, request.request_id)
            if (earlier := self.remembered.find(key)) is not None:
                return x.PublishRecordsResponse.FromString(earlier)
        response = x.PublishRecordsResponse()
        accepted: list[x.Record] = []
        rules = RowRules(resource)
        for index, record in enumerate(request.records):
            problem = rules.check(record)
            if problem is None:
                accepted.append(record)
            else:
                response.rejected.add(row_index=index, field=problem.field, reason=problem.reason)
        if accepted:
            with document_lock(self.streams.name, resource.name):
                self._store(resource, accepted, len(response.rejected))
            response.accepted_count = len(accepted)
            with self._arrived:
                self._arrived.notify_all()
            self.notify(self.streams.name, resource.name)
        if key:
            self.remembered.keep(key, response)
        return response

    def _store(
        self, resource: c.InformationResource, records: list[x.Record], rejected: int
    ) -> None:
        name = resource.name
        stream = self._stream(name)
        committed = int(stream.get("batch", 0))
        while (leftover := self.chunk(name, committed + 1)) is not None:
            # a publication that stored its chunk and died before its heads and stream
            self._roll_forward(resource, committed + 1, leftover, stream)
            stream, committed = self._stream(name), committed + 1
        batch = committed + 1
        arrival = now()
        counts: dict[str, int] = {}
        for record in records:
            counts[record.key] = counts.get(record.key, 0) + 1
        claimed, known = self._claim_new_keys(name, records, counts, batch, arrival)
        current = {k: self._head(name, k) for k in known}
        # A head claimed by a publication that died before its chunk was for a new key.
        base = {k: 0 if batch_of(h[1]) > committed else h[0] for k, h in current.items()}
        # Keys the index may not hold yet: new, claimed by that publication, or deleted so far.
        fresh = {k for k in counts if k not in current or base[k] == 0 or current[k][2]}
        rows: list[Row] = []
        seen: dict[str, int] = {}
        for record in records:
            seen[record.key] = seen.get(record.key, 0) + 1
            rows.append(_row_of(record, base.get(record.key, 0) + seen[record.key]))
        chunk = {"_id": chunk_id(name, batch), "t": arrival, "rows": [r.encode() for r in rows]}
        try:
            guarded(lambda: self.chunks.insert_one(chunk))  # the commit point
        except DuplicateKeyError:  # another api replica took the number: the caller retries
            guarded(lambda: self.heads.delete_many({"_id": {"$in": claimed}}))
            raise Aborted(f"records of {name} were published concurrently; retry") from None
        last_of = {row.key: (i, row) for i, row in enumerate(rows)}
        for k in known:
            i, row = last_of[k]
            self._replace_head(name, row, sequence_of(batch, i), arrival, current[k][0])
        self._index(resource, [row for k, (_, row) in last_of.items() if k in fresh])
        self._advance(resource, stream, batch, arrival, rows, rejected)

    def _index(self, resource: c.InformationResource, rows: list[Row]) -> None:
        """Index ``rows`` by each key item, where the resource has several."""
        items = key_items(resource)
        if len(items) > 1 and rows:
            self.index.add(resource.name, items, rows)

    def _stream(self, name: str) -> dict[str, Any]:
        return guarded(lambda: self.streams.find_one({"_id": name})) or {}

    def _advance(
        self,
        resource: c.InformationResource,
        stream: dict[str, Any],
        batch: int,
        arrival: datetime,
        rows: list[Row],
        rejected: int,
    ) -> None:
        """Record ``batch`` as the resource's last, with its ``RecordsPublished`` event."""
        name = resource.name
        first_seq, last_seq = sequence_of(batch, 0), sequence_of(batch, len(rows) - 1)
        event = e.RecordsPublished(
            resource=name,
            provider=resource.provider,
            accepted_count=len(rows),
            rejected_count=rejected,
            first_sequence=first_seq,
            last_sequence=last_seq,
        )
        entry = outbox.entry(self.source, event, subject=name)
        fields = {
            "provider": resource.provider,
            "batch": batch,
            "sequence": last_seq,
            "last_publish_time": arrival,
        }
        if stream:
            guard = write_filter(self.streams, name, {"batch": batch - 1})
            update = outbox.on_update({"$set": fields, "$inc": {"records": len(rows)}}, entry)
            guarded(lambda: self.streams.update_one(guard, update))
        else:
            document = outbox.on_insert({"_id": name, **fields, "records": len(rows)}, entry)
            guarded(lambda: self.streams.insert_one(document))

    def _roll_forward(
        self,
        resource: c.InformationResource,
        batch: int,
        chunk: tuple[datetime, list[Row]],
        stream: dict[str, Any],
    ) -> None:
        """Finish a publication whose chunk is stored: its heads, then the stream."""
        arrival, rows = chunk
        last_of = {row.key: (i, row) for i, row in enumerate(rows)}
        for key, (i, row) in last_of.items():
            found = guarded(lambda k=key: self.heads.find_one({"_id": head_id(resource.name, k)}))
            document = {"v": row.version, "s": sequence_of(batch, i), "t": arrival}
            if found is None:
                guarded(
                    lambda d=document, k=key, r=row: self.heads.insert_one(
                        {"_id": head_id(resource.name, k), **d, "row": r.encode()}
                    )
                )
            elif found["v"] <= row.version or batch_of(found["s"]) >= batch:
                self._replace_head(resource.name, row, document["s"], arrival, found["v"])
        self._index(resource, [row for _, row in last_of.values()])
        self._advance(resource, stream, batch, arrival, rows, 0)

    def _claim_new_keys(
        self,
        resource: str,
        records: list[x.Record],
        counts: dict[str, int],
        batch: int,
        arrival: datetime,
    ) -> tuple[list[str], list[str]]:
        """Insert heads for keys never seen (their final version in this batch); return the
        heads inserted and the keys that already had one."""
        last: dict[str, tuple[int, x.Record]] = {r.key: (i, r) for i, r in enumerate(records)}
        documents = [
            {
                "_id": head_id(resource, k),
                "v": counts[k],
                "s": sequence_of(batch, i),
                "t": arrival,
                "row": _row_of(r, counts[k]).encode(),
            }
            for k, (i, r) in last.items()
        ]
        taken = insert_new(self.heads, documents)
        known = {d["_id"] for d in taken}
        claimed = [d["_id"] for d in documents if d["_id"] not in known]
        return claimed, [d["row"]["k"] for d in taken]

    def _head(self, resource: str, key: str) -> tuple[int, int, bool]:
        """(version, sequence, deleted) of a key's head."""
        head = guarded(
            lambda: self.heads.find_one(
                {"_id": head_id(resource, key)}, {"v": 1, "s": 1, "row.d": 1}
            )
        )
        return (int(head["v"]), int(head["s"]), bool(head["row"]["d"])) if head else (0, 0, False)

    def _replace_head(
        self, resource: str, row: Row, sequence: int, arrival: datetime, before: int
    ) -> None:
        _id = head_id(resource, row.key)
        guard = write_filter(self.heads, _id, {"v": before})
        document = {"v": row.version, "s": sequence, "t": arrival, "row": row.encode()}
        guarded(lambda: self.heads.update_one(guard, {"$set": document}))

    # -- reading -------------------------------------------------------------------------

    def query(
        self, resource: str, keys: Iterable[str], items: frozenset[str]
    ) -> x.QueryByKeyResponse:
        response = x.QueryByKeyResponse()
        for key in keys:
            current = self._current(resource, key)
            if current is None:
                response.missing_keys.append(key)
            else:
                response.records.append(versioned(resource, *current, items))
        return response

    def query_by_item(
        self,
        resource: c.InformationResource,
        item: str,
        values: list[str],
        items: frozenset[str],
    ) -> x.QueryByKeyResponse:
        """The current records holding each of ``values`` of key item ``item`` (already
        checked to be one), in the order of the values; values held by none are missing.
        More than ``MAX_MATCHES`` records is INVALID_ARGUMENT on ``keys``."""
        name = resource.name
        whole = key_items(resource) == [item]  # the item is the key: the heads are the index
        response = x.QueryByKeyResponse()
        returned: set[str] = set()
        for value in distinct(values):
            held = False
            for key in spellings(value) if whole else self.index.keys_of(name, item, value):
                current = self._current(name, key)
                if current is None:
                    continue
                row = current[0]
                if normalised(row.key if whole else row.fields.get(item, "")) != normalised(value):
                    continue  # a stale entry: the record no longer holds the value
                held = True
                if row.key not in returned:
                    if len(returned) == MAX_MATCHES:
                        raise too_many_matches()
                    returned.add(row.key)
                    response.records.append(versioned(name, *current, items))
            if not held:
                response.missing_keys.append(value)
        return response

    def _current(self, resource: str, key: str) -> tuple[Row, int, datetime] | None:
        """A key's current row, sequence and arrival; None if never published or deleted."""
        head = guarded(lambda: self.heads.find_one({"_id": head_id(resource, key)}))
        if head is None:
            return None
        row = Row.decode(head["row"])
        return None if row.deleted else (row, head["s"], head["t"])

    def chunk(self, resource: str, batch: int) -> tuple[datetime, list[Row]] | None:
        """The rows of one batch and when they arrived; None if not published (yet)."""
        document = guarded(lambda: self.chunks.find_one({"_id": chunk_id(resource, batch)}))
        if document is None:
            return None
        return document["t"], [Row.decode(raw) for raw in document["rows"]]

    def last_sequence(self, resource: str) -> int:
        stream = guarded(lambda: self.streams.find_one({"_id": resource}, {"sequence": 1}))
        return int(stream["sequence"]) if stream else 0

    def wait(self, seconds: float) -> None:
        """Sleep until a batch arrives in this process or ``seconds`` pass (other replicas'
        batches are found by the caller's next read)."""
        with self._arrived:
            self._arrived.wait(seconds)

    def publications(self) -> dict[str, datetime]:
        """When each resource last had records published (for freshness)."""
        rows = guarded(lambda: list(self.streams.find({}, {"last_publish_time": 1})))
        return {row["_id"]: row["last_publish_time"] for row in rows}


def _row_of(record: x.Record, version: int) -> Row:
    return Row(
        record.key,
        version,
        {} if record.deleted else dict(record.fields),
        record.deleted,
        record.source_update_time.ToDatetime(tzinfo=UTC)
        if record.HasField("source_update_time")
        else None,
    )
