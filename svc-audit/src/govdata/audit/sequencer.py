"""Group commit for the audit worker: many deliveries, one append.

Each event handler hands its message body over and waits; one loop takes everything waiting
(up to ``GOVDATA_AUDIT_BATCH``), appends it in a single batch and wakes the handlers, which
then let nameko acknowledge their messages. So a message is acknowledged only once its
record is committed to the log (or kept as a dead letter), and the store sees a handful of
writes per batch instead of several per record: what lets audit keep up with every other
service's calls. Runs under eventlet (the worker process is monkey-patched).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import eventlet
from eventlet.event import Event

from gov.audit.v1 import audit_pb2
from govdata.audit import entries
from govdata.audit.log import Appender, AuditLog
from govdata.audit.metrics import APPEND_SECONDS, BATCH_RECORDS, DEAD_LETTERS, LOG_SIZE, RECORDS
from govdata.runtime.events import parse_envelope

log = logging.getLogger(__name__)

Observer = Callable[[Sequence[audit_pb2.AuditRecord]], None]


@dataclass
class _Waiting:
    body: bytes
    done: Event


class Sequencer:
    """Appends what handlers submit, in batches, in arrival order."""

    def __init__(self, audit_log: AuditLog, batch: int, observe: Observer | None = None) -> None:
        self.log = audit_log
        self.batch = batch
        self.observe = observe
        self.appender = Appender(audit_log)
        LOG_SIZE.set(self.appender.size)
        self._queue: list[_Waiting] = []
        self._wake = Event()
        self._running = True
        self._thread = eventlet.spawn(self._loop)

    def submit(self, body: bytes) -> None:
        """Return once the record in ``body`` is in the log (or dead-lettered); raise if the
        batch could not be stored, so the message is delivered again."""
        waiting = _Waiting(body, Event())
        self._queue.append(waiting)
        if not self._wake.ready():
            self._wake.send(True)
        error = waiting.done.wait()
        if error is not None:
            raise error

    def stop(self) -> None:
        self._running = False
        if not self._wake.ready():
            self._wake.send(True)
        self._thread.wait()

    def _loop(self) -> None:
        while self._running or self._queue:
            if not self._queue:
                self._wake.wait()
                self._wake.reset()
                continue
            eventlet.sleep(0)  # let the deliveries already in hand join this batch
            taken, self._queue = self._queue[: self.batch], self._queue[self.batch :]
            try:
                self._append(taken)
                outcome: Exception | None = None
            except Exception as exc:  # the store failed: every message is delivered again
                log.exception("audit batch of %d not stored; will be redelivered", len(taken))
                outcome = exc
            for waiting in taken:
                waiting.done.send(outcome)

    def _append(self, taken: list[_Waiting]) -> None:
        started = time.perf_counter()
        records = []
        for waiting in taken:
            try:
                records.append(entries.record_from_event(waiting.body))
            except entries.InvalidRecord as exc:
                self._dead_letter(waiting.body, str(exc))
        appended = self.appender.append(records) if records else []
        RECORDS.inc(len(appended))
        BATCH_RECORDS.observe(len(taken))
        LOG_SIZE.set(self.appender.size)
        APPEND_SECONDS.observe(time.perf_counter() - started)
        if appended and self.observe is not None:
            try:
                self.observe(appended)
            except Exception:  # risk rules must never hold the log back
                log.exception("risk rules failed on leaves from %d", appended[0].leaf_index)

    def _dead_letter(self, body: bytes, reason: str) -> None:
        try:
            event_id = parse_envelope(body).event_id or _digest(body)
        except Exception:
            event_id = _digest(body)
        self.log.dead_letter(event_id, body, reason)
        DEAD_LETTERS.inc()
        log.warning("audit event %s kept as a dead letter: %s", event_id, reason)


def _digest(body: bytes) -> str:
    import hashlib

    return "sha256:" + hashlib.sha256(body).hexdigest()
