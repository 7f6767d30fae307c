"""The rule engine: every comparison kind passing, failing and incomplete, and the overall
result, under the shipped 海新区 policy (standard 1,100 yuan) and small policies of its own."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from gov.verify.v1 import verify_pb2 as v
from govdata.verify import policy, rules
from govdata.verify.policy import Policy
from govdata.verify.rules import FAIL, INCOMPLETE, PASS, Finding, Record, Unavailable

HAIXIN = policy.default()
A = "359902198001010013"  # applicant
B = "359902198203040026"  # spouse
C = "35990220100601013X"  # child
OTHER = "359902195508150046"  # not of the household

INCOME = "organizations/hx-rsj/resources/social-insurance-contributions"
VEHICLES = "organizations/hx-cgs/resources/motor-vehicles"
SHARES = "organizations/hx-scjgj/resources/enterprise-shareholders"
PROPERTY = "organizations/hx-zrzyj/resources/real-estate-ownership"
FUND = "organizations/hx-gjjfzx/resources/provident-fund-deposits"
DEPOSITS = "organizations/hx-bank/resources/deposits"
SOURCES = {"income": INCOME, "vehicles": VEHICLES, "shares": SHARES, "property": PROPERTY}
SOURCES["fund"] = FUND
POPULATION = "organizations/hx-gafj/resources/household-population"
TAX = "organizations/hx-swj/resources/tax-payments"
SOURCES.update(population=POPULATION, tax=TAX)


def household(*members: str, **declared: Any) -> v.Household:
    """A household of ``members`` (A, B... ; the first applies) and its declared items."""
    relations = [v.MEMBER_RELATION_APPLICANT, v.MEMBER_RELATION_SPOUSE, v.MEMBER_RELATION_CHILD]
    return v.Household(
        members=[
            v.Member(citizen_id=cid, name=f"成员{i}", relation=relations[i])
            for i, cid in enumerate(members or (A, B))
        ],
        **declared,
    )


def income(cid: str, yuan: int) -> v.DeclaredIncome:
    return v.DeclaredIncome(citizen_id=cid, monthly_income_fen=yuan * 100, source="工资")


def record(key: str, **fields: str) -> Record:
    return Record(key, fields, version=2, fetch_time=datetime(2026, 12, 4, 2, 0, tzinfo=UTC))


def registered(home: v.Household) -> list[Record]:
    """The household registry's records of ``home``'s members, under their declared names."""
    return [
        record(f"p{i}", 公民身份号码=m.citizen_id, 姓名=m.name) for i, m in enumerate(home.members)
    ]


def clean(home: v.Household | None = None, **sources: Any) -> dict[str, Any]:
    """Every shipped source answering with no records, except those given; the registry
    knows ``home``'s members."""
    fetched: dict[str, Any] = dict.fromkeys(HAIXIN.sources, ())
    if home is not None:
        fetched[POPULATION] = registered(home)
    fetched.update({SOURCES[name]: value for name, value in sources.items()})
    return fetched


def finding(rule: str, home: v.Household, the_policy: Policy = HAIXIN, **sources: Any) -> Finding:
    evaluation = rules.evaluate(the_policy, home, clean(home, **sources))
    return next(f for f in evaluation.findings if f.rule == rule)


def custom(**rule: Any) -> Policy:
    """A one-rule policy under the 海新区 standard."""
    return policy.parse(
        {
            "policy": "test",
            "version": "1",
            "title": "测试",
            "division": "359902",
            "effective_from": "2026-01-01",
            "minimum_living_standard_yuan": 1100,
            "rules": [{"id": "r", "title": "规则", "member_item": "公民身份号码", **rule}],
        }
    )


DOWN = Unavailable("公积金中心 30 秒内未响应", "DEADLINE_EXCEEDED")


# --- income_per_person_below_standard ----------------------------------------------------


def test_income_per_person_below_the_standard_passes() -> None:
    home = household(A, B, incomes=[income(A, 1500)])
    got = finding("income-per-person", home, income=[record("s1", 公民身份号码=A, 缴费基数="1500")])
    assert (got.outcome, got.declared_value, got.recorded_value) == (PASS, "75000", "75000")
    assert got.explanation == "家庭月收入 1500 元，2 人，人均 750 元，低于保障标准 1100 元"


def test_recorded_income_higher_than_declared_counts_and_fails() -> None:
    home = household(A, B, incomes=[income(A, 1500)])
    records = [
        record("s1", 公民身份号码=A, 缴费基数="3000"),  # the base repeats per insurance type
        record("s2", 公民身份号码=A, 缴费基数="2800"),
    ]
    got = finding("income-per-person", home, income=records)
    assert (got.outcome, got.declared_value, got.recorded_value) == (FAIL, "75000", "150000")
    assert (
        "人均 1500 元，不低于保障标准 1100 元；1 人的登记收入高于申报，按登记计" in got.explanation
    )
    assert [e.record.key for e in got.evidence] == ["s1", "s2"]


def test_income_exactly_at_the_standard_is_not_below_it() -> None:
    home = household(A, B, incomes=[income(A, 1200), income(B, 1000)])
    assert finding("income-per-person", home).outcome == FAIL


@pytest.mark.parametrize(
    ("combine", "outcome", "per_person"), [("sum", FAIL, "170000"), ("max", PASS, "90000")]
)
def test_income_factor_and_how_a_members_records_combine(
    combine: str, outcome: int, per_person: str
) -> None:
    two_employers = custom(
        kind="income_per_person_below_standard",
        source=INCOME,
        value_item="工资",
        combine=combine,
        factor="1.5",  # line 1,650 yuan
    )
    records = [record("e1", 公民身份号码=A, 工资="800"), record("e2", 公民身份号码=A, 工资="900")]
    got = rules.evaluate(two_employers, household(A), {INCOME: records}).findings[0]
    assert (got.outcome, got.recorded_value) == (outcome, per_person)
    assert "保障标准 1650 元" in got.explanation


def test_an_unreadable_income_leaves_the_rule_incomplete() -> None:
    records = [record("s1", 公民身份号码=A, 缴费基数="")]
    got = finding("income-per-person", household(A, B), income=records)
    assert got.outcome == INCOMPLETE and got.recorded_value == ""
    assert got.explanation == "1 条记录的「缴费基数」为空或不是数值，无法核对"
    assert [e.record.key for e in got.evidence] == ["s1"]


# --- value_above_limit -------------------------------------------------------------------


def test_a_vehicle_within_the_limit_passes_and_one_at_the_limit_too() -> None:
    home = household(vehicles=[v.DeclaredVehicle(citizen_id=A, value_fen=4_500_000)])
    records = [
        record("v1", 所有人证件号码=A, 购置价格="45000"),
        record("v2", 所有人证件号码=B, 购置价格="50000.00"),
    ]
    got = finding("vehicle-value-limit", home, vehicles=records)
    assert (got.outcome, got.declared_value, got.recorded_value) == (PASS, "4500000", "5000000")
    assert got.explanation == "2 条记录的「购置价格」均未超过 50000 元，最高 50000 元"


def test_a_vehicle_above_the_limit_fails_on_that_record() -> None:
    home = household(vehicles=[v.DeclaredVehicle(citizen_id=A, value_fen=3_000_000)])
    records = [
        record("v1", 所有人证件号码=A, 购置价格="30000"),
        record("v2", 所有人证件号码=B, 购置价格="80000"),
        record("v3", 所有人证件号码=B, 购置价格=""),  # unknown, but the FAIL stands
    ]
    got = finding("vehicle-value-limit", home, vehicles=records)
    assert (got.outcome, got.declared_value, got.recorded_value) == (FAIL, "3000000", "8000000")
    assert got.explanation == "1 条记录的「购置价格」超过 50000 元，最高 80000 元"
    assert got.citizen_ids == (B,) and [e.record.key for e in got.evidence] == ["v2"]


def test_another_persons_vehicle_is_not_the_households() -> None:
    records = [record("v9", 所有人证件号码=OTHER, 购置价格="300000")]
    got = finding("vehicle-value-limit", household(), vehicles=records)
    assert (got.outcome, got.recorded_value) == (PASS, "")
    assert got.explanation == "未查到家庭成员名下的登记记录"


def test_a_vehicle_of_unknown_value_leaves_the_rule_incomplete() -> None:
    records = [record("v1", 所有人证件号码=A, 购置价格="三万")]
    got = finding("vehicle-value-limit", household(), vehicles=records)
    assert got.outcome == INCOMPLETE and "「购置价格」为空或不是数值" in got.explanation


def test_a_limit_on_an_amount_kept_in_wan_yuan_is_data() -> None:
    shares_above = custom(
        kind="value_above_limit",
        source=SHARES,
        member_item="股东证件号码",
        value_item="认缴出资额",
        unit="wan_yuan",
        limit_yuan=10000,
    )
    records = [record("q1", 股东证件号码=A, 认缴出资额="1.5")]  # 15,000 yuan
    got = rules.evaluate(shares_above, household(), {SHARES: records}).findings[0]
    assert (got.outcome, got.recorded_value) == (FAIL, "1500000")


# --- any_record_exists -------------------------------------------------------------------


def test_no_company_share_passes() -> None:
    got = finding("no-enterprise-shares", household())
    assert (got.outcome, got.declared_value, got.recorded_value) == (PASS, "0", "0")
    assert got.explanation == "未查到家庭成员名下的登记记录"


def test_a_company_share_of_a_member_fails_even_when_declared() -> None:
    home = household(
        A, C, business_shares=[v.DeclaredBusinessShare(citizen_id=C, enterprise_name="某公司")]
    )
    # the provider wrote the check character in lower case
    records = [record("91359902MA0000001X|" + C, 股东证件号码=C.lower(), 认缴出资额="10")]
    got = finding("no-enterprise-shares", home, shares=records)
    assert (got.outcome, got.declared_value, got.recorded_value) == (FAIL, "1", "1")
    assert got.citizen_ids == (C,) and got.explanation == "家庭成员名下有 1 条登记记录"


def test_a_record_without_the_members_id_leaves_the_rule_incomplete() -> None:
    got = finding("no-enterprise-shares", household(), shares=[record("q1", 企业名称="某公司")])
    assert got.outcome == INCOMPLETE
    assert got.explanation == "1 条记录缺少「股东证件号码」，无法确定属于哪位成员"


# --- count_above -------------------------------------------------------------------------


def test_one_jointly_owned_property_counts_once_and_passes() -> None:
    home = household(real_estate=[v.DeclaredRealEstate(owner_citizen_ids=[A, B])])
    records = [
        record("p1", 权利人证件号码=A, 不动产单元号="U1"),
        record("p2", 权利人证件号码=B, 不动产单元号="U1"),
    ]
    got = finding("at-most-one-property", home, property=records)
    assert (got.outcome, got.declared_value, got.recorded_value) == (PASS, "1", "1")
    assert got.explanation == "家庭成员名下登记 1 条（按「不动产单元号」计），未超过 1 条"


def test_an_undeclared_second_property_fails() -> None:
    home = household(real_estate=[v.DeclaredRealEstate(owner_citizen_ids=[A])])
    records = [
        record("p1", 权利人证件号码=A, 不动产单元号="U1"),
        record("p3", 权利人证件号码=B, 不动产单元号="U2"),
    ]
    got = finding("at-most-one-property", home, property=records)
    assert (got.outcome, got.declared_value, got.recorded_value) == (FAIL, "1", "2")
    assert "超过 1 条" in got.explanation and got.citizen_ids == (A, B)


def test_a_property_without_its_unit_number_cannot_be_counted() -> None:
    records = [record("p1", 权利人证件号码=A, 不动产单元号="")]
    got = finding("at-most-one-property", household(), property=records)
    assert got.outcome == INCOMPLETE and "缺少「不动产单元号」，无法计数" in got.explanation


# --- implied_income_above_declared -------------------------------------------------------


def fund(cid: str, monthly: str, balance: str = "0") -> Record:
    return record(f"g-{cid}", 公民身份号码=cid, 月缴存额=monthly, 公积金账户余额=balance)


def test_deposits_implying_the_declared_income_pass() -> None:
    home = household(A, B, incomes=[income(A, 2000)])
    got = finding("provident-fund-implied-income", home, fund=[fund(A, "480")])  # 480 / 24%
    assert (got.outcome, got.declared_value, got.recorded_value) == (PASS, "200000", "200000")
    assert "推算月收入 2000 元，未超过申报的 2000 元（容差 10%）" in got.explanation


@pytest.mark.parametrize(("monthly", "outcome"), [("528", PASS), ("528.01", FAIL)])
def test_the_tolerance_is_exact_at_its_edge(monthly: str, outcome: int) -> None:
    home = household(A, incomes=[income(A, 2000)])  # 2,000 + 10 % = 2,200 = 528 / 24 %
    got = finding("provident-fund-implied-income", home, fund=[fund(A, monthly)])
    assert got.outcome == outcome


def test_deposits_implying_more_than_declared_fail_on_the_worst_member() -> None:
    home = household(A, B, incomes=[income(A, 1500), income(B, 1000)])
    got = finding("provident-fund-implied-income", home, fund=[fund(A, "720"), fund(B, "960")])
    assert got.outcome == FAIL
    assert (got.declared_value, got.recorded_value) == ("100000", "400000")  # B: 960 / 24 %
    assert got.explanation == (
        "按「月缴存额」960 元、比例 24% 推算月收入 4000 元，高于申报的 1000 元（容差 10%）"
        "；共 2 名成员"
    )
    assert got.citizen_ids == (B, A)
    assert got.to_proto().citizen_id == ""  # the contract holds one member per finding


def test_no_deposits_nothing_to_imply() -> None:
    got = finding("provident-fund-implied-income", household(incomes=[income(A, 900)]))
    assert (got.outcome, got.explanation) == (PASS, "未查到家庭成员的登记记录，无从推算")


# --- declared_matches_recorded -----------------------------------------------------------

DEPOSIT_RULE = custom(
    kind="declared_matches_recorded",
    source=DEPOSITS,
    value_item="余额",
    declared="deposits",
    tolerance=5,
    tolerance_yuan=100,
)


def deposits(declared_yuan: dict[str, int], recorded: list[tuple[str, str]]) -> Finding:
    home = household(
        A,
        B,
        deposits=[
            v.DeclaredDeposit(citizen_id=cid, bank="某银行", balance_fen=yuan * 100)
            for cid, yuan in declared_yuan.items()
        ],
    )
    records = [
        record(f"d{i}", 公民身份号码=cid, 余额=text) for i, (cid, text) in enumerate(recorded)
    ]
    return rules.evaluate(DEPOSIT_RULE, home, {DEPOSITS: records}).findings[0]


def test_declared_deposits_within_the_tolerance_pass() -> None:
    got = deposits({A: 10000}, [(A, "6000"), (A, "4400.50")])  # two accounts, 520.03 allowed
    assert (got.outcome, got.declared_value, got.recorded_value) == (PASS, "1000000", "1040050")
    assert got.explanation == (
        "申报 10000 元，登记 10400.50 元，相差 400.50 元，未超过容差（登记额的 5%，至少 100 元）"
    )


@pytest.mark.parametrize(("declared_fen", "outcome"), [(1_050_000, PASS), (1_050_001, FAIL)])
def test_the_difference_may_reach_the_tolerance_but_not_exceed_it(
    declared_fen: int, outcome: int
) -> None:
    home = household(deposits=[v.DeclaredDeposit(citizen_id=A, balance_fen=declared_fen)])
    records = [record("d1", 公民身份号码=A, 余额="10000")]  # 5 %: 500 yuan
    assert rules.evaluate(DEPOSIT_RULE, home, {DEPOSITS: records}).findings[0].outcome == outcome


def test_small_differences_are_within_the_yuan_floor() -> None:
    assert deposits({}, [(B, "80")]).outcome == PASS  # interest on a forgotten account


def test_under_declared_deposits_fail() -> None:
    got = deposits({A: 10000}, [(A, "20000")])
    assert (got.outcome, got.declared_value, got.recorded_value) == (FAIL, "1000000", "2000000")
    assert "相差 10000 元，超过容差" in got.explanation and got.citizen_ids == (A,)


def test_an_undeclared_account_and_a_declared_one_not_found_both_fail() -> None:
    assert deposits({}, [(B, "5000")]).outcome == FAIL
    missing = deposits({A: 3000}, [])
    assert (missing.outcome, missing.recorded_value) == (FAIL, "0")


def test_the_shipped_balance_rule_reads_the_provident_fund() -> None:
    home = household(provident_funds=[v.DeclaredProvidentFund(citizen_id=A, balance_fen=1_000_000)])
    got = finding("provident-fund-balance-matches", home, fund=[fund(A, "0", "10450")])
    assert (got.outcome, got.recorded_value) == (PASS, "1045000")


# --- sources that did not answer, and the overall result ---------------------------------


@pytest.mark.parametrize("rule", [rule.id for rule in HAIXIN.rules])
def test_every_kind_is_incomplete_when_its_source_is_unavailable(rule: str) -> None:
    source = next(r.source for r in HAIXIN.rules if r.id == rule)
    fetched = clean()
    fetched[source] = DOWN
    home = household(A, B, incomes=[income(A, 600)])
    got = next(f for f in rules.evaluate(HAIXIN, home, fetched).findings if f.rule == rule)
    assert got.outcome == INCOMPLETE and got.recorded_value == ""
    assert got.explanation == "来源未能查询：公积金中心 30 秒内未响应"


def test_an_unavailable_source_makes_exactly_its_rules_incomplete() -> None:
    home = household(A, B, incomes=[income(A, 600)])
    evaluation = rules.evaluate(HAIXIN, home, clean(home, fund=DOWN))
    outcomes = {f.rule: f.outcome for f in evaluation.findings}
    assert outcomes == {
        "members-registered": PASS,
        "tax-income-matches": PASS,
        "income-per-person": PASS,
        "vehicle-value-limit": PASS,
        "no-enterprise-shares": PASS,
        "at-most-one-property": PASS,
        "provident-fund-implied-income": INCOMPLETE,
        "provident-fund-balance-matches": INCOMPLETE,
    }
    assert evaluation.overall == v.OVERALL_RESULT_INCOMPLETE  # needs review
    report = evaluation.to_report()
    assert [(s.resource, s.provider, s.code) for s in report.incomplete_sources] == [
        (FUND, "organizations/hx-gjjfzx", "DEADLINE_EXCEEDED")
    ]


def test_a_source_never_asked_is_not_guessed() -> None:
    fetched = clean()
    del fetched[PROPERTY]
    evaluation = rules.evaluate(HAIXIN, household(), fetched)
    got = next(f for f in evaluation.findings if f.rule == "at-most-one-property")
    assert (got.outcome, got.explanation) == (INCOMPLETE, "来源未能查询：未向该来源查询")


def test_a_truthful_household_is_eligible() -> None:
    home = household(A, B, C, incomes=[income(A, 1800)])
    evaluation = rules.evaluate(HAIXIN, home, clean(home, fund=[fund(A, "432")]))
    assert all(f.outcome == PASS for f in evaluation.findings)
    assert evaluation.overall == v.OVERALL_RESULT_PASS


def test_a_failure_outweighs_an_incomplete_check() -> None:
    fetched = clean(fund=DOWN, vehicles=[record("v1", 所有人证件号码=A, 购置价格="120000")])
    evaluation = rules.evaluate(HAIXIN, household(), fetched)
    assert evaluation.overall == v.OVERALL_RESULT_FAIL  # not eligible
    assert rules.overall([PASS, INCOMPLETE, FAIL]) == v.OVERALL_RESULT_FAIL
    assert rules.overall([PASS, PASS]) == v.OVERALL_RESULT_PASS


def test_the_report_cites_the_policy_and_each_records_version_and_fetch_time() -> None:
    fetched = clean(vehicles=[record("V1", 所有人证件号码=A, 购置价格="120000")])
    report = rules.evaluate(HAIXIN, household(), fetched).to_report()
    assert (report.policy, report.policy_revision) == ("minimum-living-allowance", "2026-12-05.1")
    assert report.overall_result == v.OVERALL_RESULT_FAIL
    vehicle = next(f for f in report.findings if f.rule == "vehicle-value-limit")
    assert vehicle.citizen_id == A and vehicle.outcome == v.FINDING_OUTCOME_FAIL
    (evidence,) = vehicle.evidence
    assert (evidence.resource, evidence.provider) == (VEHICLES, "organizations/hx-cgs")
    assert (evidence.record_key, evidence.record_version) == ("V1", 2)
    assert evidence.fetch_time.ToDatetime(UTC) == datetime(2026, 12, 4, 2, 0, tzinfo=UTC)


def test_a_household_naming_a_stranger_or_no_one_is_refused() -> None:
    stranger = household(vehicles=[v.DeclaredVehicle(citizen_id=OTHER)])
    with pytest.raises(ValueError, match=r"household.vehicles\[0\]: names someone not a member"):
        rules.evaluate(HAIXIN, stranger, clean())
    with pytest.raises(ValueError, match="at least one member"):
        rules.evaluate(HAIXIN, v.Household(), clean())


def test_the_engine_does_not_change_its_inputs() -> None:
    home = household(A, B, incomes=[income(A, 1500)])
    before = copy.deepcopy(home)
    rules.evaluate(HAIXIN, home, clean())
    assert home == before


# --- members_registered ------------------------------------------------------------------


def test_members_registered_under_their_declared_names_pass() -> None:
    home = household(A, B)
    got = finding("members-registered", home)
    assert (got.outcome, got.declared_value, got.recorded_value) == (PASS, "2", "2")
    assert got.explanation == "2 名成员均有登记记录，「姓名」与申报一致"
    assert len(got.evidence) == 2


def test_a_member_unknown_to_the_registry_fails_naming_that_member() -> None:
    home = household(A, B)
    got = finding("members-registered", home, population=registered(home)[:1])
    assert (got.outcome, got.recorded_value, got.citizen_ids) == (FAIL, "1", (B,))
    assert got.explanation == "1 名成员未查到登记记录"


def test_a_member_registered_under_another_name_fails() -> None:
    home = household(A, B)
    records = registered(home)
    records[1] = record("p1", 公民身份号码=B, 姓名="别人")
    got = finding("members-registered", home, population=records)
    assert (got.outcome, got.citizen_ids) == (FAIL, (B,))
    assert got.explanation == "1 名成员的「姓名」与申报不符"


def test_the_tax_rule_fails_on_income_above_the_declared() -> None:
    home = household(A, B, incomes=[income(A, 1000)])
    got = finding("tax-income-matches", home, tax=[record("t1", 证件号码=A, 收入额="3200")])
    assert (got.outcome, got.citizen_ids, got.recorded_value) == (FAIL, (A,), "320000")


def test_the_contracts_finding_names_every_member_concerned() -> None:
    two = Finding("r", FAIL, "", "", "两名成员", (A, B)).to_proto()
    assert (list(two.citizen_ids), two.citizen_id) == ([A, B], "")
    one = Finding("r", FAIL, "", "", "一名成员", (B,)).to_proto()
    assert (list(one.citizen_ids), one.citizen_id) == ([B], B)
