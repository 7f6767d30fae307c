"""svc-catalog's nameko worker: keeps the catalogue's domain gauges current.

It publishes what monitoring staff watch: resources by share type and lifecycle state,
information systems by status, sharing demands by state, duties. It consumes the catalogue's
own duty, system and demand events to refresh the inventory gauges at once (the timer is the
safety net) — and because every event type needs a consumer: the outbox relay publishes
``mandatory``, so an event no queue is bound for would wait in its outbox for ever.
"""

from __future__ import annotations

from typing import Any

from nameko.timer import timer
from prometheus_client import Gauge

from gov.events.v1 import events_pb2
from govdata.runtime.inbox import apply_once
from govdata.runtime.worker import ServiceDatabase, ServiceInbox, event_handler

RESOURCES = Gauge(
    "govdata_catalog_resources",
    "Information resources in the catalogue, by share type and lifecycle state.",
    ["share_type", "state"],
)
SYSTEMS = Gauge(
    "govdata_catalog_systems",
    "Information systems in the inventory, by operating status.",
    ["status"],
)
DEMANDS = Gauge(
    "govdata_catalog_demands",
    "Sharing demands, by state.",
    ["state"],
)
DUTIES = Gauge("govdata_catalog_duties", "Duties in the catalogue.")
LIVE = {"$match": {"_deleted": {"$ne": True}}}


class CatalogWorker:
    name = "catalog"
    database = ServiceDatabase()
    inbox = ServiceInbox()

    @event_handler("catalog", "gov.events.v1.DutyChanged")
    def on_duty_changed(self, body: bytes) -> None:
        apply_once(self.inbox, body, events_pb2.DutyChanged, self._refresh_inventory)

    @event_handler("catalog", "gov.events.v1.InformationSystemChanged")
    def on_system_changed(self, body: bytes) -> None:
        apply_once(self.inbox, body, events_pb2.InformationSystemChanged, self._refresh_inventory)

    @event_handler("catalog", "gov.events.v1.SharingDemandChanged")
    def on_demand_changed(self, body: bytes) -> None:
        apply_once(self.inbox, body, events_pb2.SharingDemandChanged, self._refresh_inventory)

    def _refresh_inventory(self, envelope: Any = None, event: Any = None) -> None:
        """Recount systems by status, demands by state and duties (idempotent)."""
        for gauge, collection, field in (
            (SYSTEMS, "systems", "status"),
            (DEMANDS, "demands", "state"),
        ):
            rows = self.database[collection].aggregate(
                [LIVE, {"$group": {"_id": f"${field}", "n": {"$sum": 1}}}]
            )
            gauge.clear()
            for row in rows:
                gauge.labels(row["_id"] or "UNSPECIFIED").set(row["n"])
        DUTIES.set(self.database["duties"].count_documents({"_deleted": {"$ne": True}}))

    @timer(interval=15)
    def refresh_gauges(self) -> None:
        counts = self.database["resources"].aggregate(
            [
                {"$match": {"_deleted": {"$ne": True}}},
                {
                    "$group": {
                        "_id": {"share_type": "$share_type", "state": "$state"},
                        "n": {"$sum": 1},
                    }
                },
            ]
        )
        RESOURCES.clear()
        for row in counts:
            RESOURCES.labels(row["_id"]["share_type"], row["_id"]["state"]).set(row["n"])
        self._refresh_inventory()
