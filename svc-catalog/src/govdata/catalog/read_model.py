"""The catalogue as the Get and List methods, the unified view and the inventory analysis
read it: every live record of the organisations, resources, duties, systems and demands,
parsed, kept in the api process.

Why: FerretDB 1.x scans the whole collection for any filter but ``_id`` equality, sorts in
memory and parses every document on the way — seconds per List at a few thousand resources,
and a List under load starved every other call. Even a Get by ``_id`` costs it a parse of the
whole stored document, pending versions included, and Get is by far the commonest call. The
unified view and the inventory analysis look at whole collections by nature.

How: a collection is scanned once (one ``find`` without the records' pending versions and
events), then kept current from the store's write notifications: each write names its
document, and the next read fetches just those documents by ``_id`` (FerretDB's fast path).
Lists are answered with MongoDB's own query semantics (``query_match.py``), in the same order
(by name) and with the same page tokens as the store's scan (``Records.list`` without a read
model). Writes still read the store (``Records.get``, under the record's lock), never this
copy.

The api process is the catalogue's one writer (README, "One writer per document at a time"),
so its own notifications cover every change, and a write is notified before it is answered:
a caller reads its own writes. A collection is still rescanned after ``MAX_AGE_SECONDS``,
which bounds how stale a view can be should anything else write (a second replica on
MongoDB, an operator's fix by hand).

Messages and documents handed out are shared between calls: callers must not modify them
(``store._message`` hands out copies).
"""

from __future__ import annotations

import bisect
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from google.protobuf.message import Message
from pymongo.errors import PyMongoError

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog import query_match, versions
from govdata.catalog.store import (
    PARSED,
    CatalogStore,
    Page,
    Records,
    decode_token,
    encode_token,
    page_size_of,
    query_digest,
)
from govdata.catalog.views import OrganizationTree
from govdata.runtime import outbox
from govdata.runtime.errors import Unavailable

MAX_AGE_SECONDS = 60.0
# A fetch by _id costs about what scanning seven documents does (FerretDB, parsing included),
# so past a seventh of the collection changed (a bulk import) one rescan is cheaper.
RESCAN_FRACTION = 7
RESCAN_MIN_CHANGES = 8
# Answers to distinct List filters kept per snapshot (a snapshot lives until the next write).
MAX_ANSWERED = 128


@dataclass
class _Snapshot:
    """One collection's live records as of one refresh; replaced, never changed, on the next
    (but for what is derived from it on first use: a Get after a write needs neither the
    sorted names nor the message map, so neither is built for it)."""

    documents: dict[str, dict[str, Any]]
    answered: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def names(self) -> list[str]:
        """Sorted: the List order."""
        return sorted(self.documents)

    @cached_property
    def messages(self) -> dict[str, Message]:
        return {name: document[PARSED] for name, document in self.documents.items()}

    def matching(self, key: str, query: dict[str, Any]) -> list[str]:
        """The names of the records matching ``query`` (digest ``key``), in order."""
        found = self.answered.get(key)
        if found is None:
            found = [n for n in self.names if query_match.matches(self.documents[n], query)]
            if len(self.answered) >= MAX_ANSWERED:
                self.answered.clear()
            self.answered[key] = found
        return found


class _Collection:
    """One collection's live records by name, refreshed from notifications."""

    def __init__(
        self,
        collection: Any,
        convert: Callable[[dict[str, Any]], Message],
        clock: Callable[[], float],
        max_age: float,
    ) -> None:
        self.collection = collection
        # Everything but what only writers need: the List filters read the top-level fields.
        self.projection = {versions.PENDING: 0, outbox.OUTBOX: 0}
        self.convert = convert
        self.clock = clock
        self.max_age = max_age
        self._snapshot: _Snapshot | None = None
        self._loaded_at = 0.0
        self._changed: set[str] = set()
        self._guard = threading.Lock()  # the fields above
        self._loading = threading.Lock()  # one scan or fetch at a time

    def changed(self, doc_id: Any) -> None:
        with self._guard:
            self._changed.add(str(doc_id))

    def records(self) -> dict[str, Message]:
        """Every live record by name, current as of this call."""
        return self.snapshot().messages

    def document(self, name: str) -> dict[str, Any] | None:
        """The live record ``name`` as stored (with its parsed message), or None."""
        return self.snapshot().documents.get(name)

    def page(self, query: dict[str, Any], page_size: int, page_token: str) -> Page:
        """What ``Records.list`` answers from the collection, answered from memory."""
        size = page_size_of(page_size)
        key = query_digest(query)
        snapshot = self.snapshot()
        try:
            found = snapshot.matching(key, query)
        except ValueError as exc:  # a filter this module cannot evaluate: a defect here
            raise RuntimeError(f"cannot answer a List filter from memory: {exc}") from exc
        start = bisect.bisect_right(found, decode_token(page_token, key)) if page_token else 0
        chunk = found[start : start + size]
        more = start + size < len(found)
        token = encode_token(chunk[-1], key) if more and chunk else ""
        return Page([snapshot.documents[name] for name in chunk], token, len(found))

    def snapshot(self) -> _Snapshot:
        with self._loading:
            with self._guard:
                stale = self._snapshot is None or self.clock() - self._loaded_at > self.max_age
                changed, self._changed = self._changed, set()
            try:
                return self._refresh(stale, changed)
            except Exception:
                # The store failed (UNAVAILABLE for the caller): keep the changes for the next
                # read, which must still fetch them.
                with self._guard:
                    self._changed |= changed
                raise

    def _refresh(self, stale: bool, changed: set[str]) -> _Snapshot:
        known = len(self._snapshot.documents) if self._snapshot else 0
        if stale or len(changed) > max(RESCAN_MIN_CHANGES, known // RESCAN_FRACTION):
            # Changes announced from here on are fetched by the next read, even if this scan
            # already saw them: fetching twice is harmless, missing one is not.
            started = self.clock()
            found = _read(lambda: list(self.collection.find({}, self.projection)))
            snapshot = _Snapshot(
                {d["_id"]: self._parsed(d) for d in found if not d.get(outbox.DELETED)}
            )
            with self._guard:
                self._snapshot, self._loaded_at = snapshot, started
            return snapshot
        assert self._snapshot is not None
        if changed:
            documents = dict(self._snapshot.documents)
            for name in changed:
                document = _read(
                    lambda name=name: self.collection.find_one({"_id": name}, self.projection)
                )
                if document is None or document.get(outbox.DELETED):
                    documents.pop(name, None)
                else:
                    documents[name] = self._parsed(document)
            with self._guard:
                self._snapshot = _Snapshot(documents)
        return self._snapshot

    def _parsed(self, document: dict[str, Any]) -> dict[str, Any]:
        document[PARSED] = self.convert(document)
        return document


class CatalogueReadModel:
    """The live records of the catalogue's collections, by collection; from its creation,
    the store's Gets and Lists of those collections are answered from it."""

    def __init__(
        self,
        store: CatalogStore,
        max_age: float = MAX_AGE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        def part(records: Records, convert: Callable[[dict[str, Any]], Message]):
            collection = _Collection(records.collection, convert, clock, max_age)
            records.serve_reads_from(collection)
            return collection

        self._parts = {
            "organizations": part(store.organizations, store.organization),
            "resources": part(store.resources, store.resource),
            "duties": part(store.duties, store.duty),
            "systems": part(store.systems, store.system),
            "demands": part(store.demands, store.demand),
        }
        self._tree: tuple[dict[str, Any], OrganizationTree] | None = None

    def notify(self, collection: str, doc_id: Any) -> None:
        """The store's write notification: ``doc_id`` of ``collection`` changed."""
        part = self._parts.get(collection)
        if part is not None:
            part.changed(doc_id)

    def organizations(self) -> dict[str, c.Organization]:
        return self._parts["organizations"].records()  # type: ignore[return-value]

    def tree(self) -> OrganizationTree:
        organizations = self.organizations()
        built = self._tree
        if built is None or built[0] is not organizations:
            tree = OrganizationTree({n: o.parent or None for n, o in organizations.items()})
            built = self._tree = (organizations, tree)
        return built[1]

    def resources(self) -> dict[str, c.InformationResource]:
        return self._parts["resources"].records()  # type: ignore[return-value]

    def duties(self) -> dict[str, c.Duty]:
        return self._parts["duties"].records()  # type: ignore[return-value]

    def systems(self) -> dict[str, c.InformationSystem]:
        return self._parts["systems"].records()  # type: ignore[return-value]

    def documents(self, collection: str) -> list[dict[str, Any]]:
        """The live records of ``collection`` as stored (top-level fields included)."""
        return list(self._parts[collection].snapshot().documents.values())

    def demands(self) -> dict[str, c.SharingDemand]:
        return self._parts["demands"].records()  # type: ignore[return-value]


def _read(operation: Callable[[], Any]) -> Any:
    try:
        return operation()
    except PyMongoError as exc:
        raise Unavailable("the catalogue store is unavailable; retry later") from exc


class WriteListeners:
    """The store's write notification fanned out: the outbox relay, then the read model
    (added once it exists, since it is built over the store)."""

    def __init__(self, *listeners: Callable[[str, Any], None]) -> None:
        self._listeners = list(listeners)

    def add(self, listener: Callable[[str, Any], None]) -> None:
        self._listeners.append(listener)

    def __call__(self, collection: str, doc_id: Any) -> None:
        for listener in self._listeners:
            listener(collection, doc_id)
