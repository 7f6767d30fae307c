"""The flagship check end to end: a household's declaration against seven departments'
records, read through the exchange under 民政局's grants, judged by the shipped policy.

A truthful household is eligible; a hidden car, a company share, an undeclared property and
under-declared income each fail on exactly their own finding, with the evidence and the
audit record of the read; a stopped source makes its checks incomplete while the job still
ends in time; a job without a grant is refused; cancellation works; the PDF holds the
findings."""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import grpc
import pytest
from google.longrunning import operations_pb2
from google.protobuf.duration_pb2 import Duration
from pypdf import PdfReader

from gov.audit.v1 import audit_pb2 as a
from gov.audit.v1 import audit_pb2_grpc
from gov.exchange.v1 import exchange_pb2 as x
from gov.verify.v1 import verify_pb2 as v
from gov.verify.v1 import verify_pb2_grpc
from govdata.runtime.interceptors import metadata_text

from .catalogue import department
from .conftest import (
    admitted_everywhere,
    audit_record,
    auditor,
    caller,
    channel,
    eventually,
    register_system,
)
from .verify_parties import (
    FUND,
    POLICY,
    PROPERTY,
    SHARES,
    TAX,
    VEHICLES,
    Bureau,
    Family,
    bureau,
    truthful_family,
)

PASS, FAIL, INCOMPLETE = (
    v.FINDING_OUTCOME_PASS,
    v.FINDING_OUTCOME_FAIL,
    v.FINDING_OUTCOME_INCOMPLETE,
)
SOURCE_SECONDS = 5.0  # GOVDATA_VERIFY_SOURCE_SECONDS as scripts/processes.py runs it


@pytest.fixture(scope="module")
def mzj(catalog) -> Iterator[Bureau]:
    made = bureau(catalog, uuid.uuid4().hex[:8])
    yield made
    made.close()


def seed_of(tag: str) -> int:
    return int(tag, 16) % 10**8


def outcomes(job: v.VerificationJob) -> dict[str, int]:
    return {finding.rule: finding.outcome for finding in job.report.findings}


def hidden_car(family: Family, tag: str) -> str:
    """A car of 158,000 yuan registered to the applicant and not declared; its record key."""
    plate, vin, owner = f"闽H{tag[:5].upper()}", f"LSV{seed_of(tag):014d}", family.applicant
    key = f"{plate}|{vin}|{owner}"
    family.add(
        VEHICLES, key, 号牌号码=plate, 车辆识别代号=vin, 所有人证件号码=owner, 购置价格="158000.00"
    )
    return key


def verified(mzj: Bureau, family: Family, **job: object) -> v.VerificationJob:
    family.publish(mzj)
    return mzj.finished(mzj.submit(family.household(), **job))


def test_a_truthful_household_is_eligible_with_evidence_and_audited_reads(
    mzj, tag, catalog
) -> None:
    family = truthful_family(seed_of(tag))
    job = verified(mzj, family)
    assert job.state == v.VERIFICATION_JOB_STATE_SUCCEEDED, job
    assert job.report.overall_result == v.OVERALL_RESULT_PASS, job.report
    assert set(outcomes(job)) == {rule.id for rule in POLICY.rules}
    assert set(outcomes(job).values()) == {PASS}
    assert job.report.policy_revision == POLICY.version
    assert sorted(job.grants) == sorted(mzj.grants.values())
    registered = next(f for f in job.report.findings if f.rule == "members-registered")
    assert (registered.declared_value, registered.recorded_value) == ("4", "4")
    # every finding that rests on records cites them: resource, version, time, the read
    evidence = [e for f in job.report.findings for e in f.evidence]
    assert {e.resource for e in evidence} >= {FUND, TAX, PROPERTY}
    assert all(
        e.record_version >= 1 and e.fetch_time.seconds and e.access_request_id for e in evidence
    )
    # the read is in the audit log: svc-verify for 民政局, the members as hashed subjects
    read = audit_record(evidence[0].access_request_id)
    assert read["actor"]["system"] == "callingSystems/svc-verify"
    assert read["actor"]["organization"] == "organizations/hx-mzj"
    assert read["purpose"].startswith("最低生活保障")
    assert len(read["data_subject_keys"]) == 4
    assert family.applicant not in str(read)
    # and each member's citizen access report shows 民政局 reading their records, and why
    reads = {e.resource for e in evidence}
    for member in family.household().members:

        def reported(citizen_id: str = member.citizen_id) -> None:
            report = auditor().GetCitizenAccessReport(
                a.GetCitizenAccessReportRequest(citizen_id=citizen_id),
                metadata=caller("核对本人数据使用记录"),
                timeout=10,
            )
            by_mzj = [x for x in report.accesses if x.organization == "organizations/hx-mzj"]
            assert reads <= {x.resource for x in by_mzj}, report
            assert all(x.purpose.startswith("最低生活保障") for x in by_mzj)
            assert all(x.outcome == "OK" and x.time.seconds for x in by_mzj)

        eventually(reported)
    # the citizen themself, through the portal (the citizen is the acting person)
    portal = f"e2e-portal-{tag}"
    register_system(catalog, portal, ["citizen_portal"])
    admitted_everywhere(portal)
    mine = audit_pb2_grpc.AuditServiceStub(channel("audit", portal)).ListAccessesToMe(
        a.ListAccessesToMeRequest(),
        metadata=(
            ("x-gov-person", family.applicant),
            ("x-gov-purpose", metadata_text("查询本人数据使用记录")),
        ),
        timeout=10,
    )
    assert reads <= {x.resource for x in mine.accesses}
    assert all(family.applicant not in str(x) for x in mine.accesses)


@pytest.mark.parametrize(
    ("planted", "rule"),
    [
        ("hidden car", "vehicle-value-limit"),
        ("company share", "no-enterprise-shares"),
        ("undeclared property", "at-most-one-property"),
        ("under-declared income", "tax-income-matches"),
    ],
)
def test_each_planted_discrepancy_fails_exactly_its_finding(mzj, tag, planted, rule) -> None:
    family = truthful_family(seed_of(tag))
    earner = family.applicant
    if planted == "hidden car":
        expected = (FAIL, "15800000", VEHICLES, hidden_car(family, tag))
    elif planted == "company share":
        code = f"91359902{seed_of(tag):08d}XX"[:18]
        family.add(
            SHARES,
            f"{code}|{earner}",
            统一社会信用代码=code,
            股东证件号码=earner,
            认缴出资额="300000.00",
        )
        expected = (FAIL, "1", SHARES, f"{code}|{earner}")
    elif planted == "undeclared property":
        unit = f"359902{seed_of(tag):06d}GB00002F0002"[:28]
        family.add(
            PROPERTY, f"{earner}|{unit}", 权利人证件号码=earner, 不动产单元号=unit, 房屋用途="住宅"
        )
        expected = (FAIL, "2", PROPERTY, f"{earner}|{unit}")
    else:
        family.records[TAX][0].fields["收入额"] = "4800.00"
        expected = (FAIL, "480000", TAX, f"{earner}|{earner}")
    job = verified(mzj, family)
    assert job.report.overall_result == v.OVERALL_RESULT_FAIL
    failed = {r: o for r, o in outcomes(job).items() if o != PASS}
    assert failed == {rule: FAIL}, job.report
    finding = next(f for f in job.report.findings if f.rule == rule)
    outcome, recorded, resource, key = expected
    assert (finding.outcome, finding.recorded_value) == (outcome, recorded)
    assert key in [e.record_key for e in finding.evidence if e.resource == resource]
    assert finding.citizen_id == earner


def test_a_stopped_source_leaves_its_checks_incomplete_and_the_job_ends_in_time(mzj, tag) -> None:
    family = truthful_family(seed_of(tag))
    family.publish(mzj)
    with stopped(mzj, FUND):
        started = time.monotonic()
        job = mzj.finished(mzj.submit(family.household()))
        took = time.monotonic() - started
    assert took < SOURCE_SECONDS + 3, took
    assert job.report.overall_result == v.OVERALL_RESULT_INCOMPLETE
    assert {r for r, o in outcomes(job).items() if o == INCOMPLETE} == {
        "provident-fund-implied-income",
        "provident-fund-balance-matches",
    }
    assert {r for r, o in outcomes(job).items() if o == PASS} == {
        rule.id for rule in POLICY.rules if rule.source != FUND
    }
    [gap] = job.report.incomplete_sources
    assert (gap.resource, gap.code) == (FUND, "UNAVAILABLE")
    assert gap.reason


def test_cancelling_a_running_job_stops_it(mzj, tag) -> None:
    family = truthful_family(seed_of(tag))
    with stopped(mzj, FUND):  # the job waits for the fund until it is cancelled
        operation = mzj.submit(family.household())
        job = mzj.job_of(operation)
        cancelled = mzj.verify.CancelVerificationJob(
            v.CancelVerificationJobRequest(name=job.name, etag=job.etag), metadata=caller()
        )
        assert cancelled.state == v.VERIFICATION_JOB_STATE_CANCELLED
        ended = mzj.operations.WaitOperation(
            operations_pb2.WaitOperationRequest(name=operation.name, timeout=Duration(seconds=10)),
            metadata=caller(),
        )
    assert ended.done and ended.error.code == grpc.StatusCode.CANCELLED.value[0]
    final = mzj.job_of(operation)
    assert final.state == v.VERIFICATION_JOB_STATE_CANCELLED and not final.HasField("report")
    again = mzj.verify.CancelVerificationJob(
        v.CancelVerificationJobRequest(name=job.name), metadata=caller()
    )
    assert again.revision == final.revision  # a finished job is returned unchanged


def test_a_job_without_a_valid_grant_is_refused_and_nothing_is_stored(catalog, mzj, tag) -> None:
    other = department(catalog, f"mz-{tag}", tag, "民政所").name
    system = f"mz-nogrant-{tag}"
    register_system(catalog, system, ["verifier"], organization=other)
    admitted_everywhere(system)
    opened = channel("verify", system)
    try:
        stub = verify_pb2_grpc.VerificationServiceStub(opened)
        household = truthful_family(seed_of(tag)).household()
        request = v.CreateVerificationJobRequest(
            parent=other,
            verification_job=v.VerificationJob(
                household=household, policy=POLICY.id, purpose="核对"
            ),
        )
        with pytest.raises(grpc.RpcError) as refused:
            stub.CreateVerificationJob(request, metadata=caller())
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "no live grant" in refused.value.details()
        # someone else's grant, named, is not a basis either
        request.verification_job.grants.append(mzj.grants[FUND])
        with pytest.raises(grpc.RpcError) as foreign:
            stub.CreateVerificationJob(request, metadata=caller())
        assert foreign.value.code() == grpc.StatusCode.PERMISSION_DENIED
        listed = stub.ListVerificationJobs(
            v.ListVerificationJobsRequest(parent=other), metadata=caller()
        )
        assert listed.total_size == 0
    finally:
        opened.close()


def test_bad_households_are_refused_naming_the_field(mzj, tag) -> None:
    household = truthful_family(seed_of(tag)).household()
    wrong = household.members[1].citizen_id[:-1] + (
        "0" if household.members[1].citizen_id[-1] != "0" else "1"
    )
    cases = {
        "verification_job.household.members[1].citizen_id": lambda h: h.members[1].__setattr__(
            "citizen_id", wrong
        ),
        "verification_job.household.members[0].citizen_id": lambda h: h.members[0].__setattr__(
            "citizen_id", "999999" + h.members[0].citizen_id[6:17] + "0"
        ),
        "verification_job.household.members": lambda h: h.members[1].__setattr__(
            "relation", v.MEMBER_RELATION_APPLICANT
        ),
        "verification_job.household.incomes[0].citizen_id": lambda h: h.incomes[0].__setattr__(
            "citizen_id", "359902195001010010"
        ),
    }
    for field, spoil in cases.items():
        bad = v.Household()
        bad.CopyFrom(household)
        spoil(bad)
        with pytest.raises(grpc.RpcError) as refused:
            mzj.submit(bad)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT, field
        assert field in refused.value.details(), refused.value.details()


def test_the_report_exports_as_pdf_with_its_findings_and_masks_for_auditors(
    catalog, mzj, tag
) -> None:
    family = truthful_family(seed_of(tag))
    earner = family.applicant
    hidden_car(family, tag)
    job = verified(mzj, family)
    exported = mzj.verify.ExportReport(
        v.ExportReportRequest(name=job.name, format=v.REPORT_FORMAT_PDF), metadata=caller()
    )
    assert exported.content_type == "application/pdf" and exported.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(exported.content)).pages)
    compact = "".join(text.split())
    assert "核对不通过" in compact
    for rule in POLICY.rules:
        assert "".join(rule.title.split()) in compact, rule.title
    assert "158000.00" in compact.replace(",", "")
    assert "王建国" in compact and earner in compact  # the bureau may see its applicants
    # the audit office reads the same job, and its PDF, with personal data masked
    system = f"sjj-audit-{tag}"
    register_system(catalog, system, ["auditor"])
    admitted_everywhere(system)
    opened = channel("verify", system)
    try:
        as_auditor = verify_pb2_grpc.VerificationServiceStub(opened)
        seen = as_auditor.GetVerificationJob(
            v.GetVerificationJobRequest(name=job.name), metadata=caller()
        )
        assert [f.rule for f in seen.report.findings] == [f.rule for f in job.report.findings]
        assert earner not in str(seen) and "王建国" not in str(seen)
        masked = as_auditor.ExportReport(
            v.ExportReportRequest(name=job.name, format=v.REPORT_FORMAT_PDF), metadata=caller()
        )
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(masked.content)).pages)
        assert earner not in text and "王建国" not in text
    finally:
        opened.close()


def test_a_batch_of_households_runs_each_job(mzj, tag) -> None:
    families = [truthful_family(seed_of(tag) + i) for i in range(3)]
    for family in families:
        family.publish(mzj)
    response = mzj.verify.BatchCreateVerificationJobs(
        v.BatchCreateVerificationJobsRequest(
            parent="organizations/hx-mzj",
            requests=[
                v.CreateVerificationJobRequest(
                    verification_job=v.VerificationJob(
                        household=f.household(),
                        policy=POLICY.id,
                        purpose="年度复核",
                        application_id=f"FH-{tag}-{i}",
                    )
                )
                for i, f in enumerate(families)
            ],
            request_id=f"00000000-0000-4000-8000-{tag:0>12}",
        ),
        metadata=caller(),
    )
    assert [j.state for j in response.verification_jobs] == [v.VERIFICATION_JOB_STATE_PENDING] * 3

    def all_passed() -> None:
        for job in response.verification_jobs:
            now = mzj.verify.GetVerificationJob(
                v.GetVerificationJobRequest(name=job.name), metadata=caller()
            )
            assert now.state == v.VERIFICATION_JOB_STATE_SUCCEEDED
            assert now.report.overall_result == v.OVERALL_RESULT_PASS

    from .conftest import eventually

    eventually(all_passed)
    listed = mzj.verify.ListVerificationJobs(
        v.ListVerificationJobsRequest(parent="organizations/hx-mzj", application_id=f"FH-{tag}-1"),
        metadata=caller(),
    )
    assert [j.name for j in listed.verification_jobs] == [response.verification_jobs[1].name]


@contextmanager
def stopped(mzj: Bureau, resource: str) -> Iterator[None]:
    """``resource``'s provider routes its reads to a live adapter that is not running."""
    stub = mzj.provider_of(resource)
    dead = x.ResourceAdapter(resource=resource, address="127.0.0.1:9", timeout=Duration(seconds=1))
    stub.SetResourceAdapter(x.SetResourceAdapterRequest(adapter=dead), metadata=caller())
    time.sleep(5.5)  # the exchange caches adapters for 5 s
    try:
        yield
    finally:
        removed = x.ResourceAdapter(resource=resource)
        stub.SetResourceAdapter(x.SetResourceAdapterRequest(adapter=removed), metadata=caller())
        time.sleep(5.5)
