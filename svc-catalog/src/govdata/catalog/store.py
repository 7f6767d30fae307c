"""MongoDB adapter of the catalogue: organisations, information resources, duties, information
systems, sharing demands, calling systems, and the versions of them all (``versions.py``).

Each record is one document holding the contract message (as its JSON mapping, so the
database stays readable to operators) plus the fields queries filter on, a ``revision``
counter, an ``etag`` for optimistic locking, and the outbox of events the write announces.
Every write is a single-document operation, so a record, its events and its version are never
split.
Deleted records linger as outbox tombstones until their last event is sent, invisible here.
A name deleted and created again continues its revisions (the last one is kept in
``sequences``), because consumers ignore events older than what they applied: a new record
starting again at revision 1 would never reach them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message
from pymongo import ASCENDING, ReturnDocument
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError, PyMongoError

from gov.catalog.v1 import catalog_pb2
from govdata.catalog.versions import COLLECTION as VERSIONS_COLLECTION
from govdata.catalog.versions import (
    CREATED,
    DELETED,
    MOVE_AT,
    PENDING,
    UPDATED,
    VersionLog,
    new_version,
)
from govdata.runtime import outbox, registry
from govdata.runtime.errors import (
    Aborted,
    AlreadyExists,
    FieldViolation,
    InvalidArgument,
    NotFound,
    Unavailable,
)
from govdata.runtime.locks import document_lock
from govdata.runtime.stores import write_filter

M = TypeVar("M", bound=Message)
LIVE = {outbox.DELETED: {"$ne": True}}
# In a read model's copy of a document: the record as a message, stamped (``_message``).
PARSED = "_parsed"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


def _now() -> datetime:
    """The current time as the store keeps it (BSON dates hold milliseconds), so what a write
    returns and announces is exactly what a later read gives."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def etag_of(name: str, revision: int) -> str:
    return hashlib.sha256(f"{name}#{revision}".encode()).hexdigest()[:20]


def to_document(message: Message) -> dict[str, Any]:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def from_document(data: dict[str, Any], message_type: type[M]) -> M:
    return json_format.ParseDict(data, message_type(), ignore_unknown_fields=True)


@dataclass(frozen=True)
class Page:
    """One page of a List: the documents and the token of the next page ("" at the end)."""

    documents: list[dict[str, Any]]
    next_page_token: str
    total_size: int


class ReadSource(Protocol):
    """Where a collection's Gets and Lists may be answered from instead (``read_model.py``)."""

    def document(self, name: str) -> dict[str, Any] | None: ...

    def page(self, query: dict[str, Any], page_size: int, page_token: str) -> Page: ...


def query_digest(query: dict[str, Any]) -> str:
    """What a page token is bound to: a token from one query is refused by another."""
    return hashlib.sha256(json.dumps(query, sort_keys=True, default=str).encode()).hexdigest()


def encode_token(after: str, query_key: str) -> str:
    raw = json.dumps({"a": after, "q": query_key}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_token(token: str, query_key: str) -> str:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        after, key = data["a"], data["q"]
    except (ValueError, KeyError, TypeError):
        raise InvalidArgument(
            FieldViolation("page_token", "is not a token this service issued")
        ) from None
    if key != query_key or not isinstance(after, str):
        raise InvalidArgument(
            FieldViolation("page_token", "belongs to a List call with other filters")
        )
    return after


def page_size_of(requested: int) -> int:
    if requested < 0:
        raise InvalidArgument(FieldViolation("page_size", "must not be negative"))
    return min(requested or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


class Records:
    """Versioned, outboxed records of one kind in one collection."""

    def __init__(
        self,
        collection: Collection,
        kind: str,
        notify: Callable[[str, Any], None] = lambda collection, doc_id: None,
        last_revisions: Collection | None = None,
        versions: VersionLog | None = None,
        message_key: str = "",
    ) -> None:
        """``notify(collection, id)`` tells the outbox relay a write added events;
        ``last_revisions`` keeps the last revision of deleted names (none: start at 1);
        ``versions`` keeps every version of the record under ``message_key`` (the field
        holding the contract message's JSON), written with each change (``versions.py``)."""
        self.collection = collection
        self.kind = kind
        self._notify = notify
        self._last_revisions = last_revisions
        self.versions = versions
        self.message_key = message_key
        self._source: ReadSource | None = None

    def ensure_indexes(self, *fields: str, unique: tuple[str, ...] = ()) -> None:
        outbox.ensure_indexes(self.collection)
        for field in fields:
            self.collection.create_index([(field, ASCENDING)], name=field)
        for field in unique:
            self.collection.create_index([(field, ASCENDING)], name=f"{field}_unique", unique=True)

    def get(self, name: str) -> dict[str, Any]:
        # By _id alone: FerretDB serves that from its primary key; other conditions scan.
        document = _call(lambda: self.collection.find_one({"_id": name}, {PENDING: 0}))
        if document is None or document.get(outbox.DELETED):
            raise NotFound(f"{self.kind} {name!r} does not exist")
        return document

    def raw(self, name: str) -> dict[str, Any] | None:
        """The document under ``name`` as stored, tombstone or not (history reads it)."""
        return _call(lambda: self.collection.find_one({"_id": name}))

    def exists(self, name: str) -> bool:
        document = _call(lambda: self.collection.find_one({"_id": name}, {outbox.DELETED: 1}))
        return document is not None and not document.get(outbox.DELETED)

    def earlier_or_free(self, name: str, request_id: str = "") -> dict[str, Any] | None:
        """Before a create spends anything (a resource-code number): the document an
        earlier try of the same request created under ``name``, which is the answer to this
        one; None when ``name`` is free; ALREADY_EXISTS (or ABORTED for a tombstone) when it
        is taken.

        One lookup by ``_id``: a retry names the same record (its id is given or derived
        from the request id), so the scan for the request id elsewhere is left to
        ``insert``, under its lock."""
        current = _call(lambda: self.collection.find_one({"_id": name}))
        if current is None:
            return None
        if current.get(outbox.DELETED):
            raise Aborted(self._tombstone_message(name))
        if request_id and current.get("request_id") == request_id:
            return current
        raise AlreadyExists(self._duplicate_message(name))

    def _earlier(self, name: str, request_id: str) -> dict[str, Any] | None:
        earlier = _call(lambda: self.collection.find_one({"request_id": request_id, **LIVE}))
        if earlier is not None and earlier["_id"] != name:
            raise AlreadyExists(f"request_id {request_id} already created {earlier['_id']}")
        return earlier

    def _tombstone_message(self, name: str) -> str:
        return (
            f"{self.kind} {name!r} was deleted a moment ago and its deletion is still being "
            "announced; retry shortly"
        )

    def insert(
        self, name: str, fields: dict[str, Any], make_event: Any, request_id: str = ""
    ) -> dict[str, Any]:
        """Insert the first revision (1, or the next after a deleted record of the same name)
        with the event ``make_event(revision, now)`` in the same write.

        With a ``request_id`` (AIP-155) a retried create returns the first result instead of
        failing or creating twice.
        """
        key = f"request:{request_id}" if request_id else name
        with document_lock(self.collection.name, key):
            if request_id:
                earlier = self._earlier(name, request_id)
                if earlier is not None:
                    return earlier
            now = _now()
            revision = self._deleted_revision(name) + 1
            document = outbox.on_insert(
                {
                    "_id": name,
                    "revision": revision,
                    "etag": etag_of(name, revision),
                    "create_time": now,
                    "update_time": now,
                    **({"request_id": request_id} if request_id else {}),
                    **fields,
                    **self._versions_of(name, revision, CREATED, now, None, fields),
                },
                make_event(revision, now),
            )
            try:
                _call(lambda: self.collection.insert_one(document))
            except DuplicateKeyError:
                if self._is_tombstone(name):
                    raise Aborted(self._tombstone_message(name)) from None
                raise AlreadyExists(self._duplicate_message(name)) from None
        self._notify(self.collection.name, name)
        return document

    def update(
        self,
        name: str,
        expected_etag: str,
        fields: dict[str, Any] | Callable[[int, datetime], dict[str, Any]],
        make_event: Any,
        version_kind: str = UPDATED,
    ) -> dict[str, Any]:
        """Apply ``fields`` if the record still has ``expected_etag`` ("" = any).

        ``make_event(revision, now)`` builds the event for the new revision, so the event
        announces exactly the revision this write creates; ``fields`` may likewise be a
        function of them (a lifecycle step records its own time). The version, of
        ``version_kind``, goes in the same write.
        """
        with document_lock(self.collection.name, name):
            current = self.get(name)
            if expected_etag and expected_etag != current["etag"]:
                raise Aborted(
                    f"{self.kind} {name!r} changed since it was read (etag is stale); "
                    "read it again and retry"
                )
            revision = current["revision"] + 1
            now = _now()
            if callable(fields):
                fields = fields(revision, now)
            update = outbox.on_update(
                {
                    "$set": {
                        **fields,
                        "revision": revision,
                        "etag": etag_of(name, revision),
                        "update_time": now,
                    }
                },
                make_event(revision, now),
            )
            version = self._versions_of(name, revision, version_kind, now, current, fields)
            if version:
                update["$push"][PENDING] = version[PENDING][0]
            try:
                document = _call(
                    lambda: self.collection.find_one_and_update(
                        write_filter(
                            self.collection, name, {"revision": current["revision"], **LIVE}
                        ),
                        update,
                        return_document=ReturnDocument.AFTER,
                    )
                )
            except DuplicateKeyError:
                raise AlreadyExists(self._duplicate_message(name)) from None
            if document is not None and len(document.get(PENDING) or []) >= MOVE_AT:
                self._move_versions(document)
        if document is None:
            raise Aborted(f"{self.kind} {name!r} was changed concurrently; read it again and retry")
        self._notify(self.collection.name, name)
        return document

    def delete(
        self, name: str, expected_etag: str, make_event: Any, precondition: Any = None
    ) -> None:
        """Turn the record into a tombstone carrying the deletion event (relay removes it).

        ``precondition(current_document)`` may refuse the deletion by raising.
        """
        with document_lock(self.collection.name, name):
            current = self.get(name)
            if expected_etag and expected_etag != current["etag"]:
                raise Aborted(f"{self.kind} {name!r} changed since it was read (etag is stale)")
            if precondition is not None:
                precondition(current)
            revision = current["revision"] + 1
            now = _now()
            # Before the tombstone, which the relay removes once its event is out: a crash in
            # between leaves only a gap in the revisions, never a revision used twice.
            self._remember_deleted_revision(name, revision)
            if self.versions is not None:
                # Likewise the versions (versions.py): the pending ones, and the deletion's
                # own, tentative until the tombstone below is written.
                raw = self.raw(name) or {}
                self.versions.store(list(raw.get(PENDING) or []))
                self.versions.store_tentative(
                    new_version(name, revision, DELETED, now, current.get(self.message_key), None)
                )
            update = outbox.on_update(
                {
                    "$set": {
                        outbox.DELETED: True,
                        "revision": revision,
                        "update_time": now,
                        PENDING: [],
                        **self._released_keys(name, revision),
                    }
                },
                make_event(revision),
            )
            done = _call(
                lambda: self.collection.find_one_and_update(
                    write_filter(self.collection, name, {"revision": current["revision"], **LIVE}),
                    update,
                )
            )
        if done is None:
            raise Aborted(f"{self.kind} {name!r} was changed concurrently; read it again and retry")
        if self.versions is not None:
            self.versions.confirm(name, revision)
        self._notify(self.collection.name, name)

    def _versions_of(
        self,
        name: str,
        revision: int,
        kind: str,
        now: datetime,
        before: dict[str, Any] | None,
        after: dict[str, Any],
    ) -> dict[str, list[dict[str, Any]]]:
        """The ``_versions`` field holding this write's version (empty when unversioned)."""
        if self.versions is None:
            return {}
        key = self.message_key
        old = before.get(key) if before is not None else None
        new = after.get(key, old) if before is not None else after.get(key)
        return {PENDING: [new_version(name, revision, kind, now, old, new)]}

    def _move_versions(self, document: dict[str, Any]) -> None:
        """Move the pending versions out (caller holds the lock). A failure leaves them
        pending, where readers find them and the next write or the deletion moves them."""
        if self.versions is None:
            return
        try:
            self.versions.move(self.collection, document)
        except Unavailable:
            logging.getLogger(__name__).warning(
                "versions of %s stay pending in the record for now", document["_id"]
            )

    def _released_keys(self, name: str, revision: int) -> dict[str, str]:
        """Unique keys a tombstone gives up, so they can be reused at once."""
        return {}

    def _revision_key(self, name: str) -> str:
        return f"deleted_revision:{self.collection.name}:{name}"

    def _deleted_revision(self, name: str) -> int:
        if self._last_revisions is None:
            return 0
        last = self._last_revisions
        document = _call(lambda: last.find_one({"_id": self._revision_key(name)}))
        return int(document["value"]) if document else 0

    def _remember_deleted_revision(self, name: str, revision: int) -> None:
        if self._last_revisions is None:
            return
        last = self._last_revisions
        _call(
            lambda: last.update_one(
                {"_id": self._revision_key(name)}, {"$max": {"value": revision}}, upsert=True
            )
        )

    def _is_tombstone(self, name: str) -> bool:
        document = _call(lambda: self.collection.find_one({"_id": name}, {outbox.DELETED: 1}))
        return document is not None and bool(document.get(outbox.DELETED))

    def _duplicate_message(self, name: str) -> str:
        # Servers word duplicate-key errors differently (FerretDB omits the key), so ask.
        if _call(lambda: self.collection.count_documents({"_id": name}, limit=1)):
            return f"{self.kind} {name!r} already exists"
        return f"another {self.kind} already has this {self._unique_label}"

    _unique_label = "unique key"

    def serve_reads_from(self, source: ReadSource) -> None:
        """Answer ``read`` and ``list`` from ``source`` (the read model: same records, order
        and page tokens) instead of the collection."""
        self._source = source

    def read(self, name: str) -> dict[str, Any]:
        """The live record ``name`` for answering a Get. From the read model when one serves
        this collection (current as of this call: it has every write of this process).
        Writes use ``get``, which reads the store under the record's lock."""
        if self._source is None:
            return self.get(name)
        document = self._source.document(name)
        if document is None:
            raise NotFound(f"{self.kind} {name!r} does not exist")
        return document

    def list(self, query: dict[str, Any], page_size: int, page_token: str) -> Page:
        """One page of the live records matching ``query``, ordered by name."""
        if self._source is not None:
            return self._source.page(query, page_size, page_token)
        size = page_size_of(page_size)
        key = query_digest(query)
        filters = {**query, **LIVE}
        paged = dict(filters)
        if page_token:
            paged["_id"] = {"$gt": decode_token(page_token, key)}
        documents = _call(
            lambda: list(
                self.collection.find(paged, {PENDING: 0}).sort([("_id", ASCENDING)]).limit(size + 1)
            )
        )
        total = _call(lambda: self.collection.count_documents(filters))
        more = len(documents) > size
        documents = documents[:size]
        token = encode_token(documents[-1]["_id"], key) if more and documents else ""
        return Page(documents, token, total)


class OrganizationRecords(Records):
    _unique_label = "unified social credit code"

    def _released_keys(self, name: str, revision: int) -> dict[str, str]:
        return {"credit_code": f"deleted:{name}#{revision}"}


class ResourceRecords(Records):
    _unique_label = "resource code"

    def _released_keys(self, name: str, revision: int) -> dict[str, str]:
        # A distinct placeholder, not a missing field: the unique index counts missing as null.
        return {"resource_code": f"deleted:{name}#{revision}"}


class CallingSystemRecords(Records):
    """The registry of calling systems: besides the record, every document carries the
    top-level fields of ``registry.registry_fields`` (subject, organization, roles, state,
    rate limit), so each api's ``Registry`` reads this collection as it is."""

    _unique_label = "certificate subject"

    def _released_keys(self, name: str, revision: int) -> dict[str, str]:
        # Not a valid subject, so no certificate can ever match a tombstone.
        return {"subject": f"deleted:{name}#{revision}"}


class SequenceNumbers:
    """Per-classification sequence numbers for resource codes (``$inc``, serialized)."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def next(self, classification_code: str) -> int:
        key = f"resource_code:{classification_code}"
        with document_lock(self.collection.name, key):
            document = _call(
                lambda: self.collection.find_one_and_update(
                    {"_id": key},
                    {"$inc": {"value": 1}},
                    upsert=True,
                    return_document=ReturnDocument.AFTER,
                )
            )
        return int(document["value"])


class CatalogStore:
    """The catalogue's collections in its own database.

    Every record document holds ``_id`` (its resource name), ``revision``, ``etag``,
    ``create_time``, ``update_time``, ``request_id`` (when created with one), the contract
    message's JSON (proto field names) under its key, the outbox (``_outbox``...), pending
    versions (``_versions``, see ``versions.py``) and top-level copies of what queries filter
    on. Read records through the converters below (``organization(doc)``, ``resource(doc)``,
    ``duty(doc)``, ``system(doc)``, ``demand(doc)``, ``calling_system(doc)``) and skip
    tombstones (``LIVE``). Collections, message keys and top-level fields:

    * ``organizations`` — ``organization``; ``parent`` (name or None), ``credit_code``.
    * ``resources`` — ``resource``; ``organization`` (cataloguing organisation = provider),
      ``provider``, ``provider_office``, ``share_type``, ``state`` (enum value names),
      ``resource_code``, ``classification_code``, ``duties``, ``source_systems`` (names),
      ``data_item_names`` and ``authoritative_items`` (data item names; the latter those it
      claims as authoritative source, 一数一源).
    * ``duties`` — ``duty``; ``organization``, ``kind`` (DutyKind name),
      ``responsible_office``, ``systems`` (names), ``item_code``.
    * ``systems`` — ``system``; ``organization``, ``status`` (SystemStatus name), ``duties``
      (names), ``last_used_time`` (datetime or None), ``zombie`` and ``shadow`` (whether the
      stored assessment has zombie indicators / names systems it duplicates).
    * ``demands`` — ``demand``; ``organization`` (the demanding organisation), ``state``
      (DemandState name), ``duty``, ``resource``, ``expected_provider`` (names or ""),
      ``data_items`` (names).
    * ``callingSystems`` — ``calling_system``; ``registry.registry_fields``.
    * ``versions`` — moved versions: ``name``, ``revision``, ``kind``, ``actor``, ``time``,
      ``request_id``, ``changes`` ([{field, before, after}]).
    """

    def __init__(
        self,
        database: Database,
        notify: Callable[[str, Any], None] = lambda collection, doc_id: None,
    ) -> None:
        """``notify`` is the outbox relay's: every write announces the document it changed."""
        sequences = database["sequences"]
        self.versions = VersionLog(database[VERSIONS_COLLECTION])
        self.organizations = OrganizationRecords(
            database["organizations"],
            "organisation",
            notify,
            sequences,
            self.versions,
            "organization",
        )
        self.resources = ResourceRecords(
            database["resources"],
            "information resource",
            notify,
            sequences,
            self.versions,
            "resource",
        )
        self.calling_systems = CallingSystemRecords(
            database[registry.COLLECTION],
            "calling system",
            notify,
            sequences,
            self.versions,
            "calling_system",
        )
        self.duties = Records(database["duties"], "duty", notify, sequences, self.versions, "duty")
        self.systems = Records(
            database["systems"],
            "information system",
            notify,
            sequences,
            self.versions,
            "system",
        )
        self.demands = Records(
            database["demands"], "sharing demand", notify, sequences, self.versions, "demand"
        )
        self.sequences = SequenceNumbers(sequences)

    # Collections whose documents carry outbox entries (for the api's relay).
    OUTBOX_COLLECTIONS = (
        "organizations",
        "resources",
        registry.COLLECTION,
        "duties",
        "systems",
        "demands",
    )

    def ensure_indexes(self) -> None:
        self.organizations.ensure_indexes("parent", "request_id", unique=("credit_code",))
        self.resources.ensure_indexes(
            "organization",
            "provider",
            "provider_office",
            "share_type",
            "state",
            "request_id",
            "classification_code",
            "duties",
            "source_systems",
            "authoritative_items",
            unique=("resource_code",),
        )
        self.calling_systems.ensure_indexes(
            "organization", "state", "request_id", unique=("subject",)
        )
        self.duties.ensure_indexes(
            "organization", "kind", "responsible_office", "systems", "request_id"
        )
        self.systems.ensure_indexes("organization", "status", "duties", "request_id")
        self.demands.ensure_indexes(
            "organization", "state", "duty", "resource", "expected_provider", "request_id"
        )
        self.versions.ensure_indexes()

    @staticmethod
    def organization(document: dict[str, Any]) -> catalog_pb2.Organization:
        return _message(document, "organization", catalog_pb2.Organization)

    @staticmethod
    def resource(document: dict[str, Any]) -> catalog_pb2.InformationResource:
        return _message(document, "resource", catalog_pb2.InformationResource)

    @staticmethod
    def calling_system(document: dict[str, Any]) -> catalog_pb2.CallingSystem:
        return _message(document, "calling_system", catalog_pb2.CallingSystem)

    @staticmethod
    def duty(document: dict[str, Any]) -> catalog_pb2.Duty:
        return _message(document, "duty", catalog_pb2.Duty)

    @staticmethod
    def system(document: dict[str, Any]) -> catalog_pb2.InformationSystem:
        return _message(document, "system", catalog_pb2.InformationSystem)

    @staticmethod
    def demand(document: dict[str, Any]) -> catalog_pb2.SharingDemand:
        return _message(document, "demand", catalog_pb2.SharingDemand)


def _message(document: dict[str, Any], key: str, message_type: type[M]) -> M:
    """The stored record ``document[key]`` as a message, with its name, etag, times and
    revision from the document. A document from the read model carries its message
    already parsed (``PARSED``): the caller gets a copy, parsing being the dearer part."""
    parsed = document.get(PARSED)
    if parsed is not None:
        message = message_type()
        message.CopyFrom(parsed)
        return message
    message = from_document(document[key], message_type)
    _stamp(message, document)
    message.revision = document["revision"]  # type: ignore[attr-defined]
    return message


def _stamp(message: Any, document: dict[str, Any]) -> None:
    message.name = document["_id"]
    message.etag = document["etag"]
    message.create_time.FromDatetime(document["create_time"])
    message.update_time.FromDatetime(document["update_time"])


def _call(operation: Any) -> Any:
    """Run a store call; a store that is down becomes UNAVAILABLE for the caller."""
    try:
        return operation()
    except DuplicateKeyError:
        raise
    except PyMongoError as exc:
        raise Unavailable("the catalogue store is unavailable; retry later") from exc
