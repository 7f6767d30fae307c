"""The verification-job gauge reads the service's own jobs collection, by state name."""

from __future__ import annotations

from nameko.testing.services import worker_factory

from gov.verify.v1 import verify_pb2 as v
from govdata.verify.worker import JOBS, VerifyWorker


def test_gauge_counts_jobs_by_state(mongo_db) -> None:
    running, done = v.VERIFICATION_JOB_STATE_RUNNING, v.VERIFICATION_JOB_STATE_SUCCEEDED
    mongo_db["jobs"].insert_many([{"state": running}, {"state": running}, {"state": done}])
    worker_factory(VerifyWorker, database=mongo_db).refresh_gauges()
    assert JOBS.labels("RUNNING")._value.get() == 2
    assert JOBS.labels("SUCCEEDED")._value.get() == 1
