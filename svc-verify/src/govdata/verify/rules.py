"""The rule engine (规则引擎): a household's declared items against its members' records.

Input: the household (the contract's ``Household``) and, per source resource, the records
fetched for its members, or ``Unavailable`` with the reason. Output: one ``Finding`` per
rule (``FindingOutcome`` PASS, FAIL or INCOMPLETE) with the compared values and the records
it rests on, and the overall result. It never guesses: a source that did not answer, a
record without the member's ID, or an amount that is not a number makes the rule INCOMPLETE
with the reason; a definite FAIL among the readable records still stands.

Amounts are ``Decimal`` yuan inside and fen as text in findings, as the contract says.
Explanations carry no record keys or citizen IDs: those are evidence, which the report may
mask (``ReportDetail``), and free text cannot be masked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.privacy import normalize_id_number
from govdata.verify.policy import Combine, Declared, Kind, Policy, Rule

PASS = v.FINDING_OUTCOME_PASS
FAIL = v.FINDING_OUTCOME_FAIL
INCOMPLETE = v.FINDING_OUTCOME_INCOMPLETE

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")  # as the exchange checks NUMBER and CURRENCY items
_ZERO = Decimal(0)
# The amount field of each declared item, in fen; a declared property has none.
_AMOUNT_FEN = {
    Declared.INCOMES: "monthly_income_fen",
    Declared.VEHICLES: "value_fen",
    Declared.BUSINESS_SHARES: "contribution_fen",
    Declared.PROVIDENT_FUNDS: "balance_fen",
    Declared.DEPOSITS: "balance_fen",
}


@dataclass(frozen=True)
class Record:
    """One record as the exchange returned it: values by data item name, as text."""

    key: str
    fields: Mapping[str, str]
    version: int = 0  # VersionedRecord.version, cited as evidence
    fetch_time: datetime | None = None
    access_request_id: str = ""  # the exchange read's request id, named by its audit record


@dataclass(frozen=True)
class Unavailable:
    """A source that did not answer in time or refused: its rules are INCOMPLETE."""

    reason: str  # for a person, e.g. "公积金中心 30 秒内未响应"
    code: str = "UNAVAILABLE"  # gRPC status code name of the last attempt


Fetched = Mapping[str, Sequence[Record] | Unavailable]


@dataclass(frozen=True)
class Evidence:
    resource: str
    record: Record


@dataclass(frozen=True)
class Finding:
    """A rule's outcome. ``citizen_ids`` are the members a FAIL rests on (per-member rules:
    the one whose values are shown first); values are fen, or counts, as text."""

    rule: str
    outcome: int  # verify_pb2.FindingOutcome
    declared_value: str
    recorded_value: str
    explanation: str
    citizen_ids: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def to_proto(self) -> v.Finding:
        """The contract's Finding: every member concerned in ``citizen_ids``, and the
        single ``citizen_id`` too when there is one."""
        finding = v.Finding(
            rule=self.rule,
            citizen_id=self.citizen_ids[0] if len(self.citizen_ids) == 1 else "",
            citizen_ids=self.citizen_ids,
            outcome=self.outcome,
            declared_value=self.declared_value,
            recorded_value=self.recorded_value,
            explanation=self.explanation,
        )
        for item in self.evidence:
            evidence = finding.evidence.add(
                resource=item.resource,
                record_key=item.record.key,
                record_version=item.record.version,
                provider=item.resource.split("/resources/")[0],
                access_request_id=item.record.access_request_id,
            )
            if item.record.fetch_time is not None:
                evidence.fetch_time.FromDatetime(item.record.fetch_time)
        return finding


def overall(outcomes: Iterable[int]) -> int:
    """Not eligible (FAIL) if any rule failed, else needs review (INCOMPLETE) if any could not
    be checked, else eligible (PASS): the contract's ``OverallResult``."""
    seen = set(outcomes)
    if FAIL in seen:
        return v.OVERALL_RESULT_FAIL
    if INCOMPLETE in seen:
        return v.OVERALL_RESULT_INCOMPLETE
    return v.OVERALL_RESULT_PASS


@dataclass(frozen=True)
class Evaluation:
    policy: Policy
    findings: tuple[Finding, ...]
    unavailable: Mapping[str, Unavailable]  # by resource, the sources rules needed

    @property
    def overall(self) -> int:
        return overall(finding.outcome for finding in self.findings)

    def to_report(self) -> v.Report:
        """The contract's Report, without ``create_time`` (the caller's clock)."""
        return v.Report(
            overall_result=self.overall,
            findings=[finding.to_proto() for finding in self.findings],
            incomplete_sources=[
                v.IncompleteSource(
                    resource=resource,
                    provider=resource.split("/resources/")[0],
                    code=gap.code,
                    reason=gap.reason,
                )
                for resource, gap in self.unavailable.items()
            ],
            policy=self.policy.id,
            policy_revision=self.policy.version,
        )


def evaluate(policy: Policy, household: v.Household, fetched: Fetched) -> Evaluation:
    """Every rule of ``policy`` over ``household`` and the records ``fetched`` per source (a
    source missing from it counts as unavailable). ValueError for a household without
    members or with a declared item naming someone who is not a member."""
    members = _members(household)
    findings: list[Finding] = []
    unavailable: dict[str, Unavailable] = {}
    for rule in policy.rules:
        got = fetched.get(rule.source, Unavailable("未向该来源查询", code=""))
        case = _Case(rule, household, members, policy.minimum_living_standard, ())
        if isinstance(got, Unavailable):
            unavailable[rule.source] = got
            findings.append(case.incomplete(f"来源未能查询：{got.reason}"))
            continue
        try:
            case = replace(case, records=_attribute(rule, got, members))
            findings.append(_EVALUATORS[rule.kind](case))
        except _Undecided as gap:
            findings.append(case.incomplete(gap.reason, gap.records))
    return Evaluation(policy, tuple(findings), unavailable)


# --- inputs -------------------------------------------------------------------------------


class _Undecided(Exception):
    """The records at hand cannot decide the rule."""

    def __init__(self, reason: str, records: Sequence[Record]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.records = tuple(records)


@dataclass(frozen=True)
class _Case:
    rule: Rule
    household: v.Household
    members: tuple[str, ...]  # citizen IDs, upper case
    standard: Decimal
    records: tuple[tuple[str, Record], ...]  # (member, record), the members' records only

    def finding(
        self,
        outcome: int,
        declared: str,
        recorded: str,
        explanation: str,
        members: Iterable[str] = (),
        records: Iterable[Record] = (),
    ) -> Finding:
        return Finding(
            self.rule.id,
            outcome,
            declared,
            recorded,
            explanation,
            tuple(dict.fromkeys(members)),
            tuple(Evidence(self.rule.source, record) for record in records),
        )

    def incomplete(self, reason: str, records: Iterable[Record] = ()) -> Finding:
        return self.finding(INCOMPLETE, _declared_summary(self), "", reason, (), records)


def _members(household: v.Household) -> tuple[str, ...]:
    members = tuple(normalize_id_number(member.citizen_id) for member in household.members)
    if not members:
        raise ValueError("household.members: at least one member is required")
    for which in Declared:
        for i, (owners, _) in enumerate(_declared_items(household, which)):
            if any(owner not in members for owner in owners):
                raise ValueError(f"household.{which.value}[{i}]: names someone not a member")
    return members


def _declared_items(
    household: v.Household, which: Declared
) -> list[tuple[tuple[str, ...], Decimal]]:
    """(owners, amount in yuan, 0 where the item has none) of each declared item."""
    field = _AMOUNT_FEN.get(which)
    items = []
    for item in getattr(household, which.value):
        owners = item.owner_citizen_ids if which is Declared.REAL_ESTATE else [item.citizen_id]
        amount = Decimal(getattr(item, field)).scaleb(-2) if field else _ZERO
        items.append((tuple(normalize_id_number(owner) for owner in owners), amount))
    return items


def _declared_by_member(case: _Case, which: Declared) -> dict[str, Decimal]:
    totals = dict.fromkeys(case.members, _ZERO)
    for owners, amount in _declared_items(case.household, which):
        totals[owners[0]] += amount
    return totals


def _attribute(
    rule: Rule, records: Sequence[Record], members: tuple[str, ...]
) -> tuple[tuple[str, Record], ...]:
    """The records of household members; another person's record is not this household's."""
    unnamed = [record for record in records if not record.fields.get(rule.member_item, "")]
    if unnamed:
        raise _Undecided(
            f"{len(unnamed)} 条记录缺少「{rule.member_item}」，无法确定属于哪位成员", unnamed
        )
    named = ((normalize_id_number(record.fields[rule.member_item]), record) for record in records)
    return tuple((member, record) for member, record in named if member in members)


def _valued(case: _Case) -> tuple[list[tuple[str, Record, Decimal]], list[tuple[str, Record]]]:
    """The members' records with their amount in yuan, and those whose amount is unreadable
    (empty means "not recorded" at the exchange: unknown, not zero)."""
    good, bad = [], []
    for member, record in case.records:
        text = record.fields.get(case.rule.value_item, "").strip()
        if _NUMBER.match(text):
            good.append((member, record, Decimal(text) * case.rule.unit.yuan))
        else:
            bad.append((member, record))
    return good, bad


def _unreadable(case: _Case, bad: Sequence[tuple[str, Record]]) -> _Undecided:
    return _Undecided(
        f"{len(bad)} 条记录的「{case.rule.value_item}」为空或不是数值，无法核对",
        [record for _, record in bad],
    )


def _declared_summary(case: _Case) -> str:
    """The declared side of a household-level rule: income per person (fen), the highest
    declared amount (fen) or the number of declared items; "" where per member or unset."""
    rule = case.rule
    if rule.kind is Kind.INCOME_PER_PERSON_BELOW_STANDARD:
        total = sum(_declared_by_member(case, Declared.INCOMES).values(), _ZERO)
        return _fen(total / len(case.members))
    if rule.declared is None or rule.kind in _PER_MEMBER:
        return ""
    items = _declared_items(case.household, rule.declared)
    if rule.kind is Kind.VALUE_ABOVE_LIMIT:
        return _fen(max(amount for _, amount in items)) if items else ""
    return str(len(items))


# --- the comparison kinds ----------------------------------------------------------------


def _income_per_person(case: _Case) -> Finding:
    """Household income (per member the declared, or the recorded where higher) per person
    must be below the standard times the factor."""
    rule = case.rule
    good, bad = _valued(case)
    if bad:
        raise _unreadable(case, bad)
    declared = _declared_by_member(case, Declared.INCOMES)
    recorded: dict[str, Decimal] = {}
    for member, _, amount in good:
        if rule.combine is Combine.SUM:
            recorded[member] = recorded.get(member, _ZERO) + amount
        else:
            recorded[member] = max(recorded.get(member, amount), amount)
    higher = [member for member, amount in recorded.items() if amount > declared[member]]
    total = sum((max(declared[m], recorded.get(m, _ZERO)) for m in case.members), _ZERO)
    people = len(case.members)
    line = case.standard * rule.factor
    below = total < line * people
    text = (
        f"家庭月收入 {_yuan(total)} 元，{people} 人，人均 {_yuan(total / people)} 元，"
        f"{'低于' if below else '不低于'}保障标准 {_yuan(line)} 元"
    )
    if higher:
        text += f"；{len(higher)} 人的登记收入高于申报，按登记计"
    records = [record for _, record, _ in good]
    outcome = PASS if below else FAIL
    return case.finding(outcome, _declared_summary(case), _fen(total / people), text, (), records)


def _value_above_limit(case: _Case) -> Finding:
    """Any member's record whose value exceeds the limit fails the rule."""
    rule = case.rule
    good, bad = _valued(case)
    over = [row for row in good if row[2] > rule.limit_yuan]
    declared, item, limit = _declared_summary(case), rule.value_item, _yuan(rule.limit_yuan)
    if over:
        top = max(amount for *_, amount in over)
        return case.finding(
            FAIL,
            declared,
            _fen(top),
            f"{len(over)} 条记录的「{item}」超过 {limit} 元，最高 {_yuan(top)} 元",
            [member for member, *_ in over],
            [record for _, record, _ in over],
        )
    if bad:
        raise _unreadable(case, bad)
    if not good:
        return case.finding(PASS, declared, "", "未查到家庭成员名下的登记记录")
    top = max(amount for *_, amount in good)
    return case.finding(
        PASS,
        declared,
        _fen(top),
        f"{len(good)} 条记录的「{item}」均未超过 {limit} 元，最高 {_yuan(top)} 元",
        records=[record for _, record, _ in good],
    )


def _any_record_exists(case: _Case) -> Finding:
    """Any record of a member in the source fails the rule."""
    declared, found = _declared_summary(case), case.records
    if not found:
        return case.finding(PASS, declared, "0", "未查到家庭成员名下的登记记录")
    return case.finding(
        FAIL,
        declared,
        str(len(found)),
        f"家庭成员名下有 {len(found)} 条登记记录",
        [member for member, _ in found],
        [record for _, record in found],
    )


def _count_above(case: _Case) -> Finding:
    """More than ``max_count`` distinct records across the household fails the rule; records
    naming the same ``distinct_item`` (or key) count once, e.g. a jointly owned property."""
    rule = case.rule
    units: dict[str, list[tuple[str, Record]]] = {}
    bad = []
    for member, record in case.records:
        unit = record.fields.get(rule.distinct_item, "") if rule.distinct_item else record.key
        if unit.strip():
            units.setdefault(unit.strip(), []).append((member, record))
        else:
            bad.append(record)
    count, most = len(units), rule.max_count
    basis = f"（按「{rule.distinct_item}」计）" if rule.distinct_item else ""
    pairs = [pair for group in units.values() for pair in group]
    if count > most:
        return case.finding(
            FAIL,
            _declared_summary(case),
            str(count),
            f"家庭成员名下登记 {count} 条{basis}，超过 {most} 条",
            [member for member, _ in pairs],
            [record for _, record in pairs],
        )
    if bad:
        raise _Undecided(f"{len(bad)} 条记录缺少「{rule.distinct_item}」，无法计数", bad)
    return case.finding(
        PASS,
        _declared_summary(case),
        str(count),
        f"家庭成员名下登记 {count} 条{basis}，未超过 {most} 条",
        records=[record for _, record in pairs],
    )


def _per_member(case: _Case) -> tuple[dict[str, Decimal], set[str]]:
    """Each member's recorded total (yuan) and the members with an unreadable record, whom
    the rule leaves undecided."""
    good, bad = _valued(case)
    totals: dict[str, Decimal] = {}
    for member, _, amount in good:
        totals[member] = totals.get(member, _ZERO) + amount
    return totals, {member for member, _ in bad}


@dataclass(frozen=True)
class _Row:
    """One member's comparison under a per-member rule."""

    member: str
    declared: Decimal
    recorded: Decimal
    excess: Decimal  # above what the rule allows; positive when failed
    failed: bool
    explanation: str


def _decide(case: _Case, rows: list[_Row], undecided: set[str], nothing: str) -> Finding:
    """A per-member rule's finding: FAIL showing the worst failing member (listed first),
    else INCOMPLETE if a member is undecided, else PASS showing the member nearest to
    failing."""
    if failing := sorted((row for row in rows if row.failed), key=lambda row: -row.excess):
        worst = failing[0]
        text = worst.explanation
        if len(failing) > 1:
            text += f"；共 {len(failing)} 名成员"
        members = [row.member for row in failing]
        records = [record for member, record in case.records if member in members]
        return case.finding(
            FAIL, _fen(worst.declared), _fen(worst.recorded), text, members, records
        )
    if undecided:
        raise _unreadable(case, [pair for pair in case.records if pair[0] in undecided])
    if not rows:
        return case.finding(PASS, "", "", nothing)
    nearest = max(rows, key=lambda row: row.excess)
    return case.finding(
        PASS,
        _fen(nearest.declared),
        _fen(nearest.recorded),
        nearest.explanation,
        records=[record for _, record in case.records],
    )


def _implied_income(case: _Case) -> Finding:
    """A contribution implies income = contribution / rate; it must not exceed the member's
    declared income by more than the tolerance."""
    rule = case.rule
    totals, undecided = _per_member(case)
    declared = _declared_by_member(case, Declared.INCOMES)
    rate, tolerance = _percent(rule.rate), _percent(rule.tolerance)
    rows: list[_Row] = []
    for member, contribution in totals.items():
        if member in undecided:
            continue
        implied = contribution * 100 / rule.rate
        allowed = declared[member] * (100 + rule.tolerance) / 100
        # compared without dividing, so exactly
        failed = contribution * 10000 > declared[member] * (100 + rule.tolerance) * rule.rate
        verb = "高于" if failed else "未超过"
        text = (
            f"按「{rule.value_item}」{_yuan(contribution)} 元、比例 {rate}% 推算月收入 "
            f"{_yuan(implied)} 元，{verb}申报的 {_yuan(declared[member])} 元（容差 {tolerance}%）"
        )
        rows.append(_Row(member, declared[member], implied, implied - allowed, failed, text))
    return _decide(case, rows, undecided, "未查到家庭成员的登记记录，无从推算")


def _declared_matches_recorded(case: _Case) -> Finding:
    """Each member's declared total must be within the tolerance of the recorded total: a
    percentage of the recorded, but never less than ``tolerance_yuan``."""
    rule = case.rule
    assert rule.declared is not None  # the policy requires it for this kind
    totals, undecided = _per_member(case)
    declared = _declared_by_member(case, rule.declared)
    margin = f"容差（登记额的 {_percent(rule.tolerance)}%"
    margin += f"，至少 {_yuan(rule.tolerance_yuan)} 元）" if rule.tolerance_yuan else "）"
    rows: list[_Row] = []
    for member in case.members:
        if member in undecided or (member not in totals and not declared[member]):
            continue
        said, found = declared[member], totals.get(member, _ZERO)
        gap = abs(said - found)
        allowed = max((found * rule.tolerance).scaleb(-2), rule.tolerance_yuan)
        failed = gap > allowed
        text = (
            f"申报 {_yuan(said)} 元，登记 {_yuan(found)} 元，相差 {_yuan(gap)} 元，"
            f"{'超过' if failed else '未超过'}{margin}"
        )
        rows.append(_Row(member, said, found, gap - allowed, failed, text))
    return _decide(case, rows, undecided, "未申报，也未查到登记记录")


def _members_registered(case: _Case) -> Finding:
    """Every member must have a record in the source (e.g. the household registry), under
    the declared name where ``name_item`` is set: someone unknown to the registry, or known
    under another name, is not a member the household may claim."""
    rule = case.rule
    names = {
        normalize_id_number(member.citizen_id): member.name.strip()
        for member in case.household.members
    }
    found: dict[str, list[Record]] = {}
    for member, record in case.records:
        found.setdefault(member, []).append(record)
    unknown = [member for member in case.members if member not in found]
    renamed = [
        member
        for member, records in found.items()
        if rule.name_item
        and not any(r.fields.get(rule.name_item, "").strip() == names[member] for r in records)
    ]
    people, registered = len(case.members), len(found)
    problems = []
    if unknown:
        problems.append(f"{len(unknown)} 名成员未查到登记记录")
    if renamed:
        problems.append(f"{len(renamed)} 名成员的「{rule.name_item}」与申报不符")
    records = [record for _, record in case.records]
    if problems:
        return case.finding(
            FAIL, str(people), str(registered), "；".join(problems), unknown + renamed, records
        )
    checked = f"，「{rule.name_item}」与申报一致" if rule.name_item else ""
    return case.finding(
        PASS, str(people), str(registered), f"{people} 名成员均有登记记录{checked}", (), records
    )


_EVALUATORS: dict[Kind, Callable[[_Case], Finding]] = {
    Kind.INCOME_PER_PERSON_BELOW_STANDARD: _income_per_person,
    Kind.VALUE_ABOVE_LIMIT: _value_above_limit,
    Kind.ANY_RECORD_EXISTS: _any_record_exists,
    Kind.COUNT_ABOVE: _count_above,
    Kind.IMPLIED_INCOME_ABOVE_DECLARED: _implied_income,
    Kind.DECLARED_MATCHES_RECORDED: _declared_matches_recorded,
    Kind.MEMBERS_REGISTERED: _members_registered,
}
_PER_MEMBER = (Kind.IMPLIED_INCOME_ABOVE_DECLARED, Kind.DECLARED_MATCHES_RECORDED)


# --- amounts as text ---------------------------------------------------------------------


def _fen(yuan: Decimal) -> str:
    return str(int((yuan * 100).quantize(Decimal(1), ROUND_HALF_UP)))


def _yuan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'), ROUND_HALF_UP):f}".removesuffix(".00")


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"
