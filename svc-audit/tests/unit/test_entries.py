"""From an ``AccessRecorded`` event to the audit record the log appends: a valid event keeps
everything it says (its id becomes the record's, so a redelivery appends once), and an
event the log must not take is refused with the reason the dead letter will carry."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from google.protobuf.message import Message

from gov.audit.v1 import audit_pb2
from gov.common.v1 import common_pb2
from gov.events.v1 import events_pb2
from govdata.audit import entries
from govdata.runtime import context
from govdata.runtime.events import new_envelope
from govdata_client.audit_records import entry_of, leaf_hash_of
from govdata_client.merkle import leaf_hash

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE}-00f067aa0ba902b7-01"
SUBJECT = "a3f1" * 16  # a keyed hash: 64 lower-case hex digits


@pytest.fixture(autouse=True)
def traced_call() -> Iterator[None]:
    """Events are made inside a call carrying a W3C trace, as the serving services do."""
    token = context.bind(context.CallContext(system="district-portal", traceparent=TRACEPARENT))
    yield
    context.reset(token)


def access(**fields: object) -> events_pb2.AccessRecorded:
    """A valid access event, with ``fields`` replaced."""
    event = events_pb2.AccessRecorded(
        request_id="req-1",
        method="/gov.exchange.v1.ExchangeService/QueryByKey",
        actor=common_pb2.Actor(
            system="civil-affairs-portal", person="clerk-1", organization="organizations/mz"
        ),
        resource="organizations/gafj/resources/hukou",
        data_items=["姓名", "住址"],
        data_subject_keys=[SUBJECT],
        purpose="低保核对",
        grant="organizations/mz/grants/g1",
        outcome="OK",
        service="exchange",
    )
    event.time.FromNanoseconds(1_714_550_400_123_456_789)
    for name, value in fields.items():
        if isinstance(value, Message):
            getattr(event, name).CopyFrom(value)
        elif isinstance(value, list):
            del getattr(event, name)[:]
            getattr(event, name).extend(value)
        else:
            setattr(event, name, value)
    return event


def body(payload: Message, source: str = "exchange") -> bytes:
    """The bytes of an event as the bus delivers them."""
    return new_envelope(source, payload).SerializeToString()


def test_a_valid_event_becomes_its_audit_record() -> None:
    """Id = event id, trace id from the envelope's traceparent, every field as said, the
    time to the nanosecond."""
    event = access()
    envelope = new_envelope("exchange", event)
    record = entries.record_from_event(envelope.SerializeToString())
    assert record.id == envelope.event_id
    assert record.trace_id == TRACE
    assert record.service == "exchange"
    assert record.time == event.time and record.time.nanos == 123_456_789
    assert record.actor == event.actor
    assert (record.request_id, record.method, record.resource) == (
        "req-1",
        event.method,
        event.resource,
    )
    assert list(record.data_items) == ["姓名", "住址"]
    assert list(record.data_subject_keys) == [SUBJECT]
    assert (record.purpose, record.grant, record.outcome) == (
        "低保核对",
        "organizations/mz/grants/g1",
        "OK",
    )
    assert not record.HasField("hidden_until")
    assert (record.leaf_index, record.leaf_hash) == (0, b"")
    assert leaf_hash_of(record) == leaf_hash(entry_of(record))


def test_the_service_defaults_to_the_source_and_a_bad_traceparent_to_no_trace() -> None:
    """An event that does not name its service is the emitting service's; a traceparent
    that is not W3C gives no trace id rather than a wrong one."""
    token = context.bind(context.CallContext(traceparent="not-a-traceparent"))
    try:
        record = entries.record_from_event(body(access(service=""), source="catalog"))
    finally:
        context.reset(token)
    assert (record.service, record.trace_id) == ("catalog", "")


def test_hidden_until_is_kept_but_not_hashed() -> None:
    """An access hidden from the data subject until a date: kept on the record, and the
    leaf the same as without it (it may be set later)."""
    event = access()
    event.hidden_until.FromDatetime(datetime(2030, 1, 1, tzinfo=UTC))
    record = entries.record_from_event(body(event))
    assert record.hidden_until == event.hidden_until
    bare = audit_pb2.AuditRecord()
    bare.CopyFrom(record)
    bare.ClearField("hidden_until")
    assert leaf_hash_of(record) == leaf_hash_of(bare)


def test_the_stored_entry_is_the_record_without_its_place_or_hidden_mark() -> None:
    """What the log stores hashes as the record does; hidden_until lives beside it (in the
    bundle's marks and the query index), since it may be set after the record was appended."""
    event = access()
    event.hidden_until.FromNanoseconds(1_900_000_000_000_000_001)
    record = entries.record_from_event(body(event))
    stored = entries.record_of_entry(entry_of(record), 41)
    assert (stored.id, stored.leaf_index, stored.leaf_hash) == (record.id, 41, leaf_hash_of(record))
    assert stored.time == record.time and not stored.HasField("hidden_until")
    assert entries.index_document(record, 41) == {"_id": record.id, "leaf_index": 41}
    assert entries.to_document(record)["hidden_until"].startswith("2030-")


def wrong_payload() -> bytes:
    """An envelope saying AccessRecorded that packs another message."""
    envelope = new_envelope("exchange", access())
    envelope.payload.Pack(events_pb2.GrantChanged())
    return envelope.SerializeToString()


def no_event_id() -> bytes:
    """An envelope without the id that makes a redelivery append once."""
    envelope = new_envelope("exchange", access())
    envelope.event_id = ""
    return envelope.SerializeToString()


def untimed() -> bytes:
    """An access that does not say when it happened."""
    event = access()
    event.ClearField("time")
    return body(event)


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (b"\x00\xffgarbage", "not an event envelope"),
        (b"", "not an event envelope"),
        (no_event_id(), "not an event envelope"),
        (body(events_pb2.GrantChanged()), "is not gov.events.v1.AccessRecorded"),
        (wrong_payload(), "not AccessRecorded"),
        (untimed(), "time is not set"),
        (body(access(method="GetOrganization")), "is not a full gRPC method"),
        (body(access(method="gov.catalog.v1.CatalogService/Get")), "is not a full gRPC method"),
        (body(access(method="/a/b/c")), "is not a full gRPC method"),
        (body(access(method="//")), "is not a full gRPC method"),
        (body(access(method="/gov.catalog.v1.CatalogService/")), "is not a full gRPC method"),
        (body(access(method="")), "is not a full gRPC method"),
        (body(access(outcome="SUCCESS")), "'SUCCESS' is not a gRPC code name"),
        (body(access(outcome="ok")), "is not a gRPC code name"),
        (body(access(outcome="")), "is not a gRPC code name"),
        (body(access(actor=common_pb2.Actor(person="clerk-1"))), "actor.system is empty"),
        (body(access(data_subject_keys=["11010519491231002X"])), "not a keyed hash"),
        (body(access(data_subject_keys=[SUBJECT, SUBJECT.upper()])), "not a keyed hash"),
        (body(access(data_subject_keys=[SUBJECT[:-1]])), "not a keyed hash"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_an_invalid_event_is_refused_with_its_reason(event: bytes, reason: str) -> None:
    """Nothing the log could not stand behind is appended; the reason says what is wrong."""
    with pytest.raises(entries.InvalidRecord) as refused:
        entries.record_from_event(event)
    assert reason in str(refused.value)


def test_a_raw_id_is_never_echoed_in_the_reason() -> None:
    """The dead letter's reason is shown to operators: it must not carry the raw ID."""
    with pytest.raises(entries.InvalidRecord) as refused:
        entries.record_from_event(body(access(data_subject_keys=["11010519491231002X"])))
    assert "11010519491231002X" not in str(refused.value)


def test_every_grpc_code_name_is_an_outcome() -> None:
    """Every status a call can end with is recorded, failures as much as successes."""
    names = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
        "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
        "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
        "UNAUTHENTICATED",
    ]  # fmt: skip
    for name in names:
        record = entries.record_from_event(body(access(outcome=name, request_id=str(uuid.uuid4()))))
        assert record.outcome == name
