"""Ingest: access records from RabbitMQ into the log, a batch at a time, acknowledged after.

Every service's relay publishes ``AccessRecorded`` events; this consumer takes up to
``GOVDATA_AUDIT_BATCH`` of them at once (prefetch twice that), appends the batch in one go
and only then acknowledges it with one ``basic_ack(multiple=True)``. A batch that cannot be
stored is handed back to the broker whole, to come again; a crash before the ack means a
redelivery, which the log absorbs (each record id once).

Why not nameko's event handlers, as the other workers use: nameko runs one greenthread, one
worker context and one ack per message, which measured about 700 messages/s here, while the
append itself took 0.11 s per 500 records. Audit must keep up with every call of every
service, so its one hot queue is consumed with kombu (nameko's own AMQP library) directly.
The queues are declared exactly as nameko's service-pool handlers declare them, so they are
the queues earlier versions consumed (nothing waiting in them is lost on upgrade).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence

import eventlet
from kombu import Connection, Consumer, Queue
from nameko.standalone.events import get_event_exchange

from gov.audit.v1 import audit_pb2
from govdata.audit import entries
from govdata.audit.log import Appender, AuditLog
from govdata.audit.metrics import APPEND_SECONDS, BATCH_RECORDS, DEAD_LETTERS, LOG_SIZE, RECORDS
from govdata.runtime import metrics
from govdata.runtime.amqp import AmqpParams
from govdata.runtime.events import parse_envelope

log = logging.getLogger(__name__)

Observer = Callable[[Sequence[audit_pb2.AuditRecord]], None]
LINGER_SECONDS = 0.02  # how long a batch waits for more deliveries once the queue is quiet
RETRY_SECONDS = 1.0


class LogWriter:
    """Turns a batch of event bodies into appended leaves (or dead letters)."""

    def __init__(self, audit_log: AuditLog, observe: Observer | None = None) -> None:
        self.log = audit_log
        self.observe = observe
        self.appender = Appender(audit_log)
        LOG_SIZE.set(self.appender.size)

    def take(self, bodies: Sequence[bytes]) -> list[audit_pb2.AuditRecord]:
        started = time.perf_counter()
        records = []
        for body in bodies:
            try:
                records.append(entries.record_from_event(body))
            except entries.InvalidRecord as exc:
                self._dead_letter(body, str(exc))
        appended = self.appender.append(records) if records else []
        RECORDS.inc(len(appended))
        BATCH_RECORDS.observe(len(bodies))
        LOG_SIZE.set(self.appender.size)
        APPEND_SECONDS.observe(time.perf_counter() - started)
        metrics.EVENTS_CONSUMED.labels(entries.ACCESS_RECORDED, "applied").inc(len(appended))
        duplicates = len(records) - len(appended)
        metrics.EVENTS_CONSUMED.labels(entries.ACCESS_RECORDED, "duplicate").inc(duplicates)
        if appended and self.observe is not None:
            try:
                self.observe(appended)
            except Exception:  # risk rules must never hold the log back
                log.exception("risk rules failed on leaves from %d", appended[0].leaf_index)
        return appended

    def _dead_letter(self, body: bytes, reason: str) -> None:
        try:
            event_id = parse_envelope(body).event_id or _digest(body)
        except Exception:
            event_id = _digest(body)
        self.log.dead_letter(event_id, body, reason)
        DEAD_LETTERS.inc()
        metrics.EVENTS_CONSUMED.labels(entries.ACCESS_RECORDED, "rejected").inc()
        log.warning("audit event %s kept as a dead letter: %s", event_id, reason)


def access_queues(service_name: str, sources: Sequence[str]) -> list[Queue]:
    """The queues nameko's ``@event_handler(source, AccessRecorded)`` methods named
    ``from_<source>`` of service ``service_name`` consume (same names, same declaration)."""
    return [
        Queue(
            f"evt-{source}-{entries.ACCESS_RECORDED}--{service_name}.from_{source}",
            exchange=get_event_exchange(source, {}),
            routing_key=entries.ACCESS_RECORDED,
            durable=True,
            auto_delete=False,
            exclusive=False,
        )
        for source in sources
    ]


class BatchConsumer:
    """Consumes ``queues`` in batches for ``writer``; reconnects after a broker outage."""

    def __init__(
        self, params: AmqpParams, queues: list[Queue], writer: LogWriter, batch: int
    ) -> None:
        self.params = params
        self.queues = queues
        self.writer = writer
        self.batch = batch
        self._running = True
        self._thread = eventlet.spawn(self._run)

    def stop(self) -> None:
        self._running = False
        self._thread.wait()

    def _run(self) -> None:
        while self._running:
            try:
                with Connection(self.params.uri, ssl=self.params.ssl or False) as connection:
                    self._consume(connection)
            except Exception as exc:  # the broker went away: deliveries not acked come again
                log.warning("audit ingest lost the broker (%s); reconnecting", exc)
                eventlet.sleep(RETRY_SECONDS)

    def _consume(self, connection: Connection) -> None:
        channel = connection.channel()
        channel.basic_qos(0, self.batch * 2, False)
        pending: list = []

        def received(message) -> None:  # type: ignore[no-untyped-def]
            if message.delivery_info.get("redelivered"):
                metrics.EVENTS_REDELIVERED.labels(entries.ACCESS_RECORDED).inc()
            pending.append(message)

        # on_message: the raw message, its body not run through a decoder (it is protobuf)
        consumer = Consumer(channel, queues=self.queues, on_message=received)
        with consumer:
            log.info("audit ingest consuming %s", ", ".join(q.name for q in self.queues))
            while self._running:
                try:
                    connection.drain_events(timeout=LINGER_SECONDS if pending else 1.0)
                    if len(pending) < self.batch:
                        continue
                except TimeoutError:  # (socket.timeout is TimeoutError)
                    if not pending:
                        continue
                taken, pending = pending[: self.batch], pending[self.batch :]
                self._take(channel, taken)

    def _take(self, channel, taken: list) -> None:  # type: ignore[no-untyped-def]
        try:
            self.writer.take([bytes(m.body) for m in taken])
        except Exception:
            log.exception("audit batch of %d not stored; handed back to the broker", len(taken))
            eventlet.sleep(RETRY_SECONDS)
            channel.basic_nack(taken[-1].delivery_tag, multiple=True, requeue=True)
            return
        channel.basic_ack(taken[-1].delivery_tag, multiple=True)


def _digest(body: bytes) -> str:
    return "sha256:" + hashlib.sha256(body).hexdigest()
