"""QueryByKey by one key item, end to end through the running platform.

A vehicle register keyed by 号牌号码|车辆识别代号|所有人证件号码: the consumer finds every car a
household's members own by their ID numbers alone (one of them written with a lower-case
check character), a sold car is no longer its old owner's, and the read is audited under
the owners' hashed IDs — the subjects a citizen finds the read by.
"""

from __future__ import annotations

import dataclasses

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from gov.exchange.v1 import exchange_pb2 as x
from govdata.runtime.privacy import SubjectKeys

from .conftest import HOME, audit_record, caller
from .exchange_parties import (
    OWNER_KEYED_ITEMS,
    ask,
    citizen_id,
    file_when_known,
    owned_vehicle,
    owner_keyed_resource,
    parties,
)

OWNER = "所有人证件号码"
GRANTED = ["号牌号码", OWNER, "车辆价值"]  # not the owner's name


@pytest.fixture
def pair(catalog, tag):  # type: ignore[no-untyped-def]
    p = parties(catalog, tag)
    yield dataclasses.replace(p, resource=owner_keyed_resource(catalog, p.provider))
    p.close()


def field_violations(error: grpc.RpcError) -> list[str]:
    status = rpc_status.from_call(error)
    fields = []
    for detail in status.details if status else []:
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            fields.extend(v.field for v in bad.field_violations)
    return fields


def test_a_households_cars_by_owner_id_audited_by_the_owners(pair) -> None:  # type: ignore[no-untyped-def]
    p = pair
    filed = file_when_known(p, ask(p, items=OWNER_KEYED_ITEMS))
    approved = p.as_provider.ApproveSharingRequest(
        x.ApproveSharingRequestRequest(
            name=filed.name, etag=filed.etag, data_items=GRANTED, reason="姓名不在核对所需范围内"
        ),
        metadata=caller(),
    )
    grant = approved.grant
    father, mother = (
        citizen_id(1),
        next(citizen_id(n) for n in range(2, 99) if "X" in citizen_id(n)),
    )
    buyer, nobody = citizen_id(100), citizen_id(101)
    cars = [owned_vehicle(1, father), owned_vehicle(2, father), owned_vehicle(3, mother.lower())]
    sold = owned_vehicle(4, father)
    for batch in ([*cars, sold], [x.Record(key=sold.key, deleted=True), owned_vehicle(4, buyer)]):
        answer = p.as_provider.PublishRecords(
            x.PublishRecordsRequest(resource=p.resource.name, records=batch),
            metadata=caller("daily data update"),
            timeout=30,
        )
        assert answer.accepted_count == len(batch), answer.rejected

    request_id = f"key-item-{p.tag}"
    household = [father, mother, nobody]
    answer = p.as_consumer.QueryByKey(
        x.QueryByKeyRequest(grant=grant, resource=p.resource.name, keys=household, key_item=OWNER),
        metadata=(
            ("x-gov-person", "clerk"),
            ("x-gov-purpose", "dibao household check"),
            ("x-request-id", request_id),
        ),
        timeout=10,
    )
    assert [r.key for r in answer.records] == [c.key for c in cars]  # not the sold car
    assert list(answer.missing_keys) == [nobody]
    assert all(set(r.fields) == set(GRANTED) for r in answer.records)
    assert all(r.version == 1 for r in answer.records)
    assert answer.records[2].fields[OWNER] == mother.lower()  # as the provider wrote it

    subject_keys = SubjectKeys.from_file(str(HOME / "pki" / "subject-key"))
    record = audit_record(request_id)
    assert sorted(record["data_subject_keys"]) == sorted(subject_keys.key_of(k) for k in household)
    assert not any(k in str(record) or k.lower() in str(record) for k in household)
    assert record["grant"] == grant and record["outcome"] == "OK"
    assert record["purpose"] == "低保家庭经济状况核对"

    # the buyer has the sold car; a plate finds its one record
    by_buyer = p.as_consumer.QueryByKey(
        x.QueryByKeyRequest(grant=grant, resource=p.resource.name, keys=[buyer], key_item=OWNER),
        metadata=caller("dibao household check"),
    )
    assert [r.key for r in by_buyer.records] == [owned_vehicle(4, buyer).key]
    by_plate = p.as_consumer.QueryByKey(
        x.QueryByKeyRequest(
            grant=grant, resource=p.resource.name, keys=["闽A00002"], key_item="号牌号码"
        ),
        metadata=caller("dibao household check"),
    )
    assert [r.key for r in by_plate.records] == [cars[1].key]

    # an item that is not a key item is refused, naming key_item
    with pytest.raises(grpc.RpcError) as refused:
        p.as_consumer.QueryByKey(
            x.QueryByKeyRequest(
                grant=grant, resource=p.resource.name, keys=[father], key_item="车辆价值"
            ),
            metadata=caller("dibao household check"),
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(refused.value) == ["key_item"]
    assert "not a key item" in refused.value.details()
