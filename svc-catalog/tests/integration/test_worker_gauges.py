"""The catalogue's gauges (counted by the api from its read model, on the real FerretDB) and
the catalogue events the worker only acknowledges."""

from __future__ import annotations

from nameko.testing.services import worker_factory
from prometheus_client import CollectorRegistry

from gov.catalog.v1 import catalog_pb2 as c
from gov.events.v1 import events_pb2
from govdata.catalog.duties import Duties
from govdata.catalog.gauges import CatalogueGauges
from govdata.catalog.worker import CatalogWorker
from govdata.runtime import metrics
from govdata.runtime.events import new_envelope

from .test_read_model import resource, served_catalogue

MZ = "organizations/minzheng"


def test_gauges_count_live_records_by_state_as_scraped(mongo_db) -> None:
    store, model, catalog = served_catalogue(mongo_db)
    registry = CollectorRegistry()
    registry.register(CatalogueGauges(model))
    a = catalog.create_resource(MZ, "a", resource("甲"))
    catalog.create_resource(MZ, "b", resource("乙"))
    gone = catalog.create_resource(MZ, "c", resource("丙"))
    catalog.transition(a.name, a.etag, c.RESOURCE_STATE_SUBMITTED)
    catalog.delete_resource(gone.name, gone.etag)  # a tombstone counts for nothing
    Duties(store).create(
        MZ, "d", c.Duty(display_name="低保认定", kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION)
    )

    def value(name: str, **labels: str) -> float | None:
        return registry.get_sample_value(name, labels)

    share = "SHARE_TYPE_UNCONDITIONAL"
    assert value("govdata_catalog_resources", share_type=share, state="RESOURCE_STATE_DRAFT") == 1
    assert (
        value("govdata_catalog_resources", share_type=share, state="RESOURCE_STATE_SUBMITTED") == 1
    )
    assert value("govdata_catalog_duties") == 1
    # a later write shows on the next scrape
    catalog.create_resource(MZ, "e", resource("丁"))
    assert value("govdata_catalog_resources", share_type=share, state="RESOURCE_STATE_DRAFT") == 2


def test_the_worker_acknowledges_inventory_events_and_rejects_malformed_ones() -> None:
    worker = worker_factory(CatalogWorker)
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
        event_type = f"gov.events.v1.{type(payload).__name__}"

        def count(result: str, event_type: str = event_type) -> float:
            return metrics.EVENTS_CONSUMED.labels(event_type, result)._value.get()

        before = count("applied"), count("rejected")
        handler(new_envelope("catalog", payload).SerializeToString())  # acknowledged
        handler(b"not an envelope")  # rejected, not retried
        assert (count("applied"), count("rejected")) == (before[0] + 1, before[1] + 1)
