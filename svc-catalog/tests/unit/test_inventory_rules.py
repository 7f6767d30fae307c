"""Rules of duties, information systems and sharing demands, without any server."""

from __future__ import annotations

import datetime as dt

import pytest
from google.type import date_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog import names
from govdata.catalog.demands import check_demand
from govdata.catalog.duties import check_duty
from govdata.catalog.systems import check_system, date_problem
from govdata.runtime.errors import InvalidArgument

ORG = "organizations/minzheng"


def problems(check, message) -> dict[str, str]:
    with pytest.raises(InvalidArgument) as caught:
        check(message)
    return {v.field: v.description for v in caught.value.violations}


# -- duties -------------------------------------------------------------------------------------


def duty(**fields) -> c.Duty:
    value = c.Duty(
        display_name="最低生活保障对象认定",
        kind=c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION,
        item_code="350100-XZQR-0001",
        legal_basis="《社会救助暂行办法》第九条",
        responsible_office=f"{ORG}-shjzk",
        systems=[f"{ORG}/systems/dibao"],
    )
    for key, item in fields.items():
        if isinstance(item, list):
            del getattr(value, key)[:]
            getattr(value, key).extend(item)
        else:
            setattr(value, key, item)
    return value


def test_a_complete_duty_is_valid() -> None:
    check_duty(duty())


def test_every_duty_problem_is_named() -> None:
    found = problems(
        check_duty,
        duty(
            display_name="",
            kind=0,
            description="长" * 4001,
            responsible_office="offices/x",
            systems=[f"{ORG}/systems/a", "not-a-name", f"{ORG}/systems/a", f"{ORG}/duties/x"],
        ),
    )
    assert set(found) == {
        "duty.display_name",
        "duty.kind",
        "duty.description",
        "duty.responsible_office",
        "duty.systems[1]",
        "duty.systems[2]",
        "duty.systems[3]",
    }
    assert "appears twice" in found["duty.systems[2]"]
    assert "organizations/{id}/systems/{id}" in found["duty.systems[3]"]


def test_a_duty_kind_outside_the_enum_is_refused() -> None:
    assert "unknown DutyKind" in problems(check_duty, duty(kind=99))["duty.kind"]


# -- information systems -----------------------------------------------------------------------


def system(**fields) -> c.InformationSystem:
    value = c.InformationSystem(
        display_name="低保业务管理系统",
        function="低保申请受理、审核审批、资金发放与动态管理",
        users="街道经办人员",
        scope=c.SYSTEM_SCOPE_GOVERNMENT_WIDE,
        user_count=320,
        usage_frequency=c.USAGE_FREQUENCY_DAILY,
        approving_body="区发展和改革局",
        approval_date=date_pb2.Date(year=2018, month=3, day=12),
        launch_date=date_pb2.Date(year=2019, month=1, day=2),
        build_funding=c.FUNDING_SOURCE_LOCAL_FISCAL,
        operation_funding=c.FUNDING_SOURCE_LOCAL_FISCAL,
        networks=[cm.NETWORK_GOVERNMENT_EXTRANET],
        status=c.SYSTEM_STATUS_IN_OPERATION,
        duties=[f"{ORG}/duties/dibao"],
        contractor="某某信息技术有限公司",
    )
    value.last_used_time.FromDatetime(dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    for key, item in fields.items():
        if isinstance(item, list):
            del getattr(value, key)[:]
            getattr(value, key).extend(item)
        elif isinstance(item, date_pb2.Date):
            getattr(value, key).CopyFrom(item)
        else:
            setattr(value, key, item)
    return value


def test_a_complete_system_is_valid() -> None:
    check_system(system())
    check_system(c.InformationSystem(display_name="门户", function="信息发布"))  # minimal


def test_every_system_problem_is_named() -> None:
    found = problems(
        check_system,
        system(
            display_name="",
            function="",
            scope=42,
            user_count=-1,
            usage_frequency=9,
            build_funding=9,
            status=7,
            approval_date=date_pb2.Date(year=2019, month=2, day=30),
            launch_date=date_pb2.Date(year=1900, month=1, day=1),
            networks=[cm.NETWORK_INTERNET, cm.NETWORK_INTERNET, 0],
            duties=["organizations/minzheng/resources/x"],
        ),
    )
    assert set(found) == {
        "information_system.display_name",
        "information_system.function",
        "information_system.scope",
        "information_system.user_count",
        "information_system.usage_frequency",
        "information_system.build_funding",
        "information_system.status",
        "information_system.approval_date",
        "information_system.launch_date",
        "information_system.networks[1]",
        "information_system.networks[2]",
        "information_system.duties[0]",
    }
    assert "not a calendar date" in found["information_system.approval_date"]


def test_last_use_in_the_future_or_before_computers_is_refused() -> None:
    now = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    future = system()
    future.last_used_time.FromDatetime(now + dt.timedelta(days=3))
    with pytest.raises(InvalidArgument, match="in the future"):
        check_system(future, now=now)
    skewed = system()
    skewed.last_used_time.FromDatetime(now + dt.timedelta(hours=2))
    check_system(skewed, now=now)  # a clock a little ahead is not the future
    ancient = system()
    ancient.last_used_time.FromDatetime(dt.datetime(1970, 1, 2, tzinfo=dt.UTC))
    with pytest.raises(InvalidArgument, match="before 1980"):
        check_system(ancient, now=now)


@pytest.mark.parametrize(
    ("year", "month", "day", "ok"),
    [(2020, 2, 29, True), (2021, 2, 29, False), (2021, 13, 1, False), (1900, 1, 1, False)],
)
def test_dates(year: int, month: int, day: int, ok: bool) -> None:
    problem = date_problem(date_pb2.Date(year=year, month=month, day=day))
    assert (problem is None) is ok


# -- sharing demands ---------------------------------------------------------------------------


def demand(**fields) -> c.SharingDemand:
    value = c.SharingDemand(
        display_name="低保审核需核查车辆登记",
        duty=f"{ORG}/duties/dibao",
        resource="organizations/gongan/resources/vehicles",
        expected_provider="organizations/gongan",
        description="核查申请家庭成员名下机动车",
        data_items=["号牌号码", "车辆类型"],
        purpose="最低生活保障家庭经济状况核对",
        legal_basis="《社会救助暂行办法》第十一条",
        share_method=cm.SHARE_METHOD_INTERFACE,
        update_cycle=cm.UPDATE_CYCLE_DAILY,
    )
    for key, item in fields.items():
        if isinstance(item, list):
            del getattr(value, key)[:]
            getattr(value, key).extend(item)
        else:
            setattr(value, key, item)
    return value


def test_a_complete_demand_is_valid_and_its_state_may_be_left_to_create() -> None:
    check_demand(demand())
    check_demand(demand(state=c.DEMAND_STATE_MATCHED))


def test_every_demand_problem_is_named() -> None:
    found = problems(
        check_demand,
        demand(
            display_name="",
            description=" ",
            duty="organizations/minzheng/systems/x",
            resource="resources/x",
            expected_provider="gongan",
            data_items=["号牌号码", "", "号牌号码"],
            share_method=9,
            update_cycle=99,
            state=12,
        ),
    )
    assert set(found) == {
        "sharing_demand.display_name",
        "sharing_demand.description",
        "sharing_demand.duty",
        "sharing_demand.resource",
        "sharing_demand.expected_provider",
        "sharing_demand.data_items[1]",
        "sharing_demand.data_items[2]",
        "sharing_demand.share_method",
        "sharing_demand.update_cycle",
        "sharing_demand.state",
    }


def test_a_demand_needs_its_duty() -> None:
    assert "is required" in problems(check_demand, demand(duty=""))["sharing_demand.duty"]


# -- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "collection"),
    [
        ("organizations/minzheng", "organizations"),
        ("organizations/minzheng/resources/r-1", "resources"),
        ("organizations/minzheng/duties/d-1", "duties"),
        ("organizations/minzheng/systems/s-1", "systems"),
        ("organizations/minzheng/demands/q-1", "demands"),
        ("callingSystems/portal", "callingSystems"),
        ("organizations/minzheng/grants/x", None),
        ("organizations/Min/duties/d", None),
        ("organizations/-", None),
        ("", None),
    ],
)
def test_collection_of(name: str, collection: str | None) -> None:
    assert names.collection_of(name) == collection
