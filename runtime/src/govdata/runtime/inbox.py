"""Idempotent event consumption: an event id seen twice is applied once.

RabbitMQ delivers at least once (a redelivery after a crash, a duplicate publish by the outbox
relay), so each consumer remembers the ids it has applied in its own store. The id is marked
applied only after the effect is stored: a crash in between applies the event again, so
effects must themselves be safe to repeat (upserts, version-guarded writes); the inbox turns
the common case, a plain redelivery, into a no-op.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from google.protobuf.message import DecodeError, Message
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

from gov.events.v1 import events_pb2
from govdata.runtime import metrics
from govdata.runtime.events import parse_envelope

log = logging.getLogger(__name__)

P = TypeVar("P", bound=Message)


class Inbox(Protocol):
    def begin(self, event_id: str, event_type: str) -> bool:
        """True if this delivery must be applied; False if the event was applied before."""

    def done(self, event_id: str) -> None:
        """The event's effect is stored: later deliveries are duplicates."""


class MongoInbox:
    """Applied event ids in the consumer's own database (collection ``inbox``).

    The id is inserted as ``applying`` before the effect and marked ``applied`` after, so
    the usual path is an insert and an update by ``_id`` and never a lookup that misses
    (a miss costs a scan on FerretDB). A delivery that finds ``applying`` left by a crash
    applies again; effects are written to be repeatable for exactly that case.
    """

    def __init__(self, collection: Collection) -> None:
        self._collection = collection

    def begin(self, event_id: str, event_type: str) -> bool:
        try:
            self._collection.insert_one(
                {
                    "_id": event_id,
                    "event_type": event_type,
                    "state": "applying",
                    "received": datetime.now(UTC),
                }
            )
            return True
        except DuplicateKeyError:
            earlier = self._collection.find_one({"_id": event_id})
            return earlier is None or earlier.get("state") != "applied"

    def done(self, event_id: str) -> None:
        self._collection.update_one(
            {"_id": event_id}, {"$set": {"state": "applied", "applied": datetime.now(UTC)}}
        )


class MemoryInbox:
    """In-memory inbox for unit tests of handlers."""

    def __init__(self) -> None:
        self.ids: set[str] = set()

    def begin(self, event_id: str, event_type: str) -> bool:
        return event_id not in self.ids

    def done(self, event_id: str) -> None:
        self.ids.add(event_id)


class Outcome:
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


def apply_once(
    inbox: Inbox,
    body: bytes,
    payload_type: type[P],
    apply: Callable[[events_pb2.EventEnvelope, P], None],
) -> str:
    """Decode ``body``, skip it if already applied, else ``apply`` it and remember its id.

    Undecodable or mistyped events are rejected (logged, counted, not retried: retrying a
    malformed message can never succeed). Exceptions from ``apply`` propagate so the
    broker redelivers the event.
    """
    expected = payload_type.DESCRIPTOR.full_name
    try:
        envelope = parse_envelope(body)
        payload = payload_type()
        if not envelope.payload.Unpack(payload):
            raise ValueError(f"payload is {envelope.payload.type_url}, expected {expected}")
    except (DecodeError, ValueError) as exc:
        log.error("rejected malformed %s event: %s", expected, exc)
        metrics.EVENTS_CONSUMED.labels(expected, Outcome.REJECTED).inc()
        return Outcome.REJECTED
    if not inbox.begin(envelope.event_id, expected):
        metrics.EVENTS_CONSUMED.labels(expected, Outcome.DUPLICATE).inc()
        return Outcome.DUPLICATE
    try:
        apply(envelope, payload)
    except Exception:
        metrics.EVENTS_CONSUMED.labels(expected, "failed").inc()
        raise
    inbox.done(envelope.event_id)
    metrics.EVENTS_CONSUMED.labels(expected, Outcome.APPLIED).inc()
    return Outcome.APPLIED
