"""Citizen ID numbers (公民身份号码), checked by GB 11643-1999.

Layout of the 18 characters: address code (6 digits, the division where it was first
issued), birth date YYYYMMDD (8), sequence code (3; odd for men), and a check character
(0-9 or X) by ISO 7064 MOD 11-2 over the first 17. A lower-case x is taken as X: callers
that store or compare IDs upper-case them first.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

# Weight of position i (from the left) is 2^(17 - i) mod 11.
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
_CHECK = "10X98765432"  # indexed by the weighted sum mod 11
_SHAPE = re.compile(r"[0-9]{17}[0-9Xx]")  # ASCII digits only (\d takes any script)
_BEIJING = timezone(timedelta(hours=8))
_EARLIEST_BIRTH_YEAR = 1850


def check_character(first17: str) -> str:
    """The MOD 11-2 check character of the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def check(citizen_id: str, *, today: date | None = None) -> str | None:
    """None when ``citizen_id`` is a well-formed citizen ID, else why not (for a
    FieldViolation). ``today`` (default: the Beijing date) bounds the birth date."""
    if len(citizen_id) != 18:
        return f"must be 18 characters, got {len(citizen_id)}"
    if not _SHAPE.fullmatch(citizen_id):
        return "must be 17 digits and a check character (0-9 or X)"
    try:
        born = date(int(citizen_id[6:10]), int(citizen_id[10:12]), int(citizen_id[12:14]))
    except ValueError:
        return "characters 7-14 must be a real birth date YYYYMMDD"
    if today is None:
        today = datetime.now(UTC).astimezone(_BEIJING).date()
    if born.year < _EARLIEST_BIRTH_YEAR or born > today:
        return "the birth date (characters 7-14) is out of range"
    if check_character(citizen_id[:17]) != citizen_id[17].upper():
        return "the check character (18th) does not match GB 11643 (MOD 11-2)"
    return None
