"""QueryByKey by one key item on the real FerretDB: a vehicle resource keyed by
号牌号码|车辆识别代号|所有人证件号码, looked up by each item — a person's cars, an owner
change, a deletion, the ID's check character in either case, a publication finished by the
next one, a live adapter — and the servicer's checks, quota and audit subjects."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures
from datetime import UTC, datetime
from typing import Any

import grpc
import pytest
from google.protobuf.duration_pb2 import Duration

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.exchange.v1 import exchange_pb2 as x
from gov.exchange.v1 import exchange_pb2_grpc
from govdata.exchange import record_log, store, working_days
from govdata.exchange.adapters import Adapters
from govdata.exchange.catalogue import CatalogueCopy
from govdata.exchange.grants import Grants
from govdata.exchange.record_log import RecordLog, Row, chunk_id
from govdata.exchange.servicer import ExchangeServicer
from govdata.exchange.sharing_requests import SharingRequests
from govdata.exchange.workflow import Rules
from govdata.runtime import audit, context
from govdata.runtime.errors import InvalidArgument, ResourceExhausted
from govdata.runtime.privacy import SubjectKeys

PLATE, VIN, OWNER, NAME, VALUE = (
    "号牌号码",
    "车辆识别代号",
    "所有人证件号码",
    "所有人姓名",
    "车辆价值",
)
VEHICLES = c.InformationResource(
    name="organizations/gongan/resources/jdc",
    provider="organizations/gongan",
    state=c.RESOURCE_STATE_PUBLISHED,
    sharing=c.SharingAttributes(share_type=cm.SHARE_TYPE_CONDITIONAL, legal_basis="条例"),
    data_items=[
        c.DataItem(name=PLATE, type=cm.DATA_ITEM_TYPE_CHARACTER, length=10, key=True),
        c.DataItem(name=VIN, type=cm.DATA_ITEM_TYPE_CHARACTER, length=17, key=True),
        c.DataItem(name=OWNER, type=cm.DATA_ITEM_TYPE_CHARACTER, length=18, key=True),
        c.DataItem(name=NAME, type=cm.DATA_ITEM_TYPE_CHARACTER, length=30, personal=True),
        c.DataItem(name=VALUE, type=cm.DATA_ITEM_TYPE_CURRENCY),
    ],
)
ZHANG, LI, WANG = "350102198001010011", "35010219800202002X", "350102198003030033"
PROVIDER = cm.Actor(system="callingSystems/ga", organization="organizations/gongan")
CONSUMER = cm.Actor(system="callingSystems/mz", organization="organizations/minzheng")
NOW = datetime(2026, 4, 1, 2, 0, tzinfo=UTC)
SECRET = b"a test secret of at least thirty-two bytes"


def car(plate: str, owner: str, value: str = "100000.00") -> x.Record:
    vin = f"LSVAU2180N{sum(map(ord, plate)):07d}"
    fields = {PLATE: plate, VIN: vin, OWNER: owner, NAME: "张三", VALUE: value}
    return x.Record(key=f"{plate}|{vin}|{owner}", fields=fields)


def gone(record: x.Record) -> x.Record:
    return x.Record(key=record.key, deleted=True)


def new_log(mongo_db) -> RecordLog:  # type: ignore[no-untyped-def]
    return RecordLog(
        mongo_db["record_heads"],
        mongo_db["record_chunks"],
        mongo_db["record_streams"],
        mongo_db["record_key_values"],
        store.Remembered(mongo_db["remembered"]),
        "svc-exchange",
        lambda collection, name: None,
    )


@pytest.fixture
def log(mongo_db) -> RecordLog:  # type: ignore[no-untyped-def]
    return new_log(mongo_db)


def publish(
    log: RecordLog, rows: list[x.Record], resource: c.InformationResource = VEHICLES
) -> None:
    request = x.PublishRecordsRequest(resource=resource.name, records=rows)
    answer = log.publish(resource, request, resource.provider)
    assert answer.accepted_count == len(rows), answer.rejected


def by(
    log: RecordLog, item: str, values: list[str], resource: c.InformationResource = VEHICLES
) -> tuple[list[str], list[str]]:
    """(keys found, values missing) of a lookup by ``item``."""
    answer = log.query_by_item(resource, item, values, frozenset({PLATE, VALUE}))
    assert all(set(r.fields) <= {PLATE, VALUE} for r in answer.records)
    return [r.key for r in answer.records], list(answer.missing_keys)


def test_each_key_item_finds_its_records_and_a_person_all_their_cars(log: RecordLog) -> None:
    first, second, third = car("闽A00001", ZHANG), car("闽A00002", ZHANG), car("闽A00003", LI)
    publish(log, [first, third])
    publish(log, [second])  # Zhang's second car comes in a later batch
    assert by(log, PLATE, ["闽A00003", "闽A99999"]) == ([third.key], ["闽A99999"])
    assert by(log, VIN, [second.fields[VIN]]) == ([second.key], [])
    assert by(log, OWNER, [WANG, ZHANG, LI]) == ([first.key, second.key, third.key], [WANG])
    # republishing known cars changes values but not the index
    publish(log, [car("闽A00001", ZHANG, "90000.00"), car("闽A00002", ZHANG, "80000.00")])
    answer = log.query_by_item(VEHICLES, OWNER, [ZHANG], frozenset({VALUE}))
    assert [(r.version, r.fields[VALUE]) for r in answer.records] == [
        (2, "90000.00"),
        (2, "80000.00"),
    ]


def test_an_owner_change_and_a_deletion_are_never_returned_stale(log: RecordLog) -> None:
    sold, kept = car("闽A00001", ZHANG), car("闽A00002", ZHANG)
    publish(log, [sold, kept, car("闽A00003", LI)])
    bought = car("闽A00001", LI)  # transferred: the old key goes, a new one comes
    publish(log, [gone(sold), bought])
    assert by(log, OWNER, [ZHANG]) == ([kept.key], [])
    assert by(log, OWNER, [LI])[0] == [car("闽A00003", LI).key, bought.key]
    assert by(log, PLATE, ["闽A00001"]) == ([bought.key], [])  # the old record is deleted
    publish(log, [gone(kept)])
    assert by(log, OWNER, [ZHANG]) == ([], [ZHANG])
    publish(log, [kept])  # registered again after a deletion
    assert by(log, OWNER, [ZHANG]) == ([kept.key], [])
    late = car("闽A00009", WANG)  # its first publication was a deletion: nothing to index
    publish(log, [gone(late)])
    assert by(log, OWNER, [WANG]) == ([], [WANG])
    publish(log, [late])  # now it holds values: indexed though its key is known
    assert by(log, OWNER, [WANG]) == ([late.key], [])


def test_the_check_character_matches_in_either_case(log: RecordLog) -> None:
    lower = car("闽A00004", LI.lower())  # the provider wrote …x
    publish(log, [lower, car("闽A00005", LI)])
    keys, missing = by(log, OWNER, [LI.lower(), LI])  # one value, asked twice
    assert keys == [lower.key, car("闽A00005", LI).key] and missing == []
    assert by(log, OWNER, [LI.lower()])[0] == keys


def test_the_only_key_item_is_an_ordinary_key_lookup(log: RecordLog) -> None:
    people = c.InformationResource(
        name="organizations/gongan/resources/hj",
        provider="organizations/gongan",
        data_items=[c.DataItem(name="公民身份号码", key=True), c.DataItem(name="姓名")],
    )
    publish(
        log, [x.Record(key=LI.lower(), fields={"公民身份号码": LI.lower(), "姓名": "李四"})], people
    )
    answer = log.query_by_item(people, "公民身份号码", [LI, WANG], frozenset({"姓名"}))
    assert [r.key for r in answer.records] == [LI.lower()] and list(answer.missing_keys) == [WANG]
    assert log.index.entries.count_documents({}) == 0  # one key item: no index kept


def test_a_publication_that_died_after_its_chunk_is_indexed_by_the_next(
    log: RecordLog, mongo_db
) -> None:
    publish(log, [car("闽A00001", ZHANG)])  # batch 1
    orphan = car("闽A00002", ZHANG)  # batch 2 stored its chunk and died: no heads, no index
    row = Row(orphan.key, 1, dict(orphan.fields), False, None)
    mongo_db["record_chunks"].insert_one(
        {"_id": chunk_id(VEHICLES.name, 2), "t": datetime.now(UTC), "rows": [row.encode()]}
    )
    assert by(log, OWNER, [ZHANG])[0] == [car("闽A00001", ZHANG).key]
    publish(log, [car("闽A00003", WANG)])  # rolls batch 2 forward first
    assert by(log, OWNER, [ZHANG])[0] == [car("闽A00001", ZHANG).key, orphan.key]
    assert by(log, VIN, [orphan.fields[VIN]])[0] == [orphan.key]


def test_more_matches_than_the_cap_are_refused_naming_keys(
    log: RecordLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(log, [car(f"闽B{n:05d}", ZHANG) for n in range(3)])
    monkeypatch.setattr(record_log, "MAX_MATCHES", 2)
    with pytest.raises(InvalidArgument) as refused:
        log.query_by_item(VEHICLES, OWNER, [ZHANG], frozenset())
    assert refused.value.violations[0].field == "keys"
    assert "ask fewer" in refused.value.violations[0].description


# -- through the servicer: validation, quota, audit subjects, a live adapter -----------------


class FakeAdapter(exchange_pb2_grpc.RecordAdapterServiceServicer):
    """A provider's own system answering by owner, with one record it should not return."""

    def __init__(self) -> None:
        self.asked: list[x.LookupRecordsRequest] = []

    def LookupRecords(self, request, context_):  # type: ignore[no-untyped-def]
        self.asked.append(request)
        return x.LookupRecordsResponse(
            records=[car("闽A00007", LI.lower()), car("闽A00008", WANG), gone(car("闽A9", LI))]
        )


@pytest.fixture
def served(mongo_db) -> Iterator[tuple[ExchangeServicer, x.Grant]]:  # type: ignore[no-untyped-def]
    notify = lambda collection, name: None  # noqa: E731
    grants = Grants(
        store.Aggregates(mongo_db["grants"], x.Grant, "grant", "svc-exchange", notify),
        mongo_db["quota_usage"],
    )
    mongo_db["resources"].insert_one(
        {"_id": VEHICLES.name, "snapshot": VEHICLES.SerializeToString(), "deleted": False}
    )
    catalogue = CatalogueCopy(mongo_db["resources"])
    requests = SharingRequests(
        store.Aggregates(
            mongo_db["sharing_requests"],
            x.SharingRequest,
            "sharing request",
            "svc-exchange",
            notify,
        ),
        grants,
        catalogue,
        store.Remembered(mongo_db["remembered"]),
        Rules(answer_working_days=10),
        working_days.default(),
    )
    period = x.SharingRequest().period
    period.start_time.FromDatetime(datetime(2026, 3, 2, tzinfo=UTC))
    period.end_time.FromDatetime(datetime(2026, 6, 1, tzinfo=UTC))
    filed = requests.create(
        x.CreateSharingRequestRequest(
            parent=CONSUMER.organization,
            sharing_request=x.SharingRequest(
                resource=VEHICLES.name,
                data_items=[PLATE, VALUE],
                duty="organizations/minzheng/duties/dibao",
                legal_basis="《社会救助暂行办法》",
                purpose="低保核对",
                period=period,
            ),
        ),
        CONSUMER,
        datetime(2026, 3, 2, tzinfo=UTC),
    )
    approved = requests.approve(
        x.ApproveSharingRequestRequest(name=filed.name, daily_quota=5),
        PROVIDER,
        datetime(2026, 3, 3, tzinfo=UTC),
    )
    adapters = Adapters(mongo_db["adapters"], grpc.insecure_channel)
    servicer = ExchangeServicer(
        requests,
        grants,
        catalogue,
        new_log(mongo_db),
        adapters,
        None,
        lambda: NOW,  # type: ignore[arg-type]
    )
    audit.use_subject_keys(SubjectKeys(SECRET))
    token = context.bind(context.CallContext(organization=CONSUMER.organization))
    try:
        yield servicer, grants.get(approved.grant)
    finally:
        context.reset(token)


def call(servicer: ExchangeServicer, request: x.QueryByKeyRequest) -> tuple[Any, audit.AccessNote]:
    """The answer (or the error raised) and the call's audit note."""
    token = audit.begin_call()
    try:
        answer = servicer.QueryByKey(request, None)
    except (InvalidArgument, ResourceExhausted) as error:
        answer = error
    return answer, audit.end_call(token)


def test_the_servicer_checks_key_item_counts_values_and_audits_the_people(served) -> None:  # type: ignore[no-untyped-def]
    servicer, grant = served
    first, second = car("闽A00001", ZHANG), car("闽A00002", ZHANG)
    publish(servicer.log, [first, second, car("闽A00003", LI)])

    def ask(item: str, keys: list[str]) -> x.QueryByKeyRequest:
        return x.QueryByKeyRequest(
            grant=grant.name, resource=VEHICLES.name, keys=keys, key_item=item
        )

    refused, note = call(servicer, ask(VALUE, [ZHANG]))
    assert isinstance(refused, InvalidArgument)
    assert refused.violations[0].field == "key_item"
    assert "not a key item" in refused.violations[0].description and OWNER in str(refused)
    assert note.data_subject_keys == []

    answer, note = call(servicer, ask(OWNER, [ZHANG, ZHANG.lower(), WANG]))
    assert [r.key for r in answer.records] == [first.key, second.key]
    assert list(answer.missing_keys) == [WANG]
    assert all(set(r.fields) == {PLATE, VALUE} for r in answer.records)
    keyed = SubjectKeys(SECRET)
    assert note.data_subject_keys == [keyed.key_of(ZHANG), keyed.key_of(WANG)]
    assert note.grant == grant.name

    # by plate, a thing and not a person: the subjects are the records returned
    answer, note = call(servicer, ask(PLATE, ["闽A00003"]))
    assert note.data_subject_keys == [keyed.key_of(car("闽A00003", LI).key)]

    # the quota (5 a day) counted 2 values, then 1: 3 more values are too many
    exhausted, _ = call(servicer, ask(OWNER, [LI, "350102198004040044", "350102198005050055"]))
    assert isinstance(exhausted, ResourceExhausted)

    # with a live adapter: asked by the item (and for it), records not holding a value dropped
    adapter = FakeAdapter()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    exchange_pb2_grpc.add_RecordAdapterServiceServicer_to_server(adapter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        servicer.adapters.set(
            x.ResourceAdapter(
                resource=VEHICLES.name, address=f"127.0.0.1:{port}", timeout=Duration(seconds=2)
            ),
            NOW,
        )
        answer, note = call(servicer, ask(OWNER, [LI]))
    finally:
        server.stop(None)
    assert adapter.asked[0].key_item == OWNER and list(adapter.asked[0].keys) == [LI]
    assert set(adapter.asked[0].data_items) == {PLATE, VALUE, OWNER}
    assert [r.key for r in answer.records] == [car("闽A00007", LI.lower()).key]
    assert set(answer.records[0].fields) == {PLATE, VALUE}
    assert note.data_subject_keys == [keyed.key_of(LI)]
