"""svc-verify's nameko worker: publishes the verification-job gauge monitoring staff watch.

Jobs themselves arrive with the verification work; until then the gauge truthfully reads
the (empty) ``jobs`` collection of the service's own database.
"""

from __future__ import annotations

from nameko.timer import timer
from prometheus_client import Gauge

from govdata.runtime.registry_view import RegistryView
from govdata.runtime.worker import ServiceDatabase, ServiceInbox

JOBS = Gauge("govdata_verify_jobs", "Verification jobs by state.", ["state"])


class VerifyWorker(RegistryView):
    name = "verify"
    database = ServiceDatabase()
    inbox = ServiceInbox()

    @timer(interval=15)
    def refresh_gauges(self) -> None:
        counts = self.database["jobs"].aggregate([{"$group": {"_id": "$state", "n": {"$sum": 1}}}])
        JOBS.clear()
        for row in counts:
            JOBS.labels(str(row["_id"])).set(row["n"])
