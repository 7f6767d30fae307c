"""svc-verify's nameko worker: publishes the verification-job gauge monitoring staff watch.

Jobs run in the api (as long-running operations); the worker counts them from the ``jobs``
collection every 15 s, so the gauge is right whichever api replica ran them.
"""

from __future__ import annotations

from nameko.timer import timer
from prometheus_client import Gauge

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.registry_view import RegistryView
from govdata.runtime.worker import ServiceDatabase, ServiceInbox

JOBS = Gauge("govdata_verify_jobs", "Verification jobs by state.", ["state"])


def state_label(state: object) -> str:
    """``SUCCEEDED`` for 3: the contract's enum name without its prefix."""
    try:
        name = v.VerificationJobState.Name(int(state))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return "UNKNOWN"
    return name.removeprefix("VERIFICATION_JOB_STATE_")


class VerifyWorker(RegistryView):
    name = "verify"
    database = ServiceDatabase()
    inbox = ServiceInbox()

    @timer(interval=15)
    def refresh_gauges(self) -> None:
        counts = self.database["jobs"].aggregate([{"$group": {"_id": "$state", "n": {"$sum": 1}}}])
        JOBS.clear()
        for row in counts:
            JOBS.labels(state_label(row["_id"])).set(row["n"])
