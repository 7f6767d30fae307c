"""Verification jobs as stored, on the real MongoDB-protocol server: creation once per name,
changes that bump the revision, finished jobs left alone, newest-first pages with filters."""

from __future__ import annotations

import pytest

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.errors import InvalidArgument, NotFound
from govdata.verify.jobs import JobStore

PENDING, RUNNING = v.VERIFICATION_JOB_STATE_PENDING, v.VERIFICATION_JOB_STATE_RUNNING


def job(n: int, organization: str = "organizations/hx-mzj", **fields: object) -> v.VerificationJob:
    return v.VerificationJob(
        name=f"{organization}/verificationJobs/j{n:04d}",
        policy="minimum-living-allowance",
        purpose="核对",
        state=PENDING,
        **fields,
    )


def test_a_job_is_created_once_and_changes_bump_its_revision(mongo_db) -> None:
    store = JobStore(mongo_db["jobs"])
    assert store.insert(job(1))
    assert not store.insert(job(1))  # an idempotent retry
    stored = store.get(job(1).name)
    assert (stored.revision, stored.etag, stored.state) == (1, 'W/"1"', PENDING)

    def start(j: v.VerificationJob) -> bool:
        j.state = RUNNING
        return True

    changed = store.change(stored.name, start)
    assert (changed.revision, changed.etag, changed.state) == (2, 'W/"2"', RUNNING)
    assert store.get(stored.name) == changed
    unchanged = store.change(stored.name, lambda j: False)
    assert unchanged.revision == 2
    with pytest.raises(NotFound):
        store.get("organizations/hx-mzj/verificationJobs/nobody")


def test_lists_are_newest_first_filtered_and_paged(mongo_db) -> None:
    store = JobStore(mongo_db["jobs"])
    for n in range(7):
        store.insert(job(n, application_id=f"A{n % 2}"))
    store.insert(job(99, organization="organizations/hx-gafj"))
    request = v.ListVerificationJobsRequest(parent="organizations/hx-mzj", page_size=3)
    seen: list[str] = []
    while True:
        page = store.list("organizations/hx-mzj", request)
        assert page.total_size == 7
        seen.extend(j.name for j in page.jobs)
        if not page.next_page_token:
            break
        request.page_token = page.next_page_token
    assert seen == [job(n).name for n in reversed(range(7))]
    odd = store.list("organizations/hx-mzj", v.ListVerificationJobsRequest(application_id="A1"))
    assert [j.name for j in odd.jobs] == [job(n).name for n in (5, 3, 1)]
    everyone = store.list(None, v.ListVerificationJobsRequest())
    assert everyone.total_size == 8
    with pytest.raises(InvalidArgument):  # a token of another filter
        store.list(
            "organizations/hx-mzj",
            v.ListVerificationJobsRequest(state=RUNNING, page_token=page.next_page_token or "x"),
        )
