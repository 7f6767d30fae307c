"""The demo households (scripts/district/households.py): valid people, rows the exchange
accepts for the real demo resources, labels that match the records, and the same households
for the same seed."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format

from gov.catalog.v1 import catalog_pb2 as c
from gov.verify.v1 import verify_pb2 as v
from govdata.exchange.record_validation import RowRules
from govdata.verify import policy, rules
from govdata.verify.policy import Declared, Kind

from district import households as hh  # isort: skip  (scripts/, see conftest)

CATALOGUE = Path(__file__).resolve().parents[2] / "scripts" / "demo_catalogue.json"
# GB 11643, written out rather than imported: weights 2^(17-i) mod 11, remainder → check.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = dict(enumerate("10X98765432"))
APPLICANT = v.MEMBER_RELATION_APPLICANT


@pytest.fixture(scope="module")
def households() -> list[hh.DemoHousehold]:
    return hh.generate()


@pytest.fixture(scope="module")
def catalogue_resources() -> dict[str, c.InformationResource]:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    found = {}
    for entry in data["informationResources"]:
        name = f"{entry['parent']}/resources/{entry['informationResourceId']}"
        if name in hh.RESOURCES:
            resource = json_format.ParseDict(entry["informationResource"], c.InformationResource())
            resource.name = name
            found[name] = resource
    return found


def valid_citizen_id(citizen_id: str) -> bool:
    if len(citizen_id) != 18 or not citizen_id[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(citizen_id[:17], WEIGHTS, strict=True))
    return CHECK[total % 11] == citizen_id[17]


def birth_of(citizen_id: str) -> date:
    return date(int(citizen_id[6:10]), int(citizen_id[10:12]), int(citizen_id[12:14]))


def amount(record: Any, item: str) -> Decimal:
    return Decimal(record.fields[item])


def members(household: hh.DemoHousehold) -> set[str]:
    return {m.citizen_id for m in household.application.members}


# -- the checksum itself ------------------------------------------------------------------------


def test_the_independent_checksum_knows_a_published_example() -> None:
    assert valid_citizen_id("11010519491231002X")  # GB 11643's own example
    assert not valid_citizen_id("110105194912310021")
    assert hh.citizen_id_check("11010519491231002") == "X"


# -- people ---------------------------------------------------------------------------------------


def test_counts_follow_the_blocks(households) -> None:
    profiles = Counter(h.profile for h in households)
    assert len(households) == hh.DEFAULT_COUNT
    assert profiles[hh.LOW_INCOME] == 2000 and profiles[hh.ABOVE_STANDARD] == 300
    assert all(profiles[kind] == 100 for kind in hh.PLANTED)
    assert all(h.planted == (h.profile if h.profile in hh.PLANTED else None) for h in households)
    assert {h.expected for h in households if h.profile == hh.LOW_INCOME} == {"PASS"}
    assert {h.expected for h in households if h.profile != hh.LOW_INCOME} == {"FAIL"}
    assert Counter(len(h.application.members) for h in households).keys() == {1, 2, 3, 4, 5}
    assert len({h.application_id for h in households}) == len(households)


def test_citizen_ids_are_valid_unique_and_agree_with_the_registry(households) -> None:
    seen: set[str] = set()
    for household in households:
        registry = {r.fields["公民身份号码"]: r.fields for r in household.records[hh.POPULATION]}
        for member in household.application.members:
            cid = member.citizen_id
            assert valid_citizen_id(cid), cid
            assert cid[:6] in {"359902", "359900"}, cid
            assert birth_of(cid) <= hh.REFERENCE_DATE
            assert cid not in seen
            seen.add(cid)
            row = registry[cid]
            assert row["姓名"] == member.name and 2 <= len(member.name) <= 3
            assert row["出生日期"] == cid[6:14]
            assert int(cid[14:17]) % 2 == (1 if row["性别"] == "1" else 0)  # odd for men


def test_exactly_one_applicant_and_birth_dates_fit_the_relations(households) -> None:
    for household in households:
        people = household.application.members
        assert [m.relation for m in people].count(APPLICANT) == 1
        applicant = next(birth_of(m.citizen_id) for m in people if m.relation == APPLICANT)
        assert (hh.REFERENCE_DATE - applicant).days >= 18 * 365
        for member in people:
            born = birth_of(member.citizen_id)
            years = (born - applicant).days / 365.25  # positive: younger than the applicant
            if member.relation == v.MEMBER_RELATION_CHILD:
                assert years >= 18, household.application_id
            elif member.relation == v.MEMBER_RELATION_GRANDCHILD:
                assert years >= 40, household.application_id
            elif member.relation == v.MEMBER_RELATION_PARENT:
                assert years <= -18, household.application_id
            elif member.relation == v.MEMBER_RELATION_SPOUSE:
                assert (hh.REFERENCE_DATE - born).days >= 20 * 365


def test_declared_items_name_members_and_amounts_are_not_negative(households) -> None:
    for household in households:
        app, ids = household.application, members(household)
        for item in [*app.incomes, *app.vehicles, *app.provident_funds, *app.deposits]:
            assert item.citizen_id in ids
        for estate in app.real_estate:
            assert set(estate.owner_citizen_ids) <= ids
        assert all(i.monthly_income_fen > 0 for i in app.incomes)
        assert all(f.balance_fen >= 0 for f in app.provident_funds)


# -- records --------------------------------------------------------------------------------------


def test_every_record_passes_the_exchange_row_rules(households, catalogue_resources) -> None:
    assert set(catalogue_resources) == set(hh.RESOURCES)
    for name, resource in catalogue_resources.items():
        assert tuple(i.name for i in resource.data_items if i.key) == hh.KEY_ITEMS[name]
        row_rules = RowRules(resource)
        for record in hh.records_by_resource(households)[name]:
            assert row_rules.check(record) is None, (name, record.key, row_rules.check(record))


def test_record_keys_are_unique_across_households(households) -> None:
    for name, records in hh.records_by_resource(households).items():
        keys = [r.key for r in records]
        assert len(keys) == len(set(keys)), name
    plates = [r.fields["号牌号码"] for h in households for r in h.records[hh.VEHICLES]]
    vins = [r.fields["车辆识别代号"] for h in households for r in h.records[hh.VEHICLES]]
    assert len(set(plates)) == len(plates) and len(set(vins)) == len(vins)


def test_records_name_only_the_households_own_members(households) -> None:
    member_items = {
        hh.POPULATION: "公民身份号码",
        hh.SOCIAL_INSURANCE: "公民身份号码",
        hh.VEHICLES: "所有人证件号码",
        hh.SHAREHOLDERS: "股东证件号码",
        hh.REAL_ESTATE: "权利人证件号码",
        hh.PROVIDENT_FUND: "公民身份号码",
        hh.TAX: "证件号码",
    }
    for household in households:
        ids = members(household)
        for name, records in household.records.items():
            assert all(r.fields[member_items[name]] in ids for r in records)
        assert len(household.records[hh.POPULATION]) == len(ids)


# -- labels against records -----------------------------------------------------------------------


def hidden_cars(household: hh.DemoHousehold) -> list[Any]:
    declared = {d.plate_number for d in household.application.vehicles}
    return [
        r
        for r in household.records[hh.VEHICLES]
        if amount(r, "购置价格") > hh.VEHICLE_LIMIT_YUAN and r.fields["号牌号码"] not in declared
    ]


def units(household: hh.DemoHousehold) -> set[str]:
    return {r.fields["不动产单元号"] for r in household.records[hh.REAL_ESTATE]}


def declared_income(household: hh.DemoHousehold) -> dict[str, Decimal]:
    totals = dict.fromkeys(members(household), Decimal(0))
    for income in household.application.incomes:
        totals[income.citizen_id] += Decimal(income.monthly_income_fen) / 100
    return totals


def over_declared(household: hh.DemoHousehold, resource: str, item: str, rate: int) -> bool:
    """A member whose ``item`` implies more than the declared income plus the tolerance."""
    said = declared_income(household)
    ids = {hh.PROVIDENT_FUND: "公民身份号码", hh.TAX: "证件号码"}[resource]
    return any(
        amount(r, item) * 100 / rate > said[r.fields[ids]] * (100 + 10) / 100
        for r in household.records[resource]
    )


def balance_mismatch(household: hh.DemoHousehold) -> bool:
    said = {
        f.citizen_id: Decimal(f.balance_fen) / 100 for f in household.application.provident_funds
    }
    for record in household.records[hh.PROVIDENT_FUND]:
        found = amount(record, "公积金账户余额")
        gap = abs(said.get(record.fields["公民身份号码"], Decimal(0)) - found)
        if gap > max(found * 5 / 100, Decimal(500)):
            return True
    return False


def insured_above_standard(household: hh.DemoHousehold) -> bool:
    said = declared_income(household)
    for record in household.records[hh.SOCIAL_INSURANCE]:
        cid = record.fields["公民身份号码"]
        said[cid] = max(said[cid], amount(record, "缴费基数"))
    return sum(said.values()) >= hh.STANDARD_YUAN * len(said)


SIGNS = {
    hh.HIDDEN_CAR: lambda h: bool(hidden_cars(h)),
    hh.UNDECLARED_SHARE: lambda h: bool(h.records[hh.SHAREHOLDERS]),
    hh.SECOND_PROPERTY: lambda h: len(units(h)) == 2 == len(h.application.real_estate) + 1,
    hh.INCOME_TAX: lambda h: over_declared(h, hh.TAX, "收入额", 100),
    hh.INCOME_SOCIAL_INSURANCE: insured_above_standard,
    hh.INCOME_PROVIDENT_FUND: lambda h: over_declared(h, hh.PROVIDENT_FUND, "月缴存额", 24),
    hh.PROVIDENT_BALANCE: balance_mismatch,
}


def test_each_planted_household_shows_its_discrepancy_and_no_other(households) -> None:
    for household in households:
        shown = {kind for kind, sign in SIGNS.items() if sign(household)}
        if household.profile == hh.ABOVE_STANDARD:  # above the standard as declared, too
            shown.discard(hh.INCOME_SOCIAL_INSURANCE)
        expected = {household.planted} if household.planted else set()
        assert shown == expected, (household.application_id, household.profile, shown)


def test_truthful_households_are_below_or_above_the_standard_as_labelled(households) -> None:
    for household in households:
        if household.planted:
            continue
        income = sum(declared_income(household).values())
        people = len(household.application.members)
        if household.profile == hh.LOW_INCOME:
            assert income < hh.STANDARD_YUAN * people
        else:
            assert income >= hh.STANDARD_YUAN * people


def test_a_hidden_car_is_a_vehicle_record_above_the_limit_not_declared(households) -> None:
    car_households = [h for h in households if h.planted == hh.HIDDEN_CAR]
    assert car_households
    for household in car_households:
        (car,) = hidden_cars(household)
        assert car.fields["所有人证件号码"] in members(household)
        assert car.fields["号牌号码"] not in {
            d.plate_number for d in household.application.vehicles
        }


# -- the policy and its engine agree ------------------------------------------------------------


def test_the_generators_thresholds_are_the_policys() -> None:
    shipped = policy.default()
    assert shipped.minimum_living_standard == hh.STANDARD_YUAN
    by_kind_source = {(r.kind, r.source): r for r in shipped.rules}
    vehicle = by_kind_source[Kind.VALUE_ABOVE_LIMIT, hh.VEHICLES]
    assert vehicle.limit_yuan == hh.VEHICLE_LIMIT_YUAN
    implied = by_kind_source[Kind.IMPLIED_INCOME_ABOVE_DECLARED, hh.PROVIDENT_FUND]
    assert (implied.rate, implied.tolerance) == (
        hh.PROVIDENT_RATE_PERCENT,
        hh.INCOME_TOLERANCE_PERCENT,
    )
    balance = by_kind_source[Kind.DECLARED_MATCHES_RECORDED, hh.PROVIDENT_FUND]
    assert balance.declared is Declared.PROVIDENT_FUNDS
    assert (balance.tolerance, balance.tolerance_yuan) == (
        hh.BALANCE_TOLERANCE_PERCENT,
        hh.BALANCE_TOLERANCE_YUAN,
    )
    assert set(shipped.sources) == set(hh.RESOURCES)


def test_the_rule_engine_concludes_what_each_household_expects(households) -> None:
    shipped = policy.default()
    outcome = {v.OVERALL_RESULT_PASS: "PASS", v.OVERALL_RESULT_FAIL: "FAIL"}
    for household in households:
        fetched = {
            source: [rules.Record(r.key, dict(r.fields)) for r in household.records[source]]
            for source in shipped.sources
        }
        evaluation = rules.evaluate(shipped, household.application, fetched)
        assert outcome.get(evaluation.overall) == household.expected, household.application_id
        failed = {f.rule for f in evaluation.findings if f.outcome != v.FINDING_OUTCOME_PASS}
        sources = {r.source for r in shipped.rules if r.id in failed}
        if household.planted:
            assert sources == {hh.PLANTED_SOURCES[household.planted]}, household.application_id


# -- determinism and the api ----------------------------------------------------------------------


def serialised(households: list[hh.DemoHousehold]) -> list[tuple[Any, ...]]:
    return [
        (
            h.application_id,
            h.application.SerializeToString(deterministic=True),
            {
                k: [r.SerializeToString(deterministic=True) for r in rs]
                for k, rs in h.records.items()
            },
            h.planted,
            h.expected,
            h.note,
        )
        for h in households
    ]


def test_the_same_seed_gives_the_same_households_and_a_smaller_count_a_prefix() -> None:
    first = serialised(hh.generate(90, seed=7))
    assert serialised(hh.generate(90, seed=7)) == first
    assert serialised(hh.generate(40, seed=7)) == first[:40]
    assert serialised(hh.generate(90, seed=8)) != first


def test_the_flagship_is_one_truthful_household_and_one_of_each_planted_kind(households) -> None:
    chosen = hh.flagship(households[: len(hh.BLOCK)])
    assert [h.profile for h in chosen] == [hh.LOW_INCOME, *hh.PLANTED]
    assert chosen[0].expected == "PASS" and all(h.expected == "FAIL" for h in chosen[1:])


def test_applications_round_trip_through_their_json(tmp_path) -> None:
    made = hh.generate(35, seed=3)
    path = tmp_path / "demo" / "households.json"
    hh.write_applications(path, made, seed=3)
    read = hh.read_applications(path)
    assert [(h.application_id, h.planted, h.expected, h.profile, h.note) for h in read] == [
        (h.application_id, h.planted, h.expected, h.profile, h.note) for h in made
    ]
    assert [h.application for h in read] == [h.application for h in made]
    assert all(h.records == {} for h in read)
    assert json.loads(path.read_text(encoding="utf-8"))["seed"] == 3
