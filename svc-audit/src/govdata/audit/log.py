"""The append-only audit log in MongoDB: entries, the tree's tiles, signed heads, and a
queryable copy of each record.

Collections (svc-audit's own database):

- ``state``: one document, ``_id: "tree"``: the committed size and root, and while a batch is
  being written, the ids it writes (its intent). Nothing beyond the committed size is ever read.
- ``bundles``: the leaf entries, 256 per document (``_id`` = ``key(bundle index)``), in order. The
  log itself: what VerifyLog re-hashes. Bundles, not one document per record, because
  FerretDB reads a few large binary values ten times faster than many small documents.
- ``tiles``: the tree's hashes (see ``tiles``).
- ``records``: one small document per record: ``_id`` = record id (unique: what makes a
  redelivered record append once), its leaf index, and ``hidden_until`` for a hidden one.
  Auditors' searches go to the query index (OpenSearch, ``query_index``) and are answered
  with the entries themselves, read from the bundles.
- ``heads``: signed tree heads, one per size signed (``_id`` = ``key(tree size)``); the latest is
  kept in ``state``.
- ``dead_letters``: events that could not be taken, with the reason.
- ``display_names``: organisations' and resources' display names, from catalogue events, for
  the citizen access report.

One appender writes (the worker holding the ``sequencer`` lease); readers only ever see a
committed prefix.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from bson.codec_options import CodecOptions
from pymongo import ReplaceOne
from pymongo.database import Database
from pymongo.errors import BulkWriteError

from gov.audit.v1 import audit_pb2
from govdata.audit import entries, proofs
from govdata.audit.tiles import WIDTH, Edge, TileReader, split, tile_id
from govdata_client.audit_records import entry_of
from govdata_client.merkle import EMPTY_ROOT, leaf_hash

log = logging.getLogger(__name__)

STATE = "tree"


def pack(entries: Sequence[bytes]) -> bytes:
    """A bundle's entries as one binary value (each preceded by its length, 4 bytes big-endian):
    FerretDB reads one 100 KB binary value about 2.5 times faster than an array of 256 small
    ones (measured 125,000 against 50,000 entries/s), and VerifyLog reads every bundle."""
    return b"".join(len(e).to_bytes(4, "big") + e for e in entries)


def unpack(blob: bytes) -> list[bytes]:
    entries, offset, view = [], 0, memoryview(blob)
    while offset < len(view):
        length = int.from_bytes(view[offset : offset + 4], "big")
        entries.append(bytes(view[offset + 4 : offset + 4 + length]))
        offset += 4 + length
    return entries


def key(number: int) -> str:
    """A document id for a bundle, head or archive number. Strings, zero-padded: FerretDB
    finds, updates and deletes by a string ``_id`` through its index, by a number only by
    scanning the collection (measured: 0.6 s to replace one of 124 bundles)."""
    return f"{number:015d}"


NAMES = "display_names"  # organisation and resource names -> display names (catalogue events)
DUPLICATE = 11000


class AuditLog:
    """Reading the committed log; shared by the api and the appender."""

    def __init__(self, database: Database) -> None:
        # times read back are aware (UTC), as every time the log writes is
        self.database = database.with_options(codec_options=CodecOptions(tz_aware=True))
        database = self.database
        self.state = database["state"]
        self.bundles = database["bundles"]
        self.tiles = database["tiles"]
        self.records = database["records"]
        self.heads = database["heads"]
        self.dead_letters = database["dead_letters"]
        self.reader = TileReader(self.tiles)

    # -- the committed tree ----------------------------------------------------------------

    def committed(self) -> tuple[int, bytes]:
        """The committed size and root (0 and the empty root before the first append)."""
        doc = self.state.find_one({"_id": STATE}) or {}
        return int(doc.get("size", 0)), bytes(doc.get("root", EMPTY_ROOT))

    def root(self, size: int) -> bytes:
        return proofs.tree_root(size, self.reader.nodes(proofs.root_nodes(size), size))

    def inclusion_proof(self, leaf_index: int, size: int) -> list[bytes]:
        return proofs.inclusion_proof(
            leaf_index, size, self.reader.nodes(proofs.inclusion_nodes(leaf_index, size), size)
        )

    def consistency_proof(self, first: int, second: int) -> list[bytes]:
        return proofs.consistency_proof(
            first, second, self.reader.nodes(proofs.consistency_nodes(first, second), second)
        )

    # -- entries ---------------------------------------------------------------------------

    def bundle(self, index: int) -> dict[str, Any] | None:
        return self.bundles.find_one({"_id": key(index)})

    def opened(self, index: int) -> tuple[list[bytes], dict[int, datetime]] | None:
        """Bundle ``index``'s entries and the hidden marks beside them (offset ->
        hidden_until: a secrecy period may be set after a record was appended, so it is not in
        the entry); None when the bundle is missing or archived."""
        doc = self.bundle(index)
        if doc is None or doc.get("archived"):
            return None
        hidden = {int(k): v for k, v in (doc.get("hidden") or {}).items()}
        return unpack(bytes(doc["entries"])), hidden

    def bundle_entries(self, index: int) -> list[bytes] | None:
        """The entries bundle ``index`` holds; None when it is missing or archived."""
        found = self.opened(index)
        return found[0] if found else None

    def store_bundle(
        self, index: int, entries: Sequence[bytes], hidden: dict[int, datetime] | None = None
    ) -> ReplaceOne:
        """The write storing bundle ``index`` (for ``bulk_write``)."""
        document: dict[str, Any] = {"entries": pack(entries)}
        if hidden:
            document["hidden"] = {str(k): v for k, v in hidden.items()}
        return ReplaceOne({"_id": key(index)}, document, upsert=True)

    def entries(self, first: int, end: int) -> Iterator[tuple[int, bytes]]:
        """(leaf index, entry) for leaves [first, end) still held (archived ones are skipped)."""
        for index in range(first // WIDTH, (end + WIDTH - 1) // WIDTH):
            for offset, entry in enumerate(self.bundle_entries(index) or []):
                leaf = index * WIDTH + offset
                if first <= leaf < end:
                    yield leaf, entry

    def record_at(self, leaf_index: int) -> audit_pb2.AuditRecord | None:
        return self.records_at([leaf_index]).get(leaf_index)

    def records_at(self, leaves: Iterable[int]) -> dict[int, audit_pb2.AuditRecord]:
        """The records at ``leaves`` as the log holds them, hidden marks included (one read
        per bundle concerned, only the wanted entries parsed); archived or missing leaves are
        left out."""
        by_bundle: dict[int, list[int]] = {}
        for leaf in leaves:
            by_bundle.setdefault(leaf // WIDTH, []).append(leaf)
        found = {}
        for index, wanted in by_bundle.items():
            opened = self.opened(index)
            if opened is None:
                continue
            held, hidden = opened
            for leaf in wanted:
                if leaf - index * WIDTH < len(held):
                    found[leaf] = _record(held, hidden, index, leaf - index * WIDTH)
        return found

    def held(self, first: int, end: int) -> Iterator[tuple[int, bytes, audit_pb2.AuditRecord]]:
        """(leaf, entry as stored, record with its hidden mark) for leaves [first, end) still
        held, in order."""
        for index in range(first // WIDTH, (end + WIDTH - 1) // WIDTH):
            held, hidden = self.opened(index) or ([], {})
            for offset, entry in enumerate(held):
                if first <= index * WIDTH + offset < end:
                    yield index * WIDTH + offset, entry, _record(held, hidden, index, offset)

    def records_between(self, first: int, end: int) -> Iterator[audit_pb2.AuditRecord]:
        """The records of leaves [first, end) still held, in order, hidden marks included."""
        return (record for _, _, record in self.held(first, end))

    # -- signed heads ----------------------------------------------------------------------

    def store_head(self, head: audit_pb2.TreeHead) -> None:
        """Keep ``head`` as the latest, and as the head of its size if none was kept."""
        document = {"head": head.SerializeToString(), "time": head.time.ToDatetime(tzinfo=UTC)}
        self.state.update_one({"_id": "latest_head"}, {"$set": document}, upsert=True)
        self.heads.update_one({"_id": key(head.tree_size)}, {"$setOnInsert": document}, upsert=True)

    def latest_head(self) -> audit_pb2.TreeHead | None:
        doc = self.state.find_one({"_id": "latest_head"})
        return audit_pb2.TreeHead.FromString(doc["head"]) if doc else None

    def head_at(self, size: int) -> audit_pb2.TreeHead | None:
        doc = self.heads.find_one({"_id": key(size)})
        return audit_pb2.TreeHead.FromString(doc["head"]) if doc else None

    def all_heads(self) -> list[audit_pb2.TreeHead]:
        heads = [audit_pb2.TreeHead.FromString(d["head"]) for d in self.heads.find({})]
        return sorted(heads, key=lambda h: h.tree_size)

    # -- dead letters ----------------------------------------------------------------------

    def dead_letter(self, event_id: str, body: bytes, reason: str) -> None:
        self.dead_letters.update_one(
            {"_id": event_id},
            {
                "$setOnInsert": {"body": body, "reason": reason, "time": datetime.now(UTC)},
                "$inc": {"deliveries": 1},
            },
            upsert=True,
        )


def _record(
    held: list[bytes], hidden: dict[int, datetime], index: int, offset: int
) -> audit_pb2.AuditRecord:
    record = entries.record_of_entry(held[offset], index * WIDTH + offset)
    if offset in hidden:
        record.hidden_until.FromDatetime(hidden[offset])
    return record


class Appender:
    """The one writer: appends records in order, each once, and commits the tree.

    A batch writes its intent (the ids it will add) into ``state`` first, then the queryable
    records, the entry bundles and the tiles, and commits by setting the new size and root.
    A crash in between leaves writes past the committed size, which readers never look at
    and the next start removes (the intent names them); the events of the crashed batch are
    unacknowledged, so the broker delivers them again.
    """

    def __init__(self, audit_log: AuditLog) -> None:
        self.log = audit_log
        self._load()

    def _load(self) -> None:
        """Take up the committed tree, first undoing what a crashed or failed batch left."""
        audit_log = self.log
        state = audit_log.state.find_one({"_id": STATE}) or {}
        self.size = int(state.get("size", 0))
        self._recover(state.get("intent") or [])
        self.edge = Edge(self.size, self._partial_tiles())
        width = self.size % WIDTH
        held, hidden = (audit_log.opened(self.size // WIDTH) if width else None) or ([], {})
        self.bundle: list[bytes] = held[:width]
        self.hidden: dict[int, datetime] = {k: v for k, v in hidden.items() if k < width}
        if len(self.bundle) != self.size % WIDTH:
            raise RuntimeError(f"bundle {self.size // WIDTH} misses committed entries")
        self._stale = False

    def _recover(self, intent: Sequence[str]) -> None:
        """Remove the queryable copies a crashed batch wrote past the committed size."""
        removed = 0
        for record_id in intent:  # by _id alone: the only filter FerretDB writes through
            found = self.log.records.find_one({"_id": record_id}, {"leaf_index": 1})
            if found is not None and found["leaf_index"] >= self.size:
                removed += self.log.records.delete_one({"_id": record_id}).deleted_count
        if intent:
            log.warning("recovered from a crashed batch: %d uncommitted records removed", removed)
            self.log.state.update_one({"_id": STATE}, {"$unset": {"intent": ""}})

    def _partial_tiles(self) -> dict[int, list[bytes]]:
        partial = {}
        for tile_level, (index, width) in Edge.partial_ids(self.size).items():
            doc = self.log.tiles.find_one({"_id": tile_id(tile_level, index)})
            hashes = split(bytes(doc["hashes"])) if doc else []
            if len(hashes) < width:
                raise RuntimeError(f"tile {tile_id(tile_level, index)} misses committed hashes")
            partial[tile_level] = hashes[:width]
        return partial

    def append(self, records: Sequence[audit_pb2.AuditRecord]) -> list[audit_pb2.AuditRecord]:
        """Append the records not in the log yet, in the order given; return them placed.

        A batch that fails part-way (the store failed) leaves the edge, the open bundle and
        documents past the committed size behind; the next call starts again from the store,
        as a restart would, so the failed batch's records, delivered again, append once.
        """
        if self._stale:
            self._load()
        self._stale = True
        placed = self._append(records)
        self._stale = False
        return placed

    def _append(self, records: Sequence[audit_pb2.AuditRecord]) -> list[audit_pb2.AuditRecord]:
        unique: dict[str, audit_pb2.AuditRecord] = {}
        for record in records:
            unique.setdefault(record.id, record)
        if not unique:
            return []
        batch = list(unique.values())
        self.log.state.update_one(
            {"_id": STATE}, {"$set": {"intent": [r.id for r in batch]}}, upsert=True
        )
        fresh = self._store_records(batch)
        first = self.size
        touched: dict[int, tuple[list[bytes], dict[int, datetime]]] = {}
        for record in fresh:
            entry = entry_of(record)
            record.leaf_index = self.edge.size
            record.leaf_hash = leaf_hash(entry)
            self.edge.append(record.leaf_hash)
            if record.HasField("hidden_until"):
                self.hidden[len(self.bundle)] = record.hidden_until.ToDatetime(tzinfo=UTC)
            self.bundle.append(entry)
            if len(self.bundle) == WIDTH:  # full: written as it is, and a new one opened
                touched[record.leaf_index // WIDTH] = (self.bundle, self.hidden)
                self.bundle, self.hidden = [], {}
        if fresh and self.bundle:  # the open bundle, as it now stands
            touched[self.edge.size // WIDTH] = (list(self.bundle), dict(self.hidden))
        if touched:
            self.log.bundles.bulk_write(
                [self.log.store_bundle(i, e, h) for i, (e, h) in touched.items()],
                ordered=True,
            )
        writes = self.edge.take_writes()
        if writes:
            self.log.tiles.bulk_write(
                [
                    ReplaceOne({"_id": tile_id(*key)}, {"hashes": value}, upsert=True)
                    for key, value in writes.items()
                ],
                ordered=True,
            )
        self.size = self.edge.size
        self.log.state.update_one(
            {"_id": STATE},
            {
                "$set": {"size": self.size, "root": self.edge.root(), "time": datetime.now(UTC)},
                "$unset": {"intent": ""},
            },
            upsert=True,
        )
        log.debug("appended leaves %d..%d", first, self.size - 1)
        return fresh

    def _store_records(self, batch: list[audit_pb2.AuditRecord]) -> list[audit_pb2.AuditRecord]:
        """Insert the queryable copies; the records already in the log come back out."""
        documents = [entries.index_document(r, self.size + i) for i, r in enumerate(batch)]
        try:
            self.log.records.insert_many(documents, ordered=False)
            return batch
        except BulkWriteError as exc:
            errors = exc.details.get("writeErrors", [])
            if any(e.get("code") != DUPLICATE for e in errors):
                raise
            repeated = {e["index"] for e in errors}
        kept = [(i, r) for i, r in enumerate(batch) if i not in repeated]
        for place, (i, record) in enumerate(kept):  # close the gaps the repeats left
            if documents[i]["leaf_index"] != self.size + place:
                self.log.records.update_one(
                    {"_id": record.id}, {"$set": {"leaf_index": self.size + place}}
                )
        return [r for _, r in kept]
