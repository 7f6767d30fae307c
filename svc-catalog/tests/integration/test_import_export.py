"""Spreadsheet import and export on the real FerretDB, through the catalogue's use cases:
the per-row report of planted bad rows, idempotency, validate-only, updates, events, and the
round trip of XLSX and CSV_ZIP exports into the same and into an empty catalogue."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator

import pytest
from google.protobuf import field_mask_pb2

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog import exporting, sheets, spreadsheet
from govdata.catalog.importing import Importer
from govdata.catalog.services import Catalog
from govdata.catalog.store import CatalogStore
from govdata.runtime import context, outbox
from govdata.runtime.testing import fresh_database

from . import inventory
from .inventory import DISTRICT, ROWS, resource_row, with_rows, xlsx

XLSX = c.SPREADSHEET_FORMAT_XLSX
ADMIN = context.CallContext(
    system="callingSystems/district-portal",
    organization="organizations/hx-dsjzx",
    roles=frozenset({"platform_admin"}),
)


@pytest.fixture(autouse=True)
def as_admin() -> Iterator[None]:
    token = context.bind(ADMIN)
    yield
    context.reset(token)


class Notified:
    def __init__(self) -> None:
        self.documents: list[tuple[str, str]] = []

    def __call__(self, collection: str, doc_id: str) -> None:
        self.documents.append((collection, doc_id))


@pytest.fixture
def notified() -> Notified:
    return Notified()


@pytest.fixture
def importer(store, notified) -> Importer:
    return Importer(store, notified)


def problems(report: c.ImportCatalogueReport) -> set[tuple[str, int, str]]:
    return {(e.sheet, e.line, e.column) for e in report.row_errors}


def message_of(report: c.ImportCatalogueReport, sheet: str, line: int, column: str) -> str:
    return next(
        e.message for e in report.row_errors if (e.sheet, e.line, e.column) == (sheet, line, column)
    )


def snapshot(store: CatalogStore) -> dict[str, tuple[int, str]]:
    """Every live record's name → (revision, etag)."""
    found = {}
    for records in (
        store.organizations,
        store.duties,
        store.systems,
        store.resources,
        store.demands,
    ):
        for doc in records.collection.find({outbox.DELETED: {"$ne": True}}):
            found[doc["_id"]] = (doc["revision"], doc["etag"])
    return found


def test_a_district_imports_in_dependency_order_and_again_changes_nothing(
    importer, store, notified
) -> None:
    report = importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=False)
    assert list(report.row_errors) == []
    assert (report.rows_applied, report.rows_unchanged, report.rows_rejected) == (ROWS, 0, 0)
    catalog = Catalog(store)
    office = catalog.get_organization("organizations/mz-jzk")
    assert office.parent == "organizations/minzheng"  # the child line came first in the file
    first = store.resource(
        store.resources.list({"resource_code": "101001/000001"}, 1, "").documents[0]
    )
    assert first.provider == "organizations/minzheng"
    assert first.provider_office == "organizations/mz-jzk"
    assert [i.name for i in first.data_items] == ["姓名", "公民身份号码"]
    assert first.data_items[1].authoritative and first.data_items[1].key
    assert first.related_resource_codes == ["101001/000002"]  # named a row further down
    assert first.source_systems == ["organizations/minzheng/systems/dibao-sys"]
    assert first.state == c.RESOURCE_STATE_DRAFT
    assert list(first.classification.path) == ["基础信息资源", "人口", "户籍"]
    duty = store.duty(store.duties.get("organizations/minzheng/duties/dibao"))
    assert duty.systems == ["organizations/minzheng/systems/dibao-sys"]  # a later sheet's
    coded = list(store.resources.collection.find({"organization": "organizations/renshe"}))
    assert len(coded) == 1 and coded[0]["resource_code"].startswith("201002/")  # assigned
    demand = store.demand(store.demands.get("organizations/renshe/demands/need-dibao"))
    assert demand.resource == first.name and list(demand.data_items) == ["姓名", "公民身份号码"]
    # Every record written announces itself (outbox relay, read model) and carries its event.
    written = snapshot(store)
    assert {name for _, name in notified.documents} >= set(written)
    for doc in store.resources.collection.find({}):
        assert doc[outbox.PENDING] and doc[outbox.OUTBOX]

    again = importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=False)
    assert (again.rows_applied, again.rows_unchanged, again.rows_rejected) == (0, ROWS, 0)
    assert snapshot(store) == written


def test_planted_bad_rows_are_reported_by_sheet_line_and_column(importer, store) -> None:
    bad_code = inventory.credit_code(15)
    bad_code = bad_code[:17] + ("0" if bad_code[17] != "0" else "1")
    book = with_rows(
        DISTRICT,
        组织机构=[["jiaoyu", "海新区教育局", bad_code, "部门", "海新区人民政府"]],  # line 6
        信息资源=[
            # line 5: a classification not in the tree
            resource_row(信息资源名称="未知分类的资源", 信息资源分类代码="999999"),
            # line 6: conditional sharing without its legal basis
            resource_row(信息资源名称="缺少依据的资源", 共享类型="有条件共享", 共享条件="用于核对"),
            # line 7: a second provider claims an authoritative data item (see 信息项 line 6)
            resource_row(
                信息资源名称="人社局的身份信息",
                信息资源代码="101001/000007",
                信息资源提供方="海新区人力资源和社会保障局",
                共享类型="无条件共享",
                共享方式="接口",
            ),
            # line 8: an organisation that does not exist, and a value not in the template
            resource_row(信息资源名称="无主资源", 信息资源提供方="不存在的局", 更新周期="偶尔"),
        ],
        信息项=[["101001/000007", "", "公民身份号码", "字符型", 18, "否", "是", "是"]],  # line 6
    )
    report = importer.run(xlsx(book), XLSX, 0, validate_only=False)
    assert problems(report) == {
        ("组织机构", 6, "统一社会信用代码"),
        ("信息资源", 5, "信息资源分类代码"),
        ("信息资源", 6, "共享依据"),
        ("信息资源", 7, ""),  # rejected because of its data item
        ("信息项", 6, "是否权威来源"),
        ("信息资源", 8, "信息资源提供方"),
    }
    assert "GB 32100" in message_of(report, "组织机构", 6, "统一社会信用代码")
    assert "999999" in message_of(report, "信息资源", 5, "信息资源分类代码")
    authority = message_of(report, "信息项", 6, "是否权威来源")
    assert "organizations/minzheng" in authority and "一数一源" in authority
    assert "不存在的局" in message_of(report, "信息资源", 8, "信息资源提供方")
    assert report.rows_rejected == 6
    assert report.rows_applied == ROWS
    assert not store.organizations.exists("organizations/jiaoyu")
    titles = {d["resource"]["display_name"] for d in store.resources.collection.find({})}
    assert titles.isdisjoint({"未知分类的资源", "缺少依据的资源", "人社局的身份信息", "无主资源"})


def test_an_existing_claim_of_an_authoritative_item_is_named_too(importer) -> None:
    importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=False)
    book = {
        "信息资源": [
            inventory.RESOURCE_HEADINGS,
            resource_row(
                信息资源名称="人社局的身份信息",
                信息资源代码="101001/000008",
                信息资源提供方="海新区人力资源和社会保障局",
            ),
        ],
        "信息项": [
            inventory.DATA_ITEMS[0],
            ["101001/000008", "", "公民身份号码", "字符型", 18, "否", "是", "是"],
        ],
    }
    report = importer.run(xlsx(book), XLSX, 0, validate_only=False)
    assert problems(report) == {("信息资源", 2, ""), ("信息项", 2, "是否权威来源")}


def test_sheet_and_column_problems_of_the_file_itself(importer) -> None:
    book = {
        "组织机构": [inventory.ORGANIZATIONS[0] + ["备注列"], *inventory.ORGANIZATIONS[1:2]],
        "说明": [["填表说明"]],
    }
    report = importer.run(xlsx(book), XLSX, 0, validate_only=False)
    assert ("组织机构", 1, "备注列") in problems(report)
    assert ("说明", 1, "") in problems(report)
    assert report.rows_applied == 1


def test_validate_only_reports_the_same_and_writes_nothing(importer, store) -> None:
    book = with_rows(
        DISTRICT, 信息资源=[resource_row(信息资源名称="未知分类", 信息资源分类代码="999999")]
    )
    checked = importer.run(xlsx(book), XLSX, 0, validate_only=True)
    assert snapshot(store) == {}
    applied = importer.run(xlsx(book), XLSX, 0, validate_only=False)
    assert problems(checked) == problems(applied) == {("信息资源", 5, "信息资源分类代码")}
    assert checked.rows_applied == applied.rows_applied == ROWS


def test_a_changed_cell_updates_that_entity_only(importer, store) -> None:
    importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=False)
    before = snapshot(store)
    book = with_rows(DISTRICT)
    book["信息资源"][2][6] = "低保家庭收入核定结果（按季度更新）"  # 信息资源摘要
    report = importer.run(xlsx(book), XLSX, 0, validate_only=False)
    assert (report.rows_applied, report.rows_rejected) == (1, 0)  # its data-item row unchanged
    after = snapshot(store)
    changed = {name for name in after if after[name] != before[name]}
    assert len(changed) == 1
    (name,) = changed
    assert store.resource(store.resources.get(name)).abstract.endswith("（按季度更新）")


def test_one_csv_sheet_at_a_time(importer, store) -> None:
    def csv_of(rows: list[list]) -> bytes:
        return "\n".join(",".join(str(v) for v in row) for row in rows).encode("utf-8-sig")

    for sheet, title in (
        (c.CATALOGUE_SHEET_ORGANIZATIONS, "组织机构"),
        (c.CATALOGUE_SHEET_RESOURCES, "信息资源"),
    ):
        # Without 来源信息系统 and 支撑事项: no system or duty is imported here.
        rows = [r[:16] for r in DISTRICT[title]]
        report = importer.run(csv_of(rows), c.SPREADSHEET_FORMAT_CSV, sheet, validate_only=False)
        assert report.rows_rejected == 0, list(report.row_errors)
    items = [r for r in inventory.DATA_ITEMS if r[0] != ""]
    report = importer.run(
        csv_of(items), c.SPREADSHEET_FORMAT_CSV, c.CATALOGUE_SHEET_DATA_ITEMS, False
    )
    assert (report.rows_applied, report.rows_rejected) == (3, 0), list(report.row_errors)
    first = store.resource(
        store.resources.list({"resource_code": "101001/000001"}, 1, "").documents[0]
    )
    assert [i.name for i in first.data_items] == ["姓名", "公民身份号码"]


# -- export ----------------------------------------------------------------------------------------


def export(
    store: CatalogStore, fmt: int, parent: str = "organizations/-", unpublished: bool = True
):
    request = c.ExportCatalogueRequest(parent=parent, format=fmt, include_unpublished=unpublished)
    return exporting.export(exporting.load_contents(store), request, lambda provider: True)


def comparable(store: CatalogStore) -> dict[str, object]:
    """What an export carries, keyed the way it survives a round trip (codes, ids)."""
    contents = exporting.load_contents(store)
    out: dict[str, object] = {}
    for org in contents.organizations:
        out[org.name] = (org.display_name, org.unified_social_credit_code, org.kind, org.parent)
    for duty in contents.duties:
        out[duty.name] = (duty.display_name, duty.kind, duty.item_code, tuple(duty.systems))
    for system in contents.systems:
        out[system.name] = (
            system.display_name,
            system.function,
            tuple(system.networks),
            tuple(system.duties),
        )
    codes = {r.name: r.resource_code for r in contents.resources}
    for res in contents.resources:
        items = tuple(
            (i.name, i.type, i.length, i.key, i.personal, i.authoritative) for i in res.data_items
        )
        out[res.resource_code] = (
            res.display_name, res.abstract, res.provider, res.provider_office, res.format,
            res.update_cycle, res.sharing.SerializeToString(deterministic=True),
            res.open_attributes.open_type, tuple(res.related_resource_codes),
            tuple(res.source_systems), tuple(res.duties), items,
        )  # fmt: skip
    for demand in contents.demands:
        out[demand.name] = (
            demand.display_name,
            demand.duty,
            codes.get(demand.resource),
            tuple(demand.data_items),
        )
    return out


def test_an_exported_workbook_imports_unchanged_and_rebuilds_an_empty_catalogue(
    importer, store
) -> None:
    importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=False)
    workbook = export(store, c.EXPORT_FORMAT_XLSX)
    assert workbook.content_type == exporting.XLSX_TYPE and workbook.filename.endswith(".xlsx")
    titles = [title for title, _ in spreadsheet.read_xlsx(workbook.data, 1000)]
    assert titles == [s.title for s in sheets.ALL]
    again = importer.run(workbook.data, XLSX, 0, validate_only=False)
    assert (again.rows_applied, again.rows_rejected) == (0, 0), list(again.row_errors)
    assert again.rows_unchanged == ROWS

    database, drop = fresh_database()
    try:
        empty = CatalogStore(database)
        empty.ensure_indexes()
        rebuilt = Importer(empty, Notified()).run(workbook.data, XLSX, 0, validate_only=False)
        assert (rebuilt.rows_applied, rebuilt.rows_rejected) == (ROWS, 0), list(rebuilt.row_errors)
        assert comparable(empty) == comparable(store)
    finally:
        drop()


def test_names_with_a_list_separator_are_exported_so_list_cells_read_them_back(
    importer, store
) -> None:
    # Names as departments write them: a duty without 事项编码 and a system whose names hold
    # the enumeration comma. A list cell (支撑事项, 关联信息系统, 来源信息系统) splits at "、",
    # so the export must name them there by something that does not split: their ids.
    book = with_rows(DISTRICT)
    book["权责清单"][1][6] = "dibao-sys"  # 关联信息系统, by id (the name splits here too)
    book["权责清单"][2][2] = "就业登记、失业登记"  # 事项名称, no 事项编码
    book["信息系统"][1][2] = "低保申请、审批系统"  # 系统名称
    book["信息系统"][2][7] = "jiuye"  # 支撑事项
    book["信息资源"][1][16] = "dibao-sys"  # 来源信息系统
    book["信息资源"][3][17] = "jiuye"  # 支撑事项
    book["共享需求"][1][4] = "jiuye"  # 依据事项
    first = importer.run(xlsx(book), XLSX, 0, validate_only=False)
    assert (first.rows_applied, first.rows_rejected) == (ROWS, 0), list(first.row_errors)

    workbook = export(store, c.EXPORT_FORMAT_XLSX).data
    again = importer.run(workbook, XLSX, 0, validate_only=False)
    assert list(again.row_errors) == []
    assert (again.rows_applied, again.rows_unchanged) == (0, ROWS)
    database, drop = fresh_database()
    try:
        empty = CatalogStore(database)
        empty.ensure_indexes()
        rebuilt = Importer(empty, Notified()).run(workbook, XLSX, 0, validate_only=False)
        assert (rebuilt.rows_applied, rebuilt.rows_rejected) == (ROWS, 0), list(rebuilt.row_errors)
        assert comparable(empty) == comparable(store)
    finally:
        drop()


def test_a_csv_zip_export_has_the_same_sheets_and_rebuilds_the_catalogue(importer, store) -> None:
    importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=False)
    archive = export(store, c.EXPORT_FORMAT_CSV_ZIP)
    assert archive.content_type == exporting.ZIP_TYPE
    with zipfile.ZipFile(io.BytesIO(archive.data)) as files:
        assert files.namelist() == [f"{s.title}.csv" for s in sheets.ALL]
        parts = {name: files.read(name) for name in files.namelist()}
    database, drop = fresh_database()
    try:
        empty = CatalogStore(database)
        empty.ensure_indexes()
        # The archive as it is, format CSV: its files are the sheets.
        report = Importer(empty, Notified()).run(archive.data, c.SPREADSHEET_FORMAT_CSV, 0, False)
        assert (report.rows_applied, report.rows_rejected) == (ROWS, 0), list(report.row_errors)
        assert comparable(empty) == comparable(store)
        # One of its files alone is one sheet.
        again = Importer(empty, Notified()).run(
            parts["信息资源.csv"], c.SPREADSHEET_FORMAT_CSV, c.CATALOGUE_SHEET_RESOURCES, False
        )
        assert again.rows_unchanged == 3 and again.rows_rejected == 0
    finally:
        drop()


def test_exports_show_published_resources_unless_asked_and_allowed(importer, store) -> None:
    importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=False)
    catalog = Catalog(store)
    name = store.resources.list({"resource_code": "101001/000002"}, 1, "").documents[0]["_id"]
    catalog.transition(name, "", c.RESOURCE_STATE_SUBMITTED)
    catalog.transition(name, "", c.RESOURCE_STATE_PUBLISHED)

    published = export(store, c.EXPORT_FORMAT_DCAT_JSONLD, unpublished=False)
    doc = json.loads(published.data)
    assert [d["dct:identifier"] for d in doc["dcat:dataset"]] == ["101001/000002"]
    everything = json.loads(export(store, c.EXPORT_FORMAT_DCAT_JSONLD).data)
    assert len(everything["dcat:dataset"]) == 3
    request = c.ExportCatalogueRequest(
        parent="organizations/-", format=c.EXPORT_FORMAT_XLSX, include_unpublished=True
    )
    minzheng_only = exporting.export(
        exporting.load_contents(store),
        request,
        lambda provider: provider == "organizations/minzheng",
    )
    resources = dict(spreadsheet.read_xlsx(minzheng_only.data, 100))["信息资源"]
    code = resources[0][1].index("信息资源代码")
    assert sorted(row[code] for _, row in resources[1:]) == ["101001/000001", "101001/000002"]
    # One organisation: it and its offices, with what they hold.
    department = export(store, c.EXPORT_FORMAT_XLSX, parent="organizations/minzheng")
    orgs = dict(spreadsheet.read_xlsx(department.data, 100))["组织机构"]
    assert sorted(row[0] for _, row in orgs[1:]) == ["minzheng", "mz-jzk"]


def test_an_export_comes_in_chunks_of_at_most_one_mebibyte() -> None:
    data = bytes(range(256)) * (5 * 4096 + 7)  # 5 MiB and a bit
    chunks = list(exporting.Export(data, "application/zip", "x.zip").chunks())
    assert all(len(chunk.data) <= exporting.CHUNK_BYTES for chunk in chunks)
    assert b"".join(chunk.data for chunk in chunks) == data
    assert chunks[0].filename == "x.zip" and not chunks[1].filename


def test_validate_only_does_not_even_count_on_resource_codes(importer, store) -> None:
    importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=True)
    assert store.sequences.collection.count_documents({}) == 0


def test_a_second_row_for_the_same_organisation_is_rejected(importer, store) -> None:
    book = with_rows(
        DISTRICT,
        组织机构=[
            ["minzheng", "海新区民政局（重复）", inventory.MINZHENG, "部门", "海新区人民政府"]
        ],
    )
    report = importer.run(xlsx(book), XLSX, 0, validate_only=False)
    assert problems(report) == {("组织机构", 6, "机构标识")}
    assert Catalog(store).get_organization("organizations/minzheng").display_name == "海新区民政局"


def test_data_item_columns_a_sheet_lacks_keep_their_values(importer, store) -> None:
    importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=False)
    catalog = Catalog(store)
    name = store.resources.list({"resource_code": "101001/000001"}, 1, "").documents[0]["_id"]
    current = catalog.get_resource(name)
    patch = c.InformationResource(name=name)
    patch.data_items.extend(current.data_items)
    patch.data_items[0].description = "户籍登记的姓名"
    catalog.update_resource(patch, field_mask_pb2.FieldMask(paths=["data_items"]))
    report = importer.run(xlsx(DISTRICT), XLSX, 0, validate_only=False)
    assert report.rows_applied == 0 and report.rows_rejected == 0
    assert catalog.get_resource(name).data_items[0].description == "户籍登记的姓名"
