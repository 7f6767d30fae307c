"""Sharing between two departments end to end, through the running platform.

The conditional path of the national rules: the consumer asks, the provider approves part
of it, the provider publishes 10,000 records, the consumer's subscription receives exactly
the granted items, a household is queried by key (and audited with hashed subjects), and a
revocation stops both reads at once.
"""

from __future__ import annotations

import itertools
import threading

import grpc
import pytest

from gov.audit.v1 import audit_pb2
from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.exchange.v1 import exchange_pb2 as x
from govdata.runtime.privacy import SubjectKeys

from .conftest import HOME, audit_record, auditor, caller, eventually
from .exchange_parties import (
    GRANTED_ITEMS,
    ask,
    citizen_id,
    file_when_known,
    parties,
    period,
    vehicle,
)

RECORDS = 10_000


def code_of(call, request, **kw) -> grpc.StatusCode:  # type: ignore[no-untyped-def]
    try:
        call(request, metadata=caller(), timeout=10, **kw)
    except grpc.RpcError as error:
        return error.code()
    return grpc.StatusCode.OK


class Subscriber(threading.Thread):
    """Reads a Subscribe stream into a list until it ends; keeps how it ended."""

    def __init__(self, stub, grant: str, after: int) -> None:  # type: ignore[no-untyped-def]
        super().__init__(daemon=True)
        self.stream = stub.Subscribe(
            x.SubscribeRequest(grant=grant, after_sequence=after),
            metadata=caller("dibao household check"),
        )
        self.received: list[x.VersionedRecord] = []
        self.ended: grpc.StatusCode | None = None

    def run(self) -> None:
        try:
            for message in self.stream:
                self.received.append(message.record)
        except grpc.RpcError as error:
            self.ended = error.code()


@pytest.fixture
def pair(catalog, tag):  # type: ignore[no-untyped-def]
    p = parties(catalog, tag)
    yield p
    p.close()


def test_conditional_sharing_partial_approval_delivery_query_and_revocation(pair, catalog) -> None:
    p = pair
    # -- the consumer asks; the provider has 10 working days ---------------------------------
    filed = file_when_known(p, ask(p))
    assert filed.state == x.SHARING_REQUEST_STATE_PENDING
    assert filed.provider == p.provider and filed.share_type == cm.SHARE_TYPE_CONDITIONAL
    assert filed.due_time.seconds > filed.create_time.seconds + 10 * 86400
    queue = p.as_provider.ListSharingRequests(
        x.ListSharingRequestsRequest(
            parent="organizations/-", provider=p.provider, state=x.SHARING_REQUEST_STATE_PENDING
        ),
        metadata=caller(),
    )
    assert [r.name for r in queue.sharing_requests] == [filed.name]
    # the consumer may not answer its own request; the provider may not withdraw it
    assert (
        code_of(
            p.as_consumer.ApproveSharingRequest, x.ApproveSharingRequestRequest(name=filed.name)
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )

    # -- partial approval: no names (姓名) ------------------------------------------------
    approved = p.as_provider.ApproveSharingRequest(
        x.ApproveSharingRequestRequest(
            name=filed.name,
            etag=filed.etag,
            data_items=GRANTED_ITEMS,
            reason="姓名不在核对所需范围内",
        ),
        metadata=caller(),
    )
    assert approved.state == x.SHARING_REQUEST_STATE_PARTIALLY_GRANTED
    assert [t.to_state for t in approved.transitions] == [
        x.SHARING_REQUEST_STATE_PENDING,
        x.SHARING_REQUEST_STATE_PARTIALLY_GRANTED,
    ]
    assert approved.transitions[-1].actor.system == f"callingSystems/ga-jdc-{p.tag}"
    grant = p.as_consumer.GetGrant(x.GetGrantRequest(name=approved.grant), metadata=caller())
    assert grant.state == x.GRANT_STATE_ACTIVE and list(grant.data_items) == GRANTED_ITEMS
    assert grant.purpose == "低保家庭经济状况核对" and grant.consumer == p.consumer

    def catalogue_lists(state: str) -> None:  # the catalogue learns consumers from grant events
        parties_now = catalog.ListResourceParties(
            c.ListResourcePartiesRequest(resource=p.resource.name), metadata=caller()
        ).parties
        assert [(q.organization, q.basis, q.state) for q in parties_now[1:]] == [
            (p.consumer, grant.name, f"grant {state}")
        ]

    eventually(lambda: catalogue_lists("active"))

    # -- a subscriber from the start of the log; then 10,000 records published ---------------
    subscriber = Subscriber(p.as_consumer, grant.name, after=1)
    subscriber.start()
    keys = [citizen_id(n) for n in range(RECORDS)]
    rejected = []
    accepted = 0
    bounds = [0, 998, *range(1998, RECORDS, 1000), RECORDS]
    for start, end in itertools.pairwise(bounds):
        batch = [vehicle(k, start + i) for i, k in enumerate(keys[start:end])]
        if start == 0:  # two bad rows ride along with 998 good ones, which are kept
            batch.append(
                x.Record(key="bad-value", fields={"公民身份号码": "bad-value", "车辆价值": "1.234"})
            )
            batch.append(x.Record(key="x", fields={"公民身份号码": "x", "颜色": "红"}))
        answer = p.as_provider.PublishRecords(
            x.PublishRecordsRequest(resource=p.resource.name, records=batch),
            metadata=caller("daily data update"),
            timeout=60,
        )
        rejected.extend(answer.rejected)
        accepted += answer.accepted_count
    assert accepted == RECORDS
    assert [(r.row_index, r.field) for r in rejected] == [(998, "车辆价值"), (999, "颜色")]
    assert "两位小数" in rejected[0].reason

    def all_delivered() -> None:
        assert len(subscriber.received) >= RECORDS, len(subscriber.received)

    eventually(all_delivered, timeout=120)
    received = subscriber.received
    assert [r.key for r in received[:RECORDS]] == keys
    assert all(set(r.fields) == set(GRANTED_ITEMS) for r in received)
    assert all(r.version == 1 for r in received)
    sequences = [r.sequence for r in received]
    assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences)
    subject_keys = SubjectKeys.from_file(str(HOME / "pki" / "subject-key"))

    def deliveries_audited() -> None:  # each streamed batch, before it left
        found = (
            auditor()
            .QueryAuditRecords(
                audit_pb2.QueryAuditRecordsRequest(
                    method="/gov.exchange.v1.ExchangeService/Subscribe", grant=grant.name
                ),
                metadata=caller(),
                timeout=10,
            )
            .audit_records
        )
        hashed = {k for r in found for k in r.data_subject_keys}
        assert {subject_keys.key_of(k) for k in keys} <= hashed, len(hashed)
        assert all(r.purpose == "低保家庭经济状况核对" for r in found)

    eventually(deliveries_audited, timeout=60)

    # -- query by key: a household of four, only granted items, audited ------------------
    household = keys[10:14]
    request_id = "q-" + p.tag
    answer = p.as_consumer.QueryByKey(
        x.QueryByKeyRequest(
            grant=grant.name, resource=p.resource.name, keys=[*household, "nobody"]
        ),
        metadata=(
            ("x-gov-person", "clerk"),
            ("x-gov-purpose", "dibao household check"),
            ("x-request-id", request_id),
        ),
    )
    assert [r.key for r in answer.records] == household
    assert list(answer.missing_keys) == ["nobody"]
    assert all("姓名" not in r.fields for r in answer.records)
    assert answer.records[0].fields["车辆价值"] == "100010.50"
    record = audit_record(request_id)
    assert set(record["data_subject_keys"]) >= {subject_keys.key_of(k) for k in household}
    assert not any(k in str(record) for k in household)
    assert record["grant"] == grant.name and record["outcome"] == "OK"
    assert record["purpose"] == "低保家庭经济状况核对"  # the grant's, not the caller's words
    # items beyond the grant are refused, and the refusal is audited
    assert (
        code_of(
            p.as_consumer.QueryByKey,
            x.QueryByKeyRequest(
                grant=grant.name, resource=p.resource.name, keys=household, data_items=["姓名"]
            ),
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )

    # -- revocation stops reads at once ---------------------------------------------------
    revoked = p.as_provider.RevokeGrant(
        x.RevokeGrantRequest(name=grant.name, reason="核对任务结束"), metadata=caller()
    )
    assert revoked.state == x.GRANT_STATE_REVOKED
    assert (
        code_of(
            p.as_consumer.QueryByKey,
            x.QueryByKeyRequest(grant=grant.name, resource=p.resource.name, keys=household),
        )
        == grpc.StatusCode.PERMISSION_DENIED
    )
    subscriber.join(timeout=10)
    assert subscriber.ended == grpc.StatusCode.PERMISSION_DENIED
    eventually(lambda: catalogue_lists("revoked"))


def test_unconditional_is_granted_and_not_shared_refused_at_once(catalog, tag) -> None:
    open_pair = parties(catalog, tag, share=cm.SHARE_TYPE_UNCONDITIONAL)
    try:
        granted = file_when_known(open_pair, ask(open_pair))
        assert granted.state == x.SHARING_REQUEST_STATE_GRANTED and granted.grant
        assert granted.decision.decided_by.system == "govdata"
    finally:
        open_pair.close()
    closed = parties(catalog, tag + "n", share=cm.SHARE_TYPE_NOT_SHARED)
    try:
        refused = file_when_known(closed, ask(closed))
        assert refused.state == x.SHARING_REQUEST_STATE_REFUSED
        assert refused.decision.legal_basis == "《政务信息资源共享管理暂行办法》第九条"
    finally:
        closed.close()


def test_bad_requests_name_the_field_and_store_nothing(pair) -> None:
    p = pair
    file_when_known(p, ask(p))  # the resource is known from here on

    def refused(request: x.CreateSharingRequestRequest) -> grpc.RpcError:
        with pytest.raises(grpc.RpcError) as caught:
            p.as_consumer.CreateSharingRequest(request, metadata=caller(), timeout=10)
        return caught.value

    unknown = refused(ask(p, items=["公民身份号码", "存款余额"]))
    assert unknown.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "sharing_request.data_items[1]" in unknown.details()
    no_basis = ask(p)
    no_basis.sharing_request.legal_basis = " "
    assert "sharing_request.legal_basis" in refused(no_basis).details()
    too_long = ask(p)
    too_long.sharing_request.period.CopyFrom(period(4000))
    assert refused(too_long).code() == grpc.StatusCode.INVALID_ARGUMENT
    missing = refused(ask(p, resource_name=f"{p.provider}/resources/nonexistent"))
    assert missing.code() == grpc.StatusCode.FAILED_PRECONDITION
    malformed = refused(ask(p, resource_name="resources/../x"))
    assert malformed.code() == grpc.StatusCode.INVALID_ARGUMENT
    other = ask(p)
    other.parent = p.provider  # filing for another organisation
    assert refused(other).code() == grpc.StatusCode.PERMISSION_DENIED
    listed = p.as_consumer.ListSharingRequests(
        x.ListSharingRequestsRequest(parent=p.consumer), metadata=caller()
    )
    assert listed.total_size == 1  # only the first, good request was stored


def test_withdrawal_and_stale_etag(pair) -> None:
    p = pair
    filed = file_when_known(p, ask(p))
    stale = filed.etag
    withdrawn = p.as_consumer.WithdrawSharingRequest(
        x.WithdrawSharingRequestRequest(name=filed.name, etag=stale, reason="改用其他渠道"),
        metadata=caller(),
    )
    assert withdrawn.state == x.SHARING_REQUEST_STATE_WITHDRAWN
    assert "改用其他渠道" in withdrawn.transitions[-1].reason
    assert (
        code_of(
            p.as_provider.ApproveSharingRequest,
            x.ApproveSharingRequestRequest(name=filed.name, etag=stale),
        )
        == grpc.StatusCode.ABORTED
    )
    assert (
        code_of(
            p.as_provider.ApproveSharingRequest, x.ApproveSharingRequestRequest(name=filed.name)
        )
        == grpc.StatusCode.FAILED_PRECONDITION
    )
