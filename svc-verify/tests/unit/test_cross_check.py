"""Cross-checking two sources of one data item, over a fake exchange (a function over dicts)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from gov.exchange.v1 import exchange_pb2 as x
from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.errors import InvalidArgument, PermissionDenied
from govdata.verify.cross_check import cross_check

POPULATION = "organizations/hx-gafj/resources/household-population"
CIVIL = "organizations/hx-mzj/resources/assistance-recipients"
VEHICLES = "organizations/hx-cgs/resources/motor-vehicles"
GRANT_P = "organizations/hx-dsjzx/grants/population"
GRANT_C = "organizations/hx-dsjzx/grants/civil"
GRANT_V = "organizations/hx-dsjzx/grants/vehicles"
A, B, C = "359902198001010013", "359902198203040026", "35990220100601013X"


class FakeExchange:
    """Records by resource; answers like QueryByKey (by whole key or by a key item) and
    remembers every call."""

    def __init__(self, records: dict[str, list[x.VersionedRecord]]) -> None:
        self.records = records
        self.calls: list[tuple[str, str, list[str], list[str], str]] = []

    def __call__(
        self, grant: str, resource: str, keys: Sequence[str], items: Sequence[str], key_item: str
    ) -> list[x.VersionedRecord]:
        assert len(keys) <= 100
        self.calls.append((grant, resource, list(keys), list(items), key_item))
        wanted = {key.upper() for key in keys}
        found = []
        for record in self.records.get(resource, []):
            looked_up = record.fields.get(key_item, "") if key_item else record.key
            if looked_up.upper() in wanted:
                found.append(record)
        return found


def rec(resource: str, key: str, **fields: str) -> x.VersionedRecord:
    return x.VersionedRecord(resource=resource, key=key, fields=fields, version=1)


def side(grant: str, resource: str, item: str, key_item: str = "") -> v.CrossCheckSide:
    return v.CrossCheckSide(grant=grant, resource=resource, data_item=item, key_item=key_item)


def names_request(*keys: str) -> v.CrossCheckSourcesRequest:
    return v.CrossCheckSourcesRequest(
        left=side(GRANT_P, POPULATION, "姓名"), right=side(GRANT_C, CIVIL, "姓名"), keys=keys
    )


def test_disagreements_missing_keys_and_counts_in_request_order() -> None:
    exchange = FakeExchange(
        {
            POPULATION: [rec(POPULATION, A, 姓名="张三"), rec(POPULATION, B, 姓名="李四")],
            CIVIL: [
                rec(CIVIL, A, 姓名="张叁"),
                rec(CIVIL, C, 姓名="王五"),
                rec(CIVIL, B, 姓名="李四"),
            ],
        }
    )
    response = cross_check(names_request(C, B, A, "359902199901010011"), exchange)
    assert response.compared_count == 2
    assert [(d.key, d.left_value, d.right_value) for d in response.disagreements] == [
        (A, "张三", "张叁")
    ]
    assert list(response.missing_in_left) == [C]
    assert list(response.missing_in_right) == []
    assert {call[3][0] for call in exchange.calls} == {"姓名"}
    assert [call[:2] for call in exchange.calls] == [(GRANT_P, POPULATION), (GRANT_C, CIVIL)]


def test_whitespace_and_full_width_forms_are_not_disagreements() -> None:
    exchange = FakeExchange(
        {
            POPULATION: [
                rec(POPULATION, A, 住址="海新区海心路１号（东）"),
                rec(POPULATION, B, 住址="ABC"),
            ],
            CIVIL: [rec(CIVIL, A, 住址=" 海新区海心路1号(东)\u3000"), rec(CIVIL, B, 住址="abc")],
        }
    )
    request = v.CrossCheckSourcesRequest(
        left=side(GRANT_P, POPULATION, "住址"), right=side(GRANT_C, CIVIL, "住址"), keys=[A, B]
    )
    response = cross_check(request, exchange)
    assert response.compared_count == 2
    # case is content: ABC and abc differ
    assert [(d.key, d.left_value, d.right_value) for d in response.disagreements] == [
        (B, "ABC", "abc")
    ]


def test_several_records_per_key_compare_as_sets() -> None:
    # by owner's citizen ID: the vehicle office's plates against what civil affairs recorded
    exchange = FakeExchange(
        {
            VEHICLES: [
                rec(VEHICLES, "v1", 号牌号码="闽A12345", 所有人证件号码=A),
                rec(VEHICLES, "v2", 号牌号码="闽A67890", 所有人证件号码=A),
                rec(VEHICLES, "v3", 号牌号码="闽B00001", 所有人证件号码=C.lower()),
                rec(VEHICLES, "v4", 号牌号码="闽B00002", 所有人证件号码=B),
            ],
            CIVIL: [
                rec(CIVIL, "c1", 号牌号码="闽A67890", 证件号码=A),
                rec(CIVIL, "c2", 号牌号码="闽A12345", 证件号码=A),
                rec(CIVIL, "c3", 号牌号码="闽B00001", 证件号码=C),
                rec(CIVIL, "c4", 号牌号码="闽B00002", 证件号码=B),
                rec(CIVIL, "c5", 号牌号码="闽B00003", 证件号码=B),
            ],
        }
    )
    request = v.CrossCheckSourcesRequest(
        left=side(GRANT_V, VEHICLES, "号牌号码", "所有人证件号码"),
        right=side(GRANT_C, CIVIL, "号牌号码", "证件号码"),
        keys=[A, B, C.lower()],
    )
    response = cross_check(request, exchange)
    assert response.compared_count == 3
    assert [(d.key, d.left_value, d.right_value) for d in response.disagreements] == [
        (B, "闽B00002", "闽B00002；闽B00003")
    ]
    assert exchange.calls[0][3] == ["号牌号码", "所有人证件号码"]
    assert exchange.calls[0][4] == "所有人证件号码"


def test_keys_are_fetched_in_batches_of_100_and_repeats_count_once() -> None:
    keys = [f"p{i:04d}" for i in range(250)]
    exchange = FakeExchange(
        {
            POPULATION: [rec(POPULATION, k, 姓名=f"名{k}") for k in keys],
            CIVIL: [rec(CIVIL, k, 姓名=f"名{k}") for k in keys[:200]],
        }
    )
    response = cross_check(names_request(*keys, keys[0]), exchange)
    assert [len(call[2]) for call in exchange.calls] == [100, 100, 50, 100, 100, 50]
    assert response.compared_count == 200
    assert list(response.missing_in_right) == keys[200:]
    assert not response.disagreements


def test_deleted_records_are_not_values() -> None:
    gone = rec(CIVIL, A, 姓名="张三")
    gone.deleted = True
    exchange = FakeExchange({POPULATION: [rec(POPULATION, A, 姓名="张三")], CIVIL: [gone]})
    assert list(cross_check(names_request(A), exchange).missing_in_right) == [A]


def test_fetch_errors_propagate() -> None:
    def refusing(*args: object) -> list[x.VersionedRecord]:
        raise PermissionDenied("the grant does not cover 姓名")

    with pytest.raises(PermissionDenied):
        cross_check(names_request(A), refusing)


@pytest.mark.parametrize(
    ("request_", "fields"),
    [
        (
            v.CrossCheckSourcesRequest(keys=[A]),
            [
                "left.grant",
                "left.resource",
                "left.data_item",
                "right.grant",
                "right.resource",
                "right.data_item",
            ],
        ),
        (names_request(), ["keys"]),
        (names_request(*[f"k{i}" for i in range(1001)]), ["keys"]),
        (names_request(A, " "), ["keys[1]"]),
        (
            v.CrossCheckSourcesRequest(
                left=side(GRANT_P, POPULATION, "姓名"),
                right=side("grants/x", CIVIL, ""),
                keys=[A],
            ),
            ["right.grant", "right.data_item"],
        ),
        (
            v.CrossCheckSourcesRequest(
                left=side(GRANT_P, POPULATION, "姓名"),
                right=side(GRANT_C, POPULATION, "姓名"),
                keys=[A],
            ),
            ["right"],
        ),
    ],
)
def test_bad_requests_name_their_fields_and_fetch_nothing(
    request_: v.CrossCheckSourcesRequest, fields: list[str]
) -> None:
    exchange = FakeExchange({})
    with pytest.raises(InvalidArgument) as refused:
        cross_check(request_, exchange)
    assert [violation.field for violation in refused.value.violations] == fields
    assert exchange.calls == []
