"""Cheap before/after pictures of a service's own database, to prove a refused call wrote nothing.

Only what a call may have written is compared, as digests:

* small collections (registries, organisations, counters) in full, every document;
* large ones (FerretDB reads a whole collection to answer anything but a lookup by ``_id``,
  seconds for a few thousand resources) only at the ``_id`` values a request could have
  touched: the names it carries and the names its ``parent`` and ``*_id`` fields compose;
* never what changes by design on every call or on its own: the access records in
  ``audit_outbox`` (and svc-audit's log), the workers' ``inbox``, the outbox relay's
  bookkeeping fields, and tombstones the relay removes once their last event is out.

An event appended to a document's outbox *is* a write, even though the relay later removes
it: new outbox event ids between the two pictures count as a change.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from pymongo import MongoClient

from . import strategies

# Changed by design on every call (access records) or by the workers on their own.
IGNORED = frozenset({"audit_outbox", "inbox"})
# svc-audit's log grows with every call, refused ones included (its entries, tree, record ids,
# the committed state and signed heads), and its risk rules may alert on a burst of refusals.
IGNORED_BY_SERVICE: Mapping[str, frozenset[str]] = {
    "audit": frozenset({"records", "bundles", "tiles", "state", "heads", "alerts"})
}
# Top-level fields the outbox relay changes asynchronously (runtime/.../outbox.py).
RELAY_PREFIX = "_outbox"  # _outbox, _outbox_pending, _outbox_lease, _outbox_owner
DELETED = "_deleted"
# Long-running operations (runtime/.../operations.py) renew their lease and report progress
# on their own while running: a running one counts as unchanged until it is gone.
OPERATIONS = "operations"
RUNNING = "running operation"
SMALL_COLLECTION = 60  # documents; above this only looked up by _id
MAX_CANDIDATES = 40

Key = tuple[str, Any]  # (collection, _id)


@dataclass
class Picture:
    """Digests of the documents seen, their outbox event ids, and which were tombstones."""

    digests: dict[Key, str] = field(default_factory=dict)
    events: dict[Key, frozenset[str]] = field(default_factory=dict)
    tombstones: set[Key] = field(default_factory=set)


def _digest(document: Mapping[str, Any]) -> tuple[str, frozenset[str]]:
    kept = {k: v for k, v in document.items() if not k.startswith(RELAY_PREFIX)}
    text = json.dumps(kept, sort_keys=True, default=repr, ensure_ascii=False)
    events = frozenset(str(e.get("event_id")) for e in document.get("_outbox") or ())
    return hashlib.sha256(text.encode()).hexdigest(), events


def merged(*pictures: Picture) -> Picture:
    """One picture of several (of disjoint parts of a database)."""
    out = Picture()
    for picture in pictures:
        out.digests.update(picture.digests)
        out.events.update(picture.events)
        out.tombstones |= picture.tombstones
    return out


def changes(before: Picture, after: Picture) -> list[str]:
    """What differs, ignoring tombstones the relay removed; empty when nothing was written."""
    found = []
    for key, digest in after.digests.items():
        if key not in before.digests:
            found.append(f"{key[0]}/{key[1]!r}: inserted")
        elif digest != before.digests[key] and before.digests[key] != RUNNING:
            found.append(f"{key[0]}/{key[1]!r}: changed")
        new_events = after.events.get(key, frozenset()) - before.events.get(key, frozenset())
        if new_events:
            found.append(f"{key[0]}/{key[1]!r}: {len(new_events)} new outbox event(s)")
    for key in before.digests.keys() - after.digests.keys():
        if key not in before.tombstones:
            found.append(f"{key[0]}/{key[1]!r}: deleted")
    return found


class ServiceDatabases:
    """Pictures of ``govdata_<service>`` databases through one MongoDB client."""

    def __init__(self, uri: str) -> None:
        self.client: MongoClient[dict[str, Any]] = MongoClient(uri, serverSelectionTimeoutMS=5000)
        self._sizes: dict[str, dict[str, int]] = {}
        self._known: dict[tuple[str, str], set[Any]] = {}
        self._kinds: dict[tuple[str, str], set[str | None]] = {}

    def close(self) -> None:
        self.client.close()

    def database(self, service: str) -> Any:
        return self.client[f"govdata_{service}"]

    def known_ids(self, service: str, name: str) -> set[Any]:
        """The ids in a large collection: read once, then grown by ``may_exist``."""
        key = (service, name)
        if key not in self._known:
            found = self.database(service)[name].find({}, {"_id": 1})
            self._known[key] = {document["_id"] for document in found}
            self._kinds[key] = {_kind(i) for i in self._known[key]} - {None}
        return self._known[key]

    def may_exist(self, service: str, ids: Iterable[Any]) -> None:
        """Ids an accepted call may have created: looked up from now on, in the collections
        whose ids have their shape (``organizations/a/resources/b`` in resources only)."""
        ids = list(ids)
        for (known_service, name), known in self._known.items():
            kinds = self._kinds[(known_service, name)]
            if known_service == service and kinds:
                known.update(i for i in ids if _kind(i) in kinds)

    def sizes(self, service: str) -> dict[str, int]:
        """Documents per compared collection, counted once (counting is a full scan too)."""
        if service not in self._sizes:
            db = self.database(service)
            ignored = IGNORED | IGNORED_BY_SERVICE.get(service, frozenset())
            self._sizes[service] = {
                name: db[name].count_documents({})
                for name in sorted(db.list_collection_names())
                if name not in ignored
            }
        return self._sizes[service]

    def picture(
        self,
        service: str,
        candidates: Iterable[str] = (),
        small: bool = True,
        small_limit: int = SMALL_COLLECTION,
    ) -> Picture:
        """Collections of up to ``small_limit`` documents in full (unless ``small`` is
        false), the larger ones at the ``candidates`` ids."""
        picture = Picture()
        db = self.database(service)
        ids = list(dict.fromkeys(candidates))[:MAX_CANDIDATES]
        for name, size in self.sizes(service).items():
            collection = db[name]
            if size <= small_limit:
                documents: Iterable[Mapping[str, Any]] = collection.find({}) if small else ()
            else:
                # Only ids known to exist: on FerretDB a lookup that misses costs 0.1 s,
                # one that hits 0.01 s. A refused call that inserted a document would show
                # as a domain event (every catalogue insert carries one; see
                # test_zz_no_refused_call_raised_a_domain_event) or in the small collections.
                known = self.known_ids(service, name)
                found = (collection.find_one({"_id": i}) for i in ids if i in known)
                documents = [d for d in found if d is not None]
            for document in documents:
                key = (name, document["_id"])
                picture.digests[key], picture.events[key] = _digest(document)
                if name == OPERATIONS and document.get("done") is False:
                    picture.digests[key] = RUNNING
                if document.get(DELETED):
                    picture.tombstones.add(key)
        return picture


def candidate_ids(request: Message, patterns: Mapping[str, Iterable[str]]) -> list[str]:
    """``_id`` values a request could touch: the resource names it carries, and the names
    its ``parent`` (or nothing, for top-level resources) and ``*_id`` fields compose."""
    strings: list[str] = []
    ids: list[str] = []
    for fd, value in strategies.walk_values(request):
        if fd.type != FieldDescriptor.TYPE_STRING or not value or len(value) > 512:
            continue
        if "/" in value:
            strings.append(value)
        if fd.name.endswith("_id") and fd.name != "request_id":
            ids.append(value)
    collections = {
        re.sub(r"/\{[^}]*\}$", "", pattern).rsplit("/", 1)[-1]: pattern.count("/")
        for values in patterns.values()
        for pattern in values
    }
    composed = []
    for new_id in ids:
        for collection, depth in collections.items():
            if depth == 1:
                composed.append(f"{collection}/{new_id}")
            else:
                composed.extend(f"{parent}/{collection}/{new_id}" for parent in strings)
    return [*strings, *composed]


def _kind(document_id: Any) -> str | None:
    """``resources`` for ``organizations/a/resources/b``: the last collection segment of a
    resource name; None for ids that are no resource name (counters, versions)."""
    if not isinstance(document_id, str) or "@" in document_id or ":" in document_id:
        return None
    parts = document_id.split("/")
    return parts[-2] if len(parts) >= 2 and len(parts) % 2 == 0 else None
