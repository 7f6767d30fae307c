"""The outbox relay and the inbox against the real FerretDB and the real RabbitMQ."""

from __future__ import annotations

import uuid

import kombu
import pytest
from nameko.amqp.publish import UndeliverableMessage

from gov.events.v1 import events_pb2
from govdata.runtime import outbox
from govdata.runtime.events import AmqpPublisher, parse_envelope
from govdata.runtime.inbox import MongoInbox, Outcome, apply_once
from govdata.runtime.testing import bound_queue


def test_relay_delivers_each_event_to_the_broker_with_its_identity(settings, mongo_db) -> None:
    source = f"test{uuid.uuid4().hex[:6]}"
    event_type = "gov.events.v1.InformationResourceChanged"
    with kombu.Connection(settings.amqp_uri) as connection:
        queue = bound_queue(connection, source, event_type)
        collection = mongo_db["resources"]
        items = [
            outbox.entry(
                source,
                events_pb2.InformationResourceChanged(
                    name="organizations/o/resources/r", revision=i
                ),
            )
            for i in (1, 2)
        ]
        collection.insert_one(outbox.on_insert({"_id": "r"}, items[0]))
        collection.update_one({"_id": "r"}, outbox.on_update({"$set": {"x": 1}}, items[1]))

        relay = outbox.OutboxRelay([collection], source, AmqpPublisher(settings.amqp_uri))
        assert relay.drain() == 2

        received = []
        with connection.SimpleQueue(queue) as simple:
            for _ in range(2):
                message = simple.get(timeout=5)
                received.append(message)
                message.ack()
        assert [m.properties.get("message_id") for m in received] == [i["event_id"] for i in items]
        assert all(m.properties.get("delivery_mode") == 2 for m in received)  # persistent
        revisions = []
        for m in received:
            payload = events_pb2.InformationResourceChanged()
            parse_envelope(m.body).payload.Unpack(payload)
            revisions.append(payload.revision)
        assert revisions == [1, 2]
        assert collection.find_one({"_id": "r"})[outbox.OUTBOX] == []


def test_inbox_on_the_real_store_applies_a_redelivery_once(mongo_db) -> None:
    inbox = MongoInbox(mongo_db["inbox"])
    body = outbox.entry("c", events_pb2.InformationResourceChanged(name="n", revision=1))["body"]
    applied: list[int] = []
    outcomes = [
        apply_once(
            inbox,
            body,
            events_pb2.InformationResourceChanged,
            lambda env, p: applied.append(p.revision),
        )
        for _ in range(3)
    ]
    assert outcomes == [Outcome.APPLIED, Outcome.DUPLICATE, Outcome.DUPLICATE]
    assert applied == [1]
    assert mongo_db["inbox"].count_documents({}) == 1


def test_an_event_no_queue_is_bound_for_stays_in_the_outbox(settings, mongo_db) -> None:
    """Before its consumer first starts, an event is kept, not dropped by the exchange."""
    source = f"test{uuid.uuid4().hex[:6]}"
    event_type = "gov.events.v1.OrganizationChanged"
    collection = mongo_db["organizations"]
    item = outbox.entry(source, events_pb2.OrganizationChanged(name="organizations/o", revision=1))
    collection.insert_one(outbox.on_insert({"_id": "o"}, item))
    relay = outbox.OutboxRelay([collection], source, AmqpPublisher(settings.amqp_uri))

    with pytest.raises(UndeliverableMessage):
        relay.drain()
    assert collection.find_one({"_id": "o"})[outbox.OUTBOX][0]["event_id"] == item["event_id"]

    with kombu.Connection(settings.amqp_uri) as connection:
        queue = bound_queue(connection, source, event_type)  # the consumer arrives
        assert relay.drain() == 1
        with connection.SimpleQueue(queue) as simple:
            message = simple.get(timeout=5)
            message.ack()
    assert message.properties.get("message_id") == item["event_id"]


def test_a_delivery_cut_short_by_a_crash_is_applied_again(mongo_db) -> None:
    inbox = MongoInbox(mongo_db["inbox"])
    assert inbox.begin("e1", "t") is True  # the worker dies before done()
    assert inbox.begin("e1", "t") is True  # the redelivery applies it
    inbox.done("e1")
    assert inbox.begin("e1", "t") is False
