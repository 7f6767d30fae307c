"""The fail-closed audit trail on the real FerretDB: group commit and the carriers' fast path."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from pymongo import MongoClient

from govdata.runtime import context, outbox
from govdata.runtime.audit import AccessNote, OutboxAuditTrail
from govdata.runtime.errors import Unavailable

from .test_outbox_rules import RecordingPublisher


def test_concurrent_calls_are_each_stored_before_they_return(mongo_db) -> None:
    carried: list[dict] = []
    trail = OutboxAuditTrail(
        mongo_db[OutboxAuditTrail.COLLECTION],
        "catalog",
        carry=lambda name, docs: carried.extend(docs),
    )

    def call(i: int) -> str:
        token = context.bind(context.CallContext(request_id=f"req-{i}", system="s"))
        try:
            trail.record("/gov.catalog.v1.CatalogService/GetOrganization", "OK", AccessNote())
        finally:
            context.reset(token)
        # The record is durable by the time record() returns: read it back at once.
        stored = mongo_db[OutboxAuditTrail.COLLECTION].count_documents({"request_id": f"req-{i}"})
        assert stored == 1
        return f"req-{i}"

    with ThreadPoolExecutor(max_workers=24) as pool:
        done = list(pool.map(call, range(120)))
    assert len(done) == 120
    assert sorted(d["request_id"] for d in carried) == sorted(done)


def test_a_store_that_cannot_be_written_fails_the_call() -> None:
    client = MongoClient("mongodb://127.0.0.1:1/", serverSelectionTimeoutMS=200)
    trail = OutboxAuditTrail(client["x"]["audit_outbox"], "catalog", timeout_seconds=5)
    with pytest.raises(Unavailable, match="audit trail cannot be written"):
        trail.record("/m", "OK", AccessNote())
    client.close()


def test_carried_records_are_published_from_memory_and_then_deleted(mongo_db) -> None:
    collection = mongo_db[OutboxAuditTrail.COLLECTION]
    publisher = RecordingPublisher(fail_after=3)
    relay = outbox.OutboxRelay([collection], "catalog", publisher)
    trail = OutboxAuditTrail(collection, "catalog", carry=relay.carry)
    for i in range(5):
        token = context.bind(context.CallContext(request_id=f"r{i}", system="s"))
        try:
            trail.record("/m", "OK", AccessNote())
        finally:
            context.reset(token)
    deadline = time.monotonic() + 5
    while collection.count_documents({}) < 5 or len(relay._carriers) < 5:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    with pytest.raises(ConnectionError):
        relay.relay_carriers()
    # Three went out and are gone; two wait, in memory and in the store.
    assert len(publisher.sent) == 3 and collection.count_documents({}) == 2
    publisher.fail_after = None
    assert relay.relay_carriers() == 2
    assert collection.count_documents({}) == 0
    assert [s[1] for s in publisher.sent] == ["gov.events.v1.AccessRecorded"] * 5
    assert len({s[2] for s in publisher.sent}) == 5  # each record once
    assert relay.drain() == 0  # and the scan finds nothing left to send
