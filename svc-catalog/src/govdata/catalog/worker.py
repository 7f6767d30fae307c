"""svc-catalog's nameko worker: keeps the catalogue's domain gauges current.

The catalogue consumes no events yet (grant events arrive with the exchange work); its worker
publishes what monitoring staff watch: resources by share type and lifecycle state.
"""

from __future__ import annotations

from nameko.timer import timer
from prometheus_client import Gauge

from govdata.runtime.worker import ServiceDatabase

RESOURCES = Gauge(
    "govdata_catalog_resources",
    "Information resources in the catalogue, by share type and lifecycle state.",
    ["share_type", "state"],
)


class CatalogWorker:
    name = "catalog"
    database = ServiceDatabase()

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
