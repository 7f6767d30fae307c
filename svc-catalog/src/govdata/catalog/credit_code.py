"""Unified social credit codes (统一社会信用代码), checked by GB 32100-2015 and GB 11714-1997.

Layout of the 18 characters: registration authority (1), organisation type (1),
administrative division (6 digits, GB/T 2260), organisation code (9 characters, the old
GB 11714 code with its own check character), and a final check character over the first 17.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# GB 32100 alphabet: digits and capitals without I, O, S, V, Z. Index = the character's value.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_DIVISION = re.compile(r"\d{6}")


@dataclass(frozen=True)
class CreditCodeProblem:
    """Why a code is not valid; ``checksum_only`` marks codes an override may admit."""

    description: str
    checksum_only: bool


def check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def organization_code_check(body8: str) -> str:
    """The GB 11714 check character for the 8-character organisation code body."""
    total = 0
    for c, w in zip(body8, _ORG_WEIGHTS, strict=True):
        value = int(c) if c.isdigit() else ord(c) - ord("A") + 10
        total += value * w
    remainder = 11 - total % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def problem(code: str) -> CreditCodeProblem | None:
    """None when ``code`` is a valid credit code, else what is wrong with it."""
    if len(code) != 18:
        return CreditCodeProblem(f"must be 18 characters, got {len(code)}", False)
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        return CreditCodeProblem(
            f"characters {''.join(bad)!r} are not allowed (GB 32100 uses {ALPHABET})", False
        )
    if not _DIVISION.fullmatch(code[2:8]):
        return CreditCodeProblem("characters 3-8 must be a six-digit division code", False)
    if organization_code_check(code[8:16]) != code[16]:
        return CreditCodeProblem(
            "the organisation code (characters 9-17) fails its GB 11714 check", True
        )
    if check_character(code[:17]) != code[17]:
        return CreditCodeProblem("the check character (18th) does not match GB 32100", True)
    return None
