"""The sharing-request state machine under the national rules (no servers needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from google.type.interval_pb2 import Interval

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange import workflow, working_days
from govdata.runtime.errors import FailedPrecondition, InvalidArgument

CALENDAR = working_days.default()
RULES = workflow.Rules(answer_working_days=10, max_period_days=366)
NOW = datetime(2026, 2, 12, 2, 0, tzinfo=UTC)  # Thursday 12 Feb, 10:00 in Beijing
CONSUMER = cm.Actor(system="minzheng-jjhd", person="clerk", organization="organizations/mz")
PROVIDER = cm.Actor(system="gongan-jdc", person="reviewer", organization="organizations/ga")
ITEMS = ["公民身份号码", "号牌号码", "车辆价值"]


def period(start: datetime, days: int) -> Interval:
    out = Interval()
    out.start_time.FromDatetime(start)
    out.end_time.FromDatetime(start + timedelta(days=days))
    return out


def resource(share: int, state: int = c.RESOURCE_STATE_PUBLISHED) -> c.InformationResource:
    return c.InformationResource(
        name="organizations/ga/resources/vehicles",
        provider="organizations/ga",
        state=state,
        sharing=c.SharingAttributes(share_type=share, legal_basis="《道路交通安全法》第十四条"),
        data_items=[c.DataItem(name=i) for i in ITEMS],
    )


def asked(**fields: object) -> x.SharingRequest:
    base = {
        "name": "organizations/mz/sharingRequests/r1",
        "consumer": "organizations/mz",
        "resource": "organizations/ga/resources/vehicles",
        "data_items": ITEMS[:2],
        "duty": "organizations/mz/duties/jjhd",
        "legal_basis": "《社会救助暂行办法》第六十条",
        "purpose": "低保家庭经济状况核对",
        "period": period(NOW, 180),
    }
    base.update(fields)
    return x.SharingRequest(**base)  # type: ignore[arg-type]


def filed(share: int = cm.SHARE_TYPE_CONDITIONAL, **fields: object) -> x.SharingRequest:
    return workflow.file(asked(**fields), resource(share), RULES, CALENDAR, CONSUMER, NOW)


def states(request: x.SharingRequest) -> list[str]:
    return [x.SharingRequestState.Name(t.to_state)[22:] for t in request.transitions]


def fields_of(error: InvalidArgument) -> set[str]:
    return {v.field for v in error.violations}


def test_each_share_type_decides_the_filing() -> None:
    granted = filed(cm.SHARE_TYPE_UNCONDITIONAL)
    assert granted.state == x.SHARING_REQUEST_STATE_GRANTED
    assert list(granted.decision.approved_data_items) == ITEMS[:2]
    assert states(granted) == ["PENDING", "GRANTED"]
    assert granted.transitions[1].actor.system == "govdata"

    refused = filed(cm.SHARE_TYPE_NOT_SHARED)
    assert refused.state == x.SHARING_REQUEST_STATE_REFUSED
    assert refused.decision.legal_basis == "《道路交通安全法》第十四条"  # from the catalogue

    pending = filed()
    assert pending.state == x.SHARING_REQUEST_STATE_PENDING
    assert pending.provider == "organizations/ga" and pending.requester == CONSUMER
    # ten working days across the Spring Festival: due at the end of 4 March, Beijing time
    assert pending.due_time.ToDatetime(tzinfo=UTC) == datetime(2026, 3, 4, 16, tzinfo=UTC)
    assert pending.transitions[0].actor == CONSUMER


def test_bad_requests_name_each_field_and_write_nothing() -> None:
    with pytest.raises(InvalidArgument) as caught:
        filed(
            data_items=["公民身份号码", "存款余额"],
            legal_basis=" ",
            purpose="",
            period=period(NOW, 400),
        )
    assert fields_of(caught.value) == {"data_items[1]", "legal_basis", "purpose", "period"}
    with pytest.raises(InvalidArgument) as past:
        filed(period=period(NOW - timedelta(days=30), 10))
    assert fields_of(past.value) == {"period.end_time"}
    with pytest.raises(FailedPrecondition, match="not published"):
        workflow.file(
            asked(),
            resource(cm.SHARE_TYPE_CONDITIONAL, c.RESOURCE_STATE_RETIRED),
            RULES,
            CALENDAR,
            CONSUMER,
            NOW,
        )


def test_the_provider_approves_all_some_or_refuses() -> None:
    later = NOW + timedelta(days=2)
    whole = workflow.approve(filed(), ITEMS[:2], None, PROVIDER, later)
    assert whole.state == x.SHARING_REQUEST_STATE_GRANTED
    assert whole.decision.decided_by == PROVIDER

    some = workflow.approve(filed(), ["公民身份号码"], None, PROVIDER, later, "号牌号码另行申请")
    assert some.state == x.SHARING_REQUEST_STATE_PARTIALLY_GRANTED
    assert list(some.decision.approved_data_items) == ["公民身份号码"]
    shorter = workflow.approve(filed(), ITEMS[:2], period(NOW, 30), PROVIDER, later, "先行试用")
    assert shorter.state == x.SHARING_REQUEST_STATE_PARTIALLY_GRANTED

    with pytest.raises(InvalidArgument) as caught:
        workflow.approve(filed(), ["公民身份号码", "车辆价值"], period(NOW, 365), PROVIDER, later)
    assert fields_of(caught.value) == {"approved_data_items[1]", "period", "reason"}

    refused = workflow.refuse(
        filed(), "涉及个人隐私", "《个人信息保护法》第十三条", PROVIDER, later
    )
    assert refused.state == x.SHARING_REQUEST_STATE_REFUSED
    assert states(refused) == ["PENDING", "REFUSED"]
    with pytest.raises(InvalidArgument) as bare:
        workflow.refuse(filed(), "不同意", "", PROVIDER, later)
    assert fields_of(bare.value) == {"legal_basis"}


def test_an_answered_request_cannot_change_again() -> None:
    granted = workflow.approve(filed(), ITEMS[:2], None, PROVIDER, NOW)
    for change in (
        lambda r: workflow.approve(r, ITEMS[:2], None, PROVIDER, NOW),
        lambda r: workflow.refuse(r, "改变主意", "依据", PROVIDER, NOW),
        lambda r: workflow.withdraw(r, CONSUMER, NOW),
    ):
        with pytest.raises(FailedPrecondition, match="is SHARING_REQUEST_STATE_GRANTED"):
            change(granted)
    assert workflow.overdue(granted, NOW + timedelta(days=400)) is None


def test_withdrawal_escalation_and_expiry_keep_who_and_when() -> None:
    pending = filed()
    withdrawn = workflow.withdraw(pending, CONSUMER, NOW + timedelta(hours=1))
    assert states(withdrawn) == ["PENDING", "WITHDRAWN"]
    assert withdrawn.transitions[-1].actor == CONSUMER

    assert workflow.overdue(pending, datetime(2026, 3, 4, 15, 59, tzinfo=UTC)) is None
    escalated = workflow.overdue(pending, datetime(2026, 3, 4, 16, 0, tzinfo=UTC))
    assert escalated is not None and escalated.state == x.SHARING_REQUEST_STATE_ESCALATED
    assert workflow.overdue(escalated, datetime(2026, 3, 5, tzinfo=UTC)) is None  # once
    # the provider can still answer an escalated request
    late = workflow.approve(escalated, ITEMS[:2], None, PROVIDER, datetime(2026, 3, 6, tzinfo=UTC))
    assert states(late) == ["PENDING", "ESCALATED", "GRANTED"]

    expired = workflow.overdue(escalated, NOW + timedelta(days=181))
    assert expired is not None and expired.state == x.SHARING_REQUEST_STATE_EXPIRED
    assert [t.time.ToDatetime(tzinfo=UTC) for t in expired.transitions] == sorted(
        t.time.ToDatetime(tzinfo=UTC) for t in expired.transitions
    )
