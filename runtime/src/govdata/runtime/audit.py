"""Audit emission, fail-closed: a call is answered only after its audit record is durably stored.

The serving service writes the record into its own database as an outbox carrier document
(one single-document write, acknowledged by a majority and the journal); the outbox relay then
carries it to svc-audit as a ``gov.events.v1.AccessRecorded`` event. If the write fails the
call fails with UNAVAILABLE and no data leaves. Handlers add what they touched with
``note_access``; the interceptor writes the record once per call.
"""

from __future__ import annotations

import contextvars
import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from pymongo.collection import Collection
from pymongo.errors import BulkWriteError, PyMongoError
from pymongo.write_concern import WriteConcern

from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.runtime import context, outbox
from govdata.runtime.errors import Unavailable
from govdata.runtime.privacy import SubjectKeys

log = logging.getLogger(__name__)


@dataclass
class AccessNote:
    """What a call touched, filled in by the handler while it runs."""

    resource: str = ""
    data_items: list[str] = field(default_factory=list)
    data_subject_keys: list[str] = field(default_factory=list)
    grant: str = ""
    purpose: str = ""  # the grant's purpose, when the access rests on a grant


_note: contextvars.ContextVar[AccessNote | None] = contextvars.ContextVar(
    "govdata_access_note", default=None
)


def begin_call() -> contextvars.Token[AccessNote | None]:
    return _note.set(AccessNote())


def end_call(token: contextvars.Token[AccessNote | None]) -> AccessNote:
    note = _note.get() or AccessNote()
    _note.reset(token)
    return note


def current_note() -> AccessNote:
    """What the call being served has touched so far (empty outside a call)."""
    return _note.get() or AccessNote()


_process_keys: dict[str, SubjectKeys] = {}  # set once at start: the process's one secret


def use_subject_keys(keys: SubjectKeys) -> None:
    """Set, once at process start, the keyed hash that names data subjects in audit."""
    _process_keys["subject"] = keys


def note_access(
    resource: str = "",
    data_items: list[str] | None = None,
    data_subjects: list[str] | None = None,
    grant: str = "",
    purpose: str = "",
) -> None:
    """Record, for this call's audit entry, the resource, items and subjects it touched,
    and the grant it was made under (whose ``purpose`` is then the access's purpose, whatever
    the caller's metadata said).

    ``data_subjects`` are raw citizen ID numbers; only their keyed hashes are kept, so the
    audit log never holds an ID number.
    """
    note = _note.get()
    if note is None:
        return
    if resource:
        note.resource = resource
    if grant:
        note.grant = grant
    if purpose:
        note.purpose = purpose
    note.data_items.extend(i for i in data_items or [] if i not in note.data_items)
    note.data_subject_keys.extend(subject_keys(data_subjects or []))


def subject_keys(data_subjects: list[str]) -> list[str]:
    """The keyed hashes audit records name data subjects by (never the raw ID numbers)."""
    if not data_subjects:
        return []
    keys = _process_keys.get("subject")
    if keys is None:
        raise RuntimeError("use_subject_keys() was not called at process start")
    return [keys.key_of(s) for s in data_subjects]


class AuditTrail(Protocol):
    def record(self, method: str, outcome: str, note: AccessNote) -> None:
        """Durably store one access record or raise ``Unavailable``."""


def access_record(
    service: str, method: str, outcome: str, note: AccessNote
) -> events_pb2.AccessRecorded:
    ctx = context.current()
    record = events_pb2.AccessRecorded(
        request_id=ctx.request_id,
        actor=common_pb2.Actor(system=ctx.system, person=ctx.person, organization=ctx.organization),
        method=method,
        resource=note.resource,
        data_items=note.data_items,
        data_subject_keys=note.data_subject_keys,
        purpose=note.purpose or ctx.purpose,
        outcome=outcome,
        service=service,
        grant=note.grant,
    )
    record.time.FromDatetime(datetime.now(UTC))
    return record


class OutboxAuditTrail:
    """Writes access records as ephemeral outbox carriers in the service's own database.

    Group commit: concurrent calls' records are inserted together (one ``insert_many`` per
    batch, majority write concern), and each call waits for its own batch's acknowledgement,
    so audit stays fail-closed while the store sees one write per batch instead of one per
    call. The inserted carriers go straight to the relay (``carry``).
    """

    COLLECTION = "audit_outbox"
    MAX_BATCH = 256

    def __init__(
        self,
        collection: Collection,
        service: str,
        carry: Callable[[str, list[dict[str, Any]]], None] = lambda collection, docs: None,
        timeout_seconds: float = 10.0,
    ) -> None:
        self._collection = collection.with_options(write_concern=WriteConcern(w="majority"))
        self._service = service
        self._carry = carry
        self._timeout = timeout_seconds
        self._queue: queue.SimpleQueue[_Waiting] = queue.SimpleQueue()
        self._committer = threading.Thread(target=self._commit_loop, name="audit", daemon=True)
        self._committer.start()

    @property
    def collection(self) -> Collection:
        return self._collection

    def record(self, method: str, outcome: str, note: AccessNote) -> None:
        payload = access_record(self._service, method, outcome, note)
        item = outbox.entry(self._service, payload, subject=note.resource)
        document = outbox.on_insert(
            {
                "_id": uuid.uuid4().hex,
                outbox.EPHEMERAL: True,
                outbox.CREATED_AT: time.time(),
                "request_id": payload.request_id,
            },
            item,
        )
        waiting = _Waiting(document)
        self._queue.put(waiting)
        if not waiting.done.wait(self._timeout) or not waiting.stored:
            raise Unavailable("the audit trail cannot be written; the call was not served")

    def _commit_loop(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self.MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            failed: set[int] = set()
            try:
                self._collection.insert_many([w.document for w in batch], ordered=False)
            except BulkWriteError as exc:
                failed = {error["index"] for error in exc.details.get("writeErrors", [])}
                if exc.details.get("writeConcernErrors"):
                    failed = set(range(len(batch)))
            except PyMongoError:
                failed = set(range(len(batch)))
            if failed:
                log.error("%d of %d audit records could not be written", len(failed), len(batch))
            stored = [w.document for i, w in enumerate(batch) if i not in failed]
            for i, waiting in enumerate(batch):
                waiting.stored = i not in failed
                waiting.done.set()
            if stored:
                self._carry(self._collection.name, stored)


@dataclass
class _Waiting:
    """One call's record waiting for its batch to be acknowledged."""

    document: dict[str, Any]
    stored: bool = False
    done: threading.Event = field(default_factory=threading.Event)


class MemoryAuditTrail:
    """Keeps records in a list; for unit tests of servicers."""

    def __init__(self, service: str = "test") -> None:
        self.service = service
        self.records: list[events_pb2.AccessRecorded] = []
        self.fail = False

    def record(self, method: str, outcome: str, note: AccessNote) -> None:
        if self.fail:
            raise Unavailable("the audit trail cannot be written; the call was not served")
        self.records.append(access_record(self.service, method, outcome, note))
