"""Long-running operations (AIP-151) for any service's api: stored, run, served.

Slow work (a catalogue import, a verification job) answers its call at once with a
``google.longrunning.Operation`` and runs on a small bounded thread pool inside the api
process. The operation lives in the service's own MongoDB (collection ``operations``), so
``google.longrunning.Operations`` — served by the same api — shows its progress and outcome
to the caller's organisation (to ``platform_admin`` callers: every organisation's; to anyone
else an operation of another organisation is NOT_FOUND, as if it did not exist).

What a caller can rely on:

* ``name`` is ``operations/{uuid}``. A create with a ``request_id`` (AIP-155) names its
  operation after the calling system, the method and that id, so a retry gets the first
  operation back instead of starting the work twice.
* ``metadata`` (progress), ``response`` and ``error`` (a ``google.rpc.Status`` with the same
  details a failed call carries) are packed ``Any`` messages, stored as their bytes.
* Cancellation is cooperative: CancelOperation sets a flag; the work checks it between steps
  and stops there (what it completed stays done), ending with CANCELLED.
* An operation never stays "running" after its process died. While it runs, its process
  renews a lease on it every few seconds; an operation whose lease ran out (the process was
  killed, the machine restarted) is marked failed with ABORTED "interrupted by a restart; run
  it again" — at the next start of any api sharing the database, and whenever it is read.
  Resuming instead would need the input kept and every kind of work written to continue
  from a checkpoint; the work run here (imports) is idempotent, so running it again is both
  simpler and exactly as correct. A graceful shutdown asks running work to stop and records
  ABORTED "interrupted by a shutdown; run it again".
* Finished operations are kept ``retention`` (30 days by default) and then removed;
  DeleteOperation removes one earlier (a running one must be cancelled first).

On FerretDB 1.x every write is serialized per document with ``document_lock`` and goes by
``_id`` (see ``stores.write_filter``); on MongoDB the guarding conditions stay in the filter.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bson.binary import Binary
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.protobuf import any_pb2, empty_pb2
from google.protobuf.message import Message
from google.rpc import code_pb2, status_pb2
from pymongo import ASCENDING, DESCENDING
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError, PyMongoError

from govdata.runtime import context
from govdata.runtime.errors import (
    FailedPrecondition,
    FieldViolation,
    GovdataError,
    InvalidArgument,
    NotFound,
    ResourceExhausted,
    Unavailable,
)
from govdata.runtime.interceptors import error_status
from govdata.runtime.locks import document_lock
from govdata.runtime.stores import write_filter

log = logging.getLogger(__name__)

COLLECTION = "operations"
PREFIX = "operations/"
SERVICE_NAME = operations_pb2.DESCRIPTOR.services_by_name["Operations"].full_name
RESTART_MESSAGE = "interrupted by a restart; run it again"
SHUTDOWN_MESSAGE = "interrupted by a shutdown; run it again"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
DEFAULT_WAIT_SECONDS = 30.0
MAX_WAIT_SECONDS = 300.0
# Request ids name operations through this namespace (uuid5), per calling system and method.
_REQUEST_NAMESPACE = uuid.UUID("6f1c1d1e-7a0b-4c53-9a57-0a4d6f7f9e21")


def _now() -> datetime:
    """Now, to the millisecond a BSON date holds (so what is written is what is read)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _packed(message: Message) -> Binary:
    packed = any_pb2.Any()
    packed.Pack(message)
    return Binary(packed.SerializeToString())


def _call(operation: Callable[[], Any]) -> Any:
    try:
        return operation()
    except DuplicateKeyError:
        raise
    except PyMongoError as exc:
        raise Unavailable("the operations store is unavailable; retry later") from exc


class OperationCancelled(Exception):
    """Raised by ``Progress.check`` in the work once its operation should stop."""


class Progress:
    """What running work receives: report progress, learn whether to stop."""

    def __init__(self, store: OperationStore, name: str, every_seconds: float) -> None:
        self.name = name
        self._store = store
        self._every = every_seconds
        self._last_write = 0.0
        self._metadata: Message | None = None
        self._cancel = threading.Event()
        self.stop_reason = ""

    def report(self, metadata: Message, force: bool = False) -> None:
        """Record progress; written at most every few seconds (the last one always at the end)."""
        self._metadata = metadata
        now = time.monotonic()
        if force or now - self._last_write >= self._every:
            self._last_write = now
            try:
                self._store.set_metadata(self.name, metadata)
            except GovdataError:
                log.warning("progress of %s not recorded; it is kept for the end", self.name)

    def keep(self, metadata: Message) -> None:
        """Keep ``metadata`` for the end (the operation's outcome records it) without
        writing it now: for short work whose progress nobody could watch anyway."""
        self._metadata = metadata

    @property
    def metadata(self) -> Message | None:
        return self._metadata

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``OperationCancelled`` if the operation was cancelled (or the api stops)."""
        if self._cancel.is_set():
            raise OperationCancelled(self.stop_reason or "cancelled")

    def stop(self, reason: str) -> None:
        if not self._cancel.is_set():
            self.stop_reason = reason
        self._cancel.set()


@dataclass(frozen=True)
class OperationsPage:
    operations: list[dict[str, Any]]
    next_page_token: str


class OperationStore:
    """Operations in the service's own database; one document each."""

    def __init__(
        self,
        collection: Collection,
        lease_seconds: float = 30.0,
        retention: timedelta = timedelta(days=30),
    ) -> None:
        self.collection = collection
        self.lease = timedelta(seconds=lease_seconds)
        self.retention = retention

    def ensure_indexes(self) -> None:
        self.collection.create_index([("done", ASCENDING)], name="done")
        self.collection.create_index([("organization", ASCENDING)], name="organization")
        self.collection.create_index(
            [("create_time", DESCENDING), ("_id", DESCENDING)], name="newest_first"
        )

    # -- writes ------------------------------------------------------------------------------

    def create(
        self, metadata: Message, request_id: str = "", owner: str = "", name: str = ""
    ) -> tuple[dict[str, Any], bool]:
        """Store a new running operation for the current caller; (document, created).

        With a ``request_id`` an earlier operation of the same system and method with the
        same id is returned instead (created = False); so it is for a ``name`` the caller
        chose (``operations/…``, e.g. derived from what the operation works on).
        """
        ctx = context.current()
        if name:
            op_id = name.removeprefix(PREFIX)
        elif request_id:
            seed = f"{ctx.system}\x00{ctx.method}\x00{request_id}"
            op_id = uuid.uuid5(_REQUEST_NAMESPACE, seed)
        else:
            op_id = uuid.uuid4()
        name = f"{PREFIX}{op_id}"
        now = _now()
        document = {
            "_id": name,
            "done": False,
            "metadata": _packed(metadata),
            "metadata_type": metadata.DESCRIPTOR.full_name,
            "system": ctx.system,
            "organization": ctx.organization,
            "person": ctx.person,
            "method": ctx.method,
            "request_id": request_id,
            "create_time": now,
            "update_time": now,
            "lease_until": now + self.lease,
            "owner": owner,
            "cancel_requested": False,
        }
        try:
            _call(lambda: self.collection.insert_one(document))
        except DuplicateKeyError:
            return self.get(name), False
        return document, True

    def set_metadata(self, name: str, metadata: Message) -> None:
        self._update_running(
            name,
            {
                "metadata": _packed(metadata),
                "metadata_type": metadata.DESCRIPTOR.full_name,
                "lease_until": _now() + self.lease,
            },
        )

    def renew(self, name: str) -> bool | None:
        """Extend the lease of a running operation; whether a cancel was asked (None: gone or
        finished, e.g. by a sweep that took it for dead)."""
        document = self._update_running(name, {"lease_until": _now() + self.lease})
        return None if document is None else bool(document.get("cancel_requested"))

    def request_cancel(self, name: str) -> None:
        self._update_running(name, {"cancel_requested": True})

    def finish(
        self,
        name: str,
        response: Message | None = None,
        error: status_pb2.Status | None = None,
        metadata: Message | None = None,
    ) -> bool:
        """Mark a running operation done with its response or error; False if it already was."""
        fields: dict[str, Any] = {"done": True}
        if response is not None:
            fields["response"] = _packed(response)
        if error is not None:
            fields["error"] = Binary(error.SerializeToString())
        if metadata is not None:
            fields["metadata"] = _packed(metadata)
            fields["metadata_type"] = metadata.DESCRIPTOR.full_name
        return self._update_running(name, fields, unset=("lease_until",)) is not None

    def _update_running(
        self, name: str, fields: dict[str, Any], unset: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """Apply ``fields`` to ``name`` while it is not done; the document as it was, or None."""
        with document_lock(self.collection.name, name):
            current = _call(lambda: self.collection.find_one({"_id": name}))
            if current is None or current.get("done"):
                return None
            update: dict[str, Any] = {"$set": {**fields, "update_time": _now()}}
            if unset:
                update["$unset"] = dict.fromkeys(unset, "")
            result = _call(
                lambda: self.collection.update_one(
                    write_filter(self.collection, name, {"done": False}), update
                )
            )
        return current if result.matched_count else None

    def delete(self, name: str) -> None:
        self.get(name)  # NOT_FOUND, or aborted first if its process is gone
        with document_lock(self.collection.name, name):
            current = _call(lambda: self.collection.find_one({"_id": name}))
            if current is None:
                return
            if not current.get("done"):
                raise FailedPrecondition(
                    f"{name} is still running; cancel it and delete it once it is done",
                    reason="OPERATION_RUNNING",
                )
            _call(
                lambda: self.collection.delete_one(
                    write_filter(self.collection, name, {"done": True})
                )
            )

    def sweep(self) -> int:
        """Mark operations whose lease ran out as ABORTED; how many were."""
        now = _now()
        running = _call(
            lambda: list(self.collection.find({"done": False}, {"_id": 1, "lease_until": 1}))
        )
        return sum(
            1
            for doc in running
            if doc.get("lease_until") is None or _aware(doc["lease_until"]) < now
            if self._abort_if_expired(doc["_id"], now)
        )

    def prune(self) -> int:
        """Remove finished operations older than the retention; how many were removed."""
        cutoff = _now() - self.retention
        result = _call(
            lambda: self.collection.delete_many({"done": True, "update_time": {"$lt": cutoff}})
        )
        return result.deleted_count

    def _abort_if_expired(self, name: str, now: datetime) -> bool:
        error = status_pb2.Status(code=code_pb2.ABORTED, message=RESTART_MESSAGE)
        with document_lock(self.collection.name, name):
            current = _call(lambda: self.collection.find_one({"_id": name}))
            if current is None or current.get("done"):
                return False
            lease = current.get("lease_until")
            if lease is not None and _aware(lease) >= now:
                return False
            conditions = {"done": False, "lease_until": lease} if lease else {"done": False}
            result = _call(
                lambda: self.collection.update_one(
                    write_filter(self.collection, name, conditions),
                    {
                        "$set": {
                            "done": True,
                            "error": Binary(error.SerializeToString()),
                            "update_time": now,
                        },
                        "$unset": {"lease_until": ""},
                    },
                )
            )
        if result.matched_count:
            log.warning("operation %s was left running by a process that is gone: aborted", name)
        return bool(result.matched_count)

    # -- reads -------------------------------------------------------------------------------

    def get(self, name: str) -> dict[str, Any]:
        """The operation (aborted first if its process is gone); NOT_FOUND if there is none."""
        document = _call(lambda: self.collection.find_one({"_id": name}))
        if document is None:
            raise NotFound(f"operation {name!r} does not exist")
        lease = document.get("lease_until")
        expired = lease is None or _aware(lease) < _now()
        if not document.get("done") and expired and self._abort_if_expired(name, _now()):
            document = _call(lambda: self.collection.find_one({"_id": name})) or document
        return document

    def list(self, query: dict[str, Any], page_size: int, page_token: str) -> OperationsPage:
        """Newest first; ``page_token`` continues after the last operation of a page."""
        if page_size < 0:
            raise InvalidArgument(FieldViolation("page_size", "must not be negative"))
        size = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        key = json.dumps(query, sort_keys=True, default=str)
        paged = dict(query)
        if page_token:
            after_time, after_id = decode_page_token(page_token, key)
            paged["$or"] = [
                {"create_time": {"$lt": after_time}},
                {"create_time": after_time, "_id": {"$lt": after_id}},
            ]
        documents = _call(
            lambda: list(
                self.collection.find(paged)
                .sort([("create_time", DESCENDING), ("_id", DESCENDING)])
                .limit(size + 1)
            )
        )
        more = len(documents) > size
        documents = documents[:size]
        token = ""
        if more and documents:
            last = documents[-1]
            token = encode_page_token(_aware(last["create_time"]), last["_id"], key)
        return OperationsPage(documents, token)

    @staticmethod
    def to_operation(document: dict[str, Any]) -> operations_pb2.Operation:
        op = operations_pb2.Operation(name=document["_id"], done=bool(document.get("done")))
        if document.get("metadata"):
            op.metadata.ParseFromString(bytes(document["metadata"]))
        if document.get("error"):
            op.error.ParseFromString(bytes(document["error"]))
        elif document.get("response"):
            op.response.ParseFromString(bytes(document["response"]))
        return op


def encode_page_token(after_time: datetime, after_id: str, key: str) -> str:
    """A page token of a newest-first listing by (create_time, _id), bound to the query
    ``key`` so it cannot be replayed against another filter."""
    raw = json.dumps({"t": after_time.isoformat(), "i": after_id, "q": key}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_page_token(token: str, key: str) -> tuple[datetime, str]:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        after_time = _aware(datetime.fromisoformat(data["t"]))
        after_id, query_key = data["i"], data["q"]
    except (ValueError, KeyError, TypeError):
        raise InvalidArgument(
            FieldViolation("page_token", "is not a token this service issued")
        ) from None
    if query_key != key or not isinstance(after_id, str):
        raise InvalidArgument(
            FieldViolation("page_token", "belongs to a List call with another filter")
        )
    return after_time, after_id


@dataclass
class _Running:
    progress: Progress
    finished: threading.Event = field(default_factory=threading.Event)


Work = Callable[[Progress], Message]


class OperationExecutor:
    """Runs work as operations on a bounded thread pool and records how each ended."""

    def __init__(
        self,
        store: OperationStore,
        domain: str,
        workers: int = 2,
        queue_limit: int = 8,
        progress_seconds: float = 1.0,
        renew_seconds: float | None = None,
    ) -> None:
        """``domain`` goes into the ErrorInfo of failed operations (as the interceptor's);
        at most ``workers`` operations run at once and ``queue_limit`` wait or run before a
        new one is refused with RESOURCE_EXHAUSTED."""
        self.store = store
        self.domain = domain
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="operation")
        self._queue_limit = queue_limit
        self._progress_seconds = progress_seconds
        self._renew_seconds = renew_seconds or store.lease.total_seconds() / 4
        self._owner = uuid.uuid4().hex
        self._running: dict[str, _Running] = {}
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._renewer = threading.Thread(target=self._renew_leases, name="operation-leases")
        self._renewer.daemon = True

    def start(self) -> None:
        """Abort what dead processes left running, then keep this process's leases alive.

        Pruning waits for the renewer's first round: it scans the collection, and a slow
        store at start must not stop the api from serving."""
        self.store.ensure_indexes()
        aborted = self.store.sweep()
        if aborted:
            log.warning("%d operation(s) interrupted by a restart were marked ABORTED", aborted)
        self._renewer.start()

    def submit(
        self, metadata: Message, work: Work, request_id: str = "", name: str = ""
    ) -> operations_pb2.Operation:
        """Create the operation for the current caller and run ``work(progress)`` on the pool.

        ``work`` returns the response message or raises (a ``GovdataError`` becomes the
        operation's error with the same status a call would get; ``OperationCancelled``
        after a CancelOperation becomes CANCELLED). It runs under the caller's identity, so
        the events it writes name who started it.
        """
        if self._closed.is_set():
            raise Unavailable("the api is shutting down; start the operation again later")
        with self._lock:
            if len(self._running) >= self._queue_limit:
                raise ResourceExhausted(
                    f"{len(self._running)} operations are running or waiting here; "
                    "retry when one has finished",
                    retry_after=10.0,
                    reason="TOO_MANY_OPERATIONS",
                )
            document, created = self.store.create(
                metadata, request_id, owner=self._owner, name=name
            )
            if not created:
                return self.store.to_operation(document)
            name = document["_id"]
            running = _Running(Progress(self.store, name, self._progress_seconds))
            self._running[name] = running
        caller = context.current()
        try:
            self._pool.submit(self._run, name, running, work, caller)
        except RuntimeError:  # the pool shut down between the check and now
            self._forget(name)
            self.store.finish(name, error=_aborted(SHUTDOWN_MESSAGE))
            raise Unavailable("the api is shutting down; start the operation again") from None
        return self.store.to_operation(document)

    def _run(self, name: str, running: _Running, work: Work, caller: context.CallContext) -> None:
        token = context.bind(caller)
        progress = running.progress
        try:
            if progress.cancelled:
                raise OperationCancelled(progress.stop_reason)
            response = work(progress)
            self._finish(name, progress, response=response)
        except OperationCancelled:
            if progress.stop_reason == "shutdown":
                error = _aborted(SHUTDOWN_MESSAGE)
            else:
                error = status_pb2.Status(
                    code=code_pb2.CANCELLED,
                    message="cancelled; what was done before the cancellation stays done",
                )
            self._finish(name, progress, error=error)
        except GovdataError as exc:
            self._finish(name, progress, error=error_status(exc, self.domain))
        except Exception:
            log.exception("operation %s failed", name)
            error = status_pb2.Status(
                code=code_pb2.INTERNAL, message=f"internal error; quote operation {name}"
            )
            self._finish(name, progress, error=error)
        finally:
            context.reset(token)
            self._forget(name)
            running.finished.set()

    def _finish(self, name: str, progress: Progress, **outcome: Any) -> None:
        try:
            self.store.finish(name, metadata=progress.metadata, **outcome)
        except GovdataError:
            # Its lease runs out and the next sweep or read reports it ABORTED.
            log.exception("outcome of operation %s could not be recorded", name)

    def _forget(self, name: str) -> None:
        with self._lock:
            self._running.pop(name, None)

    def running_here(self, name: str) -> _Running | None:
        with self._lock:
            return self._running.get(name)

    def cancel(self, name: str) -> None:
        """Ask the operation to stop: a flag in the store (seen by whichever process runs it
        at its next lease renewal) and, if it runs here, at once."""
        self.store.request_cancel(name)
        running = self.running_here(name)
        if running is not None:
            running.progress.stop("cancelled")

    def wait(self, name: str, seconds: float) -> dict[str, Any]:
        """The operation once done, or as it is after ``seconds``."""
        deadline = time.monotonic() + max(seconds, 0.0)
        while True:
            document = self.store.get(name)
            remaining = deadline - time.monotonic()
            if document.get("done") or remaining <= 0:
                return document
            running = self.running_here(name)
            if running is not None:
                running.finished.wait(min(remaining, 1.0))
            else:  # runs in another process, or is just finishing here
                time.sleep(min(remaining, 0.25))

    def _renew_leases(self) -> None:
        interval = self._renew_seconds
        next_prune = time.monotonic()
        while not self._closed.wait(interval):
            if time.monotonic() >= next_prune:
                next_prune = time.monotonic() + 3600
                try:
                    self.store.prune()
                except GovdataError:
                    log.warning("finished operations past retention not removed this hour")
            with self._lock:
                names = list(self._running)
            for name in names:
                try:
                    cancel = self.store.renew(name)
                except GovdataError:
                    log.warning("lease of operation %s not renewed", name)
                    continue
                running = self.running_here(name)
                if running is not None and cancel:
                    running.progress.stop("cancelled")

    def shutdown(self, grace_seconds: float = 5.0) -> None:
        """Stop: ask running work to stop, give it ``grace_seconds``, record the rest ABORTED."""
        self._closed.set()
        with self._lock:
            running = dict(self._running)
        for item in running.values():
            item.progress.stop("shutdown")
        deadline = time.monotonic() + grace_seconds
        for item in running.values():
            item.finished.wait(max(deadline - time.monotonic(), 0.0))
        for name, item in running.items():
            if not item.finished.is_set():
                try:
                    self.store.finish(name, error=_aborted(SHUTDOWN_MESSAGE))
                except GovdataError:
                    log.warning("operation %s left running; its lease will run out", name)
        self._pool.shutdown(wait=False, cancel_futures=True)


def _aborted(message: str) -> status_pb2.Status:
    return status_pb2.Status(code=code_pb2.ABORTED, message=message)


_FILTERS = {
    "done=true": {"done": True},
    "done=false": {"done": False},
    "": {},
}


def parse_filter(text: str) -> dict[str, Any]:
    """The AIP-160 filters ListOperations understands: ``done = true`` / ``done = false``,
    also written ``done:true``, ``NOT done`` and ``done``; empty for all."""
    compact = "".join(text.split()).lower().replace(":", "=")
    compact = {"done": "done=true", "notdone": "done=false", "-done": "done=false"}.get(
        compact, compact
    )
    if compact not in _FILTERS:
        raise InvalidArgument(
            FieldViolation("filter", "only 'done = true' or 'done = false' can be filtered on")
        )
    return dict(_FILTERS[compact])


class OperationsServicer(operations_pb2_grpc.OperationsServicer):
    """``google.longrunning.Operations`` over the service's own operations.

    A caller sees the operations its organisation started; callers with one of
    ``see_all_roles`` (the data authority's administrators) see every organisation's.
    """

    def __init__(
        self, executor: OperationExecutor, see_all_roles: Iterable[str] = ("platform_admin",)
    ) -> None:
        self.executor = executor
        self.store = executor.store
        self.see_all_roles = frozenset(see_all_roles)

    def _sees_all(self) -> bool:
        return bool(self.see_all_roles & context.current().roles)

    def _visible(self, name: str) -> dict[str, Any]:
        if not name.startswith(PREFIX) or len(name) == len(PREFIX):
            raise InvalidArgument(
                FieldViolation("name", f"{name[:100]!r} is not an operation name (operations/…)")
            )
        document = self.store.get(name)
        caller = context.current()
        if not self._sees_all() and (
            not caller.organization or document.get("organization") != caller.organization
        ):
            raise NotFound(f"operation {name!r} does not exist")
        return document

    def GetOperation(self, request, context_):  # type: ignore[no-untyped-def]
        return self.store.to_operation(self._visible(request.name))

    def ListOperations(self, request, context_):  # type: ignore[no-untyped-def]
        if request.name not in ("", "operations"):
            raise InvalidArgument(FieldViolation("name", "must be 'operations' or empty"))
        query = parse_filter(request.filter)
        if not self._sees_all():
            query["organization"] = context.current().organization or "\x00none"
        self.store.sweep()
        page = self.store.list(query, request.page_size, request.page_token)
        return operations_pb2.ListOperationsResponse(
            operations=[self.store.to_operation(d) for d in page.operations],
            next_page_token=page.next_page_token,
        )

    def WaitOperation(self, request, context_):  # type: ignore[no-untyped-def]
        self._visible(request.name)
        seconds = DEFAULT_WAIT_SECONDS
        if request.HasField("timeout"):
            seconds = request.timeout.ToTimedelta().total_seconds()
            if seconds < 0:
                raise InvalidArgument(FieldViolation("timeout", "must not be negative"))
        seconds = min(seconds, MAX_WAIT_SECONDS)
        remaining = context_.time_remaining() if context_ is not None else None
        if remaining is not None:
            # Answer before the caller's deadline, with the state as it is then.
            seconds = min(seconds, max(remaining - 0.5, 0.0))
        return self.store.to_operation(self.executor.wait(request.name, seconds))

    def CancelOperation(self, request, context_):  # type: ignore[no-untyped-def]
        document = self._visible(request.name)
        if not document.get("done"):
            self.executor.cancel(request.name)
        return empty_pb2.Empty()

    def DeleteOperation(self, request, context_):  # type: ignore[no-untyped-def]
        self._visible(request.name)
        self.store.delete(request.name)
        return empty_pb2.Empty()
