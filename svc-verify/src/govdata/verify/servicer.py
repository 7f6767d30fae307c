"""svc-verify's gRPC methods: verification jobs, report export, e-licences, cross-checks.

Jobs: a create is validated whole and its grants resolved before anything is stored, so a
refused job leaves nothing behind; then the job is stored PENDING and runs as a long-running
operation (``google.longrunning.Operations`` on the same api shows it). A ``request_id``
names the job, so a retried create returns the first job's operation. Cancellation marks the
job CANCELLED at once and stops its reads. A job whose api died while it ran is reported
FAILED when next read (its operation was aborted): run it again.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping

import grpc
from google.longrunning import operations_pb2
from google.rpc import code_pb2

from gov.common.v1 import common_pb2
from gov.exchange.v1 import exchange_pb2 as x
from gov.verify.v1 import verify_pb2 as v
from gov.verify.v1 import verify_pb2_grpc
from govdata.runtime import context, names, privacy
from govdata.runtime.errors import (
    Aborted,
    DeadlineExceeded,
    FailedPrecondition,
    FieldViolation,
    GovdataError,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    Unavailable,
    Validator,
)
from govdata.runtime.operations import OperationExecutor
from govdata.verify import applications, cross_check, report_document
from govdata.verify.jobs import FINISHED, JobStore, now
from govdata.verify.licences import LicenceRegistry
from govdata.verify.policy import Policy
from govdata.verify.runner import Runner
from govdata.verify.sources import Caller, ExchangeSources

JOB = re.compile(rf"^organizations/{names.ID}/verificationJobs/{names.ID}$")
JOB_FORM = "organizations/{organization}/verificationJobs/{verification_job}"
MAX_BATCH = 500
_ID_NAMESPACE = uuid.UUID("5b0d7c1e-3f0a-4e8e-9a51-0f6a2d9c7b11")
_FAILURES: dict[grpc.StatusCode, type[GovdataError]] = {
    grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
    grpc.StatusCode.NOT_FOUND: NotFound,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceeded,
}


class VerificationServicer(verify_pb2_grpc.VerificationServiceServicer):
    def __init__(
        self,
        jobs: JobStore,
        runner: Runner,
        executor: OperationExecutor,
        sources: ExchangeSources,
        policies: Mapping[str, Policy],
        licences: LicenceRegistry,
    ) -> None:
        self.jobs = jobs
        self.runner = runner
        self.executor = executor
        self.sources = sources
        self.policies = policies
        self.licences = licences

    # -- jobs ----------------------------------------------------------------------------

    def CreateVerificationJob(self, request, context_):  # type: ignore[no-untyped-def]
        parent = names.check(
            names.ORGANIZATION, "organizations/{organization}", request.parent, "parent"
        )
        problems = Validator()
        applications.check_job(
            request.verification_job, self.policies, "verification_job", problems
        )
        problems.raise_if_any()
        grants = self._grants(request.verification_job, "verification_job.grants")
        return self._start(parent, request.verification_job, grants, request.request_id)[0]

    def BatchCreateVerificationJobs(self, request, context_):  # type: ignore[no-untyped-def]
        parent = names.check(
            names.ORGANIZATION, "organizations/{organization}", request.parent, "parent"
        )
        if not 0 < len(request.requests) <= MAX_BATCH:
            raise InvalidArgument(
                FieldViolation(
                    "requests", f"send 1 to {MAX_BATCH} jobs, not {len(request.requests)}"
                )
            )
        problems = Validator()
        for i, each in enumerate(request.requests):
            problems.require(
                each.parent in ("", parent), f"requests[{i}].parent", f"must be empty or {parent}"
            )
            applications.check_job(
                each.verification_job, self.policies, f"requests[{i}].verification_job", problems
            )
        problems.raise_if_any()
        resolved: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}
        plans = []
        for i, each in enumerate(request.requests):
            job = each.verification_job
            key = (job.policy, tuple(job.grants))
            if key not in resolved:
                resolved[key] = self._grants(job, f"requests[{i}].verification_job.grants")
            plans.append((job, resolved[key], _batch_id(request.request_id, i, each.request_id)))
        response = v.BatchCreateVerificationJobsResponse()
        for job, grants, request_id in plans:
            response.verification_jobs.append(self._start(parent, job, grants, request_id)[1])
        return response

    def GetVerificationJob(self, request, context_):  # type: ignore[no-untyped-def]
        return self._reconciled(self.jobs.get(_job_name(request.name, "name")))

    def ListVerificationJobs(self, request, context_):  # type: ignore[no-untyped-def]
        organization: str | None = None
        if request.parent != "organizations/-":
            organization = names.check(
                names.ORGANIZATION, "organizations/{organization}", request.parent, "parent"
            )
        if request.state not in v.VerificationJobState.values():
            raise InvalidArgument(FieldViolation("state", f"unknown value {request.state}"))
        if request.page_size < 0:
            raise InvalidArgument(FieldViolation("page_size", "must not be negative"))
        page = self.jobs.list(organization, request)
        return v.ListVerificationJobsResponse(
            verification_jobs=[self._reconciled(job) for job in page.jobs],
            next_page_token=page.next_page_token,
            total_size=page.total_size,
        )

    def CancelVerificationJob(self, request, context_):  # type: ignore[no-untyped-def]
        name = _job_name(request.name, "name")

        def cancel(job: v.VerificationJob) -> bool:
            if request.etag and request.etag != job.etag:
                raise Aborted(f"{name} changed since it was read (etag {job.etag}); read it again")
            if job.state in FINISHED:
                return False
            job.state = v.VERIFICATION_JOB_STATE_CANCELLED
            job.end_time.FromDatetime(now())
            return True

        job = self.jobs.change(name, cancel)
        if job.operation and job.state == v.VERIFICATION_JOB_STATE_CANCELLED:
            self.executor.cancel(job.operation)
        return job

    def ExportReport(self, request, context_):  # type: ignore[no-untyped-def]
        job = self._reconciled(self.jobs.get(_job_name(request.name, "name")))
        if request.format not in (v.REPORT_FORMAT_PDF, v.REPORT_FORMAT_JSON):
            raise InvalidArgument(
                FieldViolation("format", "REPORT_FORMAT_PDF or REPORT_FORMAT_JSON")
            )
        if job.state != v.VERIFICATION_JOB_STATE_SUCCEEDED:
            state = v.VerificationJobState.Name(job.state)
            raise FailedPrecondition(f"{job.name} has no report yet: it is {state}")
        privacy.mask_response(job, privacy.revealed())
        job_id = names.id_of(job.name)
        if request.format == v.REPORT_FORMAT_JSON:
            return v.ExportReportResponse(
                content=report_document.render_json(job),
                content_type="application/json",
                file_name=f"核对报告-{job_id}.json",
            )
        known = self.policies.get(job.policy)
        titles = {rule.id: rule.title for rule in known.rules} if known else {}
        counted = report_document.counted_rules(known) if known else frozenset()
        return v.ExportReportResponse(
            content=report_document.render_pdf(job, titles, counted=counted),
            content_type="application/pdf",
            file_name=f"核对报告-{job_id}.pdf",
        )

    # -- e-licences and cross-checks -----------------------------------------------------

    def RegisterLicenceKey(self, request, context_):  # type: ignore[no-untyped-def]
        return self.licences.register(request, context.current().organization)

    def RevokeLicence(self, request, context_):  # type: ignore[no-untyped-def]
        return self.licences.revoke(request, context.current().organization)

    def VerifyLicence(self, request, context_):  # type: ignore[no-untyped-def]
        return self.licences.verify(request)

    def CrossCheckSources(self, request, context_):  # type: ignore[no-untyped-def]
        caller = Caller.current(context.current().purpose)
        return cross_check.cross_check(request, lambda *args: self._read(caller, *args))

    def _read(
        self,
        caller: Caller,
        grant: str,
        resource: str,
        keys: list[str],
        items: list[str],
        key_item: str,
    ) -> list[x.VersionedRecord]:
        try:
            return list(
                self.sources.query(
                    caller,
                    x.QueryByKeyRequest(
                        grant=grant,
                        resource=resource,
                        keys=keys,
                        data_items=items,
                        key_item=key_item,
                    ),
                ).records
            )
        except grpc.RpcError as exc:
            code = exc.code()
            error = _FAILURES.get(code)
            details = exc.details() or code.name
            if code == grpc.StatusCode.INVALID_ARGUMENT:
                raise FailedPrecondition(f"{resource}: {details}") from None
            if code == grpc.StatusCode.RESOURCE_EXHAUSTED:
                raise ResourceExhausted(f"{resource}: {details}") from None
            if error is None:
                raise Unavailable(f"{resource} could not be read: {details}") from exc
            raise error(f"{resource}: {details}") from None

    # -- helpers -------------------------------------------------------------------------

    def _grants(self, job: v.VerificationJob, field: str) -> dict[str, str]:
        # the access policy admits only a parent of the caller's own organisation
        caller = Caller.current(job.purpose)
        return self.sources.grants_for(caller, self.policies[job.policy], list(job.grants), field)

    def _start(
        self, parent: str, submitted: v.VerificationJob, grants: dict[str, str], request_id: str
    ) -> tuple[operations_pb2.Operation, v.VerificationJob]:
        """Store the job and start its operation; an idempotent retry gets the first's."""
        job_id = (
            "j" + uuid.uuid5(_ID_NAMESPACE, f"{parent}#{request_id}").hex[:15]
            if request_id
            else names.new_id()
        )
        ctx = context.current()
        name = f"{parent}/verificationJobs/{job_id}"
        job = v.VerificationJob(
            name=name,
            # named after the job, so the job is stored knowing its operation
            operation=f"operations/{uuid.uuid5(_ID_NAMESPACE, name)}",
            household=submitted.household,
            policy=submitted.policy,
            purpose=submitted.purpose,
            grants=list(grants.values()),
            application_id=submitted.application_id,
            report_detail=submitted.report_detail or v.REPORT_DETAIL_FULL,
            state=v.VERIFICATION_JOB_STATE_PENDING,
            requester=common_pb2.Actor(system=ctx.system, person=ctx.person, organization=parent),
        )
        if not self.jobs.insert(job):
            earlier = self.jobs.get(job.name)
            if not earlier.operation:
                raise Aborted(f"{job.name} is being created by an earlier call; retry")
            found = self.executor.store.get(earlier.operation)
            return self.executor.store.to_operation(found), earlier
        metadata = v.VerificationJobMetadata(
            verification_job=job.name,
            state=job.state,
            checks_total=len(self.policies[job.policy].rules),
            create_time=job.create_time,
        )
        caller = Caller.current(job.purpose)
        try:
            operation = self.executor.submit(
                metadata, self.runner.work(job.name, caller, grants), name=job.operation
            )
        except GovdataError:
            self.jobs.delete(job.name)  # not started: nothing of it stays
            raise

        created = v.VerificationJob()
        created.CopyFrom(job)
        return operation, created

    def _reconciled(self, job: v.VerificationJob) -> v.VerificationJob:
        """A job whose operation ended without it (its api was killed) is FAILED, or
        CANCELLED if that is how the operation ended."""
        if job.state in FINISHED or not job.operation:
            return job
        try:
            operation = self.executor.store.get(job.operation)
        except NotFound:
            return job
        if not operation.get("done"):
            return job
        op = self.executor.store.to_operation(operation)
        cancelled = op.HasField("error") and op.error.code == code_pb2.CANCELLED

        def end(stored: v.VerificationJob) -> bool:
            if stored.state in FINISHED:
                return False
            stored.state = (
                v.VERIFICATION_JOB_STATE_CANCELLED if cancelled else v.VERIFICATION_JOB_STATE_FAILED
            )
            stored.end_time.FromDatetime(now())
            return True

        return self.jobs.change(job.name, end)


def _job_name(value: str, field: str) -> str:
    return names.check(JOB, JOB_FORM, value, field)


def _batch_id(batch_request_id: str, index: int, own: str) -> str:
    if own:
        return own
    return f"{batch_request_id}#{index}" if batch_request_id else ""
