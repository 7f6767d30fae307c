"""Idempotent consumption: a redelivered event is applied once; garbage is rejected, not retried."""

from __future__ import annotations

import pytest

from gov.events.v1 import events_pb2
from govdata.runtime.events import new_envelope
from govdata.runtime.inbox import MemoryInbox, Outcome, apply_once


def event(revision: int = 1) -> bytes:
    payload = events_pb2.InformationResourceChanged(
        name="organizations/o/resources/r", revision=revision
    )
    return new_envelope("catalog", payload).SerializeToString()


def test_same_event_twice_is_applied_once() -> None:
    inbox, applied = MemoryInbox(), []
    body = event()
    apply = lambda env, payload: applied.append(payload.revision)  # noqa: E731

    first = apply_once(inbox, body, events_pb2.InformationResourceChanged, apply)
    second = apply_once(inbox, body, events_pb2.InformationResourceChanged, apply)

    assert (first, second) == (Outcome.APPLIED, Outcome.DUPLICATE)
    assert applied == [1]


def test_distinct_events_are_each_applied() -> None:
    inbox, applied = MemoryInbox(), []
    for revision in (1, 2):
        apply_once(
            inbox,
            event(revision),
            events_pb2.InformationResourceChanged,
            lambda env, p: applied.append(p.revision),
        )
    assert applied == [1, 2]


def test_failed_apply_is_not_recorded_so_redelivery_retries() -> None:
    inbox, body = MemoryInbox(), event()

    def broken(env, payload):
        raise ConnectionError("search engine down")

    with pytest.raises(ConnectionError):
        apply_once(inbox, body, events_pb2.InformationResourceChanged, broken)
    applied = []
    outcome = apply_once(
        inbox,
        body,
        events_pb2.InformationResourceChanged,
        lambda env, p: applied.append(p.revision),
    )
    assert outcome == Outcome.APPLIED and applied == [1]


@pytest.mark.parametrize(
    "body",
    [b"\xff\xfe not protobuf", b"", events_pb2.EventEnvelope(event_id="x").SerializeToString()],
)
def test_malformed_events_are_rejected_without_applying(body: bytes) -> None:
    called = []
    outcome = apply_once(
        MemoryInbox(), body, events_pb2.InformationResourceChanged, lambda env, p: called.append(p)
    )
    assert outcome == Outcome.REJECTED and called == []


def test_payload_of_another_type_is_rejected() -> None:
    body = new_envelope(
        "catalog", events_pb2.OrganizationChanged(name="organizations/o")
    ).SerializeToString()
    outcome = apply_once(
        MemoryInbox(), body, events_pb2.InformationResourceChanged, lambda e, p: None
    )
    assert outcome == Outcome.REJECTED
