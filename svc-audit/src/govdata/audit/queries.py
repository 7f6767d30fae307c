"""Auditors' searches and the citizen access report.

Both search the query index (``query_index``: OpenSearch) and only the prefix of the log it
holds. Auditors are then handed the stored records, read from MongoDB by id: each carries its
leaf index and the leaf hash of what it says, so the caller can ask for its inclusion proof
and check it against a signed head.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from google.type import interval_pb2

from gov.audit.v1 import audit_pb2
from govdata.audit import query_index
from govdata.audit.log import NAMES, AuditLog
from govdata.runtime import audit, citizen_ids
from govdata.runtime.errors import FieldViolation, InvalidArgument
from govdata.runtime.privacy import normalize_id_number

DEFAULT_PAGE = 100
MAX_PAGE = 1000
# The citizen's own look at the report is not an access to show them.
REPORT_METHODS = (
    "/gov.audit.v1.AuditService/ListAccessesToMe",
    "/gov.audit.v1.AuditService/GetCitizenAccessReport",
)


def page_size(value: int, field: str = "page_size") -> int:
    if value < 0:
        raise InvalidArgument(FieldViolation(field, "must not be negative"))
    return min(value or DEFAULT_PAGE, MAX_PAGE)


def time_filter(interval: interval_pb2.Interval, field: str) -> dict[str, Any]:
    bounds: dict[str, Any] = {}
    for end, operator in (("start_time", "$gte"), ("end_time", "$lt")):
        if interval.HasField(end):
            bounds[operator] = _when(getattr(interval, end), f"{field}.{end}")
    if "$gte" in bounds and "$lt" in bounds and bounds["$gte"] > bounds["$lt"]:
        raise InvalidArgument(FieldViolation(field, "end_time is before start_time"))
    return {"time": bounds} if bounds else {}


def _when(value: Any, field: str) -> datetime:
    if not 0 <= value.nanos < 1_000_000_000:
        raise InvalidArgument(FieldViolation(field, "nanos must be 0 to 999,999,999"))
    try:
        return value.ToDatetime(tzinfo=UTC)
    except (ValueError, OverflowError):
        raise InvalidArgument(FieldViolation(field, "is not a valid time")) from None


def subject_key(citizen_id: str, field: str) -> str:
    """The keyed hash records name ``citizen_id`` by, once it is a well-formed ID."""
    value = normalize_id_number(citizen_id)
    problem = citizen_ids.check(value)
    if problem:
        raise InvalidArgument(FieldViolation(field, problem))
    audit.note_access(data_subjects=[value])
    return audit.subject_keys([value])[0]


def _token(after: Any, query: dict[str, Any]) -> str:
    raw = json.dumps({"a": after, "q": _fingerprint(query)}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _after(token: str, query: dict[str, Any]) -> Any:
    if not token:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        after, fingerprint = data["a"], data["q"]
    except (ValueError, KeyError, TypeError):
        raise InvalidArgument(
            FieldViolation("page_token", "is not a token this service issued")
        ) from None
    if fingerprint != _fingerprint(query):
        raise InvalidArgument(FieldViolation("page_token", "belongs to a query with other filters"))
    return after


def _fingerprint(query: dict[str, Any]) -> str:
    return json.dumps(query, sort_keys=True, default=str)


def _terms(pairs: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"term": {path: value}} for path, value in pairs if value]


def _time_range(interval: interval_pb2.Interval, field: str) -> list[dict[str, Any]]:
    bounds = time_filter(interval, field).get("time")
    if not bounds:
        return []
    return [{"range": {"time": {
        "gte" if k == "$gte" else "lt": v.isoformat() for k, v in bounds.items()
    }}}]  # fmt: skip


def _below(audit_log: AuditLog) -> int:
    committed, _ = audit_log.committed()
    return min(committed, query_index.indexed(audit_log))


def query_records(
    audit_log: AuditLog, index: query_index.QueryIndex, request: audit_pb2.QueryAuditRecordsRequest
) -> audit_pb2.QueryAuditRecordsResponse:
    size = page_size(request.page_size)
    filters = _time_range(request.time_range, "time_range") + _terms(
        (path, getattr(request, field))
        for field, path in (
            ("actor_system", "actor.system"),
            ("actor_person", "actor.person"),
            ("actor_organization", "actor.organization"),
            ("resource", "resource"),
            ("grant", "grant"),
            ("request_id", "request_id"),
            ("method", "method"),
            ("outcome", "outcome"),
            ("purpose", "purpose"),
            ("service", "service"),
        )
    )
    if request.data_subject_id:
        key = subject_key(request.data_subject_id, "data_subject_id")
        filters.append({"term": {"data_subject_keys": key}})
    shape = {"filters": filters}
    after = _after(request.page_token, shape)
    hits = index.search(filters, _below(audit_log), False, size + 1, after)
    response = audit_pb2.QueryAuditRecordsResponse()
    held = audit_log.records_at(hit["leaf_index"] for hit in hits[:size])
    for hit in hits[:size]:
        record = held.get(hit["leaf_index"])
        if record is not None:  # (None: archived since it was indexed)
            response.audit_records.append(record)
    if len(hits) > size:
        response.next_page_token = _token(hits[size - 1]["leaf_index"], shape)
    return response


def citizen_report(
    audit_log: AuditLog,
    index: query_index.QueryIndex,
    key: str,
    interval: interval_pb2.Interval,
    size_wanted: int,
    token: str,
    now: datetime,
) -> audit_pb2.ListAccessesToMeResponse:
    """Every access to the data of the subject ``key``, newest first, as the citizen sees it:
    which organisation, what, why, when, the outcome; never who else was concerned, nor the
    calling system or person. Accesses hidden until a later time are left out until then."""
    size = page_size(size_wanted)
    filters = [
        {"term": {"data_subject_keys": key}},
        *_time_range(interval, "time_range"),
        {"bool": {"should": [
            {"bool": {"must_not": [{"exists": {"field": "hidden_until"}}]}},
            {"range": {"hidden_until": {"lte": now.isoformat()}}},
        ]}},
    ]  # fmt: skip
    shape = {"filters": filters[:2]}
    after = _after(token, shape)
    hits = index.search(
        filters,
        _below(audit_log),
        True,
        size + 1,
        after,
        must_not=[{"terms": {"method": list(REPORT_METHODS)}}],
    )
    names = _display_names(audit_log, hits[:size])
    response = audit_pb2.ListAccessesToMeResponse()
    for hit in hits[:size]:
        organization = (hit.get("actor") or {}).get("organization", "")
        access = response.accesses.add(
            organization=organization,
            organization_display_name=names.get(organization, ""),
            resource=hit.get("resource", ""),
            resource_display_name=names.get(hit.get("resource", ""), ""),
            data_items=hit.get("data_items", []),
            purpose=hit.get("purpose", ""),
            outcome=hit.get("outcome", ""),
        )
        access.time.FromDatetime(datetime.fromisoformat(hit["time"]))
    if len(hits) > size:
        response.next_page_token = _token(hits[size - 1]["leaf_index"], shape)
    return response


def _display_names(audit_log: AuditLog, docs: Iterable[dict[str, Any]]) -> dict[str, str]:
    wanted = set()
    for doc in docs:
        wanted.add((doc.get("actor") or {}).get("organization", ""))
        wanted.add(doc.get("resource", ""))
    names = {}
    for name in wanted - {""}:
        found = audit_log.database[NAMES].find_one({"_id": name})
        if found:
            names[name] = found.get("display_name", "")
    return names
