"""The outbox relay's rules on the real FerretDB, with a publisher that records what it sends."""

from __future__ import annotations

import pytest

from gov.events.v1 import events_pb2
from govdata.runtime import outbox
from govdata.runtime.events import parse_envelope


class RecordingPublisher:
    def __init__(self, fail_after: int | None = None) -> None:
        self.sent: list[tuple[str, str, str, bytes]] = []
        self.fail_after = fail_after

    def publish(self, source: str, event_type: str, event_id: str, body: bytes) -> None:
        if self.fail_after is not None and len(self.sent) >= self.fail_after:
            raise ConnectionError("broker down")
        self.sent.append((source, event_type, event_id, body))


def changed(name: str, revision: int) -> events_pb2.InformationResourceChanged:
    return events_pb2.InformationResourceChanged(
        kind=events_pb2.CHANGE_KIND_UPDATED, name=name, revision=revision
    )


@pytest.fixture
def collection(mongo_db):
    return mongo_db["resources"]


def test_event_is_part_of_the_same_document_write(collection) -> None:
    item = outbox.entry("catalog", changed("organizations/a/resources/r1", 1))
    collection.insert_one(outbox.on_insert({"_id": "r1", "title": "x"}, item))
    stored = collection.find_one({"_id": "r1"})
    assert stored[outbox.PENDING] is True
    assert [e["event_id"] for e in stored[outbox.OUTBOX]] == [item["event_id"]]


def test_relay_publishes_in_order_and_empties_the_outbox(collection) -> None:
    first = outbox.entry("catalog", changed("r", 1))
    second = outbox.entry("catalog", changed("r", 2))
    collection.insert_one(outbox.on_insert({"_id": "r"}, first))
    collection.update_one({"_id": "r"}, outbox.on_update({"$set": {"v": 2}}, second))
    publisher = RecordingPublisher()
    relay = outbox.OutboxRelay([collection], "catalog", publisher)

    assert relay.drain() == 2

    assert [s[2] for s in publisher.sent] == [first["event_id"], second["event_id"]]
    assert publisher.sent[0][1] == "gov.events.v1.InformationResourceChanged"
    envelope = parse_envelope(publisher.sent[1][3])
    payload = events_pb2.InformationResourceChanged()
    assert envelope.payload.Unpack(payload) and payload.revision == 2
    stored = collection.find_one({"_id": "r"})
    assert stored[outbox.OUTBOX] == [] and outbox.PENDING not in stored and stored["v"] == 2
    assert relay.drain() == 0  # nothing is sent twice


def test_broker_outage_keeps_unconfirmed_events(collection) -> None:
    items = [outbox.entry("catalog", changed("r", i)) for i in (1, 2, 3)]
    collection.insert_one(outbox.on_insert({"_id": "r"}, *items))
    relay = outbox.OutboxRelay([collection], "catalog", RecordingPublisher(fail_after=1))

    with pytest.raises(ConnectionError):
        relay.drain()

    left = collection.find_one({"_id": "r"})
    assert [e["event_id"] for e in left[outbox.OUTBOX]] == [i["event_id"] for i in items[1:]]
    assert left[outbox.PENDING] is True
    assert outbox.LEASE not in left  # released at once, not left to expire

    publisher = RecordingPublisher()
    assert outbox.OutboxRelay([collection], "catalog", publisher).drain() == 2
    assert [s[2] for s in publisher.sent] == [i["event_id"] for i in items[1:]]


def test_tombstones_and_ephemeral_carriers_go_once_sent(collection) -> None:
    collection.insert_one(
        outbox.on_insert({"_id": "gone", outbox.DELETED: True}, outbox.entry("c", changed("g", 3)))
    )
    collection.insert_one(
        outbox.on_insert(
            {"_id": "audit", outbox.EPHEMERAL: True}, outbox.entry("c", changed("a", 1))
        )
    )
    collection.insert_one(outbox.on_insert({"_id": "kept"}, outbox.entry("c", changed("k", 1))))

    assert outbox.OutboxRelay([collection], "c", RecordingPublisher()).drain() == 3

    assert sorted(d["_id"] for d in collection.find()) == ["kept"]


def test_a_leased_document_is_left_to_its_relay(collection) -> None:
    """Replicas on MongoDB: a relay's lease keeps the others off the document."""
    collection.insert_one(outbox.on_insert({"_id": "r"}, outbox.entry("c", changed("r", 1))))
    holder = outbox.OutboxRelay([collection], "c", RecordingPublisher(), leases=True)
    assert holder._claim(collection, "r") is not None

    other = RecordingPublisher()
    assert outbox.OutboxRelay([collection], "c", other, leases=True).drain() == 0
    assert other.sent == []


def test_the_only_relay_on_ferretdb_writes_no_lease(collection) -> None:
    """FerretDB runs one api per service: its relay reads the outbox alone and writes the
    document once, when it drops what was sent."""
    item = outbox.entry("c", changed("r", 1))
    collection.insert_one(outbox.on_insert({"_id": "r", "big": "x" * 1000}, item))
    relay = outbox.OutboxRelay([collection], "c", RecordingPublisher())
    claimed = relay._claim(collection, "r")
    assert claimed is not None and "big" not in claimed  # the outbox only
    assert outbox.LEASE not in collection.find_one({"_id": "r"})
    assert relay.drain() == 1
    stored = collection.find_one({"_id": "r"})
    assert stored[outbox.OUTBOX] == [] and stored["big"] == "x" * 1000


def test_backlog_gauge_counts_documents_waiting(collection) -> None:
    from govdata.runtime import metrics

    collection.insert_one(
        outbox.on_insert({"_id": "r"}, *[outbox.entry("c", changed("r", i)) for i in (1, 2)])
    )
    broken = outbox.OutboxRelay([collection], "c", RecordingPublisher(fail_after=0))
    with pytest.raises(ConnectionError):
        broken.drain()
    broken._update_gauges()
    assert metrics.OUTBOX_BACKLOG._value.get() == 1
    working = outbox.OutboxRelay([collection], "c", RecordingPublisher())
    assert working.drain() == 2
    working._update_gauges()
    assert metrics.OUTBOX_BACKLOG._value.get() == 0


def test_a_document_written_again_while_relayed_is_not_forgotten(collection) -> None:
    collection.insert_one(outbox.on_insert({"_id": "r"}, outbox.entry("c", changed("r", 1))))

    class WriterMeanwhile(RecordingPublisher):
        def publish(self, source, event_type, event_id, body):
            super().publish(source, event_type, event_id, body)
            if len(self.sent) == 1:  # a second write lands while the first is being relayed
                collection.update_one(
                    {"_id": "r"},
                    outbox.on_update({"$set": {"v": 2}}, outbox.entry("c", changed("r", 2))),
                )
                relay.notify(collection.name, "r")

    publisher = WriterMeanwhile()
    relay = outbox.OutboxRelay([collection], "c", publisher)
    relay.notify(collection.name, "r")
    assert relay.relay_pending() == 1
    assert relay.relay_pending() == 1  # the second event, announced during the first pass
    assert len(publisher.sent) == 2 and collection.find_one({"_id": "r"})[outbox.OUTBOX] == []


def test_announced_documents_are_relayed_without_a_scan(collection) -> None:
    collection.insert_one(outbox.on_insert({"_id": "r"}, outbox.entry("c", changed("r", 1))))
    publisher = RecordingPublisher()
    relay = outbox.OutboxRelay([collection], "c", publisher)
    relay.notify(collection.name, "r")
    relay.notify("someone-elses-collection", "x")  # ignored
    assert relay.relay_pending() == 1
    assert relay.relay_pending() == 0
    assert len(publisher.sent) == 1


def test_one_undeliverable_document_does_not_hold_back_the_others(collection) -> None:
    class Picky(RecordingPublisher):
        def publish(self, source, event_type, event_id, body):
            if event_type.endswith("OrganizationChanged"):
                raise LookupError("no queue bound")
            super().publish(source, event_type, event_id, body)

    collection.insert_one(
        outbox.on_insert({"_id": "a"}, outbox.entry("c", events_pb2.OrganizationChanged(name="o")))
    )
    collection.insert_one(outbox.on_insert({"_id": "b"}, outbox.entry("c", changed("r", 1))))
    publisher = Picky()

    assert outbox.OutboxRelay([collection], "c", publisher).drain() == 1

    assert [s[1] for s in publisher.sent] == ["gov.events.v1.InformationResourceChanged"]
    assert collection.find_one({"_id": "a"})[outbox.PENDING] is True
