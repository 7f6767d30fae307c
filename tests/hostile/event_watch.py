"""Listens to every service's events, so a refused call that still wrote is caught anywhere.

Every domain write in govdata stores its event in the same document write (the outbox), and
each event names the request that caused it. A refused call whose request id shows up on a
domain event therefore changed a stored document, even one in a collection too large to
compare after every call. Access records (``AccessRecorded``) are written for every call by
design and are not counted.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable

import kombu
from google.protobuf.message import DecodeError

from gov.events.v1 import events_pb2

ACCESS_RECORDED = "gov.events.v1.AccessRecorded"


class EventWatch:
    """A private, auto-deleted queue bound to ``<service>.events`` for all routing keys."""

    def __init__(self, amqp_uri: str, services: Iterable[str]) -> None:
        self.by_request: dict[str, list[str]] = defaultdict(list)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._connection = kombu.Connection(amqp_uri, connect_timeout=5)
        self._queue = kombu.Queue(
            exclusive=True,
            auto_delete=True,
            bindings=[
                kombu.binding(
                    kombu.Exchange(f"{service}.events", type="topic", durable=True),
                    routing_key="#",
                )
                for service in services
            ],
        )
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hostile-event-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(15):
            raise RuntimeError("could not bind a queue to the services' event exchanges")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._connection.release()

    def domain_events(self, request_id: str) -> list[str]:
        """Domain event types (``type subject``) seen so far for ``request_id``."""
        with self._lock:
            return list(self.by_request.get(request_id, ()))

    def _on_message(self, message: kombu.Message) -> None:
        envelope = events_pb2.EventEnvelope()
        try:
            envelope.ParseFromString(message.body)
        except DecodeError:
            envelope.event_type = "undecodable"
        if envelope.event_type != ACCESS_RECORDED and envelope.request_id:
            with self._lock:
                self.by_request[envelope.request_id].append(
                    f"{envelope.event_type} {envelope.subject}"
                )
        message.ack()

    def _run(self) -> None:
        # on_message: the raw body, without kombu decoding it by its content type.
        with self._connection.Consumer(self._queue, on_message=self._on_message) as consumer:
            consumer.consume()
            self._ready.set()
            while not self._stop.is_set():
                try:
                    self._connection.drain_events(timeout=0.5)
                except TimeoutError:
                    continue
