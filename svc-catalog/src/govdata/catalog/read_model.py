"""The catalogue as the unified view and the inventory analysis read it: every live record of
the organisations, resources, duties, systems and demands, parsed, kept in the api process.

Why a read model: those methods look at whole collections (a department's data items, the
demands nothing satisfies, pairs of similar systems), and FerretDB 1.x scans the whole
collection for any filter but ``_id`` equality and parses every document on the way — about
0.4 s for 300 resources, plus 0.2 s to turn them into messages, on every call. Here a
collection is scanned once (one ``find`` with a projection of what the messages need), then
kept current from the store's write notifications: each write names its document, and the
next read fetches just those documents by ``_id`` (FerretDB's fast path).

The api process is the catalogue's one writer (README, "One writer per document at a time"),
so its own notifications cover every change. A collection is still rescanned after
``MAX_AGE_SECONDS``, which bounds how stale a view can be should anything else write (a
second replica on MongoDB, an operator's fix by hand).

Messages handed out are shared between calls: callers must not modify them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from google.protobuf.message import Message
from pymongo.errors import PyMongoError

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog.store import CatalogStore
from govdata.catalog.views import OrganizationTree
from govdata.runtime import outbox
from govdata.runtime.errors import Unavailable

MAX_AGE_SECONDS = 60.0
# A fetch by _id costs about what scanning seven documents does (FerretDB, parsing included),
# so past a seventh of the collection changed (a bulk import) one rescan is cheaper.
RESCAN_FRACTION = 7
RESCAN_MIN_CHANGES = 8

_STAMP_FIELDS = ("etag", "revision", "create_time", "update_time")


class _Collection:
    """One collection's live records by name, refreshed from notifications."""

    def __init__(
        self,
        collection: Any,
        message_key: str,
        convert: Callable[[dict[str, Any]], Message],
        clock: Callable[[], float],
        max_age: float,
    ) -> None:
        self.collection = collection
        self.projection = {
            message_key: 1,
            outbox.DELETED: 1,
            **dict.fromkeys(_STAMP_FIELDS, 1),
        }
        self.convert = convert
        self.clock = clock
        self.max_age = max_age
        self._records: dict[str, Message] | None = None
        self._loaded_at = 0.0
        self._changed: set[str] = set()
        self._guard = threading.Lock()  # the fields above
        self._loading = threading.Lock()  # one scan or fetch at a time

    def changed(self, doc_id: Any) -> None:
        with self._guard:
            self._changed.add(str(doc_id))

    def records(self) -> dict[str, Message]:
        """Every live record by name, current as of this call."""
        with self._loading:
            with self._guard:
                stale = self._records is None or self.clock() - self._loaded_at > self.max_age
                changed, self._changed = self._changed, set()
            try:
                return self._refresh(stale, changed)
            except Exception:
                # The store failed (UNAVAILABLE for the caller): keep the changes for the next
                # read, which must still fetch them.
                with self._guard:
                    self._changed |= changed
                raise

    def _refresh(self, stale: bool, changed: set[str]) -> dict[str, Message]:
        known = len(self._records or ())
        if stale or len(changed) > max(RESCAN_MIN_CHANGES, known // RESCAN_FRACTION):
            # Changes announced from here on are fetched by the next read, even if this scan
            # already saw them: fetching twice is harmless, missing one is not.
            started = self.clock()
            records = self._scan()
            with self._guard:
                self._records, self._loaded_at = records, started
            return records
        assert self._records is not None
        if changed:
            records = dict(self._records)
            for name in changed:
                document = _read(
                    lambda name=name: self.collection.find_one({"_id": name}, self.projection)
                )
                if document is None or document.get(outbox.DELETED):
                    records.pop(name, None)
                else:
                    records[name] = self.convert(document)
            with self._guard:
                self._records = records
        return self._records

    def _scan(self) -> dict[str, Message]:
        documents = _read(lambda: list(self.collection.find({}, self.projection)))
        return {
            d["_id"]: self.convert(d)
            for d in sorted(documents, key=lambda d: d["_id"])
            if not d.get(outbox.DELETED)
        }


class CatalogueReadModel:
    """The live records of the catalogue's collections, by collection."""

    def __init__(
        self,
        store: CatalogStore,
        max_age: float = MAX_AGE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        def part(records: Any, key: str, convert: Callable[[dict[str, Any]], Message]):
            return _Collection(records.collection, key, convert, clock, max_age)

        self._parts = {
            "organizations": part(store.organizations, "organization", store.organization),
            "resources": part(store.resources, "resource", store.resource),
            "duties": part(store.duties, "duty", store.duty),
            "systems": part(store.systems, "system", store.system),
            "demands": part(store.demands, "demand", store.demand),
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
