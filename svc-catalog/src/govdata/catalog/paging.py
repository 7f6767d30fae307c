"""Pages of lists the service computes (the unified view, the inventory analysis) rather than
reads in order from one collection.

Like the store's tokens, a page token names the last item served — here by its sort key, not
a position — and is bound to the request's filters: a token from another query is refused
(INVALID_ARGUMENT naming ``page_token``). Naming the item, not an offset, keeps paging stable
when the catalogue changes between pages: nothing is served twice, and an item added before
the cursor is skipped rather than shifting every later page.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from govdata.catalog.store import page_size_of
from govdata.runtime.errors import FieldViolation, InvalidArgument

T = TypeVar("T")
SortKey = tuple[Any, ...]


@dataclass(frozen=True)
class ComputedPage(Generic[T]):
    """One page of a computed list, the token of the next ("" at the end) and the total."""

    items: list[T]
    next_page_token: str
    total_size: int


def query_key(**filters: Any) -> str:
    """A digest of the request's filters (method name included by the caller)."""
    raw = json.dumps(filters, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _encode(after: SortKey, key: str) -> str:
    raw = json.dumps({"a": list(after), "q": key}, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _decode(token: str, key: str) -> SortKey:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        after, issued_for = data["a"], data["q"]
    except (ValueError, KeyError, TypeError):
        raise InvalidArgument(
            FieldViolation("page_token", "is not a token this service issued")
        ) from None
    if issued_for != key or not isinstance(after, list):
        raise InvalidArgument(
            FieldViolation("page_token", "belongs to a List call with other filters")
        )
    return tuple(after)


def paginate(
    items: Sequence[T],
    sort_key: Callable[[T], SortKey],
    page_size: int,
    page_token: str,
    key: str,
) -> ComputedPage[T]:
    """The page of ``items`` (sorted by ``sort_key``, keys unique) after the token's item.

    ``page_size`` follows the List rules: negative is INVALID_ARGUMENT, 0 means 50, above
    1000 means 1000.
    """
    size = page_size_of(page_size)
    keys = [sort_key(item) for item in items]
    start = 0
    if page_token:
        after = _decode(page_token, key)
        try:
            start = bisect.bisect_right(keys, after)
        except TypeError:  # a forged key of other types than this list's
            raise InvalidArgument(
                FieldViolation("page_token", "is not a token this service issued")
            ) from None
    chunk = list(items[start : start + size])
    more = start + size < len(items)
    token = _encode(keys[start + size - 1], key) if more and chunk else ""
    return ComputedPage(chunk, token, len(items))
