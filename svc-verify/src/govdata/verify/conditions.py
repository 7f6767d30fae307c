"""svc-verify's condition for the access policy: ``own_organization`` — the job, key or
licence the request names belongs to the caller's organisation (a bureau sees only its own
jobs; an issuer registers and revokes only its own licences)."""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf.message import Message

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.policy import Conditions, own_organization

_TARGET: dict[str, Callable[[Message], str]] = {
    v.CreateVerificationJobRequest.DESCRIPTOR.full_name: lambda r: r.parent,  # type: ignore[attr-defined]
    v.BatchCreateVerificationJobsRequest.DESCRIPTOR.full_name: lambda r: r.parent,  # type: ignore[attr-defined]
    v.ListVerificationJobsRequest.DESCRIPTOR.full_name: lambda r: r.parent,  # type: ignore[attr-defined]
    v.GetVerificationJobRequest.DESCRIPTOR.full_name: lambda r: r.name,  # type: ignore[attr-defined]
    v.CancelVerificationJobRequest.DESCRIPTOR.full_name: lambda r: r.name,  # type: ignore[attr-defined]
    v.ExportReportRequest.DESCRIPTOR.full_name: lambda r: r.name,  # type: ignore[attr-defined]
    v.RegisterLicenceKeyRequest.DESCRIPTOR.full_name: lambda r: r.licence_key.name,  # type: ignore[attr-defined]
    v.RevokeLicenceRequest.DESCRIPTOR.full_name: lambda r: r.issuer,  # type: ignore[attr-defined]
}


def provide(conditions: Conditions) -> None:
    conditions.provide("own_organization", own_organization(_TARGET))
