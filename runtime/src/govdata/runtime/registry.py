"""The registry of calling systems, as each api reads it: certificate subject → system.

svc-catalog owns the registry (``CallingSystem`` records, changed only by the data
authority); every other service's worker keeps a copy from ``CallingSystemChanged`` events in
its own database (``apply_change``). Both live in a collection named ``calling_systems`` whose
documents share these top-level fields, so one reader serves every api:

    _id (resource name), subject, organization, roles, state ("ACTIVE" | "SUSPENDED"),
    rate_limit_per_second, revision, and ``_deleted`` on tombstones.

An api keeps the whole registry in memory (it is small), refreshed every few seconds by a
background thread and at once on an unknown subject (at most once a second), so a lookup
costs no store call and a store outage does not stop calls from known systems.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError, PyMongoError

from gov.catalog.v1 import catalog_pb2
from gov.events.v1 import events_pb2
from govdata.runtime import outbox
from govdata.runtime.errors import Unavailable
from govdata.runtime.locks import document_lock
from govdata.runtime.stores import write_filter

log = logging.getLogger(__name__)

COLLECTION = "calling_systems"
ACTIVE = "ACTIVE"
SUSPENDED = "SUSPENDED"
_MISS_RELOAD_SECONDS = 1.0


@dataclass(frozen=True)
class CallingSystem:
    """What the interceptor needs to know about a registered caller."""

    name: str
    subject: str
    organization: str
    roles: frozenset[str]
    active: bool
    rate_limit_per_second: float


def registry_fields(system: catalog_pb2.CallingSystem) -> dict[str, Any]:
    """The shared top-level fields of a registry document for ``system``."""
    suspended = system.state == catalog_pb2.CALLING_SYSTEM_STATE_SUSPENDED
    return {
        "subject": system.certificate_subject,
        "organization": system.organization,
        "roles": sorted(set(system.roles)),
        "state": SUSPENDED if suspended else ACTIVE,
        "rate_limit_per_second": float(system.rate_limit_per_second),
    }


def _entry(document: Mapping[str, Any]) -> CallingSystem:
    return CallingSystem(
        name=str(document["_id"]),
        subject=str(document.get("subject", "")),
        organization=str(document.get("organization", "")),
        roles=frozenset(document.get("roles") or ()),
        active=document.get("state") == ACTIVE,
        rate_limit_per_second=float(document.get("rate_limit_per_second") or 0.0),
    )


class Registry:
    """An in-memory copy of one ``calling_systems`` collection, kept fresh."""

    def __init__(
        self,
        collection: Collection,
        refresh_seconds: float = 5.0,
        on_load: Callable[[int], None] = lambda count: None,
    ) -> None:
        self._collection = collection
        self._refresh_seconds = refresh_seconds
        self.on_load = on_load  # the api server sets it to follow readiness
        self._by_subject: dict[str, CallingSystem] = {}
        self._loaded_at = 0.0  # monotonic time of the last successful load; 0 = never
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def loaded(self) -> bool:
        return self._loaded_at > 0

    def age_seconds(self) -> float:
        """Seconds since the last successful load (infinite before the first)."""
        return time.monotonic() - self._loaded_at if self.loaded else float("inf")

    def __len__(self) -> int:
        return len(self._by_subject)

    def load(self) -> int:
        """Re-read the collection; raise Unavailable if the store cannot be read."""
        try:
            documents = list(
                self._collection.find(
                    {},
                    {
                        "subject": 1,
                        "organization": 1,
                        "roles": 1,
                        "state": 1,
                        "rate_limit_per_second": 1,
                        outbox.DELETED: 1,
                    },
                )
            )
        except PyMongoError as exc:
            raise Unavailable("the registry of calling systems cannot be read") from exc
        by_subject = {
            entry.subject: entry
            for entry in (_entry(d) for d in documents if not d.get(outbox.DELETED))
            if entry.subject
        }
        with self._lock:
            self._by_subject = by_subject
            self._loaded_at = time.monotonic()
        self.on_load(len(by_subject))
        return len(by_subject)

    def lookup(self, subject: str) -> CallingSystem | None:
        """The registered system presenting ``subject``, or None if there is none."""
        entry = self._by_subject.get(subject)
        if entry is not None:
            return entry
        if not self.loaded or time.monotonic() - self._loaded_at >= _MISS_RELOAD_SECONDS:
            # Just registered, perhaps: look again rather than wait for the next refresh.
            try:
                self.load()
            except Unavailable:
                if not self.loaded:
                    raise
                log.warning("registry reload failed; using the copy loaded earlier")
            return self._by_subject.get(subject)
        return None

    def start(self) -> None:
        """Refresh in the background until ``stop``."""
        self._thread = threading.Thread(target=self._run, name="registry", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(0 if not self.loaded else self._refresh_seconds):
            try:
                self.load()
            except Unavailable:
                log.warning("registry refresh failed; keeping the copy loaded earlier")
                self._stop.wait(min(self._refresh_seconds, 1.0))


def apply_change(collection: Collection, change: events_pb2.CallingSystemChanged) -> None:
    """Apply one catalogue event to a service's copy; older or repeated revisions are ignored."""
    with document_lock(collection.name, change.name):
        stored = collection.find_one({"_id": change.name}, {"revision": 1})
        if stored is not None and stored["revision"] >= change.revision:
            return
        if change.kind == events_pb2.CHANGE_KIND_DELETED:
            # A tombstone keeps the revision, so a late CREATED cannot bring it back.
            fields: dict[str, Any] = {outbox.DELETED: True, "revision": change.revision}
        else:
            fields = {
                **registry_fields(change.calling_system),
                outbox.DELETED: False,
                "revision": change.revision,
            }
        if stored is None:
            try:
                collection.insert_one({"_id": change.name, **fields})
                return
            except DuplicateKeyError:  # inserted meanwhile by another worker process
                pass
        guard = write_filter(collection, change.name, {"revision": {"$lt": change.revision}})
        collection.update_one(guard, {"$set": fields})
