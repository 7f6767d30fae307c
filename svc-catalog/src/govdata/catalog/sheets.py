"""The inventory spreadsheets (普查表/目录编制表): sheets, Chinese column headings, Chinese values.

One sheet per entity, in the order an import applies them (a row may refer to rows of earlier
sheets in the same file): 组织机构, 权责清单, 信息系统, 信息资源, 信息项 (the data items of the
resources, one row each, keyed by 信息资源代码), 共享需求. Headings and values are those of the
national templates (《政务信息资源目录编制指南（试行）》 and the information-system inventory
form, 信息系统普查表); export writes exactly these, import reads them back, so a workbook
exported from the catalogue imports into it without a change.

Each column says which field of the contract message it fills (``path``, dotted), how its
text becomes a value (``codec``), and whether it names other entities (``ref``: resolved by
the importer from names, codes or ids to resource names). ``export_only`` columns (values the
service derives: the classification path, the resource state) are written for readers and
ignored on import. A column absent from a sheet leaves that field as it is; a column present
with an empty cell clears an optional field.

Values are read leniently (the labels below, their listed aliases, the enum's English name,
and for data types the guideline's letter codes C/N/Y/D/T/L/M/G/B/I/F) and written with the
first label.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from google.protobuf.descriptor import EnumDescriptor, FieldDescriptor
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp
from google.type import date_pb2

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm

Sheet = c.CatalogueSheet

# Separators of list cells: Chinese and Western semicolons, the enumeration comma, commas,
# new lines. Export joins with the Chinese semicolon.
_LIST_SPLIT = re.compile(r"[;；、,，\n\r]+")
LIST_JOIN = "；"


class CellError(ValueError):
    """A cell's text cannot be read; the message says what was expected (safe to show)."""


# -- codecs: cell text ⇄ field value ------------------------------------------------------------


@dataclass(frozen=True)
class Codec:
    """Reads a cell's text into a field value and writes it back."""

    read: Callable[[str], Any]
    write: Callable[[Any], str]
    repeated: bool = False


def _text_read(text: str) -> str:
    return text


TEXT = Codec(_text_read, str)


def _list_read(text: str) -> list[str]:
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]


TEXT_LIST = Codec(_list_read, LIST_JOIN.join, repeated=True)


def reads_as_one_item(text: str) -> bool:
    """Whether ``text`` in a list cell reads back as itself, not split at a separator (a
    duty named "社会救助、养老服务" would come back as two names)."""
    return _list_read(text) == [text]


_TRUE = {"是", "y", "yes", "true", "1", "√", "有"}
_FALSE = {"否", "n", "no", "false", "0", "×", "无", ""}


def _bool_read(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(f"{text!r} is not 是 or 否")


BOOL = Codec(_bool_read, lambda value: "是" if value else "否")


def _int_read(text: str) -> int:
    value = text.strip().replace(",", "")
    if not value:
        return 0
    if re.fullmatch(r"[+-]?\d+(\.0+)?", value) is None:
        raise CellError(f"{text!r} is not a whole number")
    number = int(float(value)) if "." in value else int(value)
    if not -(2**31) <= number < 2**31:
        raise CellError(f"{text!r} is out of range")
    return number


def _number_write(value: int) -> str:
    return str(value) if value else ""


INTEGER = Codec(_int_read, _number_write)


def _int64_read(text: str) -> int:
    value = text.strip().replace(",", "")
    if not value:
        return 0
    if re.fullmatch(r"\d+(\.0+)?", value) is None:
        raise CellError(f"{text!r} is not a whole number")
    number = int(float(value)) if "." in value else int(value)
    if number >= 2**63:
        raise CellError(f"{text!r} is out of range")
    return number


INTEGER64 = Codec(_int64_read, _number_write)


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _date_read(text: str) -> date_pb2.Date | None:
    value = text.strip()
    if not value:
        return None
    match = _DATE.fullmatch(value.split("T")[0].split(" ")[0])
    if match is None:
        raise CellError(f"{text!r} is not a date (YYYY-MM-DD)")
    year, month, day = (int(g) for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise CellError(f"{text!r} is not a calendar date") from None
    return date_pb2.Date(year=year, month=month, day=day)


def _date_write(value: date_pb2.Date | None) -> str:
    if value is None or not (value.year or value.month or value.day):
        return ""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


DATE = Codec(_date_read, _date_write)

_DATETIME = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
CHINA = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def _timestamp_read(text: str) -> Timestamp | None:
    """A date and time as the sheet shows it: Beijing time unless it says otherwise."""
    value = text.strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = _DATETIME.fullmatch(value)
        if match is None:
            raise CellError(f"{text!r} is not a date and time (YYYY-MM-DD HH:MM)") from None
        try:
            parsed = dt.datetime(*(int(g or 0) for g in match.groups()))
        except ValueError:
            raise CellError(f"{text!r} is not a calendar date and time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=CHINA)
    stamp = Timestamp()
    stamp.FromDatetime(parsed.astimezone(dt.UTC))
    return stamp


def _timestamp_write(value: Timestamp | None) -> str:
    if value is None or not (value.seconds or value.nanos):
        return ""
    return value.ToDatetime(tzinfo=dt.UTC).astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")


TIMESTAMP = Codec(_timestamp_read, _timestamp_write)


# Every enum with its labels, so a test can tell when the contract grows a value the sheets
# cannot write yet.
ENUM_CODECS: list[tuple[EnumDescriptor, dict[int, Any]]] = []


def enum_codec(
    descriptor: EnumDescriptor,
    labels: dict[int, str | tuple[str, ...]],
    repeated: bool = False,
) -> Codec:
    """Chinese labels (first one written) of an enum; the English value name is read too."""
    lookup: dict[str, int] = {}
    written: dict[int, str] = {}
    prefix = _enum_prefix(descriptor)
    for number, given in labels.items():
        names = (given,) if isinstance(given, str) else given
        written[number] = names[0]
        for name in names:
            lookup[_fold(name)] = number
        english = descriptor.values_by_number[number].name
        lookup[_fold(english)] = number
        lookup[_fold(english.removeprefix(prefix))] = number
    choices = "、".join(written[n] for n in labels)
    ENUM_CODECS.append((descriptor, labels))

    def read_one(text: str) -> int:
        value = _fold(text)
        if not value:
            return 0
        if value not in lookup:
            raise CellError(f"{text!r} is not one of {choices}")
        return lookup[value]

    def write_one(number: int) -> str:
        return written.get(number, "")

    if repeated:
        return Codec(
            lambda text: [read_one(part) for part in _list_read(text)],
            lambda values: LIST_JOIN.join(write_one(v) for v in values),
            repeated=True,
        )
    return Codec(read_one, write_one)


def _enum_prefix(descriptor: EnumDescriptor) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", descriptor.name).upper() + "_"


def _fold(text: str) -> str:
    return re.sub(r"[\s_()（）\-]+", "", text).lower()


# -- labels of the contract's enums ----------------------------------------------------------

ORGANIZATION_KIND = enum_codec(
    c.OrganizationKind.DESCRIPTOR,
    {
        c.ORGANIZATION_KIND_GOVERNMENT: ("政府", "人民政府"),
        c.ORGANIZATION_KIND_DEPARTMENT: ("部门", "委办局", "政府部门"),
        c.ORGANIZATION_KIND_INTERNAL_OFFICE: ("内设机构", "处室", "科室"),
    },
)
DUTY_KIND = enum_codec(
    c.DutyKind.DESCRIPTOR,
    {
        c.DUTY_KIND_RESPONSIBILITY: ("职责", "部门职责"),
        c.DUTY_KIND_ADMINISTRATIVE_LICENSING: "行政许可",
        c.DUTY_KIND_ADMINISTRATIVE_PENALTY: "行政处罚",
        c.DUTY_KIND_ADMINISTRATIVE_ENFORCEMENT: "行政强制",
        c.DUTY_KIND_ADMINISTRATIVE_LEVY: "行政征收",
        c.DUTY_KIND_ADMINISTRATIVE_PAYMENT: "行政给付",
        c.DUTY_KIND_ADMINISTRATIVE_INSPECTION: "行政检查",
        c.DUTY_KIND_ADMINISTRATIVE_CONFIRMATION: "行政确认",
        c.DUTY_KIND_ADMINISTRATIVE_REWARD: "行政奖励",
        c.DUTY_KIND_ADMINISTRATIVE_ADJUDICATION: "行政裁决",
        c.DUTY_KIND_OTHER_POWER: ("其他行政权力", "其他权力"),
        c.DUTY_KIND_PUBLIC_SERVICE: "公共服务",
    },
)
SYSTEM_SCOPE = enum_codec(
    c.SystemScope.DESCRIPTOR,
    {
        c.SYSTEM_SCOPE_OFFICE: ("处室内部", "处室"),
        c.SYSTEM_SCOPE_DEPARTMENT: ("本部门", "部门内部"),
        c.SYSTEM_SCOPE_CROSS_DEPARTMENT: ("跨部门",),
        c.SYSTEM_SCOPE_GOVERNMENT_WIDE: ("全政府", "政府各部门", "全区政务部门"),
        c.SYSTEM_SCOPE_PUBLIC: ("社会公众", "面向社会公众"),
    },
)
USAGE_FREQUENCY = enum_codec(
    c.UsageFrequency.DESCRIPTOR,
    {
        c.USAGE_FREQUENCY_DAILY: ("每日", "每天"),
        c.USAGE_FREQUENCY_WEEKLY: "每周",
        c.USAGE_FREQUENCY_MONTHLY: "每月",
        c.USAGE_FREQUENCY_RARELY: ("很少使用", "偶尔"),
        c.USAGE_FREQUENCY_IDLE: ("闲置", "未使用"),
    },
)
FUNDING_SOURCE = enum_codec(
    c.FundingSource.DESCRIPTOR,
    {
        c.FUNDING_SOURCE_LOCAL_FISCAL: ("本级财政", "财政资金"),
        c.FUNDING_SOURCE_HIGHER_LEVEL: ("上级资金", "上级拨款"),
        c.FUNDING_SOURCE_SELF_RAISED: ("自筹", "自筹资金"),
        c.FUNDING_SOURCE_OTHER: "其他",
        c.FUNDING_SOURCE_NONE: ("无", "无经费", "已停止拨付"),
    },
)
SYSTEM_STATUS = enum_codec(
    c.SystemStatus.DESCRIPTOR,
    {
        c.SYSTEM_STATUS_IN_OPERATION: ("在用", "运行中", "正常运行"),
        c.SYSTEM_STATUS_MAINTENANCE_STOPPED: ("停止运维", "运维停止"),
        c.SYSTEM_STATUS_DECOMMISSIONED: ("已下线", "已停用", "已关停"),
    },
)
NETWORKS = enum_codec(
    cm.Network.DESCRIPTOR,
    {
        cm.NETWORK_GOVERNMENT_EXTRANET: "政务外网",
        cm.NETWORK_GOVERNMENT_INTRANET: "政务内网",
        cm.NETWORK_INTERNET: "互联网",
    },
    repeated=True,
)
CATEGORY = enum_codec(
    cm.ClassificationCategory.DESCRIPTOR,
    {
        cm.CLASSIFICATION_CATEGORY_BASE: ("基础信息资源", "基础"),
        cm.CLASSIFICATION_CATEGORY_THEME: ("主题信息资源", "主题"),
        cm.CLASSIFICATION_CATEGORY_DEPARTMENT: ("部门信息资源", "部门"),
    },
)
RESOURCE_FORMAT = enum_codec(
    cm.ResourceFormat.DESCRIPTOR,
    {
        cm.RESOURCE_FORMAT_ELECTRONIC_FILE: ("电子文件", "文件"),
        cm.RESOURCE_FORMAT_SPREADSHEET: ("电子表格",),
        cm.RESOURCE_FORMAT_DATABASE: ("数据库", "数据库类"),
        cm.RESOURCE_FORMAT_IMAGE: ("图形图像", "图像"),
        cm.RESOURCE_FORMAT_STREAMING_MEDIA: ("流媒体", "流媒体类"),
        cm.RESOURCE_FORMAT_SELF_DESCRIBING: ("自描述格式", "自描述"),
        cm.RESOURCE_FORMAT_SERVICE_INTERFACE: ("接口", "服务接口", "接口类"),
    },
)
UPDATE_CYCLE = enum_codec(
    cm.UpdateCycle.DESCRIPTOR,
    {
        cm.UPDATE_CYCLE_REAL_TIME: "实时",
        cm.UPDATE_CYCLE_DAILY: ("每日", "每天"),
        cm.UPDATE_CYCLE_WEEKLY: "每周",
        cm.UPDATE_CYCLE_MONTHLY: "每月",
        cm.UPDATE_CYCLE_QUARTERLY: "每季度",
        cm.UPDATE_CYCLE_YEARLY: ("每年", "每年度"),
        cm.UPDATE_CYCLE_IRREGULAR: ("不定期", "不定时"),
    },
)
SHARE_TYPE = enum_codec(
    cm.ShareType.DESCRIPTOR,
    {
        cm.SHARE_TYPE_UNCONDITIONAL: ("无条件共享", "无条件"),
        cm.SHARE_TYPE_CONDITIONAL: ("有条件共享", "有条件"),
        cm.SHARE_TYPE_NOT_SHARED: ("不予共享", "不共享"),
    },
)
SHARE_METHOD = enum_codec(
    cm.ShareMethod.DESCRIPTOR,
    {
        cm.SHARE_METHOD_DATABASE: ("数据库", "库表交换", "数据库交换"),
        cm.SHARE_METHOD_FILE: ("文件", "文件下载"),
        cm.SHARE_METHOD_INTERFACE: ("接口", "服务接口", "接口调用"),
    },
)
OPEN_TYPE = enum_codec(
    c.OpenType.DESCRIPTOR,
    {
        c.OPEN_TYPE_OPEN: ("是", "开放", "无条件开放"),
        c.OPEN_TYPE_CONDITIONAL: ("有条件开放", "有条件"),
        c.OPEN_TYPE_NOT_OPEN: ("否", "不开放", "不予开放"),
    },
)
# 数据类型: the guideline's names; its letter codes (C, N, ...) are read too.
DATA_ITEM_TYPE = enum_codec(
    cm.DataItemType.DESCRIPTOR,
    {
        cm.DATA_ITEM_TYPE_CHARACTER: ("字符型", "C", "字符型C", "C字符型"),
        cm.DATA_ITEM_TYPE_NUMBER: ("数值型", "N", "数值型N", "N数值型"),
        cm.DATA_ITEM_TYPE_CURRENCY: ("货币型", "Y", "货币型Y", "Y货币型"),
        cm.DATA_ITEM_TYPE_DATE: ("日期型", "D", "日期型D", "D日期型"),
        cm.DATA_ITEM_TYPE_DATE_TIME: ("日期时间型", "T", "日期时间型T", "T日期时间型"),
        cm.DATA_ITEM_TYPE_LOGICAL: ("逻辑型", "L", "逻辑型L", "L逻辑型"),
        cm.DATA_ITEM_TYPE_MEMO: ("备注型", "M", "备注型M", "M备注型"),
        cm.DATA_ITEM_TYPE_GENERAL: ("通用型", "G", "二进制", "通用型G", "G通用型"),
        cm.DATA_ITEM_TYPE_DOUBLE: ("双精度型", "B", "双精度型B", "B双精度型"),
        cm.DATA_ITEM_TYPE_INTEGER: ("整型", "I", "整数型", "整型I", "I整型"),
        cm.DATA_ITEM_TYPE_FLOAT: ("浮点型", "F", "浮点型F", "F浮点型"),
    },
)
DEMAND_STATE = enum_codec(
    c.DemandState.DESCRIPTOR,
    {
        c.DEMAND_STATE_OPEN: ("待满足", "未满足", "提出"),
        c.DEMAND_STATE_MATCHED: ("已匹配",),
        c.DEMAND_STATE_FULFILLED: ("已满足",),
        c.DEMAND_STATE_CLOSED: ("已关闭", "关闭"),
    },
)
RESOURCE_STATE = enum_codec(
    c.ResourceState.DESCRIPTOR,
    {
        c.RESOURCE_STATE_DRAFT: "草稿",
        c.RESOURCE_STATE_SUBMITTED: "已提交",
        c.RESOURCE_STATE_PUBLISHED: "已发布",
        c.RESOURCE_STATE_RETIRED: "已下线",
    },
)


# -- sheets ------------------------------------------------------------------------------------

# What a reference column names (the importer resolves these; export writes them back):
ORGANIZATION = "organization"  # by 统一社会信用代码, 机构标识 or (unique) 机构名称
OFFICE = "office"  # an internal office of the row's organisation, by name or id
DUTY = "duty"  # a duty of the row's organisation, by 事项编码, 事项标识 or 事项名称
SYSTEM = "system"  # a system of the row's organisation, by 系统标识 or 系统名称
RESOURCE_CODE = "resource_code"  # an information resource, by 信息资源代码

# What a key column is to the importer.
ID = "id"  # the id in the entity's resource name
OWNER = "owner"  # the organisation the entity belongs to (its parent in the name)
RESOURCE_KEY = "resource"  # (信息项) the resource a data item belongs to


@dataclass(frozen=True)
class Column:
    heading: str
    path: str = ""  # dotted field path in the sheet's message; "" for key-only columns
    codec: Codec = TEXT
    ref: str = ""
    key: str = ""
    export_only: bool = False


@dataclass(frozen=True)
class SheetDef:
    sheet: int  # CatalogueSheet
    title: str
    message: type[Message]
    columns: tuple[Column, ...]
    by_heading: dict[str, Column] = field(init=False, repr=False, compare=False)
    by_path: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_heading", {col.heading: col for col in self.columns})
        object.__setattr__(self, "by_path", {col.path: col for col in self.columns if col.path})

    def key_column(self, key: str) -> Column | None:
        return next((col for col in self.columns if col.key == key), None)

    @property
    def importable(self) -> tuple[Column, ...]:
        return tuple(col for col in self.columns if not col.export_only)


ORGANIZATIONS = SheetDef(
    Sheet.CATALOGUE_SHEET_ORGANIZATIONS,
    "组织机构",
    c.Organization,
    (
        Column("机构标识", key=ID),
        Column("机构名称", "display_name"),
        Column("统一社会信用代码", "unified_social_credit_code"),
        Column("机构类型", "kind", ORGANIZATION_KIND),
        Column("上级机构", "parent", ref=ORGANIZATION),
        Column("信用代码豁免理由", "credit_code_override.reason"),
        Column("豁免批准人", "credit_code_override.approved_by"),
    ),
)
DUTIES = SheetDef(
    Sheet.CATALOGUE_SHEET_DUTIES,
    "权责清单",
    c.Duty,
    (
        Column("所属机构", ref=ORGANIZATION, key=OWNER),
        Column("事项标识", key=ID),
        Column("事项名称", "display_name"),
        Column("事项类型", "kind", DUTY_KIND),
        Column("事项编码", "item_code"),
        Column("事项内容", "description"),
        Column("设定依据", "legal_basis"),
        Column("承办内设机构", "responsible_office", ref=OFFICE),
        Column("关联信息系统", "systems", TEXT_LIST, ref=SYSTEM),
    ),
)
SYSTEMS = SheetDef(
    Sheet.CATALOGUE_SHEET_SYSTEMS,
    "信息系统",
    c.InformationSystem,
    (
        Column("所属机构", ref=ORGANIZATION, key=OWNER),
        Column("系统标识", key=ID),
        Column("系统名称", "display_name"),
        Column("系统功能", "function"),
        Column("使用对象", "users"),
        Column("使用范围", "scope", SYSTEM_SCOPE),
        Column("用户数量", "user_count", INTEGER64),
        Column("使用频率", "usage_frequency", USAGE_FREQUENCY),
        Column("审批单位", "approving_body"),
        Column("审批日期", "approval_date", DATE),
        Column("上线日期", "launch_date", DATE),
        Column("建设资金来源", "build_funding", FUNDING_SOURCE),
        Column("运维资金来源", "operation_funding", FUNDING_SOURCE),
        Column("运行网络", "networks", NETWORKS),
        Column("运行状态", "status", SYSTEM_STATUS),
        Column("是否与业务脱节", "out_of_step_with_business", BOOL),
        Column("支撑事项", "duties", TEXT_LIST, ref=DUTY),
        Column("承建单位", "contractor"),
        Column("最近使用时间", "last_used_time", TIMESTAMP),
    ),
)
RESOURCES = SheetDef(
    Sheet.CATALOGUE_SHEET_RESOURCES,
    "信息资源",
    c.InformationResource,
    (
        Column("信息资源分类", "classification.category", CATEGORY),
        Column("信息资源分类代码", "classification.classification_code"),
        Column("分类名称", "classification.path", TEXT_LIST, export_only=True),
        Column("信息资源名称", "display_name"),
        Column("信息资源代码", "resource_code", key=ID),
        Column("信息资源提供方", "provider", ref=ORGANIZATION, key=OWNER),
        Column("提供方内部部门", "provider_office", ref=OFFICE),
        Column("提供方代码", "provider_code"),
        Column("信息资源摘要", "abstract"),
        Column("信息资源格式", "format", RESOURCE_FORMAT),
        Column("格式说明", "format_detail"),
        Column("更新周期", "update_cycle", UPDATE_CYCLE),
        Column("共享类型", "sharing.share_type", SHARE_TYPE),
        Column("共享条件", "sharing.conditions"),
        Column("共享方式", "sharing.share_method", SHARE_METHOD),
        Column("共享依据", "sharing.legal_basis"),
        Column("是否向社会开放", "open_attributes.open_type", OPEN_TYPE),
        Column("开放条件", "open_attributes.conditions"),
        Column("发布日期", "publish_date", DATE),
        Column("关联资源代码", "related_resource_codes", TEXT_LIST),
        Column("来源信息系统", "source_systems", TEXT_LIST, ref=SYSTEM),
        Column("支撑事项", "duties", TEXT_LIST, ref=DUTY),
        Column("在线链接", "online_link"),
        Column("是否涉密", "classified", BOOL),
        Column("数据权属", "ownership"),
        Column("数据产生方式", "production_method"),
        Column("资源状态", "state", RESOURCE_STATE, export_only=True),
    ),
)
DATA_ITEMS = SheetDef(
    Sheet.CATALOGUE_SHEET_DATA_ITEMS,
    "信息项",
    c.DataItem,
    (
        Column("信息资源代码", ref=RESOURCE_CODE, key=RESOURCE_KEY),
        Column("信息资源名称"),  # for rows of resources without a code yet (same file)
        Column("信息项名称", "name"),
        Column("数据类型", "type", DATA_ITEM_TYPE),
        Column("数据长度", "length", INTEGER),
        Column("信息项描述", "description"),
        Column("是否主键", "key", BOOL),
        Column("是否个人信息", "personal", BOOL),
        Column("是否权威来源", "authoritative", BOOL),
    ),
)
DEMANDS = SheetDef(
    Sheet.CATALOGUE_SHEET_DEMANDS,
    "共享需求",
    c.SharingDemand,
    (
        Column("需求部门", ref=ORGANIZATION, key=OWNER),
        Column("需求标识", key=ID),
        Column("需求名称", "display_name"),
        Column("需求描述", "description"),
        Column("依据事项", "duty", ref=DUTY),
        Column("所需资源代码", "resource", ref=RESOURCE_CODE),
        Column("期望提供方", "expected_provider", ref=ORGANIZATION),
        Column("所需信息项", "data_items", TEXT_LIST),
        Column("使用用途", "purpose"),
        Column("需求依据", "legal_basis"),
        Column("共享方式", "share_method", SHARE_METHOD),
        Column("更新周期", "update_cycle", UPDATE_CYCLE),
        Column("需求状态", "state", DEMAND_STATE),
    ),
)

# In the order an import applies them: what a row refers to comes first.
ALL: tuple[SheetDef, ...] = (ORGANIZATIONS, DUTIES, SYSTEMS, RESOURCES, DATA_ITEMS, DEMANDS)
BY_SHEET = {sheet.sheet: sheet for sheet in ALL}
BY_TITLE = {sheet.title: sheet for sheet in ALL}


# -- reading and writing one field of a message by its dotted path ------------------------------


def field_descriptor(message: Message | type[Message], path: str) -> FieldDescriptor:
    descriptor = message.DESCRIPTOR
    fd: FieldDescriptor | None = None
    for part in path.split("."):
        fd = descriptor.fields_by_name[part]
        descriptor = fd.message_type
    assert fd is not None
    return fd


def get_value(message: Message, path: str) -> Any:
    """The value at ``path`` (a list for repeated fields; None for an unset message)."""
    *parents, last = path.split(".")
    current = message
    for part in parents:
        if not current.HasField(part):
            return _empty(field_descriptor(message, path))
        current = getattr(current, part)
    fd = current.DESCRIPTOR.fields_by_name[last]
    if fd.is_repeated:
        return list(getattr(current, last))
    if fd.message_type is not None:
        return getattr(current, last) if current.HasField(last) else None
    return getattr(current, last)


def _empty(fd: FieldDescriptor) -> Any:
    if fd.message_type is not None:
        return None
    if fd.is_repeated:
        return []
    return fd.default_value


def set_value(message: Message, path: str, value: Any) -> None:
    """Set ``path`` to ``value``; None or the default clears the field."""
    *parents, last = path.split(".")
    current = message
    for part in parents:
        current = getattr(current, part)
    fd = current.DESCRIPTOR.fields_by_name[last]
    if fd.is_repeated:
        target = getattr(current, last)
        del target[:]
        if fd.message_type is not None:
            for item in value or []:
                target.add().CopyFrom(item)
        else:
            target.extend(value or [])
    elif fd.message_type is not None:
        if value is None:
            current.ClearField(last)
        else:
            getattr(current, last).CopyFrom(value)
    elif value is None:
        current.ClearField(last)
    else:
        setattr(current, last, value)


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: numbers without a spurious ".0", dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value).strip()


def headings(sheet: SheetDef) -> list[str]:
    return [col.heading for col in sheet.columns]


def known_titles() -> Iterable[str]:
    return BY_TITLE.keys()
