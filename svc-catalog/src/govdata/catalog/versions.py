"""Where every version of every catalogue entity is kept (版本记录), and why none is lost.

A version says who (calling system, person, organisation), when, which request, what kind of
change, and for each top-level field that changed its value before and after (the stored
proto JSON of the field). ``GetHistory`` returns them newest first (``history.py``).

**The version is part of the write.** ``Records`` builds it from the stored record and the
new one, and pushes it onto the record document's ``_versions`` array in the very insert or
findAndModify that stores the new revision and its outbox event. MongoDB (and FerretDB)
apply one document's write atomically, so a change never lands without its version, nor a
version without its change — the same guarantee the outbox gives events, with no
multi-document transaction (FerretDB has none).

**Pending versions move out.** A document may not grow without bound, and the outbox relay
removes a deleted record's tombstone once its last event is out — a version left inside
would go with it. So versions move to the ``versions`` collection, one document each with
``_id`` ``{name}@{revision:012d}``:

* when a record holds ``MOVE_AT`` pending versions (after the write that added the last);
* before a record is deleted, always.

A move upserts first and then clears exactly what it copied, conditional on the record's
revision, under the record's write lock: a crash in between leaves a version in both places,
never in neither, and moving it again writes the same document (same ``_id``): nothing is
duplicated. Readers take the record's pending versions first and the collection second, and
merge by revision, the pending copy winning.

**Deletion.** The deletion's own version cannot wait in the tombstone (see above), so it is
written to the collection *before* the tombstone, marked ``tentative`` (insert-only: it
never overwrites a version of that revision that really happened), and confirmed after. If
the tombstone write then fails (stale revision, store down, crash) the record still exists
below that revision, which is how a reader recognises and skips the unconfirmed deletion;
the record's next real version of that revision replaces it. The store's deleted-revision
counter is written ahead of the tombstone for the same reason.

Deleted entities keep their history, and a name created again continues its revisions, so
its history runs on from the deletion.

Rejected alternative: deriving versions from the catalogue's own ``*Changed`` events in its
worker. History would then be eventually consistent (a change invisible to GetHistory until
the relay and the worker have run), and the events carry the snapshot after a change but not
the one before, so before/after would depend on the previous event having been applied first.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError, PyMongoError

from gov.catalog.v1 import catalog_pb2
from govdata.runtime import context
from govdata.runtime.errors import Aborted, Unavailable
from govdata.runtime.stores import write_filter

log = logging.getLogger(__name__)

COLLECTION = "versions"
PENDING = "_versions"  # a record document's versions not yet moved to the collection
TENTATIVE = "tentative"
# Pending versions a record may hold before they move: a resource's usual life (create,
# submit, publish, a correction) stays in its document; the fifth version moves them.
MOVE_AT = 5

CREATED = catalog_pb2.VersionKind.Name(catalog_pb2.VERSION_KIND_CREATED)
UPDATED = catalog_pb2.VersionKind.Name(catalog_pb2.VERSION_KIND_UPDATED)
STATE_CHANGED = catalog_pb2.VersionKind.Name(catalog_pb2.VERSION_KIND_STATE_CHANGED)
DELETED = catalog_pb2.VersionKind.Name(catalog_pb2.VERSION_KIND_DELETED)

# Output-only identity and bookkeeping fields: they change on every write and say nothing.
NOT_COMPARED = frozenset({"name", "etag", "revision", "create_time", "update_time"})
_MISSING = object()


def field_changes(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> list[dict[str, Any]]:
    """The top-level fields whose stored JSON differs, with ``before``/``after`` values (a
    key is absent when the field was unset), ordered by field name."""
    old, new = before or {}, after or {}
    changes = []
    for field in sorted((set(old) | set(new)) - NOT_COMPARED):
        was, now = old.get(field, _MISSING), new.get(field, _MISSING)
        if was == now:
            continue
        change: dict[str, Any] = {"field": field}
        if was is not _MISSING:
            change["before"] = was
        if now is not _MISSING:
            change["after"] = now
        changes.append(change)
    return changes


def new_version(
    name: str,
    revision: int,
    kind: str,
    time: datetime,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """A version of ``name`` at ``revision``, made by the call being served."""
    caller = context.current()
    return {
        "name": name,
        "revision": revision,
        "kind": kind,
        "actor": {
            "system": caller.system,
            "person": caller.person,
            "organization": caller.organization,
        },
        "time": time,
        "request_id": caller.request_id,
        "changes": field_changes(before, after),
    }


def version_id(name: str, revision: int) -> str:
    return f"{name}@{revision:012d}"


class VersionLog:
    """The ``versions`` collection: versions moved out of their records."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def ensure_indexes(self) -> None:
        self.collection.create_index(
            [("name", ASCENDING), ("revision", DESCENDING)], name="name_revision"
        )

    def move(self, records: Collection, document: Mapping[str, Any]) -> None:
        """Move ``document``'s pending versions here, then clear them from it (caller holds
        the record's write lock)."""
        pending = list(document.get(PENDING) or [])
        if not pending:
            return
        self.store(pending)
        _call(
            lambda: records.update_one(
                write_filter(records, document["_id"], {"revision": document["revision"]}),
                {"$set": {PENDING: []}},
            )
        )

    def store(self, versions: list[Mapping[str, Any]]) -> None:
        """Upsert versions that happened (idempotent: one ``_id`` per name and revision)."""
        for version in versions:
            doc_id = version_id(version["name"], version["revision"])
            body = {k: v for k, v in version.items() if k != TENTATIVE}
            _call(
                lambda doc_id=doc_id, body=body: self.collection.replace_one(
                    {"_id": doc_id}, body, upsert=True
                )
            )

    def store_tentative(self, version: Mapping[str, Any]) -> None:
        """Write the version of a deletion about to happen. Never overwrites a version of
        that revision that happened: then the record changed meanwhile (ABORTED)."""
        doc_id = version_id(version["name"], version["revision"])
        body = {**version, TENTATIVE: True}
        try:
            _call(lambda: self.collection.insert_one({"_id": doc_id, **body}))
        except DuplicateKeyError:
            existing = _call(lambda: self.collection.find_one({"_id": doc_id}, {TENTATIVE: 1}))
            if existing is not None and not existing.get(TENTATIVE):
                raise Aborted(
                    f"{version['name']!r} was changed concurrently; read it again and retry"
                ) from None
            # An unconfirmed deletion left by an attempt that failed: this one replaces it.
            _call(lambda: self.collection.replace_one({"_id": doc_id}, body, upsert=True))

    def confirm(self, name: str, revision: int) -> None:
        """The deletion happened. Best effort: readers also work it out without this."""
        try:
            self.collection.update_one(
                {"_id": version_id(name, revision)}, {"$unset": {TENTATIVE: ""}}
            )
        except PyMongoError:
            log.warning("could not confirm the deletion version of %s", name, exc_info=True)

    def older_than(self, name: str, below: int | None, limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` stored versions of ``name`` below revision ``below``, newest
        first."""
        query: dict[str, Any] = {"name": name}
        if below is not None:
            query["revision"] = {"$lt": below}
        return _call(
            lambda: list(
                self.collection.find(query, {"_id": 0})
                .sort([("revision", DESCENDING)])
                .limit(limit)
            )
        )


def _call(operation: Any) -> Any:
    try:
        return operation()
    except DuplicateKeyError:
        raise
    except PyMongoError as exc:
        raise Unavailable("the catalogue store is unavailable; retry later") from exc
