"""Records stored before the log existed (one document per event, with the event's bytes)
enter the log on its first start, in the order they were received, each once; an event
that cannot be a record is kept as a dead letter, and a second start does nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.audit import entries, migration
from govdata.audit.log import Appender, AuditLog
from govdata.runtime.events import new_envelope
from govdata_client.audit_records import leaf_hash_of
from govdata_client.merkle import root_from_leaf_hashes

RECEIVED = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def legacy_document(n: int, received: datetime) -> dict[str, Any]:
    """A document as the pre-log worker stored it: the readable fields, the event's bytes."""
    access = events_pb2.AccessRecorded(
        request_id=f"req-{n}",
        method="/gov.catalog.v1.CatalogService/GetOrganization",
        actor=common_pb2.Actor(system="district-portal", person=f"clerk-{n}"),
        outcome="OK",
        resource="organizations/minzheng",
        service="catalog",
    )
    access.time.FromDatetime(received - timedelta(seconds=1))
    envelope = new_envelope("catalog", access)
    return {
        "_id": envelope.event_id,
        "request_id": access.request_id,
        "actor": {"system": "district-portal", "person": f"clerk-{n}"},
        "source": "catalog",
        "received": received,
        "envelope": envelope.SerializeToString(),
    }


def test_pre_log_records_are_appended_in_received_order_once(audit_log: AuditLog) -> None:
    """Stored out of order, appended by ``received``; the garbage one dead-lettered with
    its reason; the set-aside collection dropped; the log's documents are the new format."""
    documents = [legacy_document(n, RECEIVED + timedelta(minutes=n)) for n in range(6)]
    stored_order = [documents[i] for i in (3, 0, 5, 1, 4, 2)]
    audit_log.records.insert_many(stored_order)
    garbage = {"_id": "broken-1", "received": RECEIVED, "envelope": b"\x00\xffnot an envelope"}
    audit_log.records.insert_one(garbage)

    appended = migration.migrate_unsequenced(audit_log, Appender(audit_log))

    assert appended == 6
    collections = audit_log.database.list_collection_names()
    assert migration.LEGACY not in collections
    placed = sorted(audit_log.records.find({}), key=lambda d: d["leaf_index"])
    assert [d["_id"] for d in placed] == [d["_id"] for d in documents]
    assert [d["leaf_index"] for d in placed] == list(range(6))
    held = audit_log.records_at(range(6))
    records = [held[i] for i in range(6)]
    assert [r.request_id for r in records] == [f"req-{n}" for n in range(6)]
    expected = [leaf_hash_of(entries.record_from_event(d["envelope"])) for d in documents]
    assert [r.leaf_hash for r in records] == expected
    assert audit_log.committed() == (6, root_from_leaf_hashes(expected))

    dead: Any = audit_log.dead_letters.find_one({"_id": "broken-1"})
    assert dead is not None and dead["body"] == garbage["envelope"]
    assert dead["reason"].startswith("stored before the log: not an event envelope")
    assert audit_log.records.find_one({"_id": "broken-1"}) is None

    assert migration.migrate_unsequenced(audit_log, Appender(audit_log)) == 0
    assert audit_log.committed() == (6, root_from_leaf_hashes(expected))
    assert audit_log.records.count_documents({}) == 6
    assert audit_log.dead_letters.count_documents({}) == 1


def test_a_migration_cut_short_runs_again_from_the_set_aside_records(
    audit_log: AuditLog,
) -> None:
    """A crash after some were appended (the set-aside collection still there): the next
    start appends the rest, and the ones already in the log once."""
    documents = [legacy_document(n, RECEIVED + timedelta(minutes=n)) for n in range(5)]
    audit_log.records.insert_many(documents)
    audit_log.records.rename(migration.LEGACY)
    appender = Appender(audit_log)
    appender.append([entries.record_from_event(d["envelope"]) for d in documents[:2]])

    assert migration.migrate_unsequenced(audit_log, Appender(audit_log)) == 3
    placed = sorted(audit_log.records.find({}), key=lambda d: d["leaf_index"])
    assert [d["_id"] for d in placed] == [d["_id"] for d in documents]
    assert migration.LEGACY not in audit_log.database.list_collection_names()


def test_an_empty_or_already_started_log_has_nothing_to_migrate(audit_log: AuditLog) -> None:
    """A fresh install starts the log without a migration."""
    assert migration.migrate_unsequenced(audit_log, Appender(audit_log)) == 0
    assert audit_log.committed()[0] == 0
