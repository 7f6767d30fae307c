# ruff: noqa: E501 - rows of a spreadsheet read best one to a line
"""A small district's inventory workbook, as departments fill it in, for the import tests."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from .conftest import credit_code

GOVERNMENT = credit_code(11)
MINZHENG = credit_code(12)
RENSHE = credit_code(13)
OFFICE = credit_code(14)

ORGANIZATIONS = [
    ["机构标识", "机构名称", "统一社会信用代码", "机构类型", "上级机构"],
    ["hx", "海新区人民政府", GOVERNMENT, "政府", ""],
    # Children before the parent on purpose: the import orders them.
    ["mz-jzk", "社会救助科", OFFICE, "内设机构", "海新区民政局"],
    ["minzheng", "海新区民政局", MINZHENG, "部门", "海新区人民政府"],
    ["renshe", "海新区人力资源和社会保障局", RENSHE, "部门", "海新区人民政府"],
]
DUTIES = [
    ["所属机构", "事项标识", "事项名称", "事项类型", "事项编码", "设定依据", "关联信息系统"],
    # Names a system of a later sheet: set once that system exists.
    ["海新区民政局", "dibao", "最低生活保障审批", "行政给付", "000105001000", "《社会救助暂行办法》", "低保系统"],
    ["海新区人力资源和社会保障局", "jiuye", "就业登记", "公共服务", "000110002000", "", ""],
]  # fmt: skip
SYSTEMS = [
    ["所属机构", "系统标识", "系统名称", "系统功能", "使用范围", "运行网络", "运行状态", "支撑事项", "上线日期"],
    ["海新区民政局", "dibao-sys", "低保系统", "低保申请受理与审批", "本部门", "政务外网", "在用", "000105001000", "2016-05-01"],
    ["海新区人力资源和社会保障局", "jiuye-sys", "就业服务系统", "就业登记与失业登记", "跨部门", "政务外网、互联网", "在用", "就业登记", "2018/7/1"],
]  # fmt: skip
RESOURCE_HEADINGS = [
    "信息资源分类", "信息资源分类代码", "信息资源名称", "信息资源代码", "信息资源提供方",
    "提供方内部部门", "信息资源摘要", "信息资源格式", "更新周期", "共享类型", "共享条件",
    "共享方式", "共享依据", "是否向社会开放", "发布日期", "关联资源代码", "来源信息系统", "支撑事项",
]  # fmt: skip
RESOURCES = [
    RESOURCE_HEADINGS,
    ["基础信息资源", "101001", "最低生活保障对象信息", "101001/000001", "海新区民政局", "社会救助科", "低保对象家庭及成员信息", "数据库", "每月", "有条件共享", "用于社会救助家庭经济状况核对", "接口", "《社会救助暂行办法》", "否", "2024-03-01", "101001/000002", "低保系统", "最低生活保障审批"],
    ["基础信息资源", "101001", "低保家庭收入信息", "101001/000002", "海新区民政局", "", "低保家庭收入核定结果", "电子表格", "每季度", "无条件共享", "", "文件", "", "是", "2024-03-01", "101001/000001", "", ""],
    ["主题信息资源", "201002", "就业登记信息", "", "海新区人力资源和社会保障局", "", "劳动者就业登记记录", "数据库", "每日", "不予共享", "", "", "《就业服务与就业管理规定》", "否", "", "", "就业服务系统", "就业登记"],
]  # fmt: skip
DATA_ITEMS = [
    ["信息资源代码", "信息资源名称", "信息项名称", "数据类型", "数据长度", "是否主键", "是否个人信息", "是否权威来源"],
    ["101001/000001", "", "姓名", "C", 50, "否", "是", "否"],
    ["101001/000001", "", "公民身份号码", "字符型", 18, "是", "是", "是"],
    ["101001/000002", "", "家庭月收入", "货币型", 12, "否", "否", "否"],
    ["", "就业登记信息", "登记日期", "日期型", 8, "否", "否", "否"],
]  # fmt: skip
DEMANDS = [
    ["需求部门", "需求标识", "需求名称", "需求描述", "依据事项", "所需资源代码", "所需信息项", "使用用途"],
    ["海新区人力资源和社会保障局", "need-dibao", "核对低保身份", "就业援助需核对低保身份", "就业登记", "101001/000001", "姓名；公民身份号码", "就业援助对象认定"],
]  # fmt: skip

DISTRICT = {
    "组织机构": ORGANIZATIONS,
    "权责清单": DUTIES,
    "信息系统": SYSTEMS,
    "信息资源": RESOURCES,
    "信息项": DATA_ITEMS,
    "共享需求": DEMANDS,
}
ROWS = sum(len(rows) - 1 for rows in DISTRICT.values())


def xlsx(sheets: dict[str, list[list[Any]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        page = book.create_sheet(title)
        for row in rows:
            page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_rows(base: dict[str, list[list[Any]]], **extra: list[list[Any]]) -> dict:
    """``base`` with rows added to the sheets named by their Chinese titles (as keywords)."""
    sheets = {title: [list(r) for r in rows] for title, rows in base.items()}
    for title, rows in extra.items():
        sheets[title].extend(rows)
    return sheets


def resource_row(**cells: Any) -> list[Any]:
    """A valid 信息资源 row of 海新区民政局 with the given cells replaced (by heading)."""
    row = dict(zip(RESOURCE_HEADINGS, RESOURCES[2], strict=True))
    row.update({"关联资源代码": "", "信息资源代码": ""})
    row.update(cells)
    return [row[h] for h in RESOURCE_HEADINGS]
