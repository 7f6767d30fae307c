"""The inventory sheets: Chinese values read leniently and written back exactly, every column
bound to a real field, and the XLSX/CSV readers (values, dates, gaps, refusals)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from google.type import date_pb2
from openpyxl import Workbook

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm
from govdata.catalog import sheets, spreadsheet
from govdata.runtime.errors import InvalidArgument


def test_every_column_names_a_field_of_its_sheet_s_message() -> None:
    for sheet in sheets.ALL:
        assert len(sheet.by_heading) == len(sheet.columns), sheet.title
        for column in sheet.columns:
            if column.path:
                sheets.field_descriptor(sheet.message, column.path)
    assert [s.title for s in sheets.ALL] == [
        "组织机构",
        "权责清单",
        "信息系统",
        "信息资源",
        "信息项",
        "共享需求",
    ]


def test_every_value_of_every_enum_the_sheets_use_has_a_chinese_label() -> None:
    missing = [
        value.name
        for descriptor, labels in sheets.ENUM_CODECS
        for value in descriptor.values
        if value.number and value.number not in labels
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("codec", "text", "value"),
    [
        (sheets.SHARE_TYPE, "有条件共享", cm.SHARE_TYPE_CONDITIONAL),
        (sheets.SHARE_TYPE, "无条件", cm.SHARE_TYPE_UNCONDITIONAL),
        (sheets.SHARE_TYPE, "SHARE_TYPE_NOT_SHARED", cm.SHARE_TYPE_NOT_SHARED),
        (sheets.SHARE_TYPE, "not_shared", cm.SHARE_TYPE_NOT_SHARED),
        (sheets.SHARE_TYPE, "", 0),
        (sheets.RESOURCE_FORMAT, "电子表格", cm.RESOURCE_FORMAT_SPREADSHEET),
        (sheets.RESOURCE_FORMAT, "接口", cm.RESOURCE_FORMAT_SERVICE_INTERFACE),
        (sheets.UPDATE_CYCLE, "每季度", cm.UPDATE_CYCLE_QUARTERLY),
        (sheets.UPDATE_CYCLE, "实时", cm.UPDATE_CYCLE_REAL_TIME),
        (sheets.DATA_ITEM_TYPE, "C", cm.DATA_ITEM_TYPE_CHARACTER),
        (sheets.DATA_ITEM_TYPE, "日期型", cm.DATA_ITEM_TYPE_DATE),
        (sheets.DATA_ITEM_TYPE, "Y（货币型）", cm.DATA_ITEM_TYPE_CURRENCY),
        (sheets.OPEN_TYPE, "是", c.OPEN_TYPE_OPEN),
        (sheets.OPEN_TYPE, "有条件开放", c.OPEN_TYPE_CONDITIONAL),
        (sheets.ORGANIZATION_KIND, "内设机构", c.ORGANIZATION_KIND_INTERNAL_OFFICE),
        (sheets.DUTY_KIND, "行政许可", c.DUTY_KIND_ADMINISTRATIVE_LICENSING),
        (
            sheets.NETWORKS,
            "政务外网、互联网",
            [cm.NETWORK_GOVERNMENT_EXTRANET, cm.NETWORK_INTERNET],
        ),
        (sheets.BOOL, "是", True),
        (sheets.BOOL, "否", False),
        (sheets.BOOL, "", False),
        (
            sheets.TEXT_LIST,
            "101001/000001；101001/000002, 101001/000003",
            ["101001/000001", "101001/000002", "101001/000003"],
        ),
        (sheets.INTEGER, "18", 18),
        (sheets.INTEGER, "18.0", 18),
        (sheets.INTEGER, "", 0),
    ],
)
def test_values_are_read_leniently(codec, text, value) -> None:
    assert codec.read(text) == value


def test_values_are_written_with_the_template_s_label_and_read_back() -> None:
    for codec in (sheets.SHARE_TYPE, sheets.UPDATE_CYCLE, sheets.DATA_ITEM_TYPE, sheets.OPEN_TYPE):
        for number in range(1, 8):
            text = codec.write(number)
            if text:
                assert codec.read(text) == number
    assert sheets.SHARE_TYPE.write(cm.SHARE_TYPE_CONDITIONAL) == "有条件共享"
    assert sheets.DATA_ITEM_TYPE.write(cm.DATA_ITEM_TYPE_CHARACTER) == "字符型"


@pytest.mark.parametrize(
    ("codec", "text", "words"),
    [
        (sheets.SHARE_TYPE, "部分共享", "无条件共享、有条件共享、不予共享"),
        (sheets.BOOL, "可能", "是 or 否"),
        (sheets.INTEGER, "十八", "whole number"),
        (sheets.DATE, "2024-02-30", "calendar date"),
        (sheets.DATE, "明天", "YYYY-MM-DD"),
        (sheets.TIMESTAMP, "昨天下午", "YYYY-MM-DD HH:MM"),
    ],
)
def test_unreadable_values_say_what_was_expected(codec, text, words) -> None:
    with pytest.raises(sheets.CellError) as caught:
        codec.read(text)
    assert words in str(caught.value)


def test_dates_and_times_in_the_forms_people_type() -> None:
    expected = date_pb2.Date(year=2024, month=3, day=1)
    for text in ("2024-03-01", "2024/3/1", "2024年3月1日", "2024.03.01", "2024-03-01 00:00:00"):
        assert sheets.DATE.read(text) == expected
    assert sheets.DATE.write(expected) == "2024-03-01"
    stamp = sheets.TIMESTAMP.read("2024-03-01 08:00")  # Beijing time, unless it says otherwise
    assert stamp.ToDatetime(tzinfo=dt.UTC) == dt.datetime(2024, 3, 1, 0, 0, tzinfo=dt.UTC)
    assert sheets.TIMESTAMP.write(stamp) == "2024-03-01 08:00:00"


def test_field_paths_set_and_read_nested_and_repeated_fields() -> None:
    res = c.InformationResource()
    sheets.set_value(res, "sharing.legal_basis", "《社会救助暂行办法》")
    sheets.set_value(res, "related_resource_codes", ["101001/000001"])
    sheets.set_value(res, "publish_date", date_pb2.Date(year=2024, month=1, day=2))
    assert res.sharing.legal_basis == "《社会救助暂行办法》"
    assert sheets.get_value(res, "related_resource_codes") == ["101001/000001"]
    assert sheets.get_value(res, "open_attributes.open_type") == 0
    sheets.set_value(res, "publish_date", None)
    assert not res.HasField("publish_date")


def test_cells_become_text_as_a_person_reads_them() -> None:
    assert sheets.cell_text(101001.0) == "101001"
    assert sheets.cell_text(dt.datetime(2024, 3, 1)) == "2024-03-01"
    assert sheets.cell_text(None) == ""
    assert sheets.cell_text("  低保  ") == "低保"


# -- reading files -------------------------------------------------------------------------------


def workbook_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "信息资源"
    sheet.append(["信息资源名称", "发布日期", "数据长度", "是否涉密"])
    sheet.append(["低保对象信息", dt.datetime(2024, 3, 1), 18, True])
    sheet.append([])
    sheet.append(["收入信息", None, 12.5, False])
    sheet["F5"] = "远处的格"
    other = book.create_sheet("信息项")
    other.append(["信息项名称"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_values_dates_gaps_and_line_numbers() -> None:
    tables = dict(spreadsheet.read_xlsx(workbook_bytes(), 1000))
    assert list(tables) == ["信息资源", "信息项"]
    rows = tables["信息资源"]
    assert rows[0] == (1, ["信息资源名称", "发布日期", "数据长度", "是否涉密"])
    assert rows[1] == (2, ["低保对象信息", dt.datetime(2024, 3, 1), 18, True])
    assert rows[2][0] == 4  # line 3 is empty and absent: numbering follows the sheet
    assert rows[2][1][:4] == ["收入信息", None, 12.5, False]
    assert rows[3] == (5, [None, None, None, None, None, "远处的格"])


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_xlsx_with_a_dtd_anywhere_is_refused_before_parsing() -> None:
    content = io.BytesIO(workbook_bytes())
    with zipfile.ZipFile(content) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    laughs = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    body = parts[sheet]
    if body.startswith(b"<?xml"):
        body = body.split(b"?>", 1)[1]
    # After more than a prefix of comments, so only a whole-part check finds it.
    parts[sheet] = b'<?xml version="1.0"?><!--' + b"x" * 10_000 + b"-->" + laughs + body
    with pytest.raises(InvalidArgument) as caught:
        spreadsheet.read_xlsx(_zip(parts), 1000)
    assert "DTD" in caught.value.violations[0].description


def test_not_a_workbook_and_too_big_a_workbook_are_refused(monkeypatch) -> None:
    for content in (b"PK\x03\x04 not really", _zip({"hello.txt": b"hi"})):
        with pytest.raises(InvalidArgument) as caught:
            spreadsheet.read_xlsx(content, 1000)
        assert caught.value.violations[0].field == "content"
    monkeypatch.setattr(spreadsheet, "MAX_INFLATED_BYTES", 1000)
    with pytest.raises(InvalidArgument) as caught:
        spreadsheet.read_xlsx(workbook_bytes(), 1000)
    assert "inflates" in caught.value.violations[0].description
    with pytest.raises(InvalidArgument) as caught:
        spreadsheet.read_xlsx(_zip({"a.bin": b"0" * 2000}), 1000)


def test_a_cell_far_to_the_right_does_not_widen_every_row() -> None:
    book = Workbook()
    book.active.append(["信息资源名称"])
    book.active["XFD2"] = "最后一列"
    book.active["B2"] = "近处"
    buffer = io.BytesIO()
    book.save(buffer)
    [(_, rows)] = spreadsheet.read_xlsx(buffer.getvalue(), 100)
    assert rows[1] == (2, [None, "近处"])


def test_row_limit() -> None:
    with pytest.raises(InvalidArgument) as caught:
        spreadsheet.read_xlsx(workbook_bytes(), 2)
    assert "more than 2 rows" in caught.value.violations[0].description


def test_csv_utf8_with_bom_gb18030_and_quoted_new_lines() -> None:
    text = '信息资源名称,信息资源摘要\n低保对象信息,"第一行\n第二行"\n收入,x\n'
    for content in (("\ufeff" + text).encode(), text.encode("gb18030")):
        table = spreadsheet.read_csv(content, 100)
        assert table[0] == (1, ["信息资源名称", "信息资源摘要"])
        assert table[1] == (2, ["低保对象信息", "第一行\n第二行"])
        assert table[2][0] == 3  # a row is a line as a spreadsheet shows it
    with pytest.raises(InvalidArgument):
        spreadsheet.read_csv(b"a,b\x00c", 100)
