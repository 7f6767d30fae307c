"""What a caller submits for verification, checked before anything is stored.

A job is refused as a whole, with every problem named by field (``verification_job.household
.members[1].citizen_id``), so a half-valid application never starts fetching citizens' data:
citizen IDs by GB 11643 (length, birth date, MOD 11-2) and a known division code, exactly
one applicant, no member twice, declared items naming members only, amounts not negative,
a known policy, a purpose, grants that are grant names.
"""

from __future__ import annotations

from collections.abc import Mapping

from gov.verify.v1 import verify_pb2 as v
from govdata.runtime import citizen_ids, names
from govdata.runtime.errors import Validator
from govdata.runtime.privacy import normalize_id_number
from govdata.verify import divisions
from govdata.verify.policy import Policy

MAX_MEMBERS = 30
MAX_ITEMS = 50  # per kind of declared item
MAX_TEXT = 200
_DECLARED = (
    ("incomes", "monthly_income_fen"),
    ("real_estate", ""),
    ("vehicles", "value_fen"),
    ("business_shares", "contribution_fen"),
    ("provident_funds", "balance_fen"),
    ("deposits", "balance_fen"),
)


def check_job(
    job: v.VerificationJob, policies: Mapping[str, Policy], where: str, problems: Validator
) -> None:
    """Add every problem of ``job`` (at ``where``, e.g. "verification_job") to ``problems``."""
    problems.require(job.policy in policies, f"{where}.policy", _policy_reason(job, policies))
    problems.require(
        bool(job.purpose.strip()) and len(job.purpose) <= MAX_TEXT,
        f"{where}.purpose",
        f"state why the household is verified (1-{MAX_TEXT} characters)",
    )
    problems.require(
        len(job.application_id) <= 64, f"{where}.application_id", "at most 64 characters"
    )
    problems.require(
        job.report_detail in v.ReportDetail.values(),
        f"{where}.report_detail",
        f"unknown value {job.report_detail}",
    )
    for i, grant in enumerate(job.grants):
        reason = names.reason_against(names.GRANT, names.GRANT_FORM, grant)
        problems.require(reason is None, f"{where}.grants[{i}]", reason or "")
    _check_household(job.household, f"{where}.household", problems)


def _policy_reason(job: v.VerificationJob, policies: Mapping[str, Policy]) -> str:
    known = ", ".join(sorted(policies))
    return "is required" if not job.policy else f"{job.policy!r} is not a policy ({known})"


def _check_household(household: v.Household, where: str, problems: Validator) -> None:
    members: set[str] = set()
    applicants = 0
    if not problems.require(
        0 < len(household.members) <= MAX_MEMBERS,
        f"{where}.members",
        f"a household has 1 to {MAX_MEMBERS} members",
    ):
        return
    for i, member in enumerate(household.members):
        at = f"{where}.members[{i}]"
        cid = normalize_id_number(member.citizen_id)
        if (reason := _citizen_id_reason(member.citizen_id)) is not None:
            problems.fail(f"{at}.citizen_id", reason)
        elif not problems.require(cid not in members, f"{at}.citizen_id", "is listed twice"):
            continue
        members.add(cid)
        problems.require(
            0 < len(member.name.strip()) <= 50, f"{at}.name", "1-50 characters required"
        )
        if member.relation not in v.MemberRelation.values() or not member.relation:
            problems.fail(f"{at}.relation", "required: one of MemberRelation")
        applicants += member.relation == v.MEMBER_RELATION_APPLICANT
    problems.require(
        applicants == 1, f"{where}.members", f"exactly one APPLICANT is required, not {applicants}"
    )
    for kind, amount in _DECLARED:
        items = getattr(household, kind)
        if not problems.require(
            len(items) <= MAX_ITEMS, f"{where}.{kind}", f"at most {MAX_ITEMS} items"
        ):
            continue
        for i, item in enumerate(items):
            at = f"{where}.{kind}[{i}]"
            if kind == "real_estate":
                owners = [
                    (f"{at}.owner_citizen_ids[{j}]", o)
                    for j, o in enumerate(item.owner_citizen_ids)
                ]
                problems.require(bool(owners), f"{at}.owner_citizen_ids", "name at least one owner")
            else:
                owners = [(f"{at}.citizen_id", item.citizen_id)]
            for field, owner in owners:
                problems.require(
                    normalize_id_number(owner) in members,
                    field,
                    "must be the citizen ID of a member",
                )
            if amount:
                problems.require(
                    getattr(item, amount) >= 0, f"{at}.{amount}", "must not be negative"
                )
        if kind == "real_estate":
            for i, item in enumerate(items):
                problems.require(
                    item.floor_area_square_meters >= 0,
                    f"{where}.real_estate[{i}].floor_area_square_meters",
                    "must not be negative",
                )


def _citizen_id_reason(citizen_id: str) -> str | None:
    if (reason := citizen_ids.check(citizen_id)) is not None:
        return reason
    return divisions.check(citizen_id[:6])
