"""The unit of work of a spreadsheet import: the real use cases over a staged catalogue store.

An import must apply every row with the same rules as the gRPC API, so it calls the same use
cases (``services.Catalog`` and its kin) — but one use case per row writing one document at a
time costs 7-20 ms per write on FerretDB, several reads more, and the issue wants 10,000
resources in under a minute. ``StagedStore`` stands in for ``CatalogStore`` under those use
cases (Cosmic Python's unit of work):

* **Reads** of organisations, duties, systems, resources and demands come from a snapshot of
  the whole collections, loaded once (one scan each), plus what this import has staged; so a
  row sees the rows before it (a resource its organisation created three lines up).
* **Creates** run the real ``Records.insert`` — the same document, revision, etag, version and
  outbox event it writes for an API call — against a collection stand-in that keeps the
  document (checking ``_id`` and the collection's unique indexes against snapshot and staged
  documents, as the server would) instead of sending it. ``flush`` sends the staged documents
  in ``insert_many`` batches (about 0.5 ms a document instead of 7-20) and tells the outbox
  relay and the other write listeners about each, as ``Records`` does.
* **Updates and deletes** go to the real store at once (after flushing what they could
  depend on); an import changes few existing records, and ``Records.update`` checks the
  stored revision under the document lock, which only the real store can do.
* **Queries** (``list``) that are plain equality, ``$in``, ``$ne`` or ``$exists`` filters are
  answered from snapshot and staged documents; anything else flushes and asks the server.
  Any other attribute of the store (sequence numbers, the version log, converters) is the real
  store's.

``validate_only`` imports never flush: every rule runs, nothing is written. What a concurrent
API write changes after the snapshot is caught by the server at flush (a duplicate id, code or
credit code), and the row is reported rejected then.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

from govdata.catalog import query_match
from govdata.catalog.store import CatalogStore, Page, Records, page_size_of
from govdata.catalog.versions import PENDING as VERSIONS
from govdata.runtime import outbox
from govdata.runtime.errors import NotFound, Unavailable

# The record kinds an import creates, in the order their documents are flushed.
STAGED_KINDS = ("organizations", "duties", "systems", "resources", "demands")
# Documents per insert_many: large enough to save the per-call cost, small enough that a busy
# FerretDB answers well within the client's socket timeout (resource documents are 5-10 KB).
FLUSH_BATCH = 100
RETRIES = 2
log = logging.getLogger(__name__)
_SEQUENCE_PREFIX = "deleted_revision:"


def _duplicate() -> DuplicateKeyError:
    return DuplicateKeyError("E11000 duplicate key (staged import)", 11000)


@dataclass
class _Kind:
    """One collection's snapshot and staged documents, with the value indexes queries need."""

    real: Records
    live: dict[str, dict[str, Any]]
    tombstones: set[str]
    unique_fields: tuple[str, ...]
    unique_values: dict[str, dict[Any, str]]
    staged: dict[str, dict[str, Any]] = field(default_factory=dict)
    # field → value → names; built when a query first filters on the field (an import of
    # 10,000 resources asks "who claims these data items" 10,000 times: no scans).
    indexes: dict[str, dict[Any, set[str]]] = field(default_factory=dict)

    def document(self, name: str) -> dict[str, Any] | None:
        return self.staged.get(name) or self.live.get(name)

    def all_live(self) -> Iterable[dict[str, Any]]:
        yield from self.live.values()
        yield from self.staged.values()

    def stage(self, document: dict[str, Any]) -> None:
        self.staged[document["_id"]] = document
        self._index(document, add=True)

    def promote(self, name: str) -> None:
        self.live[name] = self.staged.pop(name)

    def drop(self, name: str) -> None:
        document = self.staged.pop(name, None)
        if document is not None:
            self._index(document, add=False)

    def replace(self, name: str, document: dict[str, Any] | None) -> None:
        old = self.live.pop(name, None) or self.staged.pop(name, None)
        if old is not None:
            self._index(old, add=False)
        if document is not None:
            self.live[name] = document
            self._index(document, add=True)

    def candidates(self, query: dict[str, Any]) -> Iterable[dict[str, Any]]:
        """Documents that may match ``query``: by an index where a condition allows one."""
        for path, condition in query.items():
            if "." in path or path.startswith("$"):
                continue
            if isinstance(condition, dict):
                if set(condition) != {"$in"}:
                    continue
                wanted = list(condition["$in"])
            else:
                wanted = [condition]
            if not all(_hashable(v) and not isinstance(v, list) for v in wanted):
                continue
            index = self._index_of(path)
            found: set[str] = set()
            for value in wanted:
                found |= index.get(value, set())
            return [d for n in sorted(found) if (d := self.document(n)) is not None]
        return list(self.all_live())

    def _index_of(self, path: str) -> dict[Any, set[str]]:
        if path not in self.indexes:
            index: dict[Any, set[str]] = {}
            self.indexes[path] = index
            for document in self.all_live():
                _add_values(index, document, path)
        return self.indexes[path]

    def _index(self, document: dict[str, Any], add: bool) -> None:
        for path, index in self.indexes.items():
            if add:
                _add_values(index, document, path)
            else:
                for value in _values(document, path):
                    index.get(value, set()).discard(document["_id"])


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _values(document: dict[str, Any], path: str) -> list[Any]:
    value = document.get(path)
    values = value if isinstance(value, list) else [value]
    return [v for v in values if _hashable(v)]


def _add_values(index: dict[Any, set[str]], document: dict[str, Any], path: str) -> None:
    for value in _values(document, path):
        index.setdefault(value, set()).add(document["_id"])


class _CaptureCollection:
    """What ``Records.insert`` sees as its collection while staging: it keeps documents.

    Only the calls ``Records.insert`` makes are served; any other use is a programming error
    (a change in ``Records`` this stand-in must follow) and fails loudly.
    """

    def __init__(self, kind: _Kind, on_insert: Callable[[str, dict[str, Any]], None]) -> None:
        self._kind = kind
        self._on_insert = on_insert
        self.name = kind.real.collection.name

    def find_one(self, query: dict[str, Any], projection: Any = None) -> dict[str, Any] | None:
        if set(query) == {"_id"}:
            name = query["_id"]
            if name in self._kind.tombstones:
                return {"_id": name, outbox.DELETED: True}
            return self._kind.document(name)
        if "request_id" in query:
            wanted = query["request_id"]
            return next((d for d in self._kind.all_live() if d.get("request_id") == wanted), None)
        raise NotImplementedError(f"staged find_one({sorted(query)})")

    def count_documents(self, query: dict[str, Any], limit: int = 0) -> int:
        return 1 if self.find_one(query) is not None else 0

    def insert_one(self, document: dict[str, Any]) -> None:
        kind = self._kind
        name = document["_id"]
        if name in kind.tombstones or kind.document(name) is not None:
            raise _duplicate()
        for unique in kind.unique_fields:
            value = document.get(unique)
            if value is not None and value in kind.unique_values[unique]:
                raise _duplicate()
        for unique in kind.unique_fields:
            value = document.get(unique)
            if value is not None:
                kind.unique_values[unique][value] = name
        kind.stage(document)
        self._on_insert(self.name, document)


class _DeletedRevisions:
    """The sequences collection as ``Records`` reads it for revisions of deleted names."""

    def __init__(self, documents: dict[str, dict[str, Any]]) -> None:
        self._documents = documents

    def find_one(self, query: dict[str, Any], projection: Any = None) -> dict[str, Any] | None:
        return self._documents.get(query.get("_id", ""))


class StagedRecords:
    """``Records`` of one kind for the use cases an import runs (see the module docstring)."""

    def __init__(self, store: StagedStore, name: str, kind: _Kind, stager: Records) -> None:
        self._store = store
        self._name = name
        self._kind = kind
        self._stager = stager
        self.kind = kind.real.kind
        # Use cases that query the collection themselves (one datum, one source) see what is
        # staged too.
        self.collection = _StagedView(store, kind)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._kind.real, attribute)

    def get(self, name: str) -> dict[str, Any]:
        document = self._kind.document(name)
        if document is None:
            raise NotFound(f"{self.kind} {name!r} does not exist")
        return document

    def exists(self, name: str) -> bool:
        return self._kind.document(name) is not None

    def raw(self, name: str) -> dict[str, Any] | None:
        document = self._kind.document(name)
        return document if document is not None else self._kind.real.raw(name)

    def insert(
        self, name: str, fields: dict[str, Any], make_event: Any, request_id: str = ""
    ) -> dict[str, Any]:
        return self._stager.insert(name, fields, make_event, request_id=request_id)

    def update(self, name: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if name in self._kind.staged:
            self._store.flush()
        if self._store.validate_only:
            return self._dry_update(name)
        document = self._kind.real.update(name, *args, **kwargs)
        self._kind.replace(name, document)
        return document

    def _dry_update(self, name: str) -> dict[str, Any]:
        """Validate-only: the use case has checked everything; nothing is written."""
        return self.get(name)

    def delete(self, name: str, *args: Any, **kwargs: Any) -> None:
        self._store.flush()
        if self._store.validate_only:
            return
        self._kind.real.delete(name, *args, **kwargs)
        self._kind.replace(name, None)
        self._kind.tombstones.add(name)

    def list(self, query: dict[str, Any], page_size: int, page_token: str) -> Page:
        size = page_size_of(page_size)
        if not page_token and _simple(query):
            found = sorted(
                (d for d in self._kind.candidates(query) if query_match.matches(d, query)),
                key=lambda d: d["_id"],
            )
            if len(found) <= size:
                return Page(found, "", len(found))
            # More than a page: the real store issues the token of the next one.
        self._store.flush()
        return self._kind.real.list(query, page_size, page_token)

    def staged_documents(self) -> list[dict[str, Any]]:
        return list(self._kind.staged.values())

    def live_documents(self) -> list[dict[str, Any]]:
        return list(self._kind.all_live())


class _Cursor:
    """The few cursor methods use cases call, over documents in memory."""

    def __init__(self, documents: list[dict[str, Any]]) -> None:
        self._documents = documents

    def sort(self, keys: Any, direction: int | None = None) -> _Cursor:
        order = [(keys, direction or 1)] if isinstance(keys, str) else list(keys)
        for key, way in reversed(order):
            self._documents.sort(key=lambda d, k=key: _sort_key(d, k), reverse=way < 0)
        return self

    def limit(self, count: int) -> _Cursor:
        if count:
            self._documents = self._documents[:count]
        return self

    def __iter__(self) -> Any:
        return iter(self._documents)


def _sort_key(document: dict[str, Any], key: str) -> tuple[bool, Any]:
    present, value = query_match.lookup(document, key)
    return (present, value if present else 0)


class _StagedView:
    """A records collection as the use cases of an import see it: simple ``find`` queries
    answered from snapshot and staged documents; anything else after a flush, by the server."""

    def __init__(self, store: StagedStore, kind: _Kind) -> None:
        self._store = store
        self._kind = kind
        self.name = kind.real.collection.name

    def find(self, query: dict[str, Any] | None = None, projection: Any = None) -> Any:
        query = query or {}
        if _simple(query):
            return _Cursor(
                [d for d in self._kind.candidates(query) if query_match.matches(d, query)]
            )
        self._store.flush()
        return self._kind.real.collection.find(query, projection)

    def __getattr__(self, attribute: str) -> Any:
        self._store.flush()
        return getattr(self._kind.real.collection, attribute)


class _DrySequences:
    """Sequence numbers for a validate-only import: counted on from the stored values, never
    written (a validate-only import writes nothing, not even a counter)."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self._next: dict[str, int] = {}

    def next(self, classification_code: str) -> int:
        if classification_code not in self._next:
            # The key SequenceNumbers keeps the counter of a classification under.
            key = f"resource_code:{classification_code}"
            stored = _call(lambda: self._real.collection.find_one({"_id": key}))
            self._next[classification_code] = int(stored["value"]) if stored else 0
        self._next[classification_code] += 1
        return self._next[classification_code]

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._real, attribute)


class StagedStore:
    """A ``CatalogStore`` look-alike whose creates are staged and flushed in batches."""

    def __init__(
        self,
        store: CatalogStore,
        notify: Callable[[str, Any], None],
        validate_only: bool = False,
        kinds: Iterable[str] = STAGED_KINDS,
        on_flush_error: Callable[[str, str, str], None] = lambda collection, doc_id, why: None,
        on_staged: Callable[[str, dict[str, Any]], None] = lambda collection, doc: None,
    ) -> None:
        """``notify(collection, id)`` is what the real store's writes call (the outbox relay
        and the read model); ``on_flush_error(collection, id, reason)`` hears of documents
        the server refused at flush; ``on_staged(collection, document)`` of every staged one."""
        self._real = store
        self._notify = notify
        self.validate_only = validate_only
        self._on_flush_error = on_flush_error
        self._on_staged = on_staged
        self._order: list[str] = []
        self._kinds: dict[str, _Kind] = {}
        self._sent: dict[str, set[str]] = defaultdict(set)  # staged names being written
        self._outgoing: queue.Queue[Any] = queue.Queue(maxsize=2)
        self._answers: queue.Queue[Any] = queue.Queue()
        self._sender: threading.Thread | None = None
        self._failure: Unavailable | None = None
        if validate_only:
            self.sequences = _DrySequences(store.sequences)
        sequences = store.sequences.collection
        deleted = {
            doc["_id"]: doc
            for doc in _call(lambda: list(sequences.find({})))
            if str(doc["_id"]).startswith(_SEQUENCE_PREFIX)
        }
        revisions = _DeletedRevisions(deleted)
        for name in kinds:
            real = getattr(store, name, None)
            if not isinstance(real, Records):
                continue
            kind = _load(real)
            # The same class (its unique-key labels, its released keys) and the same version
            # log as the real records; only the collection and the revision source differ.
            versioning = {
                a: getattr(real, a) for a in ("versions", "message_key") if hasattr(real, a)
            }
            stager = type(real)(
                _CaptureCollection(kind, self._staged),
                real.kind,
                notify=lambda collection, doc_id: None,
                last_revisions=revisions,
                **versioning,
            )
            setattr(self, name, StagedRecords(self, name, kind, stager))
            self._kinds[name] = kind
            self._order.append(name)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._real, attribute)

    def _staged(self, collection: str, document: dict[str, Any]) -> None:
        self._on_staged(collection, document)
        if self.validate_only:
            return
        self._settle(block=False)
        for name in self._order:
            kind = self._kinds[name]
            if len(kind.staged) - len(self._sent[name]) >= FLUSH_BATCH:
                self._send(name, FLUSH_BATCH)

    def pending(self) -> int:
        return sum(len(kind.staged) for kind in self._kinds.values())

    def flush(self) -> None:
        """Send every staged document, kind by kind in dependency order, and wait until the
        server has answered for all of them."""
        if self.validate_only:
            return
        for name in self._order:
            while len(self._kinds[name].staged) > len(self._sent[name]):
                self._send(name, FLUSH_BATCH)
        self._settle(block=True)

    # The writes of an import are pipelined: while the server stores one batch, the next rows
    # run through the use cases (FerretDB and Python each get a core). One sender thread keeps
    # batches in order, at most two wait (back-pressure), and the outcome of each is applied
    # on the import's own thread, so staged state and row reports are only touched there.

    def _send(self, name: str, count: int) -> None:
        kind = self._kinds[name]
        sent = self._sent[name]
        batch = [d for n, d in kind.staged.items() if n not in sent][:count]
        if not batch:
            return
        sent.update(d["_id"] for d in batch)
        if self._sender is None:
            self._sender = threading.Thread(target=self._send_loop, name="import-writes")
            self._sender.daemon = True
            self._sender.start()
        self._outgoing.put((name, batch))

    def _send_loop(self) -> None:
        while True:
            item = self._outgoing.get()
            try:
                if item is None:
                    return
                name, batch = item
                if self._failure is not None:
                    outcome: Any = self._failure  # after a failure nothing more is sent
                else:
                    try:
                        outcome = self._insert(self._kinds[name].real.collection, batch)
                    except Unavailable as exc:
                        self._failure = exc
                        outcome = exc
                self._answers.put((name, batch, outcome))
            finally:
                self._outgoing.task_done()

    def _settle(self, block: bool) -> None:
        """Apply the server's answers received so far (``block``: all of them)."""
        if block:
            self._outgoing.join()
        while True:
            try:
                name, batch, outcome = self._answers.get_nowait()
            except queue.Empty:
                break
            self._sent[name].difference_update(d["_id"] for d in batch)
            if isinstance(outcome, Exception):
                raise outcome
            self._apply(self._kinds[name], batch, outcome)

    def _apply(self, kind: _Kind, batch: list[dict[str, Any]], refused: dict[int, str]) -> None:
        collection = kind.real.collection
        for index, document in enumerate(batch):
            name = document["_id"]
            if index in refused:
                kind.drop(name)
                for unique in kind.unique_fields:
                    if kind.unique_values[unique].get(document.get(unique)) == name:
                        del kind.unique_values[unique][document.get(unique)]
                self._on_flush_error(collection.name, name, refused[index])
                continue
            kind.promote(name)
            self._notify(collection.name, name)

    def _insert(self, collection: Any, batch: list[dict[str, Any]]) -> dict[int, str]:
        """Insert ``batch``; the index and reason of each document the server refused.

        A call that times out (a busy server) may have stored some documents: it is sent
        again, and a duplicate whose stored etag is the one sent counts as stored.
        """
        for attempt in range(RETRIES + 1):
            refused: dict[int, str] = {}
            try:
                collection.insert_many(batch, ordered=False)
            except BulkWriteError as exc:
                for error in exc.details.get("writeErrors", []):
                    index = error["index"]
                    if (
                        error.get("code") == 11000
                        and attempt
                        and self._stored(collection, batch[index])
                    ):
                        continue
                    refused[index] = (
                        "another record has the same name or unique key (written meanwhile)"
                        if error.get("code") == 11000
                        else "the store refused the record"
                    )
            except PyMongoError as exc:
                if attempt < RETRIES:
                    log.warning("import batch not confirmed (%r); sending it again", exc)
                    time.sleep(1.0 + attempt)
                    continue
                raise Unavailable(
                    "the catalogue store became unavailable during the import; rows before "
                    "this point were applied, importing the file again completes it"
                ) from exc
            return refused
        return {}  # pragma: no cover - the loop returns or raises

    @staticmethod
    def _stored(collection: Any, document: dict[str, Any]) -> bool:
        found = _call(lambda: collection.find_one({"_id": document["_id"]}, {"etag": 1}))
        return found is not None and found.get("etag") == document.get("etag")

    def discard(self) -> None:
        """Stop the sender and forget what is staged and unsent (validate-only imports, or an
        import that stops). Batches already sent are waited for: they are in the store."""
        if self._sender is not None:
            self._outgoing.put(None)
            self._sender.join()
            self._sender = None
            try:
                self._settle(block=False)
            except Unavailable:
                pass  # the import reports it already, or is being stopped anyway
        for kind in self._kinds.values():
            for name in list(kind.staged):
                kind.drop(name)

    def records(self, name: str) -> StagedRecords:
        return getattr(self, name)

    def staged_kinds(self) -> list[str]:
        return list(self._order)


def _load(real: Records) -> _Kind:
    collection = real.collection
    info = _call(collection.index_information)
    unique_fields = tuple(
        spec["key"][0][0]
        for spec in info.values()
        if spec.get("unique") and len(spec["key"]) == 1 and spec["key"][0][0] != "_id"
    )
    live: dict[str, dict[str, Any]] = {}
    tombstones: set[str] = set()
    unique_values: dict[str, dict[Any, str]] = {f: {} for f in unique_fields}
    # Without the outbox and the pending versions: the largest parts, and no use case reads
    # them from here (updates go to the real store, which reads the whole record).
    projection = {outbox.OUTBOX: 0, VERSIONS: 0}
    for document in _call(lambda: list(collection.find({}, projection).batch_size(200))):
        name = document["_id"]
        if document.get(outbox.DELETED):
            tombstones.add(name)
        else:
            live[name] = document
        for unique in unique_fields:  # tombstones hold released placeholders: harmless
            value = document.get(unique)
            if value is not None:
                unique_values[unique][value] = name
    return _Kind(real, live, tombstones, unique_fields, unique_values)


def _call(operation: Callable[[], Any]) -> Any:
    try:
        return operation()
    except PyMongoError as exc:
        raise Unavailable("the catalogue store is unavailable; retry later") from exc


# -- answering simple queries from memory ------------------------------------------------------

_OPERATORS = {"$in", "$ne", "$exists", "$nin"}


def _simple(query: dict[str, Any]) -> bool:
    for key, condition in query.items():
        if key.startswith("$"):
            return False
        if isinstance(condition, dict) and (not condition or not set(condition) <= _OPERATORS):
            return False
    return True
