"""Citizen IDs by GB 11643: length, digits, birth date and the MOD 11-2 check character."""

from __future__ import annotations

from datetime import date

import pytest

from govdata.runtime.citizen_ids import check, check_character

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    "valid", ["11010519491231002X", "11010519491231002x", "359902198001010013"]
)
def test_well_formed_ids_pass(valid: str) -> None:
    assert check(valid, today=TODAY) is None


def test_the_check_character_by_hand() -> None:
    # 1*7 + 1*9 + 0*10 + 1*5 + 0*8 + 5*4 + 1*2 + 9*1 + 4*6 + 9*3 + 1*7 + 2*9 + 3*10 + 1*5
    # + 0*8 + 0*4 + 2*2 = 167; 167 mod 11 = 2 → "X"
    assert check_character("11010519491231002") == "X"


@pytest.mark.parametrize(
    ("citizen_id", "why"),
    [
        ("11010519491231002", "18 characters"),
        ("1101051949123100XX", "17 digits"),
        ("11010519491231002Y", "17 digits"),
        ("110105194902300021", "real birth date"),
        ("110105202712310021", "out of range"),  # born after today
        ("110105180012310021", "out of range"),
        ("110105194912310021", "check character"),
    ],
)
def test_malformed_ids_say_why(citizen_id: str, why: str) -> None:
    assert why in (check(citizen_id, today=TODAY) or "")
