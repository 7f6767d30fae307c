"""Export of the catalogue: the inventory workbook (XLSX, or its sheets as CSV files in a ZIP)
and DCAT-AP JSON-LD (``dcat.py``), streamed in chunks of at most 1 MiB.

The workbook has the sheets and headings of ``sheets.py`` and is what the importer reads: a
workbook exported from the catalogue imports into it with every row unchanged, and into an
empty catalogue as the same organisations, duties, systems, resources (as drafts), data items
and demands. References are written as people read them — an organisation by its name (by
its 统一社会信用代码 where two share a name), an office, duty or system by its name (by its
id where two of the organisation's share it, or where a list cell would split the name at a
separator such as "、"), a resource by its code.

What is exported: ``parent`` ``organizations/-`` is everything; ``organizations/{id}`` is that
organisation and every organisation below it, with what they hold. Resources: the published
ones, and with ``include_unpublished`` also the others the caller may see unpublished (all of
them for the data authority's ``platform_admin``, else its own organisation's and its offices').
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from google.protobuf.message import Message

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog import dcat, names, sheets
from govdata.catalog.sheets import Column, SheetDef
from govdata.catalog.store import CatalogStore
from govdata.runtime import outbox
from govdata.runtime.errors import FieldViolation, InvalidArgument, NotFound, Unavailable

CHUNK_BYTES = 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_TYPE = "application/zip"
JSONLD_TYPE = "application/ld+json"
Published = c.ResourceState.RESOURCE_STATE_PUBLISHED
ExportFormat = c.ExportFormat


@dataclass
class Contents:
    """Every live record of the kinds the workbook holds, as contract messages."""

    organizations: list[c.Organization] = field(default_factory=list)
    duties: list[c.Duty] = field(default_factory=list)
    systems: list[c.InformationSystem] = field(default_factory=list)
    resources: list[c.InformationResource] = field(default_factory=list)
    demands: list[c.SharingDemand] = field(default_factory=list)


_KINDS = (
    ("organizations", "organization"),
    ("duties", "duty"),
    ("systems", "system"),
    ("resources", "resource"),
    ("demands", "demand"),
)


def load_contents(store: CatalogStore) -> Contents:
    """One scan of each collection (FerretDB reads whole collections at about the same cost
    as filtered ones), skipping tombstones."""
    contents = Contents()
    for attribute, converter in _KINDS:
        records = getattr(store, attribute, None)
        if records is None:
            continue
        convert = getattr(store, converter)
        try:
            documents = list(
                records.collection.find({outbox.DELETED: {"$ne": True}}).batch_size(200)
            )
        except Exception as exc:  # PyMongoError; kept broad: any store failure is the same
            raise Unavailable("the catalogue store is unavailable; retry later") from exc
        getattr(contents, attribute).extend(convert(d) for d in documents)
    return contents


@dataclass(frozen=True)
class Export:
    data: bytes
    content_type: str
    filename: str

    def chunks(self) -> Iterator[c.ExportCatalogueChunk]:
        """The file in chunks of at most ``CHUNK_BYTES``; the first names it."""
        for offset in range(0, max(len(self.data), 1), CHUNK_BYTES):
            chunk = c.ExportCatalogueChunk(data=self.data[offset : offset + CHUNK_BYTES])
            if offset == 0:
                chunk.content_type = self.content_type
                chunk.filename = self.filename
            yield chunk


class Scope:
    """What one export covers: organisations under ``parent`` and the resources the caller
    may see in it."""

    def __init__(
        self,
        contents: Contents,
        parent: str,
        include_unpublished: bool,
        may_see_unpublished: Callable[[str], bool],
    ) -> None:
        children: dict[str, list[str]] = defaultdict(list)
        for org in contents.organizations:
            children[org.parent].append(org.name)
        if parent == names.ALL_ORGANIZATIONS:
            self.organizations = {org.name for org in contents.organizations}
            self.root: c.Organization | None = None
        else:
            names.parse_organization(parent, "parent")
            by_name = {org.name: org for org in contents.organizations}
            if parent not in by_name:
                raise NotFound(f"organisation {parent!r} does not exist")
            self.root = by_name[parent]
            self.organizations = set()
            stack = [parent]
            while stack:
                name = stack.pop()
                if name not in self.organizations:
                    self.organizations.add(name)
                    stack.extend(children.get(name, []))
        self.include_unpublished = include_unpublished
        self.may_see_unpublished = may_see_unpublished

    def owns(self, name: str) -> bool:
        return (names.organization_of(name) or "") in self.organizations

    def shows(self, resource: c.InformationResource) -> bool:
        if not self.owns(resource.name):
            return False
        if resource.state == Published:
            return True
        return self.include_unpublished and self.may_see_unpublished(resource.provider)


def check_request(request: c.ExportCatalogueRequest) -> None:
    problems = []
    if request.format not in (
        ExportFormat.EXPORT_FORMAT_XLSX,
        ExportFormat.EXPORT_FORMAT_CSV_ZIP,
        ExportFormat.EXPORT_FORMAT_DCAT_JSONLD,
    ):
        problems.append(FieldViolation("format", "must be XLSX, CSV_ZIP or DCAT_JSONLD"))
    if request.parent != names.ALL_ORGANIZATIONS and not names.is_organization_name(request.parent):
        problems.append(
            FieldViolation("parent", "must be organizations/{id} or organizations/- (all)")
        )
    if problems:
        raise InvalidArgument(problems)


def export(
    contents: Contents,
    request: c.ExportCatalogueRequest,
    may_see_unpublished: Callable[[str], bool],
    today: dt.date | None = None,
) -> Export:
    """The file the request asks for (see the module docstring)."""
    check_request(request)
    scope = Scope(contents, request.parent, request.include_unpublished, may_see_unpublished)
    stamp = (today or dt.date.today()).strftime("%Y%m%d")
    label = "all" if scope.root is None else request.parent.split("/", 1)[1]
    if request.format == ExportFormat.EXPORT_FORMAT_DCAT_JSONLD:
        resources = [r for r in contents.resources if scope.shows(r)]
        data = dcat.catalog_json(contents.organizations, resources, scope.root)
        return Export(data, JSONLD_TYPE, f"catalogue-{label}-{stamp}.jsonld")
    tables = workbook_rows(contents, scope)
    if request.format == ExportFormat.EXPORT_FORMAT_CSV_ZIP:
        return Export(to_csv_zip(tables), ZIP_TYPE, f"catalogue-{label}-{stamp}.zip")
    return Export(to_xlsx(tables), XLSX_TYPE, f"catalogue-{label}-{stamp}.xlsx")


# -- rows ---------------------------------------------------------------------------------------


class _Labels:
    """How references are written: readable where unambiguous, exact where not."""

    def __init__(self, contents: Contents) -> None:
        self.orgs = {org.name: org for org in contents.organizations}
        titles = Counter(org.display_name for org in contents.organizations)
        self.org_label = {
            org.name: org.display_name
            if titles[org.display_name] == 1 and org.display_name
            else (org.unified_social_credit_code or org.name.split("/", 1)[1])
            for org in contents.organizations
        }
        self.office_label: dict[str, str] = {}
        siblings: dict[str, Counter[str]] = defaultdict(Counter)
        for org in contents.organizations:
            siblings[org.parent][org.display_name] += 1
        for org in contents.organizations:
            unique = siblings[org.parent][org.display_name] == 1 and org.display_name
            self.office_label[org.name] = org.display_name if unique else org.name.split("/", 1)[1]
        self.owned_label: dict[str, str] = {}
        for records in (contents.duties, contents.systems, contents.demands):
            self._label_owned(records)
        self.resource_code = {r.name: r.resource_code for r in contents.resources}

    def _label_owned(self, records: Iterable[Any]) -> None:
        per_owner: dict[str, Counter[str]] = defaultdict(Counter)
        for record in records:
            owner = names.organization_of(record.name) or ""
            for key in _owned_keys(record):
                per_owner[owner][key] += 1
        for record in records:
            owner = names.organization_of(record.name) or ""
            # The id where no key is unique or every unique one would be split in a list cell
            # (关联信息系统, 支撑事项): a name with "、" in it does not come back as itself.
            label = next(
                (
                    k
                    for k in _owned_keys(record)
                    if per_owner[owner][k] == 1 and sheets.reads_as_one_item(k)
                ),
                record.name.rsplit("/", 1)[1],
            )
            self.owned_label[record.name] = label

    def write(self, column: Column, value: Any) -> Any:
        if column.ref == sheets.ORGANIZATION:
            return self.org_label.get(value, value)
        if column.ref == sheets.OFFICE:
            return self.office_label.get(value, value)
        if column.ref in (sheets.DUTY, sheets.SYSTEM):
            return self.owned_label.get(value, value.rsplit("/", 1)[-1])
        if column.ref == sheets.RESOURCE_CODE:
            return self.resource_code.get(value, "")
        return value


def _owned_keys(record: Any) -> list[str]:
    keys = []
    code = getattr(record, "item_code", "")
    if code:
        keys.append(code)
    if record.display_name:
        keys.append(record.display_name)
    return keys


def _row(sheet: SheetDef, message: Message, labels: _Labels, keys: dict[str, str]) -> list[Any]:
    row: list[Any] = []
    for column in sheet.columns:
        if column.key and column.key in keys and not column.path:
            row.append(keys[column.key])
            continue
        if not column.path:
            row.append("")
            continue
        value = sheets.get_value(message, column.path)
        if column.ref:
            if isinstance(value, list):
                value = [labels.write(column, v) for v in value]
            else:
                value = labels.write(column, value) if value else ""
        text = column.codec.write(value)
        if column.codec in (sheets.INTEGER, sheets.INTEGER64) and text:
            row.append(int(text))
        else:
            row.append(text)
    return row


def workbook_rows(contents: Contents, scope: Scope) -> list[tuple[SheetDef, list[list[Any]]]]:
    """Each sheet's heading and rows, in the importer's order."""
    labels = _Labels(contents)
    orgs = [o for o in contents.organizations if o.name in scope.organizations]
    by_name = {o.name: o for o in orgs}

    def depth(org: c.Organization) -> int:
        level, parent = 0, org.parent
        while parent in by_name and level < 64:
            level, parent = level + 1, by_name[parent].parent
        return level

    orgs.sort(key=lambda o: (depth(o), o.name))
    resources = sorted(
        (r for r in contents.resources if scope.shows(r)), key=lambda r: (r.resource_code, r.name)
    )
    tables: list[tuple[SheetDef, list[list[Any]]]] = [
        (
            sheets.ORGANIZATIONS,
            [
                _row(sheets.ORGANIZATIONS, o, labels, {sheets.ID: o.name.split("/", 1)[1]})
                for o in orgs
            ],
        )
    ]
    for sheet, records in (
        (sheets.DUTIES, contents.duties),
        (sheets.SYSTEMS, contents.systems),
    ):
        tables.append((sheet, _owned_rows(sheet, records, scope, labels)))
    tables.append((sheets.RESOURCES, [_row(sheets.RESOURCES, r, labels, {}) for r in resources]))
    item_rows = []
    for resource in resources:
        for item in resource.data_items:
            row = _row(sheets.DATA_ITEMS, item, labels, {})
            row[0] = resource.resource_code
            row[1] = resource.display_name
            item_rows.append(row)
    tables.append((sheets.DATA_ITEMS, item_rows))
    tables.append((sheets.DEMANDS, _owned_rows(sheets.DEMANDS, contents.demands, scope, labels)))
    return tables


def _owned_rows(
    sheet: SheetDef, records: Iterable[Any], scope: Scope, labels: _Labels
) -> list[list[Any]]:
    rows = []
    for record in sorted(records, key=lambda r: r.name):
        owner = names.organization_of(record.name) or ""
        if owner not in scope.organizations:
            continue
        keys = {
            sheets.ID: record.name.rsplit("/", 1)[1],
            sheets.OWNER: labels.org_label.get(owner, owner),
        }
        rows.append(_row(sheet, record, labels, keys))
    return rows


# -- files --------------------------------------------------------------------------------------


def to_xlsx(tables: list[tuple[SheetDef, list[list[Any]]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet, rows in tables:
        page = book.create_sheet(sheet.title)
        for index, column in enumerate(sheet.columns, start=1):
            width = max(10, min(40, 2 * len(column.heading) + 4))
            page.column_dimensions[get_column_letter(index)].width = width
        page.freeze_panes = "A2"
        heading = []
        for column in sheet.columns:
            cell = WriteOnlyCell(page, value=column.heading)
            cell.font = bold
            heading.append(cell)
        page.append(heading)
        for row in rows:
            page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv_zip(tables: list[tuple[SheetDef, list[list[Any]]]]) -> bytes:
    """One UTF-8 CSV per sheet (with a BOM, so Excel shows the Chinese), named after it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for sheet, rows in tables:
            text = io.StringIO(newline="")
            writer = csv.writer(text)
            writer.writerow(sheets.headings(sheet))
            writer.writerows(rows)
            archive.writestr(f"{sheet.title}.csv", ("\ufeff" + text.getvalue()).encode("utf-8"))
    return buffer.getvalue()
