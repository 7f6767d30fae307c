"""svc-exchange's MongoDB collections and the versioned, outboxed documents it keeps there.

Sharing requests and grants are stored as their protobuf message (``message``, bytes) plus
the few fields Lists filter and sort on. Every write bumps the revision, sets a new etag and
appends its event to the document's outbox in the same single-document write (see the
runtime's ``outbox``), under the document's process lock (``locks``), with the MongoDB
conditions kept in the filter where the server honours them (``write_filter``).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from google.protobuf.message import Message
from pymongo import ASCENDING, DESCENDING
from pymongo.collection import Collection
from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

from govdata.exchange import names
from govdata.runtime import outbox
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

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500

# Made of the message after a write: the event that announces it.
EventOf = Callable[[Any, list[str]], Message]
Notify = Callable[[str, Any], None]


def now() -> datetime:
    """The current time as the store keeps it (BSON dates hold milliseconds)."""
    t = datetime.now(UTC)
    return t.replace(microsecond=t.microsecond // 1000 * 1000)


def etag_of(name: str, revision: int) -> str:
    return hashlib.sha256(f"{name}#{revision}".encode()).hexdigest()[:20]


def page_size_of(requested: int) -> int:
    if requested < 0:
        raise InvalidArgument(FieldViolation("page_size", "must not be negative"))
    return min(requested or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def _token(created: datetime, name: str, digest: str) -> str:
    raw = json.dumps([created.isoformat(), name, digest]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _after(token: str, digest: str) -> tuple[datetime, str]:
    try:
        created, name, bound = json.loads(base64.urlsafe_b64decode(token.encode()))
        when = datetime.fromisoformat(created)
    except (ValueError, TypeError):
        raise InvalidArgument(
            FieldViolation("page_token", "is not a token this service issued")
        ) from None
    if bound != digest:
        raise InvalidArgument(
            FieldViolation("page_token", "belongs to a List call with other filters")
        )
    return when, str(name)


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    next_page_token: str
    total_size: int


def list_query(request: Any, states: Any) -> dict[str, Any]:
    """The filter of ListSharingRequests and ListGrants: the consumer (``parent``, or every
    consumer with ``organizations/-``), provider, resource and state (of enum ``states``)."""
    query: dict[str, Any] = {}
    if request.parent != "organizations/-":
        query["consumer"] = names.check("organization", request.parent, "parent")
    if request.provider:
        query["provider"] = names.check("organization", request.provider, "provider")
    if request.resource:
        query["resource"] = names.check("resource", request.resource, "resource")
    if request.state:
        if request.state not in states.values():
            raise InvalidArgument(
                FieldViolation("state", f"{request.state} is not a {states.DESCRIPTOR.name}")
            )
        query["state"] = request.state
    return query


class Aggregates(Generic[M]):
    """Versioned messages of one kind (sharing requests or grants) in one collection.

    The message's own ``name``, ``revision``, ``etag`` and ``update_time`` fields are kept
    by the store; ``fields`` of each write are the top-level copies Lists filter on."""

    def __init__(
        self,
        collection: Collection,
        message_type: type[M],
        kind: str,
        source: str,
        notify: Notify,
    ) -> None:
        self.collection = collection
        self.message_type = message_type
        self.kind = kind
        self.source = source
        self.notify = notify

    def ensure_indexes(self, *fields: str) -> None:
        outbox.ensure_indexes(self.collection)
        for field in fields:
            self.collection.create_index([(field, ASCENDING)], name=field)
        self.collection.create_index(
            [("create_time", DESCENDING), ("_id", DESCENDING)], name="newest_first"
        )

    def find(self, name: str) -> M | None:
        document = guarded(lambda: self.collection.find_one({"_id": name}))
        return None if document is None else self.decode(document)

    def get(self, name: str) -> M:
        found = self.find(name)
        if found is None:
            raise NotFound(f"{self.kind} {name} does not exist")
        return found

    def decode(self, document: dict[str, Any]) -> M:
        message = self.message_type()
        message.ParseFromString(document["message"])
        return message

    def insert(self, message: M, fields: dict[str, Any], event: EventOf) -> M:
        """Store a new message at revision 1 with its event; ALREADY_EXISTS if the name is
        taken."""
        name = message.name  # type: ignore[attr-defined]
        stamped = self._stamp(message, 1)
        entry = outbox.entry(self.source, event(stamped, []), subject=name)
        document = outbox.on_insert(self._document(stamped, fields), entry)
        try:
            guarded(lambda: self.collection.insert_one(document))
        except DuplicateKeyError:
            raise AlreadyExists(f"{self.kind} {name} already exists") from None
        self.notify(self.collection.name, name)
        return stamped

    def update(
        self,
        name: str,
        expected_etag: str,
        change: Callable[[M], M | None],
        fields: Callable[[M], dict[str, Any]],
        event: EventOf,
    ) -> M:
        """Apply ``change`` to the current message (None: nothing to do) and store the result
        with its event; ABORTED if ``expected_etag`` ("" = any) is stale."""
        with document_lock(self.collection.name, name):
            current = self.get(name)
            etag = current.etag  # type: ignore[attr-defined]
            if expected_etag and expected_etag != etag:
                raise Aborted(
                    f"{self.kind} {name} changed since it was read (etag is stale); read it "
                    "again and retry"
                )
            changed = change(current)
            if changed is None:
                return current
            revision = current.revision + 1  # type: ignore[attr-defined]
            stamped = self._stamp(changed, revision)
            entry = outbox.entry(self.source, event(stamped, _changed(current, stamped)), name)
            guard = write_filter(self.collection, name, {"revision": revision - 1})
            update = outbox.on_update({"$set": self._document(stamped, fields(stamped))}, entry)
            result = guarded(lambda: self.collection.update_one(guard, update))
            if result.matched_count != 1:
                raise Aborted(f"{self.kind} {name} changed meanwhile; read it again and retry")
        self.notify(self.collection.name, name)
        return stamped

    def page(self, query: dict[str, Any], page_size: int, page_token: str) -> Page[M]:
        """Newest first, by (create_time, name); tokens are bound to the query."""
        size = page_size_of(page_size)
        digest = hashlib.sha256(json.dumps(query, sort_keys=True).encode()).hexdigest()[:16]
        find = dict(query)
        if page_token:
            created, name = _after(page_token, digest)
            find["$or"] = [
                {"create_time": {"$lt": created}},
                {"create_time": created, "_id": {"$lt": name}},
            ]

        def read() -> tuple[list[dict[str, Any]], int]:
            cursor = self.collection.find(find, {"message": 1, "create_time": 1})
            rows = list(
                cursor.sort([("create_time", DESCENDING), ("_id", DESCENDING)]).limit(size + 1)
            )
            return rows, self.collection.count_documents(query)

        rows, total = guarded(read)
        more = len(rows) > size
        rows = rows[:size]
        token = _token(rows[-1]["create_time"], rows[-1]["_id"], digest) if more else ""
        return Page([self.decode(r) for r in rows], token, total)

    def scan(self, query: dict[str, Any]) -> list[M]:
        """Every message matching ``query`` (for the sweeper: unanswered requests, live
        grants — the working set, not the history)."""
        return [self.decode(d) for d in guarded(lambda: list(self.collection.find(query)))]

    def _stamp(self, message: M, revision: int) -> M:
        out = self.message_type()
        out.CopyFrom(message)
        name = out.name  # type: ignore[attr-defined]
        out.revision = revision  # type: ignore[attr-defined]
        out.etag = etag_of(name, revision)  # type: ignore[attr-defined]
        out.update_time.FromDatetime(now())  # type: ignore[attr-defined]
        if revision == 1:
            out.create_time.CopyFrom(out.update_time)  # type: ignore[attr-defined]
        return out

    def _document(self, message: M, fields: dict[str, Any]) -> dict[str, Any]:
        return {
            "_id": message.name,  # type: ignore[attr-defined]
            "revision": message.revision,  # type: ignore[attr-defined]
            "create_time": message.create_time.ToDatetime(tzinfo=UTC),  # type: ignore[attr-defined]
            "message": message.SerializeToString(),
            **fields,
        }


def _changed(before: Message, after: Message) -> list[str]:
    skip = {"revision", "etag", "update_time"}
    return [
        f.name
        for f in after.DESCRIPTOR.fields
        if f.name not in skip and getattr(before, f.name) != getattr(after, f.name)
    ]


def guarded(call: Callable[[], Any]) -> Any:
    """A store call; the store being down is UNAVAILABLE, not an internal error."""
    try:
        return call()
    except (DuplicateKeyError, BulkWriteError, Aborted):  # the caller decides what they mean
        raise
    except PyMongoError as exc:
        raise Unavailable("the exchange's store is not answering; retry later") from exc


def insert_new(collection: Collection, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Insert ``documents`` in one call, skipping those whose ``_id`` is taken; return the
    skipped ones, in order. Anything but a duplicate key is UNAVAILABLE."""
    try:
        guarded(lambda: collection.insert_many(documents, ordered=False))
        return []
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if exc.details.get("writeConcernErrors") or any(
            error.get("code") != 11000 for error in errors
        ):
            raise Unavailable("the exchange's store did not take the records") from exc
        return [documents[i] for i in sorted({error["index"] for error in errors})]


class Remembered:
    """Answers already given to idempotent calls (AIP-155), by caller and request id."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def key(self, method: str, organization: str, request_id: str) -> str:
        return f"{method}|{organization}|{request_id}"

    def find(self, key: str) -> bytes | None:
        document = guarded(lambda: self.collection.find_one({"_id": key}))
        return None if document is None else document["response"]

    def keep(self, key: str, response: Message) -> None:
        try:
            guarded(
                lambda: self.collection.insert_one(
                    {"_id": key, "response": response.SerializeToString(), "time": now()}
                )
            )
        except DuplicateKeyError:  # a concurrent retry answered first: both answers stand
            pass


COLLECTIONS = (
    "sharing_requests",
    "grants",
    "resources",  # the catalogue's resources, kept by the worker
    "record_heads",  # the latest version of each key
    "record_chunks",  # the arrival log, one document per published batch
    "record_streams",  # per resource: the last batch, sequence and publication time
    "record_key_values",  # per key item value of a multi-key resource: its records' keys
    "quota_usage",
    "remembered",
    "adapters",  # providers' live endpoints, by resource
)
OUTBOX_COLLECTIONS = ("sharing_requests", "grants", "record_streams")
