"""The exchange's store on the real FerretDB: record versions, the arrival log, idempotent
batches, grants' quota, the escalation sweep and grant expiry, with their outboxed events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from google.type.interval_pb2 import Interval

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.events.v1 import events_pb2 as e
from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange import store, working_days
from govdata.exchange.catalogue import CatalogueCopy
from govdata.exchange.grants import Grants
from govdata.exchange.record_log import RecordLog, batch_of
from govdata.exchange.sharing_requests import SharingRequests
from govdata.exchange.workflow import Rules
from govdata.runtime import outbox
from govdata.runtime.errors import Aborted, PermissionDenied, ResourceExhausted

RESOURCE = c.InformationResource(
    name="organizations/gongjijin/resources/jiaocun",
    provider="organizations/gongjijin",
    state=c.RESOURCE_STATE_PUBLISHED,
    sharing=c.SharingAttributes(share_type=cm.SHARE_TYPE_CONDITIONAL, legal_basis="条例"),
    data_items=[
        c.DataItem(name="公民身份号码", type=cm.DATA_ITEM_TYPE_CHARACTER, length=18, key=True),
        c.DataItem(name="月缴存额", type=cm.DATA_ITEM_TYPE_CURRENCY),
        c.DataItem(name="余额", type=cm.DATA_ITEM_TYPE_CURRENCY),
    ],
)
PROVIDER = cm.Actor(system="callingSystems/gjj", organization="organizations/gongjijin")
CONSUMER = cm.Actor(system="callingSystems/mz", organization="organizations/minzheng")


def record(key: str, amount: str) -> x.Record:
    return x.Record(key=key, fields={"公民身份号码": key, "月缴存额": amount, "余额": "1000.00"})


@pytest.fixture
def log(mongo_db) -> RecordLog:  # type: ignore[no-untyped-def]
    remembered = store.Remembered(mongo_db["remembered"])
    return RecordLog(
        mongo_db["record_heads"],
        mongo_db["record_chunks"],
        mongo_db["record_streams"],
        mongo_db["record_key_values"],
        remembered,
        "svc-exchange",
        lambda collection, name: None,
    )


def publish(log: RecordLog, rows: list[x.Record], request_id: str = "") -> x.PublishRecordsResponse:
    request = x.PublishRecordsRequest(resource=RESOURCE.name, records=rows, request_id=request_id)
    return log.publish(RESOURCE, request, "organizations/gongjijin")


def test_versions_count_per_key_and_the_log_keeps_every_one(log: RecordLog, mongo_db) -> None:
    publish(log, [record("A", "100.00"), record("B", "200.00")])
    publish(log, [record("A", "150.00"), record("A", "160.00"), x.Record(key="B", deleted=True)])
    answer = log.query(RESOURCE.name, ["A", "B", "C"], frozenset({"月缴存额"}))
    assert [(r.key, r.version, dict(r.fields)) for r in answer.records] == [
        ("A", 3, {"月缴存额": "160.00"})
    ]
    assert list(answer.missing_keys) == ["B", "C"]  # B deleted, C never published
    first, second = log.chunk(RESOURCE.name, 1), log.chunk(RESOURCE.name, 2)
    assert first is not None and second is not None and log.chunk(RESOURCE.name, 3) is None
    assert [(r.key, r.version) for r in second[1]] == [("A", 2), ("A", 3), ("B", 2)]
    assert batch_of(answer.records[0].sequence) == 2
    stream = mongo_db["record_streams"].find_one({"_id": RESOURCE.name})
    assert stream["records"] == 5 and stream["batch"] == 2
    events = [e.EventEnvelope.FromString(entry["body"]) for entry in stream.get(outbox.OUTBOX, [])]
    assert all(env.event_type == "gov.events.v1.RecordsPublished" for env in events)


def test_a_retried_batch_is_stored_once_and_bad_rows_do_not_stop_good_ones(log: RecordLog) -> None:
    rows = [record("A", "100.00"), record("B", "12.345"), x.Record(key="", fields={})]
    first = publish(log, rows, request_id="7d3c7c2e-0f7a-4c36-9a55-4d5f3c0d1e01")
    again = publish(log, rows, request_id="7d3c7c2e-0f7a-4c36-9a55-4d5f3c0d1e01")
    assert first == again and first.accepted_count == 1
    assert [(r.row_index, r.field) for r in first.rejected] == [(1, "月缴存额"), (2, "key")]
    assert log.chunk(RESOURCE.name, 2) is None
    assert log.query(RESOURCE.name, ["A"], frozenset()).records[0].version == 1


def services(mongo_db, answer_days: int = 10) -> tuple[SharingRequests, Grants]:  # type: ignore[no-untyped-def]
    notify = lambda collection, name: None  # noqa: E731
    requests_store = store.Aggregates(
        mongo_db["sharing_requests"], x.SharingRequest, "sharing request", "svc-exchange", notify
    )
    grants = Grants(
        store.Aggregates(mongo_db["grants"], x.Grant, "grant", "svc-exchange", notify),
        mongo_db["quota_usage"],
    )
    mongo_db["resources"].insert_one(
        {"_id": RESOURCE.name, "snapshot": RESOURCE.SerializeToString(), "deleted": False}
    )
    requests = SharingRequests(
        requests_store,
        grants,
        CatalogueCopy(mongo_db["resources"]),
        store.Remembered(mongo_db["remembered"]),
        Rules(answer_working_days=answer_days),
        working_days.default(),
    )
    return requests, grants


def asking(days: int = 90) -> x.CreateSharingRequestRequest:
    period = Interval()
    start = datetime(2026, 3, 2, tzinfo=UTC)
    period.start_time.FromDatetime(start)
    period.end_time.FromDatetime(start + timedelta(days=days))
    return x.CreateSharingRequestRequest(
        parent="organizations/minzheng",
        request_id="0b6f7e2a-5d1c-4b8e-8f00-1a2b3c4d5e6f",
        sharing_request=x.SharingRequest(
            resource=RESOURCE.name,
            data_items=["公民身份号码", "月缴存额"],
            duty="organizations/minzheng/duties/dibao",
            legal_basis="《社会救助暂行办法》",
            purpose="低保核对",
            period=period,
        ),
    )


def test_unanswered_requests_escalate_once_and_grants_expire(mongo_db) -> None:
    requests, grants = services(mongo_db)
    filed_at = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 2 March, 09:00 in Beijing
    filed = requests.create(asking(), CONSUMER, filed_at)
    assert requests.create(asking(), CONSUMER, filed_at).name == filed.name  # same request id
    assert filed.due_time.ToDatetime(tzinfo=UTC) == datetime(2026, 3, 16, 16, 0, tzinfo=UTC)
    assert requests.sweep(datetime(2026, 3, 16, 15, 59, tzinfo=UTC)) == []
    escalated = requests.sweep(datetime(2026, 3, 16, 16, 0, tzinfo=UTC))
    assert [r.state for r in escalated] == [x.SHARING_REQUEST_STATE_ESCALATED]
    assert requests.sweep(datetime(2026, 3, 17, tzinfo=UTC)) == []  # escalated once
    stored = mongo_db["sharing_requests"].find_one({"_id": filed.name})
    kinds = [e.EventEnvelope.FromString(o["body"]).event_type for o in stored[outbox.OUTBOX]]
    assert kinds == ["gov.events.v1.SharingRequestChanged"] * 2

    approved = requests.approve(
        x.ApproveSharingRequestRequest(name=filed.name, daily_quota=3),
        PROVIDER,
        datetime(2026, 3, 18, tzinfo=UTC),
    )
    grant = grants.get(approved.grant)
    assert grant.state == x.GRANT_STATE_ACTIVE and grant.daily_quota == 3
    inside = datetime(2026, 4, 1, 2, 0, tzinfo=UTC)
    grants.take_quota(grant, 2, inside)
    with pytest.raises(ResourceExhausted):
        grants.take_quota(grant, 2, inside)
    grants.take_quota(grant, 2, inside + timedelta(days=1))  # a new day in Beijing
    with pytest.raises(PermissionDenied, match="does not cover"):
        grants.check(grant.name, "organizations/minzheng", RESOURCE.name, ["余额"], inside)
    with pytest.raises(PermissionDenied, match="not a grant of your organisation"):
        grants.check(grant.name, "organizations/gongan", RESOURCE.name, [], inside)
    end = grant.validity.end_time.ToDatetime(tzinfo=UTC)
    with pytest.raises(PermissionDenied, match="expired"):
        grants.check(grant.name, "organizations/minzheng", RESOURCE.name, [], end)
    assert grants.expire_due(end) == 1 and grants.expire_due(end) == 0
    assert grants.get(grant.name).state == x.GRANT_STATE_EXPIRED


def test_a_stale_etag_is_refused_and_nothing_changes(mongo_db) -> None:
    requests, _ = services(mongo_db)
    filed = requests.create(asking(), CONSUMER, datetime(2026, 3, 2, tzinfo=UTC))
    requests.withdraw(
        x.WithdrawSharingRequestRequest(name=filed.name), CONSUMER, datetime(2026, 3, 3, tzinfo=UTC)
    )
    with pytest.raises(Aborted):
        requests.refuse(
            x.RefuseSharingRequestRequest(
                name=filed.name, etag=filed.etag, reason="无", legal_basis="无"
            ),
            PROVIDER,
            datetime(2026, 3, 4, tzinfo=UTC),
        )
    assert requests.get(filed.name).state == x.SHARING_REQUEST_STATE_WITHDRAWN


def test_a_publication_that_died_midway_is_finished_or_forgotten(log: RecordLog, mongo_db) -> None:
    from govdata.exchange.record_log import Row, chunk_id, head_id, sequence_of

    publish(log, [record("A", "100.00")])  # batch 1
    # died after storing its chunk (batch 2: A's version 2), before heads and stream
    orphan = Row("A", 2, {"公民身份号码": "A", "月缴存额": "200.00"}, False, None)
    mongo_db["record_chunks"].insert_one(
        {"_id": chunk_id(RESOURCE.name, 2), "t": datetime.now(UTC), "rows": [orphan.encode()]}
    )
    # and another died after claiming a head for a new key, before its chunk (batch 3)
    mongo_db["record_heads"].insert_one(
        {
            "_id": head_id(RESOURCE.name, "Z"),
            "v": 1,
            "s": sequence_of(3, 0),
            "t": datetime.now(UTC),
            "row": orphan.encode(),
        }
    )
    publish(log, [record("A", "300.00"), record("Z", "1.00")])
    answer = log.query(RESOURCE.name, ["A", "Z"], frozenset({"月缴存额"}))
    assert [(r.key, r.version, r.fields["月缴存额"]) for r in answer.records] == [
        ("A", 3, "300.00"),  # after the finished version 2
        ("Z", 1, "1.00"),  # the dead claim did not count
    ]
    stream = mongo_db["record_streams"].find_one({"_id": RESOURCE.name})
    assert stream["batch"] == 3 and stream["records"] == 4
    assert [(r.key, r.version) for r in log.chunk(RESOURCE.name, 3)[1]] == [("A", 3), ("Z", 1)]
