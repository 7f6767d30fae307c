"""The inventory spreadsheets through the running platform (issue 4): a demo department's
workbook exported and imported back unchanged, a workbook with planted bad rows reported row by
row while its good rows are applied, the unified view walked from a department down to its data
items, and the DCAT-AP export read as JSON-LD (expanded to RDF with PyLD).

Everything goes over gRPC with mutual TLS as the bootstrap administrator (``platform_admin``,
the only role allowed to import); imports are ``google.longrunning`` operations polled on the
catalogue api. The demo district is loaded by the ``platform`` fixture; what this module writes
is a fresh department named with the test's tag.
"""

from __future__ import annotations

import io
import json
import re
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import grpc
import pytest
from google.longrunning import operations_pb2, operations_pb2_grpc
from google.protobuf import duration_pb2
from openpyxl import Workbook, load_workbook
from pyld import jsonld

from gov.catalog.v1 import catalog_pb2 as c
from gov.common.v1 import common_pb2 as cm

from . import catalogue
from .conftest import caller

# A demo department with internal offices, duties, systems, published resources, and a
# resource another department's sharing demand names.
DEPARTMENT = "organizations/hx-zrzyj"
GOVERNMENT_ID = "hx-zf"
XLSX = c.SPREADSHEET_FORMAT_XLSX
SHEETS = ("组织机构", "权责清单", "信息系统", "信息资源", "信息项", "共享需求")
# The store answers UNAVAILABLE ("retry later") when FerretDB is slow to answer under load;
# reads and idempotent requests are retried a few times, as a client should.
RETRIES = 4
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def rpc(method: Callable[..., Any], request: Any, stream: bool = False) -> Any:
    for attempt in range(RETRIES):
        try:
            answer = method(request, metadata=caller(), timeout=90)
            return list(answer) if stream else answer
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.UNAVAILABLE or attempt == RETRIES - 1:
                raise
            time.sleep(2 * (attempt + 1))
    raise AssertionError("unreachable")


def all_pages(method: Callable[..., Any], request: Any, field: str) -> list[Any]:
    found: list[Any] = []
    while True:
        page = rpc(method, request)
        found.extend(getattr(page, field))
        if not page.next_page_token:
            return found
        request.page_token = page.next_page_token


@pytest.fixture(scope="module")
def operations(channels) -> operations_pb2_grpc.OperationsStub:
    return operations_pb2_grpc.OperationsStub(channels["catalog"])


@dataclass
class Imported:
    operation: operations_pb2.Operation
    report: c.ImportCatalogueReport
    progress: c.ImportCatalogueMetadata

    def problems(self) -> set[tuple[str, int, str]]:
        return {(e.sheet, e.line, e.column) for e in self.report.row_errors}

    def message(self, sheet: str, line: int, column: str) -> str:
        return next(
            e.message
            for e in self.report.row_errors
            if (e.sheet, e.line, e.column) == (sheet, line, column)
        )


def import_workbook(
    catalog, operations, content: bytes, validate_only: bool = False, request_id: str = ""
) -> Imported:
    request = c.ImportCatalogueRequest(
        content=content,
        format=XLSX,
        validate_only=validate_only,
        request_id=request_id or str(uuid.uuid4()),
    )
    operation = rpc(catalog.ImportCatalogue, request)
    assert operation.name.startswith("operations/")
    deadline = time.monotonic() + 150
    while not operation.done:
        assert time.monotonic() < deadline, f"{operation.name} did not finish"
        operation = rpc(
            operations.WaitOperation,
            operations_pb2.WaitOperationRequest(
                name=operation.name, timeout=duration_pb2.Duration(seconds=10)
            ),
        )
    assert operation.WhichOneof("result") == "response", operation.error
    report, progress = c.ImportCatalogueReport(), c.ImportCatalogueMetadata()
    assert operation.response.Unpack(report) and operation.metadata.Unpack(progress)
    return Imported(operation, report, progress)


def export(catalog, parent: str, fmt: int, include_unpublished: bool = False):
    chunks = rpc(
        catalog.ExportCatalogue,
        c.ExportCatalogueRequest(
            parent=parent, format=fmt, include_unpublished=include_unpublished
        ),
        stream=True,
    )
    assert chunks, "an export streams at least one chunk"
    return chunks[0], b"".join(chunk.data for chunk in chunks)


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


def read_sheets(content: bytes) -> dict[str, list[dict[str, str]]]:
    """Each sheet's data rows as heading → cell text (empty cells as "")."""
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheets = {}
    for page in book.worksheets:
        rows = [list(r) for r in page.iter_rows(values_only=True)]
        headings = [str(h) for h in rows[0]] if rows else []
        sheets[page.title] = [
            {h: "" if v is None else str(v) for h, v in zip(headings, row, strict=False)}
            for row in rows[1:]
            if any(v not in (None, "") for v in row)
        ]
    return sheets


@dataclass
class Department:
    """A department as the catalogue lists it: it, its offices and what it holds."""

    organization: c.Organization
    offices: list[c.Organization]
    duties: list[c.Duty]
    systems: list[c.InformationSystem]
    resources: list[c.InformationResource]

    def stamps(self) -> dict[str, tuple[int, str]]:
        """Every record's name → (revision, etag)."""
        records: Iterable[Any] = [
            self.organization,
            *self.offices,
            *self.duties,
            *self.systems,
            *self.resources,
        ]
        return {r.name: (r.revision, r.etag) for r in records}


def department(catalog, name: str) -> Department:
    return Department(
        rpc(catalog.GetOrganization, c.GetOrganizationRequest(name=name)),
        all_pages(
            catalog.ListOrganizations,
            c.ListOrganizationsRequest(parent_organization=name, page_size=1000),
            "organizations",
        ),
        all_pages(catalog.ListDuties, c.ListDutiesRequest(parent=name, page_size=1000), "duties"),
        all_pages(
            catalog.ListInformationSystems,
            c.ListInformationSystemsRequest(parent=name, page_size=1000),
            "information_systems",
        ),
        all_pages(
            catalog.ListInformationResources,
            c.ListInformationResourcesRequest(parent=name, page_size=1000),
            "information_resources",
        ),
    )


@pytest.fixture(scope="module")
def demo(catalog) -> Department:
    found = department(catalog, DEPARTMENT)
    # What the tests below walk through must be there: the demo district holds it.
    assert found.offices and found.duties and found.systems and found.resources
    return found


def last_segment(name: str) -> str:
    return name.rsplit("/", 1)[1]


# -- the demo department's workbook, out and back in ------------------------------------------


def test_a_demo_department_s_workbook_imports_back_unchanged(catalog, operations, demo) -> None:
    first, workbook = export(catalog, DEPARTMENT, c.EXPORT_FORMAT_XLSX, include_unpublished=True)
    assert first.filename.endswith(".xlsx") and "spreadsheetml" in first.content_type
    sheets = read_sheets(workbook)
    assert list(sheets) == list(SHEETS)
    # The workbook holds what the catalogue lists for the department, row for row.
    assert sorted(r["机构标识"] for r in sheets["组织机构"]) == sorted(
        last_segment(o.name) for o in [demo.organization, *demo.offices]
    )
    assert sorted(r["事项标识"] for r in sheets["权责清单"]) == sorted(
        last_segment(d.name) for d in demo.duties
    )
    assert sorted(r["系统标识"] for r in sheets["信息系统"]) == sorted(
        last_segment(s.name) for s in demo.systems
    )
    assert sorted(r["信息资源代码"] for r in sheets["信息资源"]) == sorted(
        r.resource_code for r in demo.resources
    )
    items = Counter(r["信息资源代码"] for r in sheets["信息项"])
    assert items == Counter({r.resource_code: len(r.data_items) for r in demo.resources})
    rows = sum(len(table) for table in sheets.values())

    imported = import_workbook(catalog, operations, workbook)
    assert list(imported.report.row_errors) == []
    report = imported.report
    assert (report.rows_applied, report.rows_unchanged, report.rows_rejected) == (0, rows, 0)
    assert imported.progress.rows_total == imported.progress.rows_done == rows
    assert imported.progress.start_time.seconds > 0
    # Idempotent by code: not one record was written.
    assert department(catalog, DEPARTMENT).stamps() == demo.stamps()


# -- planted bad rows ---------------------------------------------------------------------------


def test_planted_bad_rows_are_reported_by_line_and_column_and_the_good_rows_applied(
    catalog, operations, tag
) -> None:
    # The datum a demo department is the one authoritative source of (一数一源).
    claimed = all_pages(
        catalog.ListDataItems,
        c.ListDataItemsRequest(
            parent="organizations/-", data_item_name="公民身份号码", authoritative_only=True
        ),
        "data_items",
    )
    holders = {entry.provider for entry in claimed}
    assert len(holders) == 1, holders  # one datum, one source
    (holder,) = holders

    org_id, bad_id = f"e2e-import-{tag}", f"e2e-import-{tag}-bad"
    title = f"海新区数据试点局{tag}"
    good_code = catalogue.credit_code()
    bad_code = catalogue.credit_code()
    bad_code = bad_code[:17] + ("0" if bad_code[17] != "0" else "1")  # wrong check character
    roster, ledger = f"试点人员名册{tag}", f"试点就业台账{tag}"
    pilot_item = f"试点编号{tag}"
    resource_headings = [
        "信息资源分类", "信息资源分类代码", "信息资源名称", "信息资源代码", "信息资源提供方",
        "信息资源摘要", "信息资源格式", "更新周期", "共享类型", "共享条件", "共享方式",
        "共享依据", "是否向社会开放", "支撑事项",
    ]  # fmt: skip

    def resource_row(name: str, **cells: str) -> list[str]:
        row = {
            "信息资源分类": "基础信息资源", "信息资源分类代码": "101001", "信息资源名称": name,
            "信息资源代码": "", "信息资源提供方": title, "信息资源摘要": f"{name}的登记记录",
            "信息资源格式": "数据库", "更新周期": "每月", "共享类型": "无条件共享",
            "共享条件": "", "共享方式": "接口", "共享依据": "", "是否向社会开放": "否",
            "支撑事项": "pilot",
        }  # fmt: skip
        row.update(cells)
        return [row[h] for h in resource_headings]

    data_items = [
        ["信息资源代码", "信息资源名称", "信息项名称", "数据类型", "数据长度",
         "是否主键", "是否个人信息", "是否权威来源"],
        ["", roster, pilot_item, "字符型", 32, "是", "否", "是"],  # line 2
        ["", roster, "登记日期", "日期型", 8, "否", "否", "否"],
        ["", ledger, "就业登记编号", "字符型", 20, "是", "否", "否"],
        ["", ledger, "月收入", "货币型", 12, "否", "是", "否"],  # line 5
        ["", f"未知分类资源{tag}", "名称", "字符型", 50, "否", "否", "否"],  # line 6
        ["", f"缺少依据资源{tag}", "名称", "字符型", 50, "否", "否", "否"],  # line 7
        ["", f"重复权威资源{tag}", "公民身份号码", "字符型", 18, "是", "是", "是"],  # line 8
    ]  # fmt: skip
    demands = [
        ["需求部门", "需求标识", "需求名称", "需求描述", "依据事项", "所需信息项", "使用用途"],
        [title, "pilot-need", f"核对试点对象{tag}", "核对试点对象编号", "pilot", pilot_item,
         "试点对象资格核对"],
    ]  # fmt: skip
    book = {
        "组织机构": [
            ["机构标识", "机构名称", "统一社会信用代码", "机构类型", "上级机构"],
            [org_id, title, good_code, "部门", GOVERNMENT_ID],  # line 2
            [bad_id, f"海新区代码错误局{tag}", bad_code, "部门", GOVERNMENT_ID],  # line 3: bad code
        ],
        "权责清单": [
            ["所属机构", "事项标识", "事项名称", "事项类型", "设定依据"],
            [title, "pilot", f"数据共享试点{tag}", "公共服务", "《政务信息资源共享管理暂行办法》"],
        ],
        "信息资源": [
            resource_headings,
            resource_row(roster),  # line 2
            resource_row(  # line 3
                ledger,
                信息资源分类="主题信息资源",
                信息资源分类代码="201002",
                信息资源格式="电子表格",
                更新周期="每季度",
                共享类型="有条件共享",
                共享条件="限于就业援助对象核对",
                共享方式="文件",
                共享依据="《就业服务与就业管理规定》",
            ),
            # line 4: a classification that is in no classification tree
            resource_row(f"未知分类资源{tag}", 信息资源分类代码="999999"),
            # line 5: conditional sharing without its legal basis
            resource_row(f"缺少依据资源{tag}", 共享类型="有条件共享", 共享条件="用于核对"),
            # line 6: claims a datum the demo's holder is already the authoritative source of
            resource_row(f"重复权威资源{tag}"),
        ],
        "信息项": data_items,
        "共享需求": demands,
    }
    content = xlsx(book)
    rows = sum(len(table) - 1 for table in book.values())
    planted = {
        ("组织机构", 3, "统一社会信用代码"),
        ("信息资源", 4, "信息资源分类代码"),
        ("信息资源", 5, "共享依据"),
        ("信息资源", 6, ""),  # rejected because of its data item
        ("信息项", 6, ""),  # the data items of rejected resources are not applied either
        ("信息项", 7, ""),
        ("信息项", 8, "是否权威来源"),
    }
    rejected = 7
    applied = rows - rejected  # the department, its duty, 2 resources, 4 data items, a demand

    checked = import_workbook(catalog, operations, content, validate_only=True)
    assert checked.problems() == planted
    assert (checked.report.rows_applied, checked.report.rows_rejected) == (applied, rejected)
    with pytest.raises(grpc.RpcError) as caught:
        rpc(catalog.GetOrganization, c.GetOrganizationRequest(name=f"organizations/{org_id}"))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND  # validate-only wrote nothing

    request_id = str(uuid.uuid4())
    imported = import_workbook(catalog, operations, content, request_id=request_id)
    report = imported.report
    assert imported.problems() == planted
    assert (report.rows_applied, report.rows_unchanged, report.rows_rejected) == (
        applied,
        0,
        rejected,
    )
    assert imported.progress.rows_total == imported.progress.rows_done == rows
    assert "GB 32100" in imported.message("组织机构", 3, "统一社会信用代码")
    assert "999999" in imported.message("信息资源", 4, "信息资源分类代码")
    assert "required" in imported.message("信息资源", 5, "共享依据")
    claim = imported.message("信息项", 8, "是否权威来源")
    assert "公民身份号码" in claim and holder in claim and "一数一源" in claim
    assert "信息项" in imported.message("信息资源", 6, "")
    for line in (6, 7):
        assert f"line {line - 2} of 信息资源" in imported.message("信息项", line, "")
    # A retry with the same request id is the same operation, not a second import.
    retried = rpc(
        catalog.ImportCatalogue,
        c.ImportCatalogueRequest(content=content, format=XLSX, request_id=request_id),
    )
    assert retried.name == imported.operation.name and retried.done

    # The good rows are in the catalogue, as the file says.
    org = rpc(catalog.GetOrganization, c.GetOrganizationRequest(name=f"organizations/{org_id}"))
    assert (org.display_name, org.unified_social_credit_code, org.kind, org.parent) == (
        title,
        good_code,
        c.ORGANIZATION_KIND_DEPARTMENT,
        f"organizations/{GOVERNMENT_ID}",
    )
    with pytest.raises(grpc.RpcError) as caught:
        rpc(catalog.GetOrganization, c.GetOrganizationRequest(name=f"organizations/{bad_id}"))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    duties = all_pages(catalog.ListDuties, c.ListDutiesRequest(parent=org.name), "duties")
    assert [(d.name, d.display_name, d.kind) for d in duties] == [
        (f"{org.name}/duties/pilot", f"数据共享试点{tag}", c.DUTY_KIND_PUBLIC_SERVICE)
    ]
    entries = all_pages(
        catalog.ListDataItems, c.ListDataItemsRequest(parent=org.name), "data_items"
    )
    by_title = {e.resource_display_name: e.resource for e in entries}
    assert set(by_title) == {roster, ledger}  # none of the rejected resources
    got = {
        t: rpc(catalog.GetInformationResource, c.GetInformationResourceRequest(name=name))
        for t, name in by_title.items()
    }
    for res in got.values():
        assert res.provider == org.name and res.state == c.RESOURCE_STATE_DRAFT
        assert list(res.duties) == [f"{org.name}/duties/pilot"]
        code = res.classification.classification_code
        assert re.fullmatch(rf"{code}/\d+", res.resource_code), res.resource_code
    assert got[roster].classification.classification_code == "101001"
    assert got[roster].sharing.share_type == cm.SHARE_TYPE_UNCONDITIONAL
    assert [
        (i.name, i.type, i.length, i.key, i.personal, i.authoritative)
        for i in got[roster].data_items
    ] == [
        (pilot_item, cm.DATA_ITEM_TYPE_CHARACTER, 32, True, False, True),
        ("登记日期", cm.DATA_ITEM_TYPE_DATE, 8, False, False, False),
    ]
    ledger_res = got[ledger]
    assert ledger_res.classification.classification_code == "201002"
    assert (ledger_res.format, ledger_res.update_cycle) == (
        cm.RESOURCE_FORMAT_SPREADSHEET,
        cm.UPDATE_CYCLE_QUARTERLY,
    )
    assert (
        ledger_res.sharing.share_type,
        ledger_res.sharing.conditions,
        ledger_res.sharing.share_method,
        ledger_res.sharing.legal_basis,
    ) == (
        cm.SHARE_TYPE_CONDITIONAL,
        "限于就业援助对象核对",
        cm.SHARE_METHOD_FILE,
        "《就业服务与就业管理规定》",
    )
    assert [(i.name, i.type, i.personal) for i in ledger_res.data_items] == [
        ("就业登记编号", cm.DATA_ITEM_TYPE_CHARACTER, False),
        ("月收入", cm.DATA_ITEM_TYPE_CURRENCY, True),
    ]
    # The demand asks for a datum only a draft offers: the gap list shows it, with what is
    # missing.
    gaps = all_pages(catalog.ListDemandGaps, c.ListDemandGapsRequest(parent=org.name), "gaps")
    assert [(g.demand.name, list(g.missing_data_items)) for g in gaps] == [
        (f"{org.name}/demands/pilot-need", [pilot_item])
    ]
    assert gaps[0].demand.duty == f"{org.name}/duties/pilot"
    assert gaps[0].demand.state == c.DEMAND_STATE_OPEN

    # Importing the same file again changes nothing and reports the same rows.
    again = import_workbook(catalog, operations, content)
    assert again.problems() == planted
    assert (again.report.rows_applied, again.report.rows_unchanged) == (0, applied)
    for t, before in got.items():
        after = rpc(
            catalog.GetInformationResource, c.GetInformationResourceRequest(name=before.name)
        )
        assert (after.revision, after.etag) == (before.revision, before.etag), t

    # The drafts are in the department's workbook for the data authority, not in its DCAT-AP
    # catalogue (only published resources are harvested).
    _, workbook = export(catalog, org.name, c.EXPORT_FORMAT_XLSX, include_unpublished=True)
    exported = read_sheets(workbook)
    assert sorted(r["信息资源名称"] for r in exported["信息资源"]) == sorted([roster, ledger])
    assert {r["资源状态"] for r in exported["信息资源"]} == {"草稿"}
    _, document = export(catalog, org.name, c.EXPORT_FORMAT_DCAT_JSONLD)
    assert json.loads(document)["dcat:dataset"] == []


# -- the unified view ---------------------------------------------------------------------------


def test_the_unified_view_walks_a_department_down_to_its_data_items(catalog, demo) -> None:
    org = demo.organization
    assert org.kind == c.ORGANIZATION_KIND_DEPARTMENT
    assert all(o.kind == c.ORGANIZATION_KIND_INTERNAL_OFFICE for o in demo.offices)
    duty_names = {d.name for d in demo.duties}
    system_names = {s.name for s in demo.systems}
    offices = {o.name for o in demo.offices}
    for res in demo.resources:
        assert res.provider == org.name
        assert set(res.duties) <= duty_names and set(res.source_systems) <= system_names
        assert not res.provider_office or res.provider_office in offices
    for system in demo.systems:
        assert set(system.duties) <= duty_names

    # Statistics count what the lists list.
    stats = rpc(
        catalog.GetOrganizationStatistics,
        c.GetOrganizationStatisticsRequest(name=org.name, include_descendants=True),
    )
    by_state = {count.key: count.count for count in stats.resources_by_state}
    assert by_state == {
        key: sum(1 for r in demo.resources if c.ResourceState.Name(r.state) == key)
        for key in by_state
    }
    assert sum(by_state.values()) == len(demo.resources)
    by_share = {count.key: count.count for count in stats.resources_by_share_type}
    assert sum(by_share.values()) == len(demo.resources)
    assert by_share == {
        key: sum(1 for r in demo.resources if cm.ShareType.Name(r.sharing.share_type) == key)
        for key in by_share
    }
    assert sum(count.count for count in stats.systems_by_status) == len(demo.systems)
    assert stats.duty_count == len(demo.duties)
    assert stats.data_item_count == sum(len(r.data_items) for r in demo.resources)

    # Down to the data items: every item of every resource, in the resource's order.
    entries = all_pages(
        catalog.ListDataItems,
        c.ListDataItemsRequest(parent=org.name, page_size=100),
        "data_items",
    )
    assert len(entries) == stats.data_item_count
    listed: dict[str, list[c.DataItem]] = defaultdict(list)
    for entry in entries:
        listed[entry.resource].append(entry.data_item)
    resources = {r.name: r for r in demo.resources}
    assert set(listed) == {name for name, r in resources.items() if r.data_items}
    for name, items in listed.items():
        assert items == list(resources[name].data_items), name
    for entry in entries:
        res = resources[entry.resource]
        assert (entry.provider, entry.resource_code, entry.resource_display_name) == (
            org.name,
            res.resource_code,
            res.display_name,
        )
    authoritative = all_pages(
        catalog.ListDataItems,
        c.ListDataItemsRequest(parent=org.name, authoritative_only=True, page_size=1000),
        "data_items",
    )
    assert [(e.resource, e.data_item.name) for e in authoritative] == [
        (e.resource, e.data_item.name) for e in entries if e.data_item.authoritative
    ]

    # From a duty and from a system to the resources they serve and feed.
    demanded = all_pages(
        catalog.ListSharingDemands,
        c.ListSharingDemandsRequest(parent="organizations/-", page_size=1000),
        "sharing_demands",
    )
    demands_on = defaultdict(list)
    for demand in demanded:
        if demand.resource in resources:
            demands_on[demand.resource].append(demand)
    assert demands_on, "another department's demand names a resource of the department"
    wanted = resources[sorted(demands_on)[0]]
    duty, system = wanted.duties[0], wanted.source_systems[0]
    by_duty = all_pages(
        catalog.ListInformationResources,
        c.ListInformationResourcesRequest(parent=org.name, duty=duty, page_size=1000),
        "information_resources",
    )
    assert [r.name for r in by_duty] == sorted(r.name for r in demo.resources if duty in r.duties)
    by_system = all_pages(
        catalog.ListInformationResources,
        c.ListInformationResourcesRequest(parent=org.name, source_system=system, page_size=1000),
        "information_resources",
    )
    assert [r.name for r in by_system] == sorted(
        r.name for r in demo.resources if system in r.source_systems
    )
    assert wanted.name in {r.name for r in by_duty} & {r.name for r in by_system}

    # Who provides the resource and who asked for it.
    parties = all_pages(
        catalog.ListResourceParties,
        c.ListResourcePartiesRequest(resource=wanted.name),
        "parties",
    )
    assert (parties[0].organization, parties[0].role, parties[0].basis) == (
        org.name,
        c.PARTY_ROLE_PROVIDER,
        wanted.name,
    )
    consumers = [(p.organization, p.basis) for p in parties[1:]]
    assert all(p.role == c.PARTY_ROLE_CONSUMER for p in parties[1:])
    assert sorted(consumers) == sorted(
        ("organizations/" + d.name.split("/")[1], d.name) for d in demands_on[wanted.name]
    )


# -- DCAT-AP --------------------------------------------------------------------------------


def test_the_dcat_ap_export_is_json_ld_with_a_dataset_per_published_resource(catalog, demo) -> None:
    first, document = export(catalog, DEPARTMENT, c.EXPORT_FORMAT_DCAT_JSONLD)
    assert first.content_type == "application/ld+json" and first.filename.endswith(".jsonld")
    doc = json.loads(document)
    published = {
        r.resource_code: r for r in demo.resources if r.state == c.RESOURCE_STATE_PUBLISHED
    }
    assert published, "the demo publishes the department's resources"
    datasets = {d["dct:identifier"]: d for d in doc["dcat:dataset"]}
    assert len(datasets) == len(doc["dcat:dataset"])
    assert set(datasets) == set(published)
    for code, res in published.items():
        node = datasets[code]
        assert node["@type"] == "dcat:Dataset"
        assert node["dct:title"]["@value"] == res.display_name
        publisher = node["dct:publisher"]
        assert publisher["dct:identifier"] == demo.organization.unified_social_credit_code
        assert [i["gd:name"]["@value"] for i in node.get("gd:dataItem", [])] == [
            i.name for i in res.data_items
        ]

    # Read as linked data: the inline context expands it without the network, and the RDF
    # has one dcat:Dataset per published resource, with its code as dct:identifier.
    expanded = jsonld.expand(doc)
    assert len(expanded) == 1 and expanded[0]["@type"] == [DCAT + "Catalog"]
    assert len(expanded[0][DCAT + "dataset"]) == len(published)
    lines = jsonld.to_rdf(doc, {"format": "application/n-quads"}).splitlines()
    triple = re.compile(r'(<[^>]*>|_:\S+) <([^>]*)> (<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"\S*) \.$')
    triples = [triple.match(line) for line in lines]
    assert [line for line, t in zip(lines, triples, strict=True) if t is None] == []
    typed = {t[1] for t in triples if t[2] == RDF_TYPE and t[3] == f"<{DCAT}Dataset>"}
    identifiers = {
        t[1]: json.loads(t[3].split("^^")[0]) for t in triples if t[2] == DCT + "identifier"
    }
    assert {identifiers[subject] for subject in typed} == set(published)
    by_code = {identifiers[subject]: subject for subject in typed}
    for code, res in published.items():
        assert by_code[code].endswith(f"/{res.name}>"), by_code[code]
