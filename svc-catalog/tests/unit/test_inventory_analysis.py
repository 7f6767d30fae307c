"""Zombie and shadow rules of the system inventory analysis, on contract messages."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from google.type import date_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog.inventory_analysis import (
    DutyLinks,
    SystemProfile,
    assessments,
    duty_key,
    duty_links,
    profiles,
    shadow_candidates,
    zombie_candidates,
    zombie_indicators,
    zombie_reasons,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SERVED = DutyLinks(served=frozenset({"organizations/mz/duties/dibao"}))
Z = c.ZombieIndicator


def system(name: str = "organizations/mz/systems/s1", **fields) -> c.InformationSystem:
    s = c.InformationSystem(
        name=name,
        display_name="低保业务系统",
        function="低保对象审批",
        status=c.SYSTEM_STATUS_IN_OPERATION,
        usage_frequency=c.USAGE_FREQUENCY_DAILY,
        scope=c.SYSTEM_SCOPE_DEPARTMENT,
        build_funding=c.FUNDING_SOURCE_LOCAL_FISCAL,
        operation_funding=c.FUNDING_SOURCE_LOCAL_FISCAL,
    )
    for key, value in fields.items():
        if isinstance(value, datetime):
            getattr(s, key).FromDatetime(value)
        elif isinstance(value, date_pb2.Date):
            getattr(s, key).CopyFrom(value)
        elif isinstance(value, list):
            getattr(s, key).extend(value)
        else:
            setattr(s, key, value)
    return s


def indicators(reasons) -> list[int]:
    return [r.indicator for r in reasons]


def test_a_healthy_system_has_no_reason() -> None:
    healthy = system(last_used_time=NOW - timedelta(days=2))
    assert zombie_reasons(healthy, SERVED, NOW) == []


def test_idle_after_the_period_with_the_date_and_days_in_words() -> None:
    s = system(last_used_time=datetime(2025, 1, 3, tzinfo=UTC))
    [reason] = zombie_reasons(s, SERVED, NOW)
    assert reason.indicator == Z.ZOMBIE_INDICATOR_IDLE
    assert reason.explanation == "last used 2025-01-03, 689 days ago (idle after 180)"
    # the period is the caller's
    assert zombie_reasons(s, SERVED, NOW, idle_days=1000) == []
    # on the boundary it is not idle yet
    edge = system(last_used_time=NOW - timedelta(days=180))
    assert zombie_reasons(edge, SERVED, NOW) == []


def test_idle_when_never_used_since_a_launch_long_ago_and_not_without_evidence() -> None:
    launched = system(launch_date=date_pb2.Date(year=2015, month=3, day=1))
    [reason] = zombie_reasons(launched, SERVED, NOW)
    assert reason.indicator == Z.ZOMBIE_INDICATOR_IDLE
    assert "since it went live on 2015-03-01" in reason.explanation
    fresh = system(launch_date=date_pb2.Date(year=2026, month=10, day=1))
    assert zombie_reasons(fresh, SERVED, NOW) == []
    # no last use and no launch date: nothing to judge by
    assert zombie_reasons(system(), SERVED, NOW) == []


def test_idle_frequency_recorded_by_the_inventory() -> None:
    s = system(usage_frequency=c.USAGE_FREQUENCY_IDLE, last_used_time=NOW)
    [reason] = zombie_reasons(s, SERVED, NOW)
    assert reason.indicator == Z.ZOMBIE_INDICATOR_IDLE
    assert "闲置" in reason.explanation


def test_maintenance_stopped_by_status_or_by_operation_funding_missing() -> None:
    stopped = system(status=c.SYSTEM_STATUS_MAINTENANCE_STOPPED, last_used_time=NOW)
    [reason] = zombie_reasons(stopped, SERVED, NOW)
    assert reason.indicator == Z.ZOMBIE_INDICATOR_MAINTENANCE_STOPPED
    assert "停止运维" in reason.explanation
    unfunded = system(operation_funding=c.FUNDING_SOURCE_UNSPECIFIED, last_used_time=NOW)
    [reason] = zombie_reasons(unfunded, SERVED, NOW)
    assert reason.indicator == Z.ZOMBIE_INDICATOR_MAINTENANCE_STOPPED
    assert "运维经费来源空缺" in reason.explanation and "本级财政" in reason.explanation
    # both funding fields blank: an unfilled entry, no evidence
    blank = system(
        operation_funding=c.FUNDING_SOURCE_UNSPECIFIED,
        build_funding=c.FUNDING_SOURCE_UNSPECIFIED,
        last_used_time=NOW,
    )
    assert zombie_reasons(blank, SERVED, NOW) == []


def test_out_of_step_with_the_business() -> None:
    s = system(out_of_step_with_business=True, last_used_time=NOW)
    [reason] = zombie_reasons(s, SERVED, NOW)
    assert reason.indicator == Z.ZOMBIE_INDICATOR_OUT_OF_STEP
    assert "与实际业务脱节" in reason.explanation


def test_no_duty_served_counts_only_where_duties_are_declared() -> None:
    s = system(last_used_time=NOW)
    [reason] = zombie_reasons(s, DutyLinks(), NOW)
    assert reason.indicator == Z.ZOMBIE_INDICATOR_NO_DUTY
    assert "serves no duty" in reason.explanation
    dangling = DutyLinks(dangling=frozenset({"organizations/mz/duties/gone"}))
    [reason] = zombie_reasons(s, dangling, NOW)
    assert "organizations/mz/duties/gone" in reason.explanation
    # the organisation's list of powers is not loaded yet: no evidence either way
    assert zombie_reasons(s, DutyLinks(organization_has_duties=False), NOW) == []


def test_duty_links_from_either_side_and_dangling_references() -> None:
    duties = [
        c.Duty(name="organizations/mz/duties/dibao", systems=["organizations/mz/systems/a"]),
        c.Duty(name="organizations/mz/duties/tekun"),
    ]
    systems = [
        system("organizations/mz/systems/a"),
        system("organizations/mz/systems/b", duties=["organizations/mz/duties/tekun"]),
        system("organizations/mz/systems/c", duties=["organizations/mz/duties/gone"]),
        system("organizations/gaj/systems/d"),
    ]
    links = duty_links(systems, duties)
    assert links["organizations/mz/systems/a"].served == {"organizations/mz/duties/dibao"}
    assert links["organizations/mz/systems/b"].served == {"organizations/mz/duties/tekun"}
    assert links["organizations/mz/systems/c"].served == frozenset()
    assert links["organizations/mz/systems/c"].dangling == {"organizations/mz/duties/gone"}
    assert links["organizations/gaj/systems/d"].organization_has_duties is False


def test_tiny_scope_only_with_rare_use() -> None:
    office_rare = system(
        scope=c.SYSTEM_SCOPE_OFFICE, usage_frequency=c.USAGE_FREQUENCY_RARELY, last_used_time=NOW
    )
    reasons = zombie_reasons(office_rare, SERVED, NOW)
    assert indicators(reasons) == [Z.ZOMBIE_INDICATOR_TINY_SCOPE, Z.ZOMBIE_INDICATOR_RARELY_USED]
    assert "处室内部" in reasons[0].explanation
    few_users = system(user_count=3, usage_frequency=c.USAGE_FREQUENCY_RARELY, last_used_time=NOW)
    assert "only 3 users" in zombie_reasons(few_users, SERVED, NOW)[0].explanation
    # an office's daily tool, or a department-wide annual return, is normal
    daily_office = system(scope=c.SYSTEM_SCOPE_OFFICE, last_used_time=NOW)
    assert zombie_reasons(daily_office, SERVED, NOW) == []
    annual = system(usage_frequency=c.USAGE_FREQUENCY_RARELY, last_used_time=NOW)
    assert zombie_reasons(annual, SERVED, NOW) == []
    # user_count 0 means unknown, not tiny
    unknown = system(user_count=0, usage_frequency=c.USAGE_FREQUENCY_RARELY, last_used_time=NOW)
    assert zombie_reasons(unknown, SERVED, NOW) == []
    tiny_idle = system(scope=c.SYSTEM_SCOPE_OFFICE, usage_frequency=c.USAGE_FREQUENCY_IDLE)
    assert indicators(zombie_reasons(tiny_idle, SERVED, NOW)) == [
        Z.ZOMBIE_INDICATOR_IDLE,
        Z.ZOMBIE_INDICATOR_TINY_SCOPE,
    ]


def test_every_reason_that_fires_is_listed_and_candidates_go_most_reasons_first() -> None:
    worst = system(
        "organizations/mz/systems/z",
        last_used_time=datetime(2024, 1, 1, tzinfo=UTC),
        status=c.SYSTEM_STATUS_MAINTENANCE_STOPPED,
        out_of_step_with_business=True,
        scope=c.SYSTEM_SCOPE_OFFICE,
        usage_frequency=c.USAGE_FREQUENCY_RARELY,
    )
    one = system("organizations/mz/systems/a", out_of_step_with_business=True, last_used_time=NOW)
    fine = system("organizations/mz/systems/b", last_used_time=NOW)
    off = system(
        "organizations/mz/systems/c",
        status=c.SYSTEM_STATUS_DECOMMISSIONED,
        out_of_step_with_business=True,
    )
    links = {s.name: SERVED for s in (worst, one, fine)}
    links["organizations/mz/systems/z"] = DutyLinks()
    found = zombie_candidates([one, fine, worst, off], links, NOW)
    assert [f.system.name for f in found] == [worst.name, one.name]
    assert indicators(found[0].reasons) == [
        Z.ZOMBIE_INDICATOR_IDLE,
        Z.ZOMBIE_INDICATOR_MAINTENANCE_STOPPED,
        Z.ZOMBIE_INDICATOR_OUT_OF_STEP,
        Z.ZOMBIE_INDICATOR_NO_DUTY,
        Z.ZOMBIE_INDICATOR_TINY_SCOPE,
        Z.ZOMBIE_INDICATOR_RARELY_USED,
    ]
    assert all(r.explanation for r in found[0].reasons)
    assert zombie_indicators(found[0].reasons) == [1, 2, 3, 4, 5, 6]


# -- shadows ------------------------------------------------------------------------------------

MZJ = "organizations/mz/systems/dibao"
JD = "organizations/jd/systems/dibao"
GJJ = "organizations/gjj/systems/jiaocun"
BDC = "organizations/bdc/systems/dengji"


def dibao_catalogue():
    systems = [
        system(
            MZJ,
            function="城乡低保对象申请受理、家庭经济状况核对、低保待遇审批与资金发放管理。",
            duties=["organizations/mz/duties/rending"],
        ),
        system(
            JD,
            function="街道低保申请登记，低保对象家庭经济状况入户调查与核对，低保金发放台账。",
            duties=["organizations/jd/duties/shouli"],
        ),
        system(GJJ, function="住房公积金缴存、提取、贷款业务办理及个人账户管理。"),
        system(BDC, function="不动产登记业务受理、审核、登簿与不动产权证书发放。"),
    ]
    duties = [
        # the same matter (item code) held by the bureau and by the street office
        c.Duty(
            name="organizations/mz/duties/rending",
            display_name="最低生活保障对象认定",
            item_code="330217012000",
        ),
        c.Duty(
            name="organizations/jd/duties/shouli",
            display_name="最低生活保障申请受理",
            item_code="330217012000",
        ),
    ]
    items = ["公民身份号码", "姓名", "家庭人口数", "家庭月收入", "低保金额"]
    resources = [
        c.InformationResource(
            name="organizations/mz/resources/dibao",
            source_systems=[MZJ],
            data_items=[c.DataItem(name=n, type=cm.DATA_ITEM_TYPE_CHARACTER) for n in items],
        ),
        c.InformationResource(
            name="organizations/jd/resources/taizhang",
            source_systems=[JD],
            data_items=[
                c.DataItem(name=n, type=cm.DATA_ITEM_TYPE_CHARACTER)
                for n in [*items[:4], "入户调查结论"]
            ],
        ),
        c.InformationResource(
            name="organizations/gjj/resources/jiaocun",
            source_systems=[GJJ],
            data_items=[c.DataItem(name=n) for n in ("公民身份号码", "缴存基数", "账户余额")],
        ),
    ]
    return systems, duties, resources


def test_the_two_dibao_systems_are_a_shadow_pair_with_the_overlap_shown() -> None:
    systems, duties, resources = dibao_catalogue()
    found = shadow_candidates(profiles(systems, duties, resources))
    assert len(found) == 1
    [pair] = found
    assert {pair.system, pair.other_system} == {MZJ, JD}
    assert pair.duty_overlap == 1.0
    # the same matter (item code) under the street office's and the bureau's names
    assert pair.system == JD
    assert pair.shared_duties == ["最低生活保障申请受理 = 最低生活保障对象认定"]
    assert pair.shared_data_items == ["公民身份号码", "姓名", "家庭人口数", "家庭月收入"]
    assert pair.data_item_overlap == pytest.approx(4 / 6, abs=1e-4)
    assert pair.function_similarity > 0.3
    assert "低保对象" in pair.shared_terms and "家庭经济状况" in pair.shared_terms
    expected = (0.5 * pair.function_similarity + 0.25 * 1.0 + 0.25 * 4 / 6) / 1.0
    assert pair.similarity == pytest.approx(expected, abs=1e-3)


def test_unrelated_systems_sharing_a_common_item_are_not_shadows() -> None:
    systems, duties, resources = dibao_catalogue()
    found = shadow_candidates(profiles(systems, duties, resources), min_similarity=0.05)
    pairs = {frozenset((p.system, p.other_system)): p for p in found}
    # the provident fund and the bureau share 公民身份号码 only
    gjj = pairs.get(frozenset((MZJ, GJJ)))
    assert gjj is None or gjj.similarity < 0.2


def test_signals_not_declared_by_both_are_left_out_of_the_mean() -> None:
    a = SystemProfile("organizations/a/systems/x", "低保对象审批管理", duties={"code:1": "低保"})
    b = SystemProfile("organizations/b/systems/y", "低保对象审批管理")
    [pair] = shadow_candidates([a, b])
    # b declares no duties: only the function counts (identical texts)
    assert pair.similarity == pytest.approx(1.0)
    assert pair.duty_overlap == 0.0
    # declared on both sides and disjoint, the duties pull the mean down
    b.duties = {"code:2": "不动产登记"}
    [pair] = shadow_candidates([a, b])
    assert pair.similarity == pytest.approx(0.5 / 0.75, abs=1e-3)


def test_org_filter_puts_the_organisations_system_first_and_threshold_applies() -> None:
    systems, duties, resources = dibao_catalogue()
    profs = profiles(systems, duties, resources)
    [pair] = shadow_candidates(profs, involves=lambda n: n.startswith("organizations/mz/"))
    assert pair.system == MZJ and pair.other_system == JD
    [pair] = shadow_candidates(profs, involves=lambda n: n.startswith("organizations/jd/"))
    assert pair.system == JD and pair.other_system == MZJ
    assert shadow_candidates(profs, involves=lambda n: n.startswith("organizations/gjj/")) == []
    assert shadow_candidates(profs, min_similarity=0.99) == []


def test_duty_key_uses_item_code_else_name() -> None:
    assert duty_key(c.Duty(display_name="低保 认定", item_code=" 33021 ")) == "code:33021"
    assert duty_key(c.Duty(display_name="低保 认定")) == "name:低保认定"


def test_decommissioned_systems_are_out_of_the_shadow_analysis() -> None:
    systems, duties, resources = dibao_catalogue()
    systems[1].status = c.SYSTEM_STATUS_DECOMMISSIONED
    assert shadow_candidates(profiles(systems, duties, resources)) == []


def test_two_hundred_systems_in_about_a_second() -> None:
    topics = ["低保", "不动产", "公积金", "车辆", "户籍", "企业", "社保", "医保", "学籍", "环境"]
    verbs = ["申请受理", "审批", "登记", "查询统计", "台账管理", "核对", "发放", "归档"]
    systems, resources = [], []
    for i in range(200):
        topic = topics[i % len(topics)]
        name = f"organizations/o{i % 25}/systems/s{i:03d}"
        function = "、".join(topic + verbs[(i + k) % len(verbs)] for k in range(3)) + "。"
        systems.append(system(name, function=function))
        resources.append(
            c.InformationResource(
                name=f"organizations/o{i % 25}/resources/r{i:03d}",
                source_systems=[name],
                data_items=[c.DataItem(name=f"{topic}项{k}") for k in range(i % 5, i % 5 + 8)],
            )
        )
    started = time.perf_counter()
    found = shadow_candidates(profiles(systems, [], resources))
    elapsed = time.perf_counter() - started
    assert found
    assert elapsed < 10.0  # about 1 s on the development machine


def test_assessments_carry_the_indicators_and_both_sides_of_each_shadow_pair() -> None:
    systems, duties, resources = dibao_catalogue()
    systems[2].out_of_step_with_business = True
    verdicts = assessments(systems, duties, resources, NOW)
    assert list(verdicts[MZJ].shadow_of) == [JD] and list(verdicts[JD].shadow_of) == [MZJ]
    assert list(verdicts[GJJ].zombie_indicators) == [Z.ZOMBIE_INDICATOR_OUT_OF_STEP]
    assert list(verdicts[MZJ].zombie_indicators) == []
    assert verdicts[BDC].assess_time.ToDatetime(tzinfo=UTC) == NOW
