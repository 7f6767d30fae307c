"""Lookup by one key item (查询关键字) of a resource keyed by several.

A resource may declare several key items; a record's key is then their values joined with
"|" in declaration order (vehicles: 号牌号码|车辆识别代号|所有人证件号码). QueryByKey with
``key_item`` finds every current record holding a value of one of them — all the vehicles
whose 所有人证件号码 is a household member's.

``record_key_values`` holds, per resource, key item and value, the keys of the records
that held it: ``{resource}#{item}#{value}`` → ``{"keys": [...]}``, read and written by
``_id`` alone (FerretDB scans the collection for any other filter). Entries are only ever
added: a record deleted or no longer holding the value leaves a stale key behind, which a
read drops after checking the record's current version. Because a key is made of its key
items' values, a key's values never change, so only the rows that bring a key into being
(a new key, or one returning after a deletion) are indexed; republishing known records
costs the index nothing.

Values compare exactly, except citizen ID numbers, whose check character may come as ``x``
or ``X``: they are kept and looked up in upper case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pymongo.collection import Collection

from gov.catalog.v1 import catalog_pb2 as c
from govdata.exchange.store import guarded, insert_new
from govdata.runtime.errors import FieldViolation, InvalidArgument

MAX_MATCHES = 1000  # records one QueryByKey by key item may return
_CITIZEN_ID = re.compile(r"\d{17}[\dXx]")
# Items naming a person by an ID number, whatever the catalogue's personal flag says.
_ID_ITEM = re.compile(r"身份证|身份号码|证件号")


def normalised(value: str) -> str:
    """The value as indexed and compared: citizen IDs in upper case, others as they are."""
    return value.upper() if _CITIZEN_ID.fullmatch(value) else value


def spellings(value: str) -> list[str]:
    """The ways a provider may have written ``value`` in a key: a citizen ID with either
    case of check character; anything else only as it is."""
    if not _CITIZEN_ID.fullmatch(value):
        return [value]
    return list(dict.fromkeys([value, value.upper(), value.lower()]))


def too_many_matches() -> InvalidArgument:
    return InvalidArgument(
        FieldViolation(
            "keys",
            f"the values asked are held by more than {MAX_MATCHES} records; ask fewer per call",
        )
    )


def distinct(values: list[str]) -> list[str]:
    """``values`` without repeats (a citizen ID asked as …x and …X is one value)."""
    first: dict[str, str] = {}
    for value in values:
        first.setdefault(normalised(value), value)
    return list(first.values())


def key_items(resource: c.InformationResource) -> list[str]:
    """The resource's key items, in declaration order (the order of a key's parts)."""
    return [item.name for item in resource.data_items if item.key]


def key_item_of(resource: c.InformationResource, name: str) -> c.DataItem:
    """The key item ``name`` of ``resource``; INVALID_ARGUMENT naming ``key_item`` if it is
    not one."""
    for item in resource.data_items:
        if item.name == name:
            if item.key:
                return item
            break
    keys = "、".join(key_items(resource)) or "none"
    raise InvalidArgument(
        FieldViolation(
            "key_item",
            f"{name!r} is not a key item of {resource.name} (its key items: {keys})",
        )
    )


def names_a_person(item: c.DataItem) -> bool:
    """Whether the item's values are people's IDs — the data subjects of a lookup by it."""
    return item.personal or bool(_ID_ITEM.search(item.name))


def entry_id(resource: str, item: str, value: str) -> str:
    return f"{resource}#{item}#{normalised(value)}"


class KeyItemIndex:
    """``record_key_values``: the keys of the records holding each value of a key item."""

    def __init__(self, entries: Collection) -> None:
        self.entries = entries

    def add(self, resource: str, items: list[str], rows: Iterable[Any]) -> None:
        """Index ``rows`` (``Row``s; deleted ones hold no value) under each of ``items``.

        One ``insert_many`` for the values not indexed yet; a single ``$addToSet`` by ``_id``
        for each value already indexed (FerretDB 1.24 hangs on bulk updates); idempotent."""
        wanted: dict[str, list[str]] = {}
        for row in rows:
            if row.deleted:
                continue
            for item in items:
                value = row.fields.get(item, "")
                if value:
                    keys = wanted.setdefault(entry_id(resource, item, value), [])
                    if row.key not in keys:
                        keys.append(row.key)
        if not wanted:
            return
        documents = [{"_id": _id, "keys": keys} for _id, keys in wanted.items()]
        for document in insert_new(self.entries, documents):
            guarded(
                lambda d=document: self.entries.update_one(
                    {"_id": d["_id"]}, {"$addToSet": {"keys": {"$each": d["keys"]}}}
                )
            )

    def keys_of(self, resource: str, item: str, value: str) -> list[str]:
        """Keys of the records that held ``value`` of ``item`` (some may no longer)."""
        entry = guarded(lambda: self.entries.find_one({"_id": entry_id(resource, item, value)}))
        return list(entry["keys"]) if entry else []
