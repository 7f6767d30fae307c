"""svc-catalog's nameko worker: keeps the catalogue's domain gauges current.

It publishes what monitoring staff watch: resources by share type and lifecycle state,
information systems by status, sharing demands by state, duties, recounted every 15 s.

It also consumes the catalogue's own duty, system and demand events, because every event type
needs a consumer: the outbox relay publishes ``mandatory``, so an event no queue is bound for
would wait in its outbox for ever. The gauges are recounted on the timer, so such an event is
only checked and acknowledged: it writes nothing, needs no inbox, and a bulk import of a few
hundred systems costs a few hundred acknowledgements, not a few hundred recounts.
"""

from __future__ import annotations

import logging

from google.protobuf.message import DecodeError
from nameko.timer import timer
from prometheus_client import Gauge

from govdata.runtime import metrics
from govdata.runtime.events import parse_envelope
from govdata.runtime.worker import ServiceDatabase, event_handler

log = logging.getLogger(__name__)

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

    @event_handler("catalog", "gov.events.v1.DutyChanged")
    def on_duty_changed(self, body: bytes) -> None:
        self._inventory_changed(body, "gov.events.v1.DutyChanged")

    @event_handler("catalog", "gov.events.v1.InformationSystemChanged")
    def on_system_changed(self, body: bytes) -> None:
        self._inventory_changed(body, "gov.events.v1.InformationSystemChanged")

    @event_handler("catalog", "gov.events.v1.SharingDemandChanged")
    def on_demand_changed(self, body: bytes) -> None:
        self._inventory_changed(body, "gov.events.v1.SharingDemandChanged")

    def _inventory_changed(self, body: bytes, event_type: str) -> None:
        try:
            parse_envelope(body)
        except (DecodeError, ValueError) as exc:
            log.error("rejected malformed %s event: %s", event_type, exc)
            metrics.EVENTS_CONSUMED.labels(event_type, "rejected").inc()
            return
        metrics.EVENTS_CONSUMED.labels(event_type, "applied").inc()

    def _refresh_inventory(self) -> None:
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
