"""Running one verification job: scatter the reads over the policy's sources, gather, judge.

A job runs as a long-running operation on the api's executor (runtime ``operations``): every
source is read at once on a shared pool, each within its own time (``GOVDATA_VERIFY_SOURCE_
SECONDS``, retries included), so a job ends within about that time even when a source never
answers — its rules are then INCOMPLETE with the reason, the others are judged. The report
cites the policy's version and, per finding, the records it rests on: resource, version,
fetch time and the request id of the exchange read. Cancellation is checked while waiting;
a cancelled job stops reading and keeps no report.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from google.protobuf.message import Message
from prometheus_client import Counter, Histogram

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.operations import OperationCancelled, Progress, Work
from govdata.runtime.privacy import normalize_id_number
from govdata.verify import rules
from govdata.verify.coalescing import CoalescedReads
from govdata.verify.jobs import JobStore, now
from govdata.verify.policy import Policy
from govdata.verify.rules import Record, Unavailable
from govdata.verify.sources import Caller

JOB_SECONDS = Histogram(
    "govdata_verify_job_seconds",
    "Time from a job's start to its report, by policy.",
    ["policy"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
JOBS_FINISHED = Counter(
    "govdata_verify_jobs_finished_total",
    "Verification jobs finished, by outcome: the report's overall result, FAILED or CANCELLED.",
    ["outcome"],
)
WAIT_SECONDS = Counter(
    "govdata_verify_exchange_wait_seconds_total",
    "Seconds jobs spent waiting for the exchange (first read started to last read ended).",
)
_POLL = 0.1  # how often a waiting job looks for a cancellation
_SHOW_PROGRESS_AFTER = 1.0  # seconds; quicker jobs report their progress only at the end

RUNNING = v.VERIFICATION_JOB_STATE_RUNNING


class Runner:
    def __init__(
        self,
        jobs: JobStore,
        reads: CoalescedReads,
        policies: Mapping[str, Policy],
        fetch_threads: int,
    ) -> None:
        self.jobs = jobs
        self.reads = reads
        self.policies = policies
        self._pool = ThreadPoolExecutor(max_workers=fetch_threads, thread_name_prefix="fetch")

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def work(self, name: str, caller: Caller, grants: Mapping[str, str]) -> Work:
        """The operation's work for job ``name``, reading under ``grants`` (by resource)."""

        def run(progress: Progress) -> Message:
            try:
                return self._run(name, caller, grants, progress)
            except OperationCancelled:
                self._end(name, v.VERIFICATION_JOB_STATE_CANCELLED)
                JOBS_FINISHED.labels("CANCELLED").inc()
                raise
            except Exception:
                self._end(name, v.VERIFICATION_JOB_STATE_FAILED)
                JOBS_FINISHED.labels("FAILED").inc()
                raise

        return run

    def _run(
        self, name: str, caller: Caller, grants: Mapping[str, str], progress: Progress
    ) -> v.Report:
        started = time.monotonic()
        job = self.jobs.change(name, _start)
        if job.state != RUNNING:
            raise OperationCancelled("cancelled")
        policy = self.policies[job.policy]
        members = [normalize_id_number(member.citizen_id) for member in job.household.members]
        metadata = v.VerificationJobMetadata(
            verification_job=name,
            state=RUNNING,
            checks_total=len(policy.rules),
            create_time=job.create_time,
        )
        progress.keep(metadata)  # written with the outcome; jobs take well under a second
        fetched = self._gather(caller, grants, policy, members, metadata, progress)
        evaluation = rules.evaluate(policy, job.household, fetched)
        report = evaluation.to_report()
        report.create_time.FromDatetime(now())
        if job.report_detail == v.REPORT_DETAIL_CONCLUSION:
            _conclusion_only(report)

        def succeed(stored: v.VerificationJob) -> bool:
            if stored.state != RUNNING:
                return False
            stored.state = v.VERIFICATION_JOB_STATE_SUCCEEDED
            stored.report.CopyFrom(report)
            stored.end_time.FromDatetime(now())
            return True

        stored = self.jobs.change(name, succeed)
        if stored.state != v.VERIFICATION_JOB_STATE_SUCCEEDED:
            raise OperationCancelled("cancelled")
        metadata.state = stored.state
        metadata.checks_done = metadata.checks_total
        metadata.end_time.CopyFrom(stored.end_time)
        progress.keep(metadata)
        JOB_SECONDS.labels(policy.id).observe(time.monotonic() - started)
        JOBS_FINISHED.labels(v.OverallResult.Name(report.overall_result)).inc()
        return report

    def _gather(
        self,
        caller: Caller,
        grants: Mapping[str, str],
        policy: Policy,
        members: Sequence[str],
        metadata: v.VerificationJobMetadata,
        progress: Progress,
    ) -> dict[str, Sequence[Record] | Unavailable]:
        pending: dict[Future[Sequence[Record] | Unavailable], str] = {}
        started = time.monotonic()
        for source in policy.sources:
            key_item = next(rule.member_item for rule in policy.rules if rule.source == source)
            future = self._pool.submit(
                self.reads.fetch,
                caller,
                grants[source],
                source,
                members,
                policy.items_for(source),
                key_item,
            )
            pending[future] = source
        fetched: dict[str, Sequence[Record] | Unavailable] = {}
        try:
            while pending:
                done, _ = wait(pending, timeout=_POLL, return_when=FIRST_COMPLETED)
                for future in done:
                    source = pending.pop(future)
                    fetched[source] = future.result()
                    metadata.checks_done += sum(1 for r in policy.rules if r.source == source)
                    if time.monotonic() - started > _SHOW_PROGRESS_AFTER:
                        progress.report(metadata)  # a slow source: let the caller see it
                progress.check()
        finally:
            WAIT_SECONDS.inc(time.monotonic() - started)
        return fetched

    def _end(self, name: str, state: int) -> None:
        def end(stored: v.VerificationJob) -> bool:
            if stored.state in (RUNNING, v.VERIFICATION_JOB_STATE_PENDING):
                stored.state = state
                stored.end_time.FromDatetime(now())
                return True
            return False

        self.jobs.change(name, end)


def _start(job: v.VerificationJob) -> bool:
    if job.state != v.VERIFICATION_JOB_STATE_PENDING:
        return False
    job.state = RUNNING
    return True


def _conclusion_only(report: v.Report) -> None:
    """Data minimisation: outcomes and explanations stay; recorded values and record keys go."""
    for finding in report.findings:
        finding.recorded_value = ""
        for evidence in finding.evidence:
            evidence.record_key = ""
