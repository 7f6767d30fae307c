"""Checks a published row against its resource's data items (信息项): names, types, lengths, key.

Each row is judged alone, so one bad row never holds back the good ones; a rejected row names
its field and says what is wrong in the words a department's data clerk uses. Values are text
in the item's type (see ``gov.exchange.v1.Record``).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.exchange.v1 import exchange_pb2 as x

MAX_KEY_CHARS = 256
MAX_VALUE_BYTES = 1 << 20  # a G (binary) item's base64 text; larger files go by reference
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_INTEGER = re.compile(r"^-?\d+$")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@dataclass(frozen=True)
class Problem:
    field: str
    reason: str


class RowRules:
    """A resource's data items, looked up once per batch rather than once per row."""

    def __init__(self, resource: c.InformationResource) -> None:
        self.resource = resource.name
        self.items = {item.name: item for item in resource.data_items}
        self.keys = [item.name for item in resource.data_items if item.key]

    def check(self, record: x.Record) -> Problem | None:
        """The first thing wrong with ``record``, or None when it may be stored."""
        key = record.key
        if not key.strip() or key != key.strip():
            return Problem("key", "记录键为空或含首尾空白 (the key is empty or padded)")
        if len(key) > MAX_KEY_CHARS:
            return Problem("key", f"记录键超过 {MAX_KEY_CHARS} 个字符 (the key is too long)")
        if record.deleted:
            return None  # a deletion carries only its key
        fields = record.fields
        for name in sorted(fields):
            if name not in self.items:
                return Problem(name, f"不是资源 {self.resource} 的信息项 (not a data item of it)")
        for name in self.keys:
            if not fields.get(name, ""):
                return Problem(name, "关键字信息项必填 (a key item is required)")
        if self.keys and "|".join(fields[name] for name in self.keys) != key:
            return Problem(
                "key", "记录键与关键字信息项的值不一致 (the key differs from the key items)"
            )
        for name in sorted(fields):
            problem = check_value(self.items[name], fields[name])
            if problem is not None:
                return Problem(name, f"信息项 {name}: {problem}")
        return None


def check_value(item: c.DataItem, value: str) -> str | None:
    """What is wrong with ``value`` for ``item``'s type and length; None if nothing."""
    kind = item.type
    if value == "":
        return None  # an empty value is "not recorded"; only key items must be present
    if kind in (cm.DATA_ITEM_TYPE_CHARACTER, cm.DATA_ITEM_TYPE_MEMO):
        if item.length and len(value) > item.length:
            return f"超过长度 {item.length} (longer than {item.length} characters)"
        return None
    if kind in (cm.DATA_ITEM_TYPE_NUMBER, cm.DATA_ITEM_TYPE_CURRENCY):
        if not _DECIMAL.match(value):
            return "不是十进制数 (not a plain decimal number)"
        if kind == cm.DATA_ITEM_TYPE_CURRENCY and "." in value and len(value.split(".")[1]) > 2:
            return "金额最多两位小数 (currency has at most 2 decimals)"
        digits = len(value.lstrip("-").replace(".", ""))
        if item.length and digits > item.length:
            return f"超过 {item.length} 位数字 (more than {item.length} digits)"
        return None
    if kind == cm.DATA_ITEM_TYPE_INTEGER:
        if not _INTEGER.match(value):
            return "不是整数 (not an integer)"
        if item.length and len(value.lstrip("-")) > item.length:
            return f"超过 {item.length} 位数字 (more than {item.length} digits)"
        return None
    if kind in (cm.DATA_ITEM_TYPE_DOUBLE, cm.DATA_ITEM_TYPE_FLOAT):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return "不是数值 (not a number)"
        return None if number.is_finite() else "不是有限数值 (not a finite number)"
    if kind == cm.DATA_ITEM_TYPE_DATE:
        try:
            datetime.strptime(value, "%Y%m%d")
        except ValueError:
            return "不是有效日期 (YYYYMMDD)"
        return None if len(value) == 8 else "不是有效日期 (YYYYMMDD)"
    if kind == cm.DATA_ITEM_TYPE_DATE_TIME:
        if not _RFC3339.match(value):
            return "不是有效日期时间 (RFC 3339, e.g. 2026-12-04T09:30:00+08:00)"
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return "不是有效日期时间 (RFC 3339, e.g. 2026-12-04T09:30:00+08:00)"
        return None
    if kind == cm.DATA_ITEM_TYPE_LOGICAL:
        return None if value in ("true", "false") else "逻辑值只能是 true 或 false"
    if kind == cm.DATA_ITEM_TYPE_GENERAL:
        if len(value) > MAX_VALUE_BYTES:
            return "超过 1 MiB (larger than 1 MiB)"
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return "不是 base64 编码 (not base64)"
        return None
    return None  # UNSPECIFIED: the catalogue accepted it untyped; text is all we can check
