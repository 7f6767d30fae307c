"""The verification policy file: the shipped one loads; each mistake is named at its place."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from govdata.verify import policy
from govdata.verify.policy import Combine, Declared, Kind, PolicyFileError, Unit

SHIPPED = yaml.safe_load(
    resources.files("govdata.verify").joinpath(policy.PACKAGED).read_text(encoding="utf-8")
)


def test_the_shipped_policy_loads_with_one_rule_of_each_kind() -> None:
    loaded = policy.default()
    assert loaded is policy.default()  # loaded once per process
    assert (loaded.id, loaded.version, loaded.division) == (
        "minimum-living-allowance",
        "2026-12-05.1",
        "359902",
    )
    assert loaded.effective_from == date(2026, 1, 1)
    assert loaded.minimum_living_standard == Decimal(1100)
    assert {rule.kind for rule in loaded.rules} == set(Kind)
    assert len({rule.id for rule in loaded.rules}) == len(loaded.rules)


def test_the_shipped_rules_carry_their_parameters_exactly() -> None:
    rules = {rule.id: rule for rule in policy.default().rules}
    vehicle = rules["vehicle-value-limit"]
    assert vehicle.source == "organizations/hx-cgs/resources/motor-vehicles"
    assert vehicle.limit_yuan == Decimal(50000) and vehicle.declared is Declared.VEHICLES
    assert vehicle.items == ("所有人证件号码", "购置价格")
    assert rules["income-per-person"].combine is Combine.MAX
    assert rules["at-most-one-property"].max_count == 1
    implied = rules["provident-fund-implied-income"]
    assert (implied.rate, implied.tolerance, implied.unit) == (Decimal(24), 10, Unit.YUAN)
    balance = rules["provident-fund-balance-matches"]
    assert (balance.tolerance, balance.tolerance_yuan) == (Decimal(5), Decimal(500))


def test_sources_and_their_items_are_collected_across_rules() -> None:
    loaded = policy.default()
    fund = "organizations/hx-gjjfzx/resources/provident-fund-deposits"
    assert len(loaded.sources) == 7 and loaded.sources[4] == fund  # two rules, one source
    assert loaded.items_for(fund) == ("公民身份号码", "月缴存额", "公积金账户余额")


def test_amounts_may_be_quoted_decimals_and_dates_iso_text() -> None:
    data = copy.deepcopy(SHIPPED)
    data["minimum_living_standard_yuan"] = "1100.50"
    data["effective_from"] = "2026-07-01"
    data["rules"][0]["factor"] = "1.5"
    parsed = policy.parse(data)
    assert parsed.minimum_living_standard == Decimal("1100.50")
    assert parsed.effective_from == date(2026, 7, 1)
    assert parsed.rules[0].factor == Decimal("1.5")


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to the shipped data: ``rules.4.tolerance`` set to ``value``."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[int(last) if isinstance(node, list) else last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        rule, key = path.split(".")
        del data["rules"][int(rule)][key]

    return change


def _duplicate(data: dict[str, Any]) -> None:
    data["rules"][2]["id"] = data["rules"][0]["id"]


MISTAKES = [
    (_set("colour", "red"), "colour: unknown key"),
    (_set("division", 359902), "division: must be a quoted six-digit division code"),
    (_set("effective_from", "soon"), "effective_from: must be a date"),
    (_set("minimum_living_standard_yuan", 0), "minimum_living_standard_yuan: must be above 0"),
    (_set("minimum_living_standard_yuan", "1100.005"), "at most 2 decimals"),
    (_set("policy", "Di Bao"), "policy: must be lower-case letters"),
    (_set("rules", []), "rules: a list of at least one rule is required"),
    (_set("rules.0", "income"), "rules[0]: a rule must be a mapping"),
    (_set("rules.0.kind", "ratio_above"), "rules[0].kind: unknown kind 'ratio_above'"),
    (_set("rules.0.id", "Income Per Person"), "rules[0].id: must be lower-case letters"),
    (_set("rules.1.source", "motor-vehicles"), "rules[1].source: must be a resource name"),
    (_set("rules.1.threshold", 5), "rules[1].threshold: unknown key for kind value_above_limit"),
    (_set("rules.1.max_count", 1), "rules[1].max_count: unknown key for kind value_above_limit"),
    (_drop("1.limit_yuan"), "rules[1].limit_yuan: required for kind value_above_limit"),
    (_set("rules.1.limit_yuan", "fifty thousand"), "rules[1].limit_yuan: 'fifty thousand' is not"),
    (_set("rules.1.limit_yuan", 50000.5), "rules[1].limit_yuan: write a whole number or"),
    (_set("rules.1.limit_yuan", True), "rules[1].limit_yuan: must be a number"),
    (_set("rules.1.limit_yuan", -1), "rules[1].limit_yuan: must be an amount in yuan, 0 or more"),
    (_set("rules.1.unit", "jiao"), "rules[1].unit: 'jiao' is not one of fen, yuan, wan_yuan"),
    (_set("rules.1.declared", "cars"), "rules[1].declared: 'cars' is not one of incomes"),
    (_set("rules.1.declared", "real_estate"), "rules[1].declared: real_estate declares no"),
    (_set("rules.2.member_item", ""), "rules[2].member_item: must be non-empty text"),
    (_duplicate, "rules[2].id: duplicate rule id 'income-per-person' (also rules[0])"),
    (_set("rules.3.max_count", "1"), "rules[3].max_count: must be a whole number of records"),
    (_set("rules.3.max_count", 1.5), "rules[3].max_count: must be a whole number of records"),
    (_set("rules.4.tolerance", 150), "rules[4].tolerance: must be a percentage between 0 and 100"),
    (_set("rules.4.rate", 0), "rules[4].rate: must be a percentage above 0 and at most 100"),
    (_set("rules.0.factor", 0), "rules[0].factor: must be a number above 0"),
    (_set("rules.0.combine", "avg"), "rules[0].combine: 'avg' is not one of max, sum"),
    (_set("rules.5.tolerance", "5%"), "rules[5].tolerance: '5%' is not a number"),
    (_drop("5.declared"), "rules[5].declared: required for kind declared_matches_recorded"),
]


@pytest.mark.parametrize(("change", "message"), MISTAKES)
def test_a_mistake_is_refused_naming_its_place(
    change: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = copy.deepcopy(SHIPPED)
    change(data)
    with pytest.raises(PolicyFileError, match=re.escape(message)):
        policy.parse(data)


def test_a_file_that_is_no_mapping_is_refused() -> None:
    with pytest.raises(PolicyFileError, match="the file must be a mapping"):
        policy.parse(["rules"])


def test_an_operators_file_loads_and_non_yaml_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(SHIPPED)
    data["version"] = "2027-01-01.1"
    data["rules"] = data["rules"][1:2]
    good = tmp_path / "policy.yaml"
    good.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = policy.load(good)
    assert loaded.version == "2027-01-01.1" and [r.id for r in loaded.rules] == [
        "vehicle-value-limit"
    ]
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(PolicyFileError, match="the policy file is not YAML"):
        policy.load(bad)
