"""The catalogue worker's gauge of resources by share type and state."""

from __future__ import annotations

from nameko.testing.services import worker_factory

from gov.events.v1 import events_pb2
from govdata.catalog.worker import DEMANDS, DUTIES, RESOURCES, SYSTEMS, CatalogWorker
from govdata.runtime.events import new_envelope


def test_gauge_skips_tombstones(mongo_db) -> None:
    database = mongo_db
    database["resources"].insert_many(
        [
            {"share_type": "SHARE_TYPE_CONDITIONAL", "state": "RESOURCE_STATE_PUBLISHED"},
            {"share_type": "SHARE_TYPE_CONDITIONAL", "state": "RESOURCE_STATE_PUBLISHED"},
            {
                "share_type": "SHARE_TYPE_CONDITIONAL",
                "state": "RESOURCE_STATE_DRAFT",
                "_deleted": True,
            },
        ]
    )
    worker_factory(CatalogWorker, database=database).refresh_gauges()
    assert RESOURCES.labels("SHARE_TYPE_CONDITIONAL", "RESOURCE_STATE_PUBLISHED")._value.get() == 2
    assert RESOURCES.labels("SHARE_TYPE_CONDITIONAL", "RESOURCE_STATE_DRAFT")._value.get() == 0


def test_inventory_gauges_and_the_inventory_events_they_consume(mongo_db) -> None:
    mongo_db["systems"].insert_many(
        [
            {"status": "SYSTEM_STATUS_IN_OPERATION"},
            {"status": "SYSTEM_STATUS_MAINTENANCE_STOPPED"},
            {"status": "SYSTEM_STATUS_IN_OPERATION", "_deleted": True},
        ]
    )
    mongo_db["demands"].insert_one({"state": "DEMAND_STATE_OPEN"})
    mongo_db["duties"].insert_many([{"kind": "DUTY_KIND_OTHER_POWER"} for _ in range(3)])
    worker = worker_factory(CatalogWorker, database=mongo_db)
    for handler, payload in (
        (worker.on_duty_changed, events_pb2.DutyChanged(name="organizations/a/duties/d")),
        (
            worker.on_system_changed,
            events_pb2.InformationSystemChanged(name="organizations/a/systems/s"),
        ),
        (
            worker.on_demand_changed,
            events_pb2.SharingDemandChanged(name="organizations/a/demands/q"),
        ),
    ):
        handler(new_envelope("catalog", payload).SerializeToString())  # acknowledged
        handler(b"not an envelope")  # rejected, not retried
    worker.refresh_gauges()
    assert SYSTEMS.labels("SYSTEM_STATUS_IN_OPERATION")._value.get() == 1
    assert SYSTEMS.labels("SYSTEM_STATUS_MAINTENANCE_STOPPED")._value.get() == 1
    assert DEMANDS.labels("DEMAND_STATE_OPEN")._value.get() == 1
    assert DUTIES._value.get() == 3
