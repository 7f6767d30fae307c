"""A published row against its resource's data items: each fault named by field."""

from __future__ import annotations

import pytest

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from gov.exchange.v1 import exchange_pb2 as x
from govdata.exchange.record_validation import RowRules

T = cm.DataItemType
RESOURCE = c.InformationResource(
    name="organizations/bdc/resources/fangwu",
    data_items=[
        c.DataItem(name="公民身份号码", type=cm.DATA_ITEM_TYPE_CHARACTER, length=18, key=True),
        c.DataItem(name="不动产单元号", type=cm.DATA_ITEM_TYPE_CHARACTER, length=28, key=True),
        c.DataItem(name="面积", type=cm.DATA_ITEM_TYPE_NUMBER, length=8),
        c.DataItem(name="评估价", type=cm.DATA_ITEM_TYPE_CURRENCY, length=12),
        c.DataItem(name="套数", type=cm.DATA_ITEM_TYPE_INTEGER, length=2),
        c.DataItem(name="登记日期", type=cm.DATA_ITEM_TYPE_DATE),
        c.DataItem(name="更新时间", type=cm.DATA_ITEM_TYPE_DATE_TIME),
        c.DataItem(name="是否抵押", type=cm.DATA_ITEM_TYPE_LOGICAL),
        c.DataItem(name="证书扫描件", type=cm.DATA_ITEM_TYPE_GENERAL),
        c.DataItem(name="容积率", type=cm.DATA_ITEM_TYPE_DOUBLE),
    ],
)
ID = "350102198001010011"
check_row = RowRules(RESOURCE).check
UNIT = "350102001001GB00001F00010001"


def row(**fields: str) -> x.Record:
    base = {"公民身份号码": ID, "不动产单元号": UNIT}
    base.update(fields)
    return x.Record(key=f"{base['公民身份号码']}|{base['不动产单元号']}", fields=base)


def test_a_complete_row_passes() -> None:
    good = row(
        面积="89.50",
        评估价="1250000.00",
        套数="1",
        登记日期="20200229",
        更新时间="2026-12-04T09:30:00+08:00",
        是否抵押="false",
        证书扫描件="aGVsbG8=",
        容积率="2.5",
    )
    assert check_row(good) is None


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("面积", "八十", "十进制"),
        ("面积", "123456789", "8 位"),
        ("评估价", "1.005", "两位小数"),
        ("套数", "1.5", "整数"),
        ("登记日期", "20210229", "YYYYMMDD"),
        ("登记日期", "2021-02-01", "YYYYMMDD"),
        ("更新时间", "2026-12-04 09:30", "RFC 3339"),
        ("是否抵押", "是", "true"),
        ("证书扫描件", "not base64!", "base64"),
        ("容积率", "NaN", "有限"),
        ("不动产单元号", "x" * 29, "长度"),
    ],
)
def test_each_type_names_the_field(field: str, value: str, words: str) -> None:
    problem = check_row(row(**{field: value}))
    assert problem is not None and problem.field == field and words in problem.reason


def test_key_must_match_the_key_items_and_be_present() -> None:
    wrong = row()
    wrong.key = ID
    assert check_row(wrong).field == "key"  # type: ignore[union-attr]
    missing = x.Record(key=ID, fields={"公民身份号码": ID})
    assert check_row(missing).field == "不动产单元号"  # type: ignore[union-attr]
    assert check_row(x.Record(key=" ", fields={})).field == "key"  # type: ignore[union-attr]


def test_unknown_items_are_refused_and_deletions_need_only_a_key() -> None:
    assert check_row(row(颜色="红")).field == "颜色"  # type: ignore[union-attr]
    assert check_row(x.Record(key=f"{ID}|{UNIT}", deleted=True)) is None
