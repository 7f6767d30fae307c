"""Transactional outbox: an event is written in the same document write as the change it announces.

MongoDB (and FerretDB, our local stand-in) has no multi-document transactions we may rely on,
so the outbox lives *inside* the changed document: a write adds the envelope to the document's
``_outbox`` array and sets ``_outbox_pending`` in the same single-document update. The
``OutboxRelay`` publishes pending envelopes with broker confirms, in order per document, and
removes each only after its confirm. A broker outage therefore delays events and loses none;
a crash between confirm and removal publishes an event twice, which consumers absorb (they
are idempotent by event id).

Deleted aggregates stay as tombstones (``_deleted``) until their last event is sent; records
that exist only to carry events (audit records) are ``_ephemeral`` and go once sent.

Carriers take a fast path (``carry``): they never change after their insert, so the writer
hands the relay the documents it just inserted and the relay publishes them from memory and
deletes them in batches — one delete per batch instead of a lease, a read and a delete per
record, which on FerretDB decides whether audit keeps up with the calls it records. A carrier
whose delete is lost is found again by the scan and published twice; audit consumers drop
repeats by event id.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import deque
from datetime import UTC, datetime, timedelta
from typing import Any

from google.protobuf.message import Message
from pymongo import ASCENDING, ReturnDocument
from pymongo.collection import Collection
from pymongo.errors import PyMongoError

from govdata.runtime import metrics
from govdata.runtime.events import Publisher, new_envelope
from govdata.runtime.locks import document_lock
from govdata.runtime.stores import single_writer, write_filter

log = logging.getLogger(__name__)

OUTBOX = "_outbox"
PENDING = "_outbox_pending"
LEASE = "_outbox_lease"
OWNER = "_outbox_owner"
DELETED = "_deleted"
EPHEMERAL = "_ephemeral"
CREATED_AT = "_created_at"  # on carriers: when they were written (epoch seconds), for gauges


def entry(source: str, payload: Message, subject: str = "") -> dict[str, Any]:
    """An outbox entry for ``payload``, stamped with the current call's identity."""
    env = new_envelope(source, payload, subject)
    return {
        "event_id": env.event_id,
        "event_type": env.event_type,
        "body": env.SerializeToString(),
        "created": datetime.now(UTC),
    }


def on_insert(document: dict[str, Any], *entries: dict[str, Any]) -> dict[str, Any]:
    """``document`` with ``entries`` in its outbox, ready for ``insert_one``."""
    return {**document, OUTBOX: list(entries), PENDING: True}


def on_update(update: dict[str, Any], *entries: dict[str, Any]) -> dict[str, Any]:
    """``update`` (a MongoDB update document) that also appends ``entries`` to the outbox."""
    merged = {k: dict(v) for k, v in update.items()}
    merged.setdefault("$push", {})[OUTBOX] = {"$each": list(entries)}
    merged.setdefault("$set", {})[PENDING] = True
    return merged


def ensure_indexes(collection: Collection) -> None:
    """The relay finds pending documents by this index rather than scanning the collection."""
    collection.create_index([(PENDING, ASCENDING)], name="outbox_pending")


class OutboxRelay:
    """Relays outbox entries of the given collections to the broker, on a background thread."""

    def __init__(
        self,
        collections: list[Collection],
        source: str,
        publisher: Publisher,
        scan_seconds: float = 60.0,
        lease_seconds: float = 30.0,
        leases: bool | None = None,
    ) -> None:
        """``leases``: claim documents with a lease write, so relays of several replicas
        never send one outbox twice at once. By default only where several processes may
        write (MongoDB), not on FerretDB (``stores.single_writer``)."""
        self._collections = collections
        self._by_name = {c.name: c for c in collections}
        self._source = source
        self._publisher = publisher
        self._scan_interval = scan_seconds
        self._lease = timedelta(seconds=lease_seconds)
        self._owner = uuid.uuid4().hex
        self._leases = leases
        self._wake = threading.Event()
        self._stop = threading.Event()
        # Documents known to hold unsent events: key → (first seen, generation). A writer's
        # notify bumps the generation, so a document written again while being relayed is
        # not forgotten when that relay pass finishes.
        self._pending: dict[tuple[str, Any], tuple[float, int]] = {}
        self._pending_lock = threading.Lock()
        self._carriers: deque[tuple[str, dict[str, Any]]] = deque()
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        for collection in self._collections:
            ensure_indexes(collection)
        self._thread = threading.Thread(target=self._run, name="outbox-relay", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def notify(self, collection: str, document_id: Any) -> None:
        """A writer added events to this document: relay them now, by ``_id``.

        Relaying what writers announce avoids scanning collections for pending documents
        (on FerretDB a scan reads every document: 0.5 s for 550 catalogue entries); the
        scan at start and every ``scan_seconds`` is the safety net for events nobody
        announced (a crash between write and notify, another replica that died).
        """
        if collection in self._by_name:
            self._remember((collection, document_id))
            self._wake.set()

    def carry(self, collection: str, documents: list[dict[str, Any]]) -> None:
        """Relay just-inserted ephemeral carriers from memory (see the module docstring)."""
        if collection in self._by_name:
            self._carriers.extend((collection, document) for document in documents)
            self._wake.set()

    def _remember(self, key: tuple[str, Any]) -> None:
        with self._pending_lock:
            first_seen, generation = self._pending.get(key, (time.time(), 0))
            self._pending[key] = (first_seen, generation + 1)

    def _run(self) -> None:
        backoff = 1.0
        retry_at = 0.0
        next_scan = 0.0  # scan once at start: events left by an earlier process
        while not self._stop.is_set():
            now = time.monotonic()
            try:
                if now >= next_scan:
                    next_scan = now + self._scan_interval
                    self.drain()
                elif now >= retry_at:
                    self.relay_carriers()
                    self.relay_pending()
                backoff, retry_at = 1.0, 0.0
            except Exception:  # broker or store down: keep the events, retry later
                log.warning("outbox relay pass failed; retrying in %.0fs", backoff, exc_info=True)
                retry_at = time.monotonic() + backoff
                backoff = min(backoff * 2, 30.0)
            self._update_gauges()
            with self._pending_lock:
                waiting = bool(self._pending) or bool(self._carriers)
            wake_at = min(next_scan, retry_at) if waiting and retry_at else next_scan
            if not waiting or retry_at:
                self._wake.wait(max(0.0, wake_at - time.monotonic()))
            self._wake.clear()

    # -- passes ------------------------------------------------------------------------------

    def relay_pending(self) -> int:
        """Relay every document known to hold unsent events; return events confirmed."""
        with self._pending_lock:
            todo = dict(self._pending)
        sent = 0
        failure: Exception | None = None
        gauged = time.monotonic()
        for key, (_seen, generation) in todo.items():
            if self._stop.is_set():
                break
            if time.monotonic() - gauged >= 1.0:  # a long pass keeps the backlog gauge true
                self._update_gauges()
                gauged = time.monotonic()
            collection = self._by_name[key[0]]
            try:
                document = self._claim(collection, key[1])
                if document is not None:
                    sent += self._relay_document(collection, document)
            except Exception as exc:  # this document waits; the others still go out
                log.warning("outbox: %s of %s not published: %r", key[1], key[0], exc)
                failure = failure or exc
                continue
            with self._pending_lock:  # done, unless written again meanwhile
                if self._pending.get(key, (0, -1))[1] == generation:
                    del self._pending[key]
        if failure is not None and sent == 0:
            raise failure  # nothing went out (broker down?): let the caller back off
        return sent

    def relay_carriers(self, batch: int = 500) -> int:
        """Publish carriers handed over by ``carry``, then delete them in one write per batch."""
        sent = 0
        while self._carriers and not self._stop.is_set():
            taken = [self._carriers.popleft() for _ in range(min(batch, len(self._carriers)))]
            published: dict[str, list[Any]] = {}
            try:
                for index, (name, document) in enumerate(taken):
                    for item in document.get(OUTBOX, []):
                        try:
                            self._publisher.publish(
                                self._source, item["event_type"], item["event_id"], item["body"]
                            )
                        except Exception:
                            metrics.EVENTS_PUBLISH_FAILED.labels(item["event_type"]).inc()
                            # The rest go back, in order, for the next attempt.
                            self._carriers.extendleft(reversed(taken[index:]))
                            raise
                        metrics.EVENTS_PUBLISHED.labels(item["event_type"]).inc()
                        sent += 1
                    published.setdefault(name, []).append(document["_id"])
            finally:
                for name, ids in published.items():
                    try:
                        self._by_name[name].delete_many({"_id": {"$in": ids}})
                    except PyMongoError:
                        log.warning("sent carriers not deleted; the scan will resend them")
        return sent

    def drain(self, batch: int = 5000) -> int:
        """Scan every collection for pending documents, remember them, relay all pending."""
        carried = {(name, document["_id"]) for name, document in list(self._carriers)}
        for collection in self._collections:
            for document in collection.find({PENDING: True}, {"_id": 1}).limit(batch):
                key = (collection.name, document["_id"])
                if key not in carried:  # carriers waiting in memory go by the fast path
                    self._remember(key)
        return self.relay_pending()

    def _update_gauges(self) -> None:
        with self._pending_lock:
            seen = [first for first, _generation in self._pending.values()]
        seen.extend(document[CREATED_AT] for _name, document in list(self._carriers)[:1])
        metrics.OUTBOX_BACKLOG.set(len(seen) + max(0, len(self._carriers) - 1))
        metrics.OUTBOX_OLDEST_AGE.set(max(time.time() - min(seen), 0.0) if seen else 0.0)

    def _claim(self, collection: Collection, doc_id: Any) -> dict[str, Any] | None:
        """Lease one document for this relay; None if another relay holds it or it is done."""
        now = datetime.now(UTC)
        with document_lock(collection.name, doc_id):
            # Look first by _id alone: on FerretDB a conditional query that matches nothing
            # scans the collection, and documents already relayed are the common miss.
            current = collection.find_one({"_id": doc_id}, {PENDING: 1, LEASE: 1})
            lease = current.get(LEASE) if current else None
            if lease is not None and lease.tzinfo is None:
                lease = lease.replace(tzinfo=UTC)
            if current is None or not current.get(PENDING) or (lease and lease >= now):
                return None
            leases = self._leases if self._leases is not None else not single_writer(collection)
            if not leases:
                # This relay is the only one (FerretDB: one api process per service) and
                # holds the document lock writers take: no lease to write, and only the
                # outbox to read (a resource document is 10-20 KB, its outbox a few hundred
                # bytes) — on FerretDB the lease write cost as much as the change itself.
                return collection.find_one({"_id": doc_id}, {OUTBOX: 1, PENDING: 1})
            # Whole document back: FerretDB 1.x has no projection for findAndModify.
            return collection.find_one_and_update(
                write_filter(
                    collection,
                    doc_id,
                    {PENDING: True, "$or": [{LEASE: {"$exists": False}}, {LEASE: {"$lt": now}}]},
                ),
                {"$set": {LEASE: now + self._lease, OWNER: self._owner}},
                return_document=ReturnDocument.AFTER,
            )

    def _relay_document(self, collection: Collection, document: dict[str, Any]) -> int:
        doc_id = document["_id"]
        confirmed: list[str] = []
        try:
            for item in document.get(OUTBOX, []):
                try:
                    self._publisher.publish(
                        self._source, item["event_type"], item["event_id"], item["body"]
                    )
                except Exception:
                    metrics.EVENTS_PUBLISH_FAILED.labels(item["event_type"]).inc()
                    raise
                metrics.EVENTS_PUBLISHED.labels(item["event_type"]).inc()
                confirmed.append(item["event_id"])
        finally:
            self._finish(collection, doc_id, confirmed)
        return len(confirmed)

    def _finish(self, collection: Collection, doc_id: Any, confirmed: list[str]) -> None:
        """Drop the confirmed head of the outbox and release the lease, in one write.

        The write is conditional on the outbox being exactly as read (same length), so an
        event appended meanwhile by another process is never dropped: then it re-reads.
        """
        try:
            for _attempt in range(3):
                with document_lock(collection.name, doc_id):
                    current = collection.find_one(
                        {"_id": doc_id}, {OUTBOX: 1, DELETED: 1, EPHEMERAL: 1}
                    )
                    if current is None:
                        return
                    entries = current.get(OUTBOX, [])
                    head = [e["event_id"] for e in entries[: len(confirmed)]]
                    if head != confirmed:
                        log.error("outbox of %s changed under its relay; left as it is", doc_id)
                        confirmed = []
                    remaining = entries[len(confirmed) :]
                    unchanged = write_filter(
                        collection, doc_id, {f"{OUTBOX}.{len(entries)}": {"$exists": False}}
                    )
                    if not remaining and (current.get(DELETED) or current.get(EPHEMERAL)):
                        # Tombstones and carrier documents go once their last event is out.
                        if collection.delete_one(unchanged).deleted_count:
                            return
                    elif not remaining:
                        done = collection.update_one(
                            unchanged,
                            {"$set": {OUTBOX: []}, "$unset": {PENDING: "", LEASE: "", OWNER: ""}},
                        )
                        if done.matched_count:
                            return
                    else:
                        done = collection.update_one(
                            unchanged,
                            {"$set": {OUTBOX: remaining}, "$unset": {LEASE: "", OWNER: ""}},
                        )
                        if done.matched_count:
                            return
        except PyMongoError:
            log.warning(
                "could not finish an outbox pass; the lease expires by itself", exc_info=True
            )
