"""The verification-job gauge reads the service's own jobs collection."""

from __future__ import annotations

from nameko.testing.services import worker_factory

from govdata.verify.worker import JOBS, VerifyWorker


def test_gauge_counts_jobs_by_state(mongo_db) -> None:
    database = mongo_db
    database["jobs"].insert_many([{"state": "RUNNING"}, {"state": "RUNNING"}, {"state": "DONE"}])
    worker_factory(VerifyWorker, database=database).refresh_gauges()
    assert JOBS.labels("RUNNING")._value.get() == 2
    assert JOBS.labels("DONE")._value.get() == 1
