"""The exchange's resource view on the real FerretDB: redeliveries and reordering change nothing."""

from __future__ import annotations

from nameko.testing.services import worker_factory

from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2 as e
from govdata.exchange.worker import ExchangeWorker
from govdata.runtime.events import new_envelope
from govdata.runtime.inbox import MemoryInbox, MongoInbox

from ..unit.test_sharing_terms import NAME, changed


def test_view_follows_the_newest_revision(mongo_db) -> None:
    worker = worker_factory(ExchangeWorker, database=mongo_db, inbox=MongoInbox(mongo_db["inbox"]))
    first = new_envelope("catalog", changed(1, cm.SHARE_TYPE_UNCONDITIONAL)).SerializeToString()
    third = new_envelope("catalog", changed(3, cm.SHARE_TYPE_CONDITIONAL)).SerializeToString()
    deleted = new_envelope(
        "catalog", e.InformationResourceChanged(kind=e.CHANGE_KIND_DELETED, name=NAME, revision=4)
    ).SerializeToString()

    for body in (first, third, first, third):  # redelivered and out of order
        worker.on_resource_changed(body)
    stored = mongo_db["resources"].find_one({"_id": NAME})
    assert (stored["revision"], stored["share_type"]) == (3, "SHARE_TYPE_CONDITIONAL")
    assert mongo_db["inbox"].count_documents({}) == 2

    worker.on_resource_changed(deleted)
    assert mongo_db["resources"].find_one({"_id": NAME})["deleted"] is True


def test_a_late_older_event_does_not_overwrite_a_newer_one(mongo_db) -> None:
    database = mongo_db
    worker = worker_factory(ExchangeWorker, database=database, inbox=MemoryInbox())
    for revision, share in ((2, cm.SHARE_TYPE_NOT_SHARED), (1, cm.SHARE_TYPE_UNCONDITIONAL)):
        body = new_envelope("catalog", changed(revision, share)).SerializeToString()
        worker.on_resource_changed(body)
    stored = database["resources"].find_one({"_id": NAME})
    assert stored["revision"] == 2 and stored["share_type"] == "SHARE_TYPE_NOT_SHARED"
