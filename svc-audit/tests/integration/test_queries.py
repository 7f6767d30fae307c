"""Auditors' searches and the citizen access report on real FerretDB and OpenSearch.

The api's indexer builds the query index from the log; a search returns the log's own
entries (provable), in log order and paged; the citizen report shows a citizen every access
to their data but not the others concerned, and leaves hidden accesses out until their
secrecy period ends.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from google.type import interval_pb2

from gov.audit.v1 import audit_pb2
from govdata.audit import queries
from govdata.audit.log import NAMES, Appender, AuditLog
from govdata.audit.query_index import Indexer, QueryIndex, indexed
from govdata.runtime.errors import InvalidArgument
from govdata_client.audit_records import leaf_hash_of

CITIZEN = "a" * 64  # the keyed hash a citizen's ID turns into
NEIGHBOUR = "b" * 64
NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def index(search_client, index_prefix) -> QueryIndex:
    return QueryIndex(search_client, f"{index_prefix}audit-records")


def searchable(audit_log: AuditLog, index: QueryIndex) -> None:
    indexer = Indexer(audit_log, index, "test")
    while indexer.catch_up():
        pass
    index.client.indices.refresh(index=index.name)
    assert indexed(audit_log) == audit_log.committed()[0]


def read(make_records, subjects, organization, resource, hidden_until=None):
    record = make_records(1, NOW - timedelta(days=1))[0]
    record.data_subject_keys.extend(subjects)
    record.actor.organization = organization
    record.resource = resource
    record.data_items.extend(["姓名", "车辆价值"])
    record.purpose = "最低生活保障家庭经济状况核对"
    if hidden_until is not None:
        record.hidden_until.FromDatetime(hidden_until)
    return record


def test_a_search_returns_the_logs_own_entries_in_order_and_paged(
    audit_log, index, make_records
) -> None:
    appended = Appender(audit_log).append(make_records(30))
    searchable(audit_log, index)
    seen, token = [], ""
    while True:
        page = queries.query_records(
            audit_log,
            index,
            audit_pb2.QueryAuditRecordsRequest(
                actor_person="clerk-1", page_size=4, page_token=token
            ),
        )
        seen.extend(page.audit_records)
        token = page.next_page_token
        if not token:
            break
    expected = [r for r in appended if r.actor.person == "clerk-1"]
    assert [r.id for r in seen] == [r.id for r in expected]
    assert [r.leaf_index for r in seen] == sorted(r.leaf_index for r in seen)
    assert all(r.leaf_hash == leaf_hash_of(r) for r in seen)
    with pytest.raises(InvalidArgument, match="page_token"):
        queries.query_records(
            audit_log,
            index,
            audit_pb2.QueryAuditRecordsRequest(actor_person="clerk-2", page_token=token or "x"),
        )


def test_the_citizen_report_shows_every_access_and_nothing_of_others(
    audit_log, index, make_records
) -> None:
    audit_log.database[NAMES].insert_one({"_id": "organizations/hx-mzj", "display_name": "民政局"})
    shown = read(make_records, [CITIZEN, NEIGHBOUR], "organizations/hx-mzj", "r/vehicles")
    secret = read(make_records, [CITIZEN], "organizations/hx-gaj", "r/x", NOW + timedelta(days=30))
    over = read(make_records, [CITIZEN], "organizations/hx-gaj", "r/y", NOW - timedelta(hours=1))
    other = read(make_records, [NEIGHBOUR], "organizations/hx-swj", "r/tax")
    Appender(audit_log).append([shown, secret, over, other])
    searchable(audit_log, index)

    report = queries.citizen_report(audit_log, index, CITIZEN, interval_pb2.Interval(), 0, "", NOW)

    assert [a.resource for a in report.accesses] == ["r/y", "r/vehicles"]  # newest first
    first = report.accesses[1]
    assert (first.organization, first.organization_display_name) == (
        "organizations/hx-mzj",
        "民政局",
    )
    assert list(first.data_items) == ["姓名", "车辆价值"] and first.outcome == "OK"
    assert NEIGHBOUR not in str(report) and "clerk" not in str(report)
    later = queries.citizen_report(
        audit_log, index, CITIZEN, interval_pb2.Interval(), 0, "", NOW + timedelta(days=31)
    )
    assert "r/x" in {a.resource for a in later.accesses}  # the secrecy period is over


def test_a_bad_time_range_is_refused_naming_the_field(audit_log, index) -> None:
    bad = interval_pb2.Interval()
    bad.start_time.nanos = -1
    with pytest.raises(InvalidArgument, match=r"time_range\.start_time"):
        queries.citizen_report(audit_log, index, CITIZEN, bad, 0, "", NOW)
    backwards = interval_pb2.Interval()
    backwards.start_time.FromDatetime(NOW)
    backwards.end_time.FromDatetime(NOW - timedelta(days=1))
    with pytest.raises(InvalidArgument, match="end_time is before start_time"):
        queries.citizen_report(audit_log, index, CITIZEN, backwards, 0, "", NOW)


def test_a_deleted_index_is_built_again_from_the_log(audit_log, index, make_records) -> None:
    Appender(audit_log).append(make_records(12))
    searchable(audit_log, index)
    index.client.indices.delete(index=index.name)
    searchable(audit_log, index)
    found = queries.query_records(audit_log, index, audit_pb2.QueryAuditRecordsRequest())
    assert len(found.audit_records) == 12
