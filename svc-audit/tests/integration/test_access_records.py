"""svc-audit keeps each access record once, on the real FerretDB, whoever emitted it."""

from __future__ import annotations

from nameko.testing.services import worker_factory

from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2 as e
from govdata.audit.worker import AuditWorker
from govdata.runtime.events import new_envelope
from govdata.runtime.inbox import MongoInbox


def record(request_id: str) -> bytes:
    access = e.AccessRecorded(
        request_id=request_id,
        method="/gov.catalog.v1.CatalogService/GetInformationResource",
        actor=cm.Actor(system="civil-affairs-portal", person="clerk-1"),
        outcome="OK",
        resource="organizations/minzheng/resources/dibao",
        service="catalog",
    )
    return new_envelope("catalog", access).SerializeToString()


def test_each_record_is_stored_once(mongo_db) -> None:
    worker = worker_factory(AuditWorker, database=mongo_db, inbox=MongoInbox(mongo_db["inbox"]))
    body = record("req-1")
    worker.from_catalog(body)
    worker.from_catalog(body)  # redelivery
    worker.from_search(record("req-2"))

    stored = {d["request_id"]: d for d in mongo_db["records"].find()}
    assert sorted(stored) == ["req-1", "req-2"]
    assert stored["req-1"]["actor"]["system"] == "civil-affairs-portal"
    assert stored["req-1"]["envelope"] == body  # the original bytes, for later hashing


def test_a_malformed_record_is_rejected_not_stored(mongo_db) -> None:
    worker = worker_factory(AuditWorker, database=mongo_db, inbox=MongoInbox(mongo_db["inbox"]))
    worker.from_exchange(b"\x00garbage")
    assert mongo_db["records"].count_documents({}) == 0
