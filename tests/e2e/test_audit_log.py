"""The audit log end to end: every call lands in it once, and a client holding only the log's
public key can prove it — signed heads, inclusion and consistency proofs, offline exports.
Auditors verify the whole log, risk rules raise alerts, and the calls are guarded."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import grpc
import pytest

from gov.audit.v1 import audit_pb2 as a
from gov.audit.v1 import audit_pb2_grpc
from gov.catalog.v1 import catalog_pb2 as c
from govdata_client.audit_export import verify_export
from govdata_client.audit_records import leaf_hash_of
from govdata_client.merkle import ProofError, verify_consistency, verify_inclusion
from govdata_client.tree_head import load_public_key, verify_head_message

from .conftest import (
    METRICS,
    PKI,
    admitted_everywhere,
    audit_entry,
    auditor,
    caller,
    channel,
    eventually,
    metrics_text,
    register_system,
)

PUBLIC_KEY = PKI / "audit-signing-key.pub"


def traced_call(catalog, request_id: str) -> None:
    catalog.ListOrganizations(
        c.ListOrganizationsRequest(page_size=1),
        metadata=(("x-gov-person", "tester"), ("x-request-id", request_id)),
        timeout=10,
    )


def meta() -> tuple[tuple[str, str], ...]:
    return caller("audit e2e")


def test_a_call_is_in_the_log_once_and_its_inclusion_is_provable(catalog) -> None:
    request_id = uuid.uuid4().hex
    traced_call(catalog, request_id)
    record = audit_entry(request_id)
    assert record.method == "/gov.catalog.v1.CatalogService/ListOrganizations"
    assert record.actor.system == "callingSystems/govdata-admin" and record.outcome == "OK"
    assert record.leaf_hash == leaf_hash_of(record)
    stub = auditor()
    head = stub.SignTreeHead(a.SignTreeHeadRequest(), metadata=meta(), timeout=10)
    key = load_public_key(PUBLIC_KEY.read_bytes())
    verify_head_message(key, head)
    assert head.tree_size > record.leaf_index
    assert stub.GetTreeHead(a.GetTreeHeadRequest(), metadata=meta()).tree_size == head.tree_size
    proof = stub.GetInclusionProof(
        a.GetInclusionProofRequest(leaf_index=record.leaf_index, tree_size=head.tree_size),
        metadata=meta(),
    )
    assert len(proof.hashes) <= head.tree_size.bit_length() + 1  # O(log n)
    verify_inclusion(
        leaf_hash_of(record), record.leaf_index, head.tree_size, proof.hashes, head.root_hash
    )
    # a record altered by one character no longer proves
    record.purpose += "x"
    with pytest.raises(ProofError):
        verify_inclusion(
            leaf_hash_of(record), record.leaf_index, head.tree_size, proof.hashes, head.root_hash
        )


def test_a_later_head_is_consistent_with_an_earlier_one(catalog) -> None:
    stub = auditor()
    first = stub.SignTreeHead(a.SignTreeHeadRequest(), metadata=meta())
    request_id = uuid.uuid4().hex
    traced_call(catalog, request_id)
    audit_entry(request_id)
    second = stub.SignTreeHead(a.SignTreeHeadRequest(), metadata=meta())
    assert second.tree_size > first.tree_size
    proof = stub.GetConsistencyProof(
        a.GetConsistencyProofRequest(
            first_tree_size=first.tree_size, second_tree_size=second.tree_size
        ),
        metadata=meta(),
    )
    verify_consistency(
        first.tree_size, second.tree_size, first.root_hash, second.root_hash, proof.hashes
    )
    assert (
        stub.GetTreeHead(a.GetTreeHeadRequest(tree_size=first.tree_size), metadata=meta()).root_hash
        == first.root_hash
    )


def test_the_whole_log_verifies_against_its_signed_heads() -> None:
    stub = auditor()
    stub.SignTreeHead(a.SignTreeHeadRequest(), metadata=meta())
    report = stub.VerifyLog(a.VerifyLogRequest(include_records=True), metadata=meta(), timeout=300)
    assert report.ok, report.first_divergence
    assert report.heads_checked >= 1 and report.leaves_checked == report.tree_size
    assert report.records_checked == report.tree_size
    metrics = metrics_text(METRICS["audit"][0])
    assert "govdata_audit_verification_ok 1.0" in metrics


def test_an_export_verifies_offline_with_only_the_public_key(catalog, tmp_path: Path) -> None:
    request_id = uuid.uuid4().hex
    traced_call(catalog, request_id)
    record = audit_entry(request_id)
    stub = auditor()
    head = stub.SignTreeHead(a.SignTreeHeadRequest(), metadata=meta())
    first = max(0, record.leaf_index - 300)
    chunks = stub.ExportAuditRecords(
        a.ExportAuditRecordsRequest(first_leaf_index=first, end_leaf_index=record.leaf_index + 1),
        metadata=meta(),
    )
    exported = tmp_path / "audit.jsonl"
    exported.write_bytes(b"".join(chunk.data for chunk in chunks))
    report = verify_export(
        exported.read_text().splitlines(), load_public_key(PUBLIC_KEY.read_bytes())
    )
    assert (report.first_leaf, report.last_leaf) == (first, record.leaf_index)
    assert report.tree_size >= head.tree_size
    checked = subprocess.run(
        [sys.executable, "-m", "govdata_client.audit_export", str(exported),
         "--public-key", str(PUBLIC_KEY)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # one altered line and the same command refuses the file, naming the leaf
    lines = exported.read_text().splitlines()
    lines[-1] = lines[-1].replace(request_id, uuid.uuid4().hex)
    exported.write_text("\n".join(lines) + "\n")
    refused = subprocess.run(
        [sys.executable, "-m", "govdata_client.audit_export", str(exported),
         "--public-key", str(PUBLIC_KEY)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (
        refused.returncode == 1 and f"leaf {record.leaf_index}" in refused.stdout + refused.stderr
    )


BAD_REQUESTS = [
    ("GetInclusionProof", a.GetInclusionProofRequest(leaf_index=-1), "leaf_index"),
    ("GetInclusionProof", a.GetInclusionProofRequest(tree_size=10**12), "tree_size"),
    ("GetConsistencyProof", a.GetConsistencyProofRequest(), "first_tree_size"),
    ("GetCitizenAccessReport", a.GetCitizenAccessReportRequest(citizen_id="1"), "citizen_id"),
    ("QueryAuditRecords", a.QueryAuditRecordsRequest(page_token="x"), "page_token"),  # noqa: S106
    ("QueryAuditRecords", a.QueryAuditRecordsRequest(data_subject_id="x"), "data_subject_id"),
    ("ExportAuditRecords", a.ExportAuditRecordsRequest(first_leaf_index=-5), "first_leaf_index"),
]


@pytest.mark.parametrize(("method", "message", "field"), BAD_REQUESTS)
def test_bad_requests_are_refused_naming_the_field(method, message, field) -> None:
    call = getattr(auditor(), method)
    if method == "ExportAuditRecords":  # a stream: the error comes with its first message

        def call(message, **kwargs):  # type: ignore[no-untyped-def]
            return list(auditor().ExportAuditRecords(message, **kwargs))

    with pytest.raises(grpc.RpcError) as refused:
        call(message, metadata=meta(), timeout=10)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field in refused.value.details()


def test_only_auditors_read_the_log(catalog) -> None:
    system = f"e2e-reader-{uuid.uuid4().hex[:8]}"
    register_system(catalog, system, ["catalog_reader"])
    admitted_everywhere(system)
    stub = audit_pb2_grpc.AuditServiceStub(channel("audit", system))
    for call, request in [
        (stub.QueryAuditRecords, a.QueryAuditRecordsRequest()),
        (stub.VerifyLog, a.VerifyLogRequest()),
        (stub.GetCitizenAccessReport, a.GetCitizenAccessReportRequest(citizen_id="x")),
    ]:
        with pytest.raises(grpc.RpcError) as refused:
            call(request, metadata=meta(), timeout=10)
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_a_burst_of_refusals_raises_an_alert_linking_the_records(catalog) -> None:
    system = f"e2e-prober-{uuid.uuid4().hex[:8]}"
    register_system(catalog, system, ["catalog_reader"])
    admitted_everywhere(system)
    prober = channel("catalog", system)
    delete = prober.unary_unary(
        "/gov.catalog.v1.CatalogService/DeleteOrganization",
        request_serializer=c.DeleteOrganizationRequest.SerializeToString,
        response_deserializer=lambda raw: raw,
    )
    for _ in range(20):
        with pytest.raises(grpc.RpcError) as refused:
            delete(c.DeleteOrganizationRequest(name="organizations/hx-dsjzx"), metadata=meta())
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED

    def raised() -> a.AuditAlert:
        listed = (
            auditor()
            .ListAuditAlerts(a.ListAuditAlertsRequest(rule="denied-burst"), metadata=meta())
            .alerts
        )
        mine = [x for x in listed if x.actor.system == f"callingSystems/{system}"]
        assert len(mine) == 1, listed
        return mine[0]

    alert = eventually(raised, timeout=60)
    assert alert.severity == "medium" and len(alert.record_ids) == 20

    def linked() -> None:  # the records it names are that system's refusals, once searchable
        found = (
            auditor()
            .QueryAuditRecords(
                a.QueryAuditRecordsRequest(actor_system=f"callingSystems/{system}"), metadata=meta()
            )
            .audit_records
        )
        refused = {r.leaf_index: r.id for r in found if r.outcome == "PERMISSION_DENIED"}
        # (the admission probes were refused too: the alert links the first 20 refusals)
        assert set(zip(alert.leaf_indexes, alert.record_ids, strict=True)) <= set(refused.items())

    eventually(linked)
    metrics = metrics_text(METRICS["audit"][1])
    assert 'govdata_audit_alerts_total{rule="denied-burst",severity="medium"}' in metrics
