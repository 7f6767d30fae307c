"""MongoDB query semantics for the List filters, evaluated on documents held in memory.

The List methods build their filters as MongoDB queries (``services.py``, ``duties.py`` …)
and the read model (``read_model.py``) answers them from memory, so the same query must
select the same documents in both places. This is the subset those filters use — equality
(an array field matches when any element is equal), dotted paths, ``$ne``, ``$in``, ``$nin``,
``$exists``, ``$gt``, ``$lt``, ``$regex`` and ``$and``/``$or`` — and anything else is refused
with ``ValueError`` rather than guessed at. The import's staging area (``staging.py``) uses it
too. ``svc-catalog/tests/integration/test_query_match.py`` checks each form against
the real server.

Why not a library: the one maintained evaluator of MongoDB queries in Python is mongomock's,
an in-memory server this project keeps out of its dependencies (tests use the real server);
the subset here is small enough to state exactly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

_MISSING = object()


def matches(document: Mapping[str, Any], query: Mapping[str, Any]) -> bool:
    """Whether ``document`` satisfies ``query`` as MongoDB would decide it."""
    for key, condition in query.items():
        if key == "$and":
            if not all(matches(document, q) for q in condition):
                return False
        elif key == "$or":
            if not any(matches(document, q) for q in condition):
                return False
        elif key.startswith("$"):
            raise ValueError(f"query operator {key} is not supported here")
        elif not _field_matches(_lookup(document, key), condition):
            return False
    return True


def lookup(document: Mapping[str, Any], path: str) -> tuple[bool, Any]:
    """Whether the dotted ``path`` is present in ``document``, and its value."""
    value = _lookup(document, path)
    return (False, None) if value is _MISSING else (True, value)


def _lookup(document: Mapping[str, Any], path: str) -> Any:
    value: Any = document
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _field_matches(value: Any, condition: Any) -> bool:
    if isinstance(condition, Mapping) and any(str(k).startswith("$") for k in condition):
        return all(_operator(value, op, operand) for op, operand in condition.items())
    return _equals(value, condition)


def _candidates(value: Any) -> list[Any]:
    """The values a condition is tried against: an array's elements and the array itself."""
    if isinstance(value, list):
        return [*value, value]
    return [value]


def _equals(value: Any, wanted: Any) -> bool:
    if value is _MISSING:
        return wanted is None
    return any(_same(candidate, wanted) for candidate in _candidates(value))


def _same(a: Any, b: Any) -> bool:
    # MongoDB compares by BSON type: true is not 1, 1 and 1.0 are equal.
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _operator(value: Any, op: str, operand: Any) -> bool:
    if op == "$ne":
        return not _equals(value, operand)
    if op == "$in":
        return any(_equals(value, wanted) for wanted in operand)
    if op == "$nin":
        return not any(_equals(value, wanted) for wanted in operand)
    if op == "$exists":
        return (value is not _MISSING) == bool(operand)
    if op in ("$gt", "$lt"):
        if value is _MISSING:
            return False
        return any(_ordered(candidate, op, operand) for candidate in _candidates(value))
    if op == "$regex":
        if value is _MISSING:
            return False
        pattern = _compiled(operand)
        return any(
            isinstance(candidate, str) and pattern.search(candidate) is not None
            for candidate in _candidates(value)
        )
    raise ValueError(f"query operator {op} is not supported here")


def _ordered(value: Any, op: str, operand: Any) -> bool:
    # Comparisons only within one kind of value, as MongoDB's query operators do.
    numbers = (int, float)
    same_kind = (
        isinstance(value, numbers) and isinstance(operand, numbers)
        if isinstance(operand, numbers) and not isinstance(operand, bool)
        else type(value) is type(operand)
    )
    if not same_kind or isinstance(value, bool):
        return False
    return value > operand if op == "$gt" else value < operand


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
