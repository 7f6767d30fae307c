"""Data-quality cross-check between two sources of one data item (一数一源、多元校核).

Both sources are read for the same keys, through the exchange under the caller's grants,
and the keys whose values differ are listed, so the departments can find which source is
wrong. The comparison is of content, not of typing: values are compared after trimming
surrounding whitespace and Unicode NFKC normalisation, so full-width and half-width forms
(``１２３`` and ``123``, ``（`` and ``(``) and other compatibility variants are *not* a
disagreement; case is kept (except in looked-up citizen IDs, whose X matches x).

A source may hold several records for one key (looked up by a key item such as an owner's
citizen ID): its value for the key is then the set of the records' values, and the sources
disagree when the sets differ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from gov.exchange.v1 import exchange_pb2 as x
from gov.verify.v1 import verify_pb2 as v
from govdata.runtime import names
from govdata.runtime.errors import Validator

# (grant, resource, keys (at most BATCH), data_items, key_item) → the current records;
# raises GovdataError subclasses (refused grant, source unavailable...) that the caller maps.
Fetch = Callable[[str, str, Sequence[str], Sequence[str], str], Sequence[x.VersionedRecord]]

MAX_KEYS = 1000
BATCH = 100  # keys per QueryByKey call, the exchange's limit
JOIN = "；"
_RESOURCE_FORM = "organizations/{organization}/resources/{resource}"
_ID_LIKE = re.compile(r"^\d{17}[0-9Xx]$")  # citizen IDs, matched case-insensitively


def cross_check(request: v.CrossCheckSourcesRequest, fetch: Fetch) -> v.CrossCheckSourcesResponse:
    """Compares ``request.left`` with ``request.right`` for ``request.keys``.

    Keys are answered in request order, each once (a repeated key counts once). A key both
    sources hold is compared (``compared_count``) and listed in ``disagreements`` when the
    values differ; a key only one holds is listed as missing in the other; a key neither
    holds is in no list. Errors from ``fetch`` propagate unchanged.
    """
    validate(request)
    keys = _distinct(request.keys)
    left = _read(request.left, [lookup_form(key) for key in keys], fetch)
    right = _read(request.right, [lookup_form(key) for key in keys], fetch)
    response = v.CrossCheckSourcesResponse()
    for key in keys:
        form = lookup_form(key)
        in_left, in_right = form in left, form in right
        if in_left and in_right:
            response.compared_count += 1
            if set(left[form]) != set(right[form]):
                response.disagreements.add(
                    key=key, left_value=_shown(left[form]), right_value=_shown(right[form])
                )
        elif in_right:
            response.missing_in_left.append(key)
        elif in_left:
            response.missing_in_right.append(key)
    return response


def validate(request: v.CrossCheckSourcesRequest) -> None:
    """INVALID_ARGUMENT naming every bad field (``left.data_item``, ``keys[3]``...)."""
    check = Validator()
    for where, side in (("left", request.left), ("right", request.right)):
        if (reason := names.reason_against(names.GRANT, names.GRANT_FORM, side.grant)) is not None:
            check.fail(f"{where}.grant", reason)
        if (
            reason := names.reason_against(names.RESOURCE, _RESOURCE_FORM, side.resource)
        ) is not None:
            check.fail(f"{where}.resource", reason)
        check.require(bool(side.data_item.strip()), f"{where}.data_item", "is required")
    if check.require(bool(request.keys), "keys", "name at least one key"):
        check.require(
            len(request.keys) <= MAX_KEYS,
            "keys",
            f"at most {MAX_KEYS} keys per call, got {len(request.keys)}",
        )
    for i, key in enumerate(request.keys):
        check.require(bool(key.strip()), f"keys[{i}]", "is empty")
    left, right = request.left, request.right
    check.require(
        not (
            left.resource and left.resource == right.resource and left.data_item == right.data_item
        ),
        "right",
        "is the same resource and data item as left; a source is not checked against itself",
    )
    check.raise_if_any()


def lookup_form(key: str) -> str:
    """How a looked-up value is matched: trimmed, and upper-cased when it is a citizen ID."""
    key = key.strip()
    return key.upper() if _ID_LIKE.match(key) else key


def compared_form(value: str) -> str:
    """How a value is compared: NFKC-normalised and trimmed."""
    return unicodedata.normalize("NFKC", value).strip()


def _distinct(keys: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for key in keys:
        form = lookup_form(key)
        if form not in seen:
            seen.add(form)
            result.append(key)
    return result


def _read(side: v.CrossCheckSide, forms: Sequence[str], fetch: Fetch) -> dict[str, dict[str, str]]:
    """Per looked-up value the side holds: its records' values, compared form → the value
    as first seen (trimmed), for showing."""
    items = [side.data_item]
    if side.key_item and side.key_item != side.data_item:
        items.append(side.key_item)
    wanted = set(forms)
    values: dict[str, dict[str, str]] = {}
    for start in range(0, len(forms), BATCH):
        for record in fetch(
            side.grant, side.resource, forms[start : start + BATCH], items, side.key_item
        ):
            if record.deleted:
                continue
            looked_up = record.fields.get(side.key_item, "") if side.key_item else record.key
            form = lookup_form(looked_up)
            if form not in wanted:
                continue
            value = record.fields.get(side.data_item, "")
            values.setdefault(form, {}).setdefault(compared_form(value), value.strip())
    return values


def _shown(values: dict[str, str]) -> str:
    return JOIN.join(values[form] for form in sorted(values))
