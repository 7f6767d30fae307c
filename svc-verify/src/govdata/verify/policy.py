"""A city's verification policy (核对政策) as data: the standard and the rules, versioned.

Each city configures, per policy (e.g. 低保 "minimum-living-allowance"), its minimum-living
standard and the checks a household must pass: income per person against the standard, a
vehicle's value against a limit, any company share, more than one property, provident-fund
deposits implying more income than declared, declared balances against recorded ones. Each
check is a rule of one of a fixed set of comparison kinds (``Kind``), so a new check of a
known kind is a new entry in the file, not new code. The file is YAML
(``data/policies/*.yaml``); the report cites its ``version`` so it can be reproduced.

Amounts are ``Decimal`` yuan. A YAML float (``0.1``) is refused: write whole numbers or
quoted decimals (``"1100.50"``), so what the file says is exactly what is compared.
Mistakes are refused with ``PolicyFileError`` naming the place, e.g. ``rules[3].tolerance``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from govdata.runtime import datafile, names

PACKAGED = "data/policies/haixin-2026.yaml"

_ID = names.ID  # as the catalogue's ids
_RESOURCE = re.compile(rf"^organizations/{_ID}/resources/{_ID}$")
_RULE_ID = re.compile(rf"^{_ID}$")
_DIVISION = re.compile(r"^\d{6}$")


class PolicyFileError(ValueError):
    """The policy file is malformed; the message says where."""


class Kind(StrEnum):
    """The comparison kinds the engine (``rules.py``) knows."""

    INCOME_PER_PERSON_BELOW_STANDARD = "income_per_person_below_standard"
    VALUE_ABOVE_LIMIT = "value_above_limit"
    ANY_RECORD_EXISTS = "any_record_exists"
    COUNT_ABOVE = "count_above"
    IMPLIED_INCOME_ABOVE_DECLARED = "implied_income_above_declared"
    DECLARED_MATCHES_RECORDED = "declared_matches_recorded"
    MEMBERS_REGISTERED = "members_registered"


class Unit(StrEnum):
    """How a source writes an amount: the catalogue's items use 元, some 万元."""

    FEN = "fen"
    YUAN = "yuan"
    WAN_YUAN = "wan_yuan"

    @property
    def yuan(self) -> Decimal:
        """Yuan per one of this unit."""
        return {"fen": Decimal("0.01"), "yuan": Decimal(1), "wan_yuan": Decimal(10000)}[self]


class Combine(StrEnum):
    """How one member's records make one monthly income: the largest (records repeating the
    same monthly figure, e.g. one per insurance type or month) or their sum (separate incomes,
    e.g. two employers)."""

    MAX = "max"
    SUM = "sum"


class Declared(StrEnum):
    """A list of declared items in the contract's ``Household`` (field names as there)."""

    INCOMES = "incomes"
    REAL_ESTATE = "real_estate"
    VEHICLES = "vehicles"
    BUSINESS_SHARES = "business_shares"
    PROVIDENT_FUNDS = "provident_funds"
    DEPOSITS = "deposits"


@dataclass(frozen=True)
class Rule:
    """One check. Percentages (``rate``, ``tolerance``) are in percent, amounts in yuan;
    parameters a kind does not use keep their defaults."""

    id: str
    title: str
    kind: Kind
    source: str  # `organizations/{organization}/resources/{resource}`
    member_item: str  # the data item holding the member's citizen ID
    value_item: str = ""
    unit: Unit = Unit.YUAN
    combine: Combine = Combine.MAX
    distinct_item: str = ""
    name_item: str = ""  # the data item holding the member's name, compared with the declared
    declared: Declared | None = None
    factor: Decimal = Decimal(1)
    limit_yuan: Decimal = Decimal(0)
    max_count: int = 0
    rate: Decimal = Decimal(0)
    tolerance: Decimal = Decimal(0)
    tolerance_yuan: Decimal = Decimal(0)

    @property
    def items(self) -> tuple[str, ...]:
        """The data items the rule reads, to request from the source."""
        named = (self.member_item, self.value_item, self.distinct_item, self.name_item)
        return tuple(dict.fromkeys(item for item in named if item))


@dataclass(frozen=True)
class Policy:
    id: str  # as VerificationJob.policy, e.g. "minimum-living-allowance"
    version: str  # cited by the report (Report.policy_revision)
    title: str
    division: str  # administrative division code (GB/T 2260) the policy applies in
    effective_from: date
    minimum_living_standard: Decimal  # yuan per person per month (低保标准)
    rules: tuple[Rule, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The resources the rules read, each once, in rule order."""
        return tuple(dict.fromkeys(rule.source for rule in self.rules))

    def items_for(self, source: str) -> tuple[str, ...]:
        """The data items the rules read from ``source``."""
        wanted = (item for rule in self.rules if rule.source == source for item in rule.items)
        return tuple(dict.fromkeys(wanted))


# --- parameters --------------------------------------------------------------------------


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, float):
        raise PolicyFileError(
            f'{where}: write a whole number or a quoted decimal such as "0.5"; '
            f"the float {value!r} is not exact"
        )
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PolicyFileError(f"{where}: must be a number, not {value!r}")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise PolicyFileError(f"{where}: {value!r} is not a number") from None
    if not number.is_finite():
        raise PolicyFileError(f"{where}: {value!r} is not a number")
    return number


def _money(value: Any, where: str) -> Decimal:
    amount = _decimal(value, where)
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise PolicyFileError(f"{where}: must be an amount in yuan, 0 or more, at most 2 decimals")
    return amount


def _positive_money(value: Any, where: str) -> Decimal:
    amount = _money(value, where)
    if amount == 0:
        raise PolicyFileError(f"{where}: must be above 0")
    return amount


def _factor(value: Any, where: str) -> Decimal:
    number = _decimal(value, where)
    if number <= 0:
        raise PolicyFileError(f"{where}: must be a number above 0")
    return number


def _percent(value: Any, where: str) -> Decimal:
    number = _decimal(value, where)
    if not 0 <= number <= 100:
        raise PolicyFileError(f"{where}: must be a percentage between 0 and 100")
    return number


def _rate(value: Any, where: str) -> Decimal:
    number = _decimal(value, where)
    if not 0 < number <= 100:
        raise PolicyFileError(f"{where}: must be a percentage above 0 and at most 100")
    return number


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PolicyFileError(f"{where}: must be a whole number of records, 0 or more")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise PolicyFileError(f"{where}: must be non-empty text without surrounding spaces")
    return value


def _date(value: Any, where: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise PolicyFileError(f"{where}: must be a date, e.g. 2026-01-01")


def _choice(kind: type[StrEnum]) -> Callable[[Any, str], StrEnum]:
    def parse(value: Any, where: str) -> StrEnum:
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(member.value for member in kind)
            raise PolicyFileError(f"{where}: {value!r} is not one of {allowed}") from None

    return parse


_PARSERS: dict[str, Callable[[Any, str], Any]] = {
    "value_item": _text,
    "distinct_item": _text,
    "name_item": _text,
    "unit": _choice(Unit),
    "combine": _choice(Combine),
    "declared": _choice(Declared),
    "factor": _factor,
    "limit_yuan": _money,
    "max_count": _count,
    "rate": _rate,
    "tolerance": _percent,
    "tolerance_yuan": _money,
}

_COMMON = ("id", "title", "kind", "source", "member_item")

# Per kind: the parameters it requires and those it may have.
_PARAMETERS: dict[Kind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Kind.INCOME_PER_PERSON_BELOW_STANDARD: (("value_item",), ("unit", "combine", "factor")),
    Kind.VALUE_ABOVE_LIMIT: (("value_item", "limit_yuan"), ("unit", "declared")),
    Kind.ANY_RECORD_EXISTS: ((), ("declared",)),
    Kind.COUNT_ABOVE: (("max_count",), ("distinct_item", "declared")),
    Kind.IMPLIED_INCOME_ABOVE_DECLARED: (("value_item", "rate"), ("unit", "tolerance")),
    Kind.DECLARED_MATCHES_RECORDED: (
        ("value_item", "declared", "tolerance"),
        ("unit", "tolerance_yuan"),
    ),
    Kind.MEMBERS_REGISTERED: ((), ("name_item",)),
}


# Kinds whose ``declared`` items are compared by amount (a declared property has none).
_AMOUNT_KINDS = (Kind.VALUE_ABOVE_LIMIT, Kind.DECLARED_MATCHES_RECORDED)


# --- the file ----------------------------------------------------------------------------

_TOP = (
    "policy",
    "version",
    "title",
    "division",
    "effective_from",
    "minimum_living_standard_yuan",
    "rules",
)


def parse(data: Any) -> Policy:
    """A policy from the file's parsed YAML; PolicyFileError naming the place."""
    if not isinstance(data, dict):
        raise PolicyFileError(f"the file must be a mapping with {', '.join(_TOP)}")
    _known_keys(data, _TOP, "")
    policy_id = _text(data.get("policy"), "policy")
    if not _RULE_ID.match(policy_id):
        raise PolicyFileError("policy: must be lower-case letters, digits and hyphens")
    division = data.get("division")
    if not isinstance(division, str) or not _DIVISION.match(division):
        raise PolicyFileError('division: must be a quoted six-digit division code, e.g. "359902"')
    effective = _date(data.get("effective_from"), "effective_from")
    rules = data.get("rules")
    if not isinstance(rules, list) or not rules:
        raise PolicyFileError("rules: a list of at least one rule is required")
    parsed = tuple(_rule(entry, f"rules[{i}]") for i, entry in enumerate(rules))
    first: dict[str, int] = {}
    for i, rule in enumerate(parsed):
        if rule.id in first:
            raise PolicyFileError(
                f"rules[{i}].id: duplicate rule id {rule.id!r} (also rules[{first[rule.id]}])"
            )
        first[rule.id] = i
    return Policy(
        id=policy_id,
        version=_text(data.get("version"), "version"),
        title=_text(data.get("title"), "title"),
        division=division,
        effective_from=effective,
        minimum_living_standard=_positive_money(
            data.get("minimum_living_standard_yuan"), "minimum_living_standard_yuan"
        ),
        rules=parsed,
    )


def _rule(entry: Any, where: str) -> Rule:
    if not isinstance(entry, dict):
        raise PolicyFileError(f"{where}: a rule must be a mapping with {', '.join(_COMMON)}")
    try:
        kind = Kind(entry.get("kind"))
    except ValueError:
        allowed = ", ".join(kind.value for kind in Kind)
        raise PolicyFileError(
            f"{where}.kind: unknown kind {entry.get('kind')!r} (one of {allowed})"
        ) from None
    required, optional = _PARAMETERS[kind]
    _known_keys(entry, _COMMON + required + optional, f"{where}.", f" for kind {kind.value}")
    rule_id = _text(entry.get("id"), f"{where}.id")
    if not _RULE_ID.match(rule_id):
        raise PolicyFileError(f"{where}.id: must be lower-case letters, digits and hyphens")
    source = entry.get("source")
    if not isinstance(source, str) or not _RESOURCE.match(source):
        raise PolicyFileError(
            f"{where}.source: must be a resource name, "
            "organizations/{organization}/resources/{resource}"
        )
    params: dict[str, Any] = {}
    for name in required + optional:
        if name in entry:
            params[name] = _PARSERS[name](entry[name], f"{where}.{name}")
        elif name in required:
            raise PolicyFileError(f"{where}.{name}: required for kind {kind.value}")
    if kind in _AMOUNT_KINDS and params.get("declared") is Declared.REAL_ESTATE:
        raise PolicyFileError(f"{where}.declared: real_estate declares no amount to compare")
    return Rule(
        id=rule_id,
        title=_text(entry.get("title"), f"{where}.title"),
        kind=kind,
        source=source,
        member_item=_text(entry.get("member_item"), f"{where}.member_item"),
        **params,
    )


def _known_keys(
    data: dict[Any, Any], allowed: tuple[str, ...], prefix: str, kind: str = ""
) -> None:
    for key in data:
        if key not in allowed:
            raise PolicyFileError(f"{prefix}{key}: unknown key{kind} ({', '.join(allowed)})")


def load(path: str | Path | None = None) -> Policy:
    """Load a policy file; the packaged demo district's when ``path`` is None."""
    return parse(
        datafile.load_yaml("govdata.verify", PACKAGED, path, PolicyFileError, "the policy file")
    )


@lru_cache(maxsize=1)
def default() -> Policy:
    """The packaged policy, loaded once per process."""
    return load()
