"""The household verification's flagship scenario, as 区民政局's social-assistance system:
``python scripts/demo_verify.py`` (``make demo``, after ``make run``).

Why: this is the platform's reason to exist (see DOMAIN.md): the street office records an
application, the verification system compares what the family declared with what the police,
social insurance, vehicle, market, land, provident-fund and tax departments record, and the
civil-affairs officer signs off the report. The demo submits one truthful low-income household
and one household of each planted discrepancy (a hidden car, an undeclared company share, an
undeclared second property, income under-declared against tax, social insurance or the
provident fund, a provident-fund balance declared too low), waits for each report and prints
it in Chinese: the overall result, every finding with its rule, outcome, declared against
recorded values in yuan, the explanation and the evidence (resource, record, version). Each
report is saved as PDF (ExportReport) to ``$GOVDATA_HOME/demo/核对报告-<申请编号>.pdf``.

The households are those ``scripts/demo_sources.py`` generated and published (it writes them,
with what was planted, to ``$GOVDATA_HOME/demo/households.json``); jobs name no grants, so
svc-verify reads under the policy's configured grants (区民政局's live grants). The verify api
is at ``$GOVDATA_VERIFY_ADDR`` (default the local platform's port). Exits 0 when every report
concludes what its household's label expects, 1 otherwise or when a call is refused (one line
on stderr, e.g. while svc-verify answers UNIMPLEMENTED).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import grpc
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.protobuf.duration_pb2 import Duration

from gov.verify.v1 import verify_pb2 as v
from gov.verify.v1 import verify_pb2_grpc
from govdata.runtime import devpki
from govdata.runtime.local_platform import API_PORTS
from govdata.verify import policy as verify_policy
from govdata.verify.policy import Kind
from govdata.verify.report_document import OUTCOME, RELATION  # the PDF's words, the same here

from district import households as hh  # isort: skip  (scripts/ is on the path when run)

ROOT = Path(__file__).resolve().parents[1]
HOME = Path(os.environ.get("GOVDATA_HOME", ROOT / ".local"))
PKI = HOME / "pki"
DEMO = HOME / "demo"
APPLICATIONS = DEMO / "households.json"
BUREAU = "organizations/hx-mzj"
SYSTEM = "hx-mzj-shjz"  # registered by scripts/demo_sources.py
POLICY = "minimum-living-allowance"
PURPOSE = "最低生活保障申请家庭经济状况核对"
PERSON = "demo-officer"
CALL_TIMEOUT_SECONDS = 60.0  # a create resolves the grants through svc-exchange first
EXPORT_TIMEOUT_SECONDS = 120.0
WAIT_SLICE_SECONDS = 10  # one WaitOperation call waits at most this long
RETRIED = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})
RETRY_PAUSES_SECONDS = (1, 2, 4, 8, 15)
BEIJING = timezone(timedelta(hours=8))
RESULTS = {
    v.OVERALL_RESULT_PASS: ("核对通过", "PASS"),
    v.OVERALL_RESULT_FAIL: ("核对不通过", "FAIL"),
    v.OVERALL_RESULT_INCOMPLETE: ("核对不完整（部分来源未能查询）", "INCOMPLETE"),
}
STATES = {
    v.VERIFICATION_JOB_STATE_FAILED: "失败",
    v.VERIFICATION_JOB_STATE_CANCELLED: "已取消",
}
# Rules whose declared and recorded values are amounts in fen (the others count records).
AMOUNT_KINDS = frozenset(
    {
        Kind.INCOME_PER_PERSON_BELOW_STANDARD,
        Kind.VALUE_ABOVE_LIMIT,
        Kind.IMPLIED_INCOME_ABOVE_DECLARED,
        Kind.DECLARED_MATCHES_RECORDED,
    }
)
T = TypeVar("T")


class DemoError(Exception):
    """A failure reported as one line on stderr with exit status 1."""


def metadata() -> tuple[tuple[str, str], ...]:
    return (
        ("x-gov-person", PERSON),
        ("x-gov-purpose", "dibao household verification demo"),
        ("x-request-id", uuid.uuid4().hex),
    )


def call(
    method: Callable[..., T],
    request: Any,
    timeout: float = CALL_TIMEOUT_SECONDS,
    retried: frozenset[grpc.StatusCode] = RETRIED,
) -> T:
    """``method(request)`` as the bureau's system, retried while svc-verify restarts."""
    for pause in (*RETRY_PAUSES_SECONDS, None):
        try:
            return method(request, metadata=metadata(), timeout=timeout)
        except grpc.RpcError as error:
            if error.code() in retried and pause is not None:  # type: ignore[attr-defined]
                time.sleep(pause)
                continue
            raise
    raise AssertionError("unreachable")


def refused(what: str, error: grpc.RpcError) -> DemoError:
    code = error.code()  # type: ignore[attr-defined]
    hint = ""
    if code == grpc.StatusCode.UNIMPLEMENTED:
        hint = " (svc-verify does not implement it yet)"
    elif code == grpc.StatusCode.UNAUTHENTICATED:
        hint = f" ({SYSTEM} is not registered: run scripts/demo_sources.py, or make run)"
    elif code == grpc.StatusCode.FAILED_PRECONDITION:
        hint = " (are the grants in place? run scripts/demo_sources.py)"
    return DemoError(f"{what}: {code.name}: {error.details()}{hint}")  # type: ignore[attr-defined]


# -- rendering -------------------------------------------------------------------------------


def yuan(fen_text: str) -> str:
    """Fen as text (the contract's values) in yuan: "150000" → "1,500.00 元"."""
    try:
        return f"{Decimal(fen_text) / 100:,.2f} 元"
    except ArithmeticError:
        return fen_text


def masked(citizen_id: str) -> str:
    """A citizen ID as printed on paper slips: division and last four only."""
    return citizen_id[:6] + "*" * 8 + citizen_id[-4:] if len(citizen_id) == 18 else citizen_id


def value(text: str, kind: Kind | None) -> str:
    if not text:
        return "—"
    return yuan(text) if kind in AMOUNT_KINDS else f"{text} 项"


def render(
    household: hh.DemoHousehold, job: v.VerificationJob, rules: dict[str, verify_policy.Rule]
) -> list[str]:
    """The report as lines of Chinese text."""
    expected = "核对通过" if household.expected == "PASS" else "核对不通过"
    lines = [
        "═" * 78,
        f"申请编号 {household.application_id}　演示情形：{hh.TITLES[household.profile]}"
        f"（预期{expected}）",
    ]
    if household.planted:
        lines.append(f"  埋设的差异：{household.note}")
    names = {m.citizen_id: m.name for m in job.household.members}
    lines.append(
        "  家庭成员："
        + "；".join(
            f"{m.name}（{RELATION.get(m.relation, '?')}，{masked(m.citizen_id)}）"
            for m in job.household.members
        )
    )
    lines.append(f"  核对任务：{job.name}")
    if job.state != v.VERIFICATION_JOB_STATE_SUCCEEDED:
        lines.append(f"  任务{STATES.get(job.state, v.VerificationJobState.Name(job.state))}")
        return lines
    report = job.report
    result, _ = RESULTS.get(report.overall_result, ("未知", ""))
    lines.append(
        f"  核对结论：{result}　（政策 {report.policy}，版本 {report.policy_revision}，"
        f"{report.create_time.ToDatetime(tzinfo=UTC).astimezone(BEIJING):%Y-%m-%d %H:%M}）"
    )
    for number, finding in enumerate(report.findings, 1):
        rule = rules.get(finding.rule)
        kind = rule.kind if rule else None
        title = rule.title if rule else finding.rule
        concerned = [names.get(c, "") for c in finding.citizen_ids or [finding.citizen_id] if c]
        who = f"　成员：{'、'.join(concerned)}" if concerned else ""
        lines.append(
            f"  {number}. 【{OUTCOME.get(finding.outcome, '?')}】{title}（{finding.rule}）{who}"
        )
        lines.append(
            f"     申报：{value(finding.declared_value, kind)}　"
            f"登记：{value(finding.recorded_value, kind)}"
        )
        lines.append(f"     说明：{finding.explanation}")
        for evidence in finding.evidence[:4]:
            fetched = evidence.fetch_time.ToDatetime(tzinfo=UTC).astimezone(BEIJING)
            key = evidence.record_key or "（已隐去）"
            lines.append(
                f"     依据：{evidence.resource} 记录 {key} 第 {evidence.record_version} 版，"
                f"{fetched:%H:%M:%S} 调取"
            )
        if len(finding.evidence) > 4:
            lines.append(f"     依据：另 {len(finding.evidence) - 4} 条记录")
    for source in report.incomplete_sources:
        lines.append(f"  未能查询：{source.resource}（{source.code}）{source.reason}")
    return lines


# -- the scenario ----------------------------------------------------------------------------


def submit(
    verify: verify_pb2_grpc.VerificationServiceStub, household: hh.DemoHousehold
) -> operations_pb2.Operation:
    request = v.CreateVerificationJobRequest(
        parent=BUREAU,
        verification_job=v.VerificationJob(
            household=household.application,
            policy=POLICY,
            purpose=PURPOSE,
            application_id=household.application_id,
            report_detail=v.REPORT_DETAIL_FULL,
        ),
        request_id=str(uuid.uuid4()),  # one per run; retries of this call start one job
    )
    try:
        return call(verify.CreateVerificationJob, request)
    except grpc.RpcError as error:
        raise refused(f"CreateVerificationJob {household.application_id}", error) from None


def job_name(operation: operations_pb2.Operation) -> str:
    progress = v.VerificationJobMetadata()
    if not operation.metadata.Unpack(progress) or not progress.verification_job:
        raise DemoError(f"operation {operation.name} names no verification job in its metadata")
    return progress.verification_job


def finished(
    verify: verify_pb2_grpc.VerificationServiceStub,
    operations: operations_pb2_grpc.OperationsStub,
    operation: operations_pb2.Operation,
    deadline: float,
) -> v.VerificationJob:
    """The job once its operation is done: by WaitOperation, or by polling GetVerificationJob
    where WaitOperation is not served."""
    name = job_name(operation)
    waiting = not operation.done
    while waiting and time.monotonic() < deadline:
        left = max(1, min(WAIT_SLICE_SECONDS, int(deadline - time.monotonic())))
        try:
            operation = call(
                operations.WaitOperation,
                operations_pb2.WaitOperationRequest(
                    name=operation.name, timeout=Duration(seconds=left)
                ),
                timeout=left + 10,
            )
            waiting = not operation.done
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.UNIMPLEMENTED:  # type: ignore[attr-defined]
                raise refused(f"WaitOperation {operation.name}", error) from None
            break
    while True:
        try:
            job = call(verify.GetVerificationJob, v.GetVerificationJobRequest(name=name))
        except grpc.RpcError as error:
            raise refused(f"GetVerificationJob {name}", error) from None
        if job.state not in (v.VERIFICATION_JOB_STATE_PENDING, v.VERIFICATION_JOB_STATE_RUNNING):
            return job
        if time.monotonic() > deadline:
            raise DemoError(f"{name} is still {v.VerificationJobState.Name(job.state)}")
        time.sleep(0.5)


@dataclass
class Exporter:
    """Saves reports as PDF; after one PDF export times out it saves JSON instead, rather
    than make the officer wait that long again for each report."""

    verify: verify_pb2_grpc.VerificationServiceStub
    pdf: bool = True

    def save(self, job: v.VerificationJob, stem: Path) -> str:
        """Save ``job``'s report next to ``stem`` (.pdf, else .json); a line saying where."""
        why = ""
        if self.pdf:
            try:
                return self._save(job, v.REPORT_FORMAT_PDF, stem.with_suffix(".pdf"), "PDF")
            except grpc.RpcError as error:
                why = f"  报告 PDF 未导出：{refused('ExportReport', error)}\n"
                if error.code() == grpc.StatusCode.DEADLINE_EXCEEDED:  # type: ignore[attr-defined]
                    self.pdf = False
        try:
            return why + self._save(job, v.REPORT_FORMAT_JSON, stem.with_suffix(".json"), "JSON")
        except grpc.RpcError as error:
            return f"  报告未导出：{refused('ExportReport', error)}"

    def _save(self, job: v.VerificationJob, format_: int, to: Path, label: str) -> str:
        document = call(
            self.verify.ExportReport,
            v.ExportReportRequest(name=job.name, format=format_),
            timeout=EXPORT_TIMEOUT_SECONDS,
            retried=frozenset({grpc.StatusCode.UNAVAILABLE}),  # a slow render is not retried
        )
        to.parent.mkdir(parents=True, exist_ok=True)
        to.write_bytes(document.content)
        size = max(1, len(document.content) // 1024)
        return f"  报告 {label}：{to}（{size} KiB）"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--applications", type=Path, default=APPLICATIONS, help="households.json to read"
    )
    parser.add_argument(
        "--timeout", type=float, default=180.0, help="seconds to wait for all reports"
    )
    args = parser.parse_args(argv)
    if not args.applications.exists():
        print(
            f"demo_verify: {args.applications} is missing: run scripts/demo_sources.py "
            "(make run does) first",
            file=sys.stderr,
        )
        return 1
    scenario = hh.flagship(hh.read_applications(args.applications))
    rules = {rule.id: rule for rule in verify_policy.default().rules}
    address = (
        os.environ.get("GOVDATA_VERIFY_ADDR", "").strip() or f"127.0.0.1:{API_PORTS['verify']}"
    )
    started = time.monotonic()
    try:
        with devpki.channel(PKI, address, SYSTEM) as channel:
            verify = verify_pb2_grpc.VerificationServiceStub(channel)
            operations = operations_pb2_grpc.OperationsStub(channel)
            submitted = [(h, submit(verify, h)) for h in scenario]
            deadline = time.monotonic() + args.timeout
            agreed = 0
            exporter = Exporter(verify)
            for household, operation in submitted:
                job = finished(verify, operations, operation, deadline)
                print("\n".join(render(household, job, rules)))
                _, got = RESULTS.get(job.report.overall_result, ("", ""))
                if job.state == v.VERIFICATION_JOB_STATE_SUCCEEDED:
                    print(exporter.save(job, DEMO / f"核对报告-{household.application_id}"))
                same = got == household.expected
                agreed += same
                print(f"  与预期{'一致' if same else '不一致！'}")
    except DemoError as exc:
        print(f"demo_verify: {exc}", file=sys.stderr)
        return 1
    print("═" * 78)
    print(
        f"{agreed}/{len(scenario)} 份核对报告与演示标签一致（{time.monotonic() - started:.1f} 秒）"
    )
    return 0 if agreed == len(scenario) else 1


if __name__ == "__main__":
    sys.exit(main())
