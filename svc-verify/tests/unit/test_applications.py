"""A submitted verification job is checked as a whole before anything is stored: every
problem is named by its field, and a valid household passes untouched."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime.citizen_ids import check_character
from govdata.runtime.errors import Validator
from govdata.verify import applications, policy

POLICY = policy.default()
POLICIES = {POLICY.id: POLICY}
WHERE = "verification_job"
HOUSEHOLD = f"{WHERE}.household"
APPLICANT = v.MEMBER_RELATION_APPLICANT


def citizen_id(born: date, sequence: int, division: str = "359902") -> str:
    """A GB 11643 ID with a correct check character."""
    body = f"{division}{born:%Y%m%d}{sequence:03d}"
    return body + check_character(body)


HUSBAND = citizen_id(date(1980, 1, 1), 1)
WIFE = citizen_id(date(1982, 6, 15), 2)
CHILD = citizen_id(date(2010, 9, 30), 3)
OUTSIDER = citizen_id(date(1970, 2, 2), 5)


def household() -> v.Household:
    """Three members, one of each declared kind, all in order."""
    return v.Household(
        members=[
            v.Member(citizen_id=HUSBAND, name="王建国", relation=APPLICANT),
            v.Member(citizen_id=WIFE, name="李秀英", relation=v.MEMBER_RELATION_SPOUSE),
            v.Member(citizen_id=CHILD, name="王小明", relation=v.MEMBER_RELATION_CHILD),
        ],
        incomes=[v.DeclaredIncome(citizen_id=HUSBAND, monthly_income_fen=180000, source="工资")],
        real_estate=[
            v.DeclaredRealEstate(owner_citizen_ids=[HUSBAND, WIFE], floor_area_square_meters=62.5)
        ],
        vehicles=[v.DeclaredVehicle(citizen_id=WIFE, value_fen=3000000)],
        business_shares=[v.DeclaredBusinessShare(citizen_id=HUSBAND, contribution_fen=0)],
        provident_funds=[v.DeclaredProvidentFund(citizen_id=HUSBAND, balance_fen=500000)],
        deposits=[v.DeclaredDeposit(citizen_id=WIFE, balance_fen=120000)],
    )


def job(**changes: object) -> v.VerificationJob:
    fields: dict[str, object] = {
        "household": household(),
        "policy": POLICY.id,
        "purpose": "最低生活保障家庭经济状况核对",
        "application_id": "SQ-2026-0001",
        "grants": ["organizations/hx-mzj/grants/g-0001"],
    }
    fields.update(changes)
    return v.VerificationJob(**fields)


def problems_of(checked: v.VerificationJob) -> dict[str, str]:
    """Field → description of every problem found (each field at most once here)."""
    found = Validator()
    applications.check_job(checked, POLICIES, WHERE, found)
    fields = [violation.field for violation in found.violations]
    assert len(fields) == len(set(fields)), fields
    return {violation.field: violation.description for violation in found.violations}


def with_members(*members: v.Member) -> v.VerificationJob:
    changed = household()
    del changed.members[:]
    changed.members.extend(members)
    return job(household=changed)


def test_a_valid_household_passes() -> None:
    assert problems_of(job()) == {}


def test_an_id_with_a_lower_case_check_x_and_the_largest_household_pass() -> None:
    ending_in_x = next(
        cid for n in range(1, 200) if (cid := citizen_id(date(1990, 1, 1), n)).endswith("X")
    )
    members = [v.Member(citizen_id=ending_in_x.lower(), name="张三", relation=APPLICANT)]
    members += [
        v.Member(
            citizen_id=citizen_id(date(2000, 1, 1), n),
            name=f"成员{n}",
            relation=v.MEMBER_RELATION_OTHER,
        )
        for n in range(1, applications.MAX_MEMBERS)
    ]
    assert len(members) == applications.MAX_MEMBERS
    changed = v.Household(members=members)
    changed.incomes.add(citizen_id=ending_in_x, monthly_income_fen=1)  # upper case: same person
    assert problems_of(job(household=changed)) == {}


def wrong_check(citizen_id: str) -> str:
    return citizen_id[:17] + ("0" if citizen_id[17] != "0" else "1")


def only_problem(checked: v.VerificationJob, field: str) -> str:
    found = problems_of(checked)
    assert list(found) == [field], found
    return found[field]


def test_a_wrong_check_character_is_named() -> None:
    changed = household()
    changed.members[2].citizen_id = wrong_check(CHILD)
    reason = only_problem(job(household=changed), f"{HOUSEHOLD}.members[2].citizen_id")
    assert "check character" in reason


def test_an_unknown_division_code_is_named() -> None:
    changed = household()
    changed.members[2].citizen_id = citizen_id(date(2010, 9, 30), 3, division="999999")
    reason = only_problem(job(household=changed), f"{HOUSEHOLD}.members[2].citizen_id")
    assert "999999 is not an administrative division code" in reason


def test_a_local_division_code_and_an_abolished_national_one_are_known() -> None:
    changed = household()
    changed.members[1].citizen_id = citizen_id(date(1982, 6, 15), 2, division="359900")
    changed.members[2].citizen_id = citizen_id(date(1960, 6, 15), 3, division="110103")  # 崇文区
    changed.vehicles[0].citizen_id = changed.members[1].citizen_id
    changed.deposits[0].citizen_id = changed.members[1].citizen_id
    changed.real_estate[0].owner_citizen_ids[1] = changed.members[1].citizen_id
    assert problems_of(job(household=changed)) == {}


def test_a_birth_date_in_the_future_is_named() -> None:
    changed = household()
    changed.members[2].citizen_id = citizen_id(date.today() + timedelta(days=400), 3)
    reason = only_problem(job(household=changed), f"{HOUSEHOLD}.members[2].citizen_id")
    assert "birth date" in reason


def test_a_member_listed_twice_is_named_at_the_second_listing() -> None:
    found = problems_of(
        with_members(
            v.Member(citizen_id=HUSBAND, name="王建国", relation=APPLICANT),
            v.Member(citizen_id=WIFE, name="李秀英", relation=v.MEMBER_RELATION_SPOUSE),
            v.Member(citizen_id=CHILD, name="王小明", relation=v.MEMBER_RELATION_CHILD),
            v.Member(citizen_id=WIFE.lower(), name="李秀英", relation=v.MEMBER_RELATION_OTHER),
        )
    )
    assert found == {f"{HOUSEHOLD}.members[3].citizen_id": "is listed twice"}


@pytest.mark.parametrize("applicants", [0, 2])
def test_a_household_needs_exactly_one_applicant(applicants: int) -> None:
    relations = [APPLICANT] * applicants + [v.MEMBER_RELATION_CHILD] * (3 - applicants)
    found = problems_of(
        with_members(
            *(
                v.Member(citizen_id=cid, name="某人", relation=relation)
                for cid, relation in zip((HUSBAND, WIFE, CHILD), relations, strict=True)
            )
        )
    )
    assert list(found) == [f"{HOUSEHOLD}.members"]
    assert f"exactly one APPLICANT is required, not {applicants}" in found[f"{HOUSEHOLD}.members"]


@pytest.mark.parametrize("name", ["", "   ", "名" * 51])
def test_a_missing_or_overlong_name_is_named(name: str) -> None:
    changed = household()
    changed.members[1].name = name
    assert list(problems_of(job(household=changed))) == [f"{HOUSEHOLD}.members[1].name"]


@pytest.mark.parametrize("relation", [v.MEMBER_RELATION_UNSPECIFIED, 99])
def test_an_unset_or_unknown_relation_is_named(relation: int) -> None:
    changed = household()
    changed.members[2].relation = relation
    assert list(problems_of(job(household=changed))) == [f"{HOUSEHOLD}.members[2].relation"]


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("incomes", "citizen_id"),
        ("real_estate", "owner_citizen_ids[1]"),
        ("vehicles", "citizen_id"),
        ("business_shares", "citizen_id"),
        ("provident_funds", "citizen_id"),
        ("deposits", "citizen_id"),
    ],
)
def test_a_declared_item_of_a_non_member_is_named(kind: str, field: str) -> None:
    changed = household()
    item = getattr(changed, kind)[0]
    if kind == "real_estate":
        item.owner_citizen_ids[1] = OUTSIDER
    else:
        item.citizen_id = OUTSIDER
    found = problems_of(job(household=changed))
    assert found == {f"{HOUSEHOLD}.{kind}[0].{field}": "must be the citizen ID of a member"}


def test_a_property_without_an_owner_is_named() -> None:
    changed = household()
    del changed.real_estate[0].owner_citizen_ids[:]
    assert list(problems_of(job(household=changed))) == [
        f"{HOUSEHOLD}.real_estate[0].owner_citizen_ids"
    ]


@pytest.mark.parametrize(
    ("kind", "amount"),
    [
        ("incomes", "monthly_income_fen"),
        ("vehicles", "value_fen"),
        ("business_shares", "contribution_fen"),
        ("provident_funds", "balance_fen"),
        ("deposits", "balance_fen"),
        ("real_estate", "floor_area_square_meters"),
    ],
)
def test_a_negative_amount_is_named(kind: str, amount: str) -> None:
    changed = household()
    setattr(getattr(changed, kind)[0], amount, -1)
    assert problems_of(job(household=changed)) == {
        f"{HOUSEHOLD}.{kind}[0].{amount}": "must not be negative"
    }


@pytest.mark.parametrize("named", ["", "housing-allowance"])
def test_an_unknown_or_missing_policy_is_named(named: str) -> None:
    found = problems_of(job(policy=named))
    assert list(found) == [f"{WHERE}.policy"]
    if named:
        assert repr(named) in found[f"{WHERE}.policy"] and POLICY.id in found[f"{WHERE}.policy"]
    else:
        assert found[f"{WHERE}.policy"] == "is required"


@pytest.mark.parametrize("purpose", ["", "  \t ", "核" * (applications.MAX_TEXT + 1)])
def test_an_empty_or_overlong_purpose_is_named(purpose: str) -> None:
    assert list(problems_of(job(purpose=purpose))) == [f"{WHERE}.purpose"]


@pytest.mark.parametrize(
    "grant",
    [
        "grants/g-0001",
        "organizations/hx-mzj/grants/",
        "organizations/HX-MZJ/grants/g-0001",
        "organizations/hx-mzj/resources/g-0001",
        "organizations/hx-mzj/grants/g-0001/x",
    ],
)
def test_a_malformed_grant_name_is_named_by_its_index(grant: str) -> None:
    found = problems_of(job(grants=["organizations/hx-mzj/grants/g-0001", grant]))
    assert list(found) == [f"{WHERE}.grants[1]"]


def test_an_overlong_application_id_and_an_unknown_report_detail_are_named() -> None:
    found = problems_of(job(application_id="A" * 65, report_detail=7))
    assert set(found) == {f"{WHERE}.application_id", f"{WHERE}.report_detail"}


@pytest.mark.parametrize("count", [0, applications.MAX_MEMBERS + 1])
def test_an_empty_or_too_large_household_is_refused(count: int) -> None:
    members = [
        v.Member(
            citizen_id=citizen_id(date(2000, 1, 1), n),
            name=f"成员{n}",
            relation=APPLICANT if n == 0 else v.MEMBER_RELATION_OTHER,
        )
        for n in range(count)
    ]
    found = problems_of(job(household=v.Household(members=members)))
    assert found == {f"{HOUSEHOLD}.members": "a household has 1 to 30 members"}


def test_every_problem_is_reported_at_once() -> None:
    changed = household()
    changed.members[1].name = ""
    changed.members[2].citizen_id = wrong_check(CHILD)
    changed.members[2].relation = 42
    changed.vehicles[0].citizen_id = OUTSIDER
    changed.deposits[0].balance_fen = -100
    checked = job(household=changed, policy="unknown", purpose="", grants=["g"])
    found = Validator()
    applications.check_job(checked, POLICIES, "requests[3].verification_job", found)
    where = "requests[3].verification_job"
    assert {violation.field for violation in found.violations} == {
        f"{where}.policy",
        f"{where}.purpose",
        f"{where}.grants[0]",
        f"{where}.household.members[1].name",
        f"{where}.household.members[2].citizen_id",
        f"{where}.household.members[2].relation",
        f"{where}.household.vehicles[0].citizen_id",
        f"{where}.household.deposits[0].balance_fen",
    }
