"""Events on the bus: the protobuf envelope, the AMQP wire format and the confirmed publisher.

An event is a ``gov.events.v1.EventEnvelope`` whose ``payload`` packs one payload message; it
travels as the raw protobuf bytes of the envelope (content type ``application/x-protobuf``)
on nameko's topic exchange ``<source service>.events``, routed by the payload's full name.
Using nameko's own exchange and queue naming lets a plain ``@event_handler`` consume it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

import kombu.serialization
from google.protobuf.message import Message

from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.runtime import context
from govdata.runtime.amqp import amqp_params
from govdata.runtime.config import Settings

CONTENT_TYPE = "application/x-protobuf"
SERIALIZER = "protobuf"


def _identity(body: bytes) -> bytes:
    return body


# Bodies are already protobuf bytes: the "serializer" passes them through untouched, and
# registering it lets nameko's consumers accept the content type.
kombu.serialization.register(
    SERIALIZER, _identity, _identity, content_type=CONTENT_TYPE, content_encoding="binary"
)


def event_type_of(payload: Message) -> str:
    return payload.DESCRIPTOR.full_name


def new_envelope(source: str, payload: Message, subject: str = "") -> events_pb2.EventEnvelope:
    """Wrap ``payload`` with a fresh event id, the time, and the current call's identity."""
    ctx = context.current()
    env = events_pb2.EventEnvelope(
        event_id=str(uuid.uuid4()),
        event_type=event_type_of(payload),
        source=source,
        actor=common_pb2.Actor(system=ctx.system, person=ctx.person, organization=ctx.organization),
        trace=common_pb2.TraceContext(traceparent=ctx.traceparent),
        request_id=ctx.request_id,
        subject=subject,
    )
    env.time.FromDatetime(datetime.now(UTC))
    env.payload.Pack(payload)
    return env


def parse_envelope(body: bytes) -> events_pb2.EventEnvelope:
    """Decode an envelope from the wire; raises ``DecodeError`` on garbage."""
    env = events_pb2.EventEnvelope()
    env.ParseFromString(body)
    if not env.event_id or not env.event_type:
        raise ValueError("event envelope without event_id or event_type")
    return env


class Publisher(Protocol):
    """Sends one serialized envelope and returns only once the broker has confirmed it."""

    def publish(self, source: str, event_type: str, event_id: str, body: bytes) -> None: ...


class AmqpPublisher:
    """Publishes persistent, mandatory messages with publisher confirms (nameko's publisher).

    ``mandatory`` makes the broker hand back an event no queue is bound for (a consumer that
    has never started yet) instead of dropping it; the publish then fails and the event stays
    in the outbox until a consumer's queue exists. Every event type therefore needs a
    consumer; an event nobody consumes shows up as outbox backlog, not as silent loss.

    Connections come from kombu's process-wide pool, keyed by the URI but not by the TLS
    options: all publishers of one process must use the same ``ssl`` for one URI.
    """

    def __init__(self, amqp_uri: str, ssl: Mapping[str, Any] | None = None) -> None:
        """``ssl``: py-amqp TLS options, as ``amqp_params`` makes them (None: plain AMQP)."""
        from nameko.amqp.publish import Publisher as NamekoPublisher
        from nameko.standalone.events import get_event_exchange

        self._exchange = get_event_exchange
        self._publisher = NamekoPublisher(
            amqp_uri,
            serializer=SERIALIZER,
            use_confirms=True,
            delivery_mode=2,
            mandatory=True,
            ssl=dict(ssl) if ssl is not None else None,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> AmqpPublisher:
        """The publisher connecting as the workers do: configured credentials and TLS."""
        params = amqp_params(settings)
        return cls(params.uri, params.ssl)

    def publish(self, source: str, event_type: str, event_id: str, body: bytes) -> None:
        # nameko's own declaration (durable topic exchange), so both sides agree on it.
        exchange = self._exchange(source, {})
        self._publisher.publish(
            body,
            exchange=exchange,
            routing_key=event_type,
            declare=[exchange],
            message_id=event_id,
            retry=False,
        )
