"""The sharing-request workflow under the national sharing rules (DOMAIN.md), as pure
functions over ``SharingRequest`` messages: the api stores what they return.

Filing decides by the resource's share type: unconditional is granted at once, conditional
waits for the provider until a deadline in working days (``working_days.py``), not shared is
refused with the catalogue's legal basis. The provider approves all or some data items, for
the period asked or a shorter one, or refuses with a reason and legal basis; the consumer may
withdraw while no answer is given; an unanswered request is escalated at its deadline (the
provider can still answer) and expires when the period asked for has ended. Every change is
appended to ``transitions`` with who, when and why; a change not allowed from the current
state is FAILED_PRECONDITION naming both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from google.protobuf.timestamp_pb2 import Timestamp
from google.type.interval_pb2 import Interval

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange.working_days import WorkingCalendar
from govdata.runtime.errors import FailedPrecondition, Validator

PENDING = x.SHARING_REQUEST_STATE_PENDING
ESCALATED = x.SHARING_REQUEST_STATE_ESCALATED
UNANSWERED = (PENDING, ESCALATED)
GOVDATA = cm.Actor(system="govdata")


@dataclass(frozen=True)
class Rules:
    """A city's configuration of the rules: how many working days a provider has to answer
    (national rule 10) and the longest period of use one request may ask for."""

    answer_working_days: int = 10
    max_period_days: int = 366 * 3


def file(
    request: x.SharingRequest,
    resource: c.InformationResource,
    rules: Rules,
    calendar: WorkingCalendar,
    actor: cm.Actor,
    now: datetime,
) -> x.SharingRequest:
    """The request as filed against ``resource`` (the catalogue's current copy).

    INVALID_ARGUMENT names each bad field (unknown data items, no legal basis or purpose, a
    period reversed, past or too long); FAILED_PRECONDITION when the resource is not
    published."""
    v = Validator()
    offered = {item.name for item in resource.data_items}
    if not request.data_items:
        v.fail("data_items", "name at least one data item")
    for i, item in enumerate(request.data_items):
        if item not in offered:
            v.fail(f"data_items[{i}]", f"{item!r} is not a data item of {resource.name}")
    if len(set(request.data_items)) != len(request.data_items):
        v.fail("data_items", "names a data item twice")
    for field in ("legal_basis", "purpose", "duty"):
        if not getattr(request, field).strip():
            v.fail(field, "is required: sharing is for a stated duty, legal basis and purpose")
    start, end = _interval(request.period)
    if start is None or end is None:
        v.fail("period", "start_time and end_time are required")
    elif end <= start:
        v.fail("period.end_time", "must be after start_time")
    elif end <= now:
        v.fail("period.end_time", "is already past")
    elif end - start > timedelta(days=rules.max_period_days):
        v.fail("period", f"is longer than the {rules.max_period_days} days one request may ask")
    v.raise_if_any()
    if resource.state != c.RESOURCE_STATE_PUBLISHED:
        raise FailedPrecondition(f"{resource.name} is not published: it cannot be requested")

    filed = x.SharingRequest()
    filed.CopyFrom(request)
    filed.provider = resource.provider
    filed.share_type = resource.sharing.share_type
    filed.requester.CopyFrom(actor)
    filed.create_time.FromDatetime(now)
    share = resource.sharing.share_type
    if share == cm.SHARE_TYPE_UNCONDITIONAL:
        _move(filed, x.SHARING_REQUEST_STATE_UNSPECIFIED, PENDING, actor, now, "filed")
        decision = x.SharingDecision(
            approved_data_items=request.data_items,
            period=request.period,
            reason="unconditional sharing: granted on request",
            decided_by=GOVDATA,
        )
        return _decide(filed, decision, x.SHARING_REQUEST_STATE_GRANTED, GOVDATA, now)
    if share == cm.SHARE_TYPE_NOT_SHARED:
        _move(filed, x.SHARING_REQUEST_STATE_UNSPECIFIED, PENDING, actor, now, "filed")
        decision = x.SharingDecision(
            reason="the resource is not shared",
            legal_basis=resource.sharing.legal_basis,
            decided_by=GOVDATA,
        )
        return _decide(filed, decision, x.SHARING_REQUEST_STATE_REFUSED, GOVDATA, now)
    if share != cm.SHARE_TYPE_CONDITIONAL:
        raise FailedPrecondition(f"{resource.name} has no share type in the catalogue")
    filed.due_time.FromDatetime(calendar.due(now, rules.answer_working_days))
    _move(
        filed,
        x.SHARING_REQUEST_STATE_UNSPECIFIED,
        PENDING,
        actor,
        now,
        f"filed: the provider answers within {rules.answer_working_days} working days",
    )
    return filed


def approve(
    request: x.SharingRequest,
    items: list[str],
    period: Interval | None,
    actor: cm.Actor,
    now: datetime,
    reason: str = "",
) -> x.SharingRequest:
    """The provider's approval of ``items`` (all or some of those asked) for ``period``
    (None: as asked; it may be shorter); less than asked needs a reason."""
    _expect(request, UNANSWERED, "approved")
    v = Validator()
    asked = list(request.data_items)
    if not items:
        v.fail("approved_data_items", "approve at least one data item, or refuse")
    for i, item in enumerate(items):
        if item not in asked:
            v.fail(f"approved_data_items[{i}]", f"{item!r} was not requested")
    if len(set(items)) != len(items):
        v.fail("approved_data_items", "names a data item twice")
    granted = x.SharingDecision(approved_data_items=items, reason=reason, decided_by=actor)
    granted.period.CopyFrom(period if period is not None else request.period)
    a_start, a_end = _interval(request.period)
    g_start, g_end = _interval(granted.period)
    if g_start is None or g_end is None or g_end <= g_start:
        v.fail("period", "an approved period needs a start before its end")
    elif a_start is not None and a_end is not None and (g_start < a_start or g_end > a_end):
        v.fail("period", "may be shorter than the period asked, not outside it")
    partial = set(items) != set(asked) or (g_start, g_end) != (a_start, a_end)
    if partial and not reason.strip():
        v.fail("reason", "is required when approving less than was asked")
    v.raise_if_any()
    state = (
        x.SHARING_REQUEST_STATE_PARTIALLY_GRANTED if partial else x.SHARING_REQUEST_STATE_GRANTED
    )
    return _decide(request, granted, state, actor, now)


def refuse(
    request: x.SharingRequest, reason: str, legal_basis: str, actor: cm.Actor, now: datetime
) -> x.SharingRequest:
    """The provider's refusal: every refusal needs a reason and a legal basis."""
    _expect(request, UNANSWERED, "refused")
    v = Validator()
    if not reason.strip():
        v.fail("reason", "is required")
    if not legal_basis.strip():
        v.fail("legal_basis", "is required: every refusal needs a legal basis")
    v.raise_if_any()
    decision = x.SharingDecision(reason=reason, legal_basis=legal_basis, decided_by=actor)
    return _decide(request, decision, x.SHARING_REQUEST_STATE_REFUSED, actor, now)


def withdraw(request: x.SharingRequest, actor: cm.Actor, now: datetime) -> x.SharingRequest:
    """The consumer takes the request back before it is answered."""
    _expect(request, UNANSWERED, "withdrawn")
    out = _copy(request)
    _move(out, request.state, x.SHARING_REQUEST_STATE_WITHDRAWN, actor, now, "withdrawn")
    return out


def overdue(request: x.SharingRequest, now: datetime) -> x.SharingRequest | None:
    """The request as it stands at ``now`` if time changed it (escalated past its deadline,
    expired past its period), else None."""
    if request.state not in UNANSWERED:
        return None
    _, end = _interval(request.period)
    if end is not None and now >= end:
        out = _copy(request)
        _move(
            out, request.state, x.SHARING_REQUEST_STATE_EXPIRED, GOVDATA, now,
            "the period asked for ended before an answer",
        )  # fmt: skip
        return out
    due = request.due_time.ToDatetime(tzinfo=UTC) if request.HasField("due_time") else None
    if request.state == PENDING and due is not None and now >= due:
        out = _copy(request)
        _move(
            out, PENDING, ESCALATED, GOVDATA, now,
            "unanswered by its deadline: escalated to the data authority",
        )  # fmt: skip
        return out
    return None


def _decide(
    request: x.SharingRequest,
    decision: x.SharingDecision,
    state: int,
    actor: cm.Actor,
    now: datetime,
) -> x.SharingRequest:
    out = _copy(request)
    decision.decide_time.FromDatetime(now)
    out.decision.CopyFrom(decision)
    _move(out, request.state, state, actor, now, decision.reason)
    return out


def _expect(request: x.SharingRequest, states: tuple[int, ...], what: str) -> None:
    if request.state not in states:
        name = x.SharingRequestState.Name(request.state)
        raise FailedPrecondition(f"{request.name or 'the request'} is {name}: it cannot be {what}")


def _move(
    request: x.SharingRequest, before: int, after: int, actor: cm.Actor, now: datetime, why: str
) -> None:
    time = Timestamp()
    time.FromDatetime(now)
    request.transitions.add(from_state=before, to_state=after, actor=actor, time=time, reason=why)
    request.state = after
    request.update_time.CopyFrom(time)


def _copy(request: x.SharingRequest) -> x.SharingRequest:
    out = x.SharingRequest()
    out.CopyFrom(request)
    return out


def _interval(interval: Interval) -> tuple[datetime | None, datetime | None]:
    """(start, end) of an interval as aware UTC datetimes; None where unset."""
    start = interval.start_time.ToDatetime(tzinfo=UTC) if interval.HasField("start_time") else None
    end = interval.end_time.ToDatetime(tzinfo=UTC) if interval.HasField("end_time") else None
    return start, end
