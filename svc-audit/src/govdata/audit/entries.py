"""One audit record: taken from an ``AccessRecorded`` event, checked, and turned into a leaf.

The leaf entry is ``govdata_client.audit_records.entry_of``: the deterministic protobuf
serialisation of ``gov.audit.v1.AuditRecord`` with ``leaf_index``, ``leaf_hash`` and
``hidden_until`` cleared, the one definition the log and its clients share.
"""

from __future__ import annotations

import re
from datetime import UTC
from typing import Any

from google.protobuf.message import DecodeError

from gov.audit.v1 import audit_pb2
from gov.events.v1 import events_pb2
from govdata.runtime.events import parse_envelope
from govdata_client.merkle import leaf_hash

ACCESS_RECORDED = "gov.events.v1.AccessRecorded"
_SUBJECT_KEY = re.compile(r"[0-9a-f]{64}")
_CODES = {
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
    "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
    "UNAUTHENTICATED",
}  # fmt: skip
_METHOD = re.compile(r"/[^/\s]+/[^/\s]+")  # /package.Service/Method
_TRACEPARENT = re.compile(r"00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}")


class InvalidRecord(ValueError):
    """An event the log must not take as it is; kept as a dead letter with this reason."""


def record_from_event(body: bytes) -> audit_pb2.AuditRecord:
    """The audit record an ``AccessRecorded`` event carries, or ``InvalidRecord`` saying why.

    Checked: the envelope and payload parse, the id and time are there, the method is a full
    gRPC method, the outcome a gRPC code name, subjects keyed hashes (never raw IDs).
    """
    try:
        envelope = parse_envelope(body)
    except (DecodeError, ValueError) as exc:
        raise InvalidRecord(f"not an event envelope: {exc}") from None
    if envelope.event_type != ACCESS_RECORDED:
        raise InvalidRecord(f"event_type {envelope.event_type!r} is not {ACCESS_RECORDED}")
    access = events_pb2.AccessRecorded()
    if not envelope.payload.Unpack(access):
        raise InvalidRecord(f"payload is {envelope.payload.type_url!r}, not AccessRecorded")
    if not envelope.event_id:
        raise InvalidRecord("event_id is empty")
    if not access.HasField("time"):
        raise InvalidRecord("time is not set")
    if not _METHOD.fullmatch(access.method):
        raise InvalidRecord(f"method {access.method!r} is not a full gRPC method")
    if access.outcome not in _CODES:
        raise InvalidRecord(f"outcome {access.outcome!r} is not a gRPC code name")
    if not access.actor.system:
        raise InvalidRecord("actor.system is empty")
    for key in access.data_subject_keys:
        if not _SUBJECT_KEY.fullmatch(key):
            raise InvalidRecord("data_subject_keys holds a value that is not a keyed hash")
    trace = _TRACEPARENT.fullmatch(envelope.trace.traceparent)
    record = audit_pb2.AuditRecord(
        id=envelope.event_id,
        actor=access.actor,
        request_id=access.request_id,
        method=access.method,
        resource=access.resource,
        data_items=access.data_items,
        data_subject_keys=access.data_subject_keys,
        purpose=access.purpose,
        grant=access.grant,
        outcome=access.outcome,
        service=access.service or envelope.source,
        trace_id=trace.group(1) if trace else "",
    )
    record.time.CopyFrom(access.time)
    if access.HasField("hidden_until"):
        record.hidden_until.CopyFrom(access.hidden_until)
    return record


def record_of_entry(entry: bytes, leaf_index: int) -> audit_pb2.AuditRecord:
    """The record a stored entry holds, placed at ``leaf_index``."""
    record = audit_pb2.AuditRecord.FromString(entry)
    record.leaf_index = leaf_index
    record.leaf_hash = leaf_hash(entry)
    return record


def index_document(record: audit_pb2.AuditRecord, leaf_index: int) -> dict[str, Any]:
    """The record's line in ``records``: its id (unique: what makes a redelivered record
    append once) and where it sits in the log."""
    return {"_id": record.id, "leaf_index": leaf_index}


def to_document(record: audit_pb2.AuditRecord) -> dict[str, Any]:
    """The record as one flat document: the query index's source (and, in the benchmark, the
    document a plain insert of the record would store)."""
    doc: dict[str, Any] = {
        "leaf_index": record.leaf_index,
        "time": record.time.ToDatetime(tzinfo=UTC).isoformat(),
        "actor": {
            "system": record.actor.system,
            "person": record.actor.person,
            "organization": record.actor.organization,
        },
        "request_id": record.request_id,
        "method": record.method,
        "resource": record.resource,
        "data_items": list(record.data_items),
        "data_subject_keys": list(record.data_subject_keys),
        "purpose": record.purpose,
        "grant": record.grant,
        "outcome": record.outcome,
        "service": record.service,
        "trace_id": record.trace_id,
    }
    if record.HasField("hidden_until"):
        doc["hidden_until"] = record.hidden_until.ToDatetime(tzinfo=UTC).isoformat()
    return doc
