"""Import of the inventory spreadsheets (XLSX with one sheet per entity, or one CSV sheet).

What a caller can rely on:

* **Every row is checked by the rules of the gRPC API**, because it is applied by the same use
  cases (``services.Catalog`` and its kin), run over a staged store (``staging.py``) that
  batches the writes. Each problem is reported with the sheet, the line as the spreadsheet
  shows it (heading = line 1), the column heading and a message; a row with any problem is
  not applied, the others are.
* **Idempotent by code.** A row is matched to the entity it describes — organisation by
  机构标识 or 统一社会信用代码, duty by 事项标识 or 事项编码 (else its name within the
  organisation), system by 系统标识 (else its name), resource by 信息资源代码 (else provider and
  name), demand by 需求标识 (else its name) — and only the fields its columns carry are
  compared: equal → ``rows_unchanged``, different → an Update of those fields, none → a
  Create. Importing the same file twice changes nothing the second time. New entities get ids
  derived from those keys, so an import that stopped half-way and runs again continues.
* **Dependency order.** Organisations (parents before children), duties, systems, resources
  with their data items (信息项 rows grouped by 信息资源代码; a resource with no 信息项 rows
  keeps its data items), demands: a row may name what an earlier sheet or line creates.
* ``validate_only`` runs every rule and writes nothing; the report counts what an import
  would apply.
* CSV is one sheet (``sheet`` says which), or — with format CSV — the ZIP archive the CSV_ZIP
  export writes, each file named after its sheet (``信息资源.csv``), read as one workbook.
* Resources are created as drafts, like the API's creates (资源状态 is export-only):
  publication stays the data authority's review.
* Files are read defensively: XLSX parts with DTDs/entities, archives that inflate past
  ``MAX_INFLATED_BYTES`` and more than ``MAX_ROWS`` rows are refused as a whole.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from google.protobuf import field_mask_pb2
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from gov.catalog.v1 import catalog_pb2 as c
from govdata.catalog import names, sheets, spreadsheet
from govdata.catalog.services import Catalog
from govdata.catalog.sheets import Column, SheetDef
from govdata.catalog.staging import StagedStore
from govdata.catalog.store import CatalogStore
from govdata.runtime.errors import (
    AlreadyExists,
    FieldViolation,
    GovdataError,
    InvalidArgument,
    Unavailable,
)
from govdata.runtime.operations import Progress

log = logging.getLogger(__name__)

MAX_ROWS = 200_000
# The report travels in the operation (and in one gRPC message): past this many bytes of row
# errors the rest are counted, not listed.
REPORT_BUDGET_BYTES = 2 * 1024 * 1024
CHECK_EVERY_ROWS = 50

Format = c.SpreadsheetFormat
_ENTITY_PREFIX = re.compile(
    r"^(organization|information_resource|duty|information_system|"
    r"sharing_demand)\."
)
_ITEM_FIELD = re.compile(r"^data_items\[(\d+)\](?:\.(.*))?$")


# -- the file ------------------------------------------------------------------------------------


@dataclass
class Row:
    sheet: SheetDef
    title: str
    line: int
    cells: dict[str, str]
    errors: list[c.RowError] = field(default_factory=list)
    outcome: str = ""  # applied | unchanged | rejected

    def fail(self, column: str, message: str) -> None:
        self.errors.append(
            c.RowError(sheet=self.title, line=self.line, column=column, message=message)
        )
        self.outcome = "rejected"

    def fail_once(self, column: str, message: str) -> None:
        if not any(e.column == column and e.message == message for e in self.errors):
            self.fail(column, message)

    def has(self, heading: str) -> bool:
        return heading in self.cells

    def text(self, heading: str) -> str:
        return self.cells.get(heading, "")


@dataclass
class SheetRows:
    sheet: SheetDef
    title: str
    present: list[Column]
    rows: list[Row]


@dataclass
class Workbook:
    sheets: dict[int, SheetRows]
    problems: list[c.RowError]

    def rows(self) -> Iterator[Row]:
        for sheet in sheets.ALL:
            if sheet.sheet in self.sheets:
                yield from self.sheets[sheet.sheet].rows


def check_request(request: c.ImportCatalogueRequest) -> None:
    """What can be refused before the operation starts (INVALID_ARGUMENT naming the field)."""
    problems = []
    if not request.content:
        problems.append(FieldViolation("content", "is required: the spreadsheet's bytes"))
    if request.format not in (Format.SPREADSHEET_FORMAT_XLSX, Format.SPREADSHEET_FORMAT_CSV):
        problems.append(FieldViolation("format", "must be SPREADSHEET_FORMAT_XLSX or _CSV"))
    elif (
        request.format == Format.SPREADSHEET_FORMAT_CSV
        and request.sheet not in sheets.BY_SHEET
        and request.content[:2] != b"PK"  # the CSV_ZIP export names its sheets itself
    ):
        problems.append(
            FieldViolation("sheet", "is required for CSV: which sheet (entity) the file holds")
        )
    elif request.format == Format.SPREADSHEET_FORMAT_XLSX and request.content[:2] != b"PK":
        problems.append(FieldViolation("content", "is not an XLSX workbook (a ZIP archive)"))
    if problems:
        raise InvalidArgument(problems)


def read_workbook(content: bytes, fmt: int, sheet: int = 0) -> Workbook:
    """The rows of the file by sheet; INVALID_ARGUMENT (field ``content``) if unreadable."""
    one_csv = fmt == Format.SPREADSHEET_FORMAT_CSV and content[:2] != b"PK"
    if one_csv:
        tables = [(sheets.BY_SHEET[sheet].title, spreadsheet.read_csv(content, MAX_ROWS + 1))]
    elif fmt == Format.SPREADSHEET_FORMAT_CSV:
        tables = spreadsheet.read_csv_zip(content, MAX_ROWS + 100)
    else:
        tables = spreadsheet.read_xlsx(content, MAX_ROWS + 100)
    book = Workbook({}, [])
    total = 0
    for title, table in tables:
        definition = sheets.BY_SHEET[sheet] if one_csv else sheets.BY_TITLE.get(title.strip())
        if definition is None:
            book.problems.append(
                c.RowError(
                    sheet=title,
                    line=1,
                    message="not a sheet of the inventory templates; ignored (sheets: "
                    + "、".join(sheets.known_titles())
                    + ")",
                )
            )
            continue
        if definition.sheet in book.sheets:
            book.problems.append(
                c.RowError(sheet=title, line=1, message="a second sheet of this name; ignored")
            )
            continue
        parsed = _sheet_rows(definition, title, table, book.problems)
        total += len(parsed.rows)
        if total > MAX_ROWS:
            raise InvalidArgument(
                FieldViolation("content", f"has more than {MAX_ROWS} rows; split the file")
            )
        book.sheets[definition.sheet] = parsed
    return book


def _sheet_rows(
    definition: SheetDef, title: str, table: spreadsheet.Table, problems: list[c.RowError]
) -> SheetRows:
    """The sheet's data rows under its first non-empty line (the headings)."""
    rows = iter(table)
    heading_line, heading_cells = next(
        ((line, values) for line, values in rows if any(sheets.cell_text(v) for v in values)),
        (1, []),
    )
    present: dict[int, Column] = {}
    seen: set[str] = set()
    for index, value in enumerate(heading_cells):
        heading = sheets.cell_text(value)
        if not heading:
            continue
        column = definition.by_heading.get(heading)
        if column is None:
            problems.append(
                c.RowError(
                    sheet=title,
                    line=heading_line,
                    column=heading[:100],
                    message="not a column of this sheet; its values were not read",
                )
            )
        elif heading in seen:
            problems.append(
                c.RowError(
                    sheet=title,
                    line=heading_line,
                    column=heading,
                    message="appears twice; the first is read",
                )
            )
        elif not column.export_only:
            present[index] = column
            seen.add(heading)
    result = SheetRows(definition, title, list(present.values()), [])
    for line, values in rows:
        cells = {}
        for index, column in present.items():
            value = values[index] if index < len(values) else None
            cells[column.heading] = sheets.cell_text(value)[: spreadsheet.MAX_CELL_CHARS]
        if not any(cells.values()) and not any(sheets.cell_text(v) for v in values):
            continue  # empty lines between blocks are common in filled-in templates
        result.rows.append(Row(definition, title, line, cells))
    return result


# -- the report ------------------------------------------------------------------------------


class Report:
    """Counts rows by outcome and lists problems, within ``REPORT_BUDGET_BYTES``."""

    def __init__(self) -> None:
        self.message = c.ImportCatalogueReport()
        self._bytes = 0
        self._left_out = 0

    def add_problem(self, error: c.RowError) -> None:
        size = error.ByteSize() + 4
        if self._bytes + size > REPORT_BUDGET_BYTES:
            self._left_out += 1
            return
        self._bytes += size
        self.message.row_errors.append(error)

    def count(self, row: Row) -> None:
        if row.errors or row.outcome == "rejected":
            self.message.rows_rejected += 1
            for error in row.errors:
                self.add_problem(error)
        elif row.outcome == "applied":
            self.message.rows_applied += 1
        else:
            self.message.rows_unchanged += 1

    def finish(self) -> c.ImportCatalogueReport:
        if self._left_out:
            self.message.row_errors.append(
                c.RowError(
                    message=f"{self._left_out} more problems are not listed (the report is "
                    "limited in size); fix the ones above and import again"
                )
            )
        return self.message


# -- entities: how each sheet's rows become use-case calls -------------------------------------


@dataclass(frozen=True)
class Entity:
    """How rows of one sheet are matched, created and updated."""

    sheet: SheetDef
    records: str  # the store's attribute, and the collection segment of owned names
    id_prefix: str  # of derived ids
    cases: str  # the UseCases attribute holding its use cases
    create: str  # and their method names
    update: str
    converter: str  # the store's document → message function


ORGANIZATIONS = Entity(
    sheets.ORGANIZATIONS,
    "organizations",
    "org",
    "catalog",
    "create_organization",
    "update_organization",
    "organization",
)
DUTIES = Entity(sheets.DUTIES, "duties", "duty", "duties", "create", "update", "duty")
SYSTEMS = Entity(sheets.SYSTEMS, "systems", "sys", "systems", "create", "update", "system")
RESOURCES = Entity(
    sheets.RESOURCES,
    "resources",
    "r",
    "catalog",
    "create_resource",
    "update_resource",
    "resource",
)
DEMANDS = Entity(sheets.DEMANDS, "demands", "demand", "demands", "create", "update", "demand")


@dataclass
class UseCases:
    """The catalogue's use cases an import calls, built over the (staged) store."""

    catalog: Any
    duties: Any = None
    systems: Any = None
    demands: Any = None

    def find(self, entity: Entity, method: str) -> Callable[..., Any] | None:
        provider = getattr(self, entity.cases, None)
        return getattr(provider, method, None) if provider is not None else None


def default_use_cases(store: Any) -> UseCases:
    """The catalogue's use cases over ``store`` (a ``StagedStore`` during imports), wired as
    the servicer wires them."""
    from govdata.catalog.demands import SharingDemands
    from govdata.catalog.duties import Duties
    from govdata.catalog.systems import InformationSystems

    catalog = Catalog(store)
    return UseCases(
        catalog,
        Duties(store),
        InformationSystems(store),
        SharingDemands(store, catalog.visibility),
    )


# -- the directory: what rows may name ----------------------------------------------------------


class Directory:
    """Names, codes and ids of what exists or this import creates, for resolving references."""

    def __init__(self, staged: StagedStore) -> None:
        self.staged = staged
        self.org_by_id: dict[str, str] = {}
        self.org_by_code: dict[str, str] = {}
        self.org_by_title: dict[str, set[str]] = defaultdict(set)
        self.org_parent: dict[str, str] = {}
        self.org_title: dict[str, str] = {}
        # Per organisation, for duties, systems and demands: key → name.
        self.owned: dict[str, dict[str, dict[str, set[str]]]] = {}
        self.resource_by_code: dict[str, str] = {}
        self.resource_by_title: dict[tuple[str, str], set[str]] = defaultdict(set)
        for doc in staged.organizations.live_documents():
            self.add_organization(doc["_id"], doc.get("organization") or {})
        for records in ("duties", "systems", "demands"):
            if hasattr(staged, records) and records in staged.staged_kinds():
                for doc in staged.records(records).live_documents():
                    self.add_owned(records, doc["_id"], doc.get(_KEY[records]) or {})
        for doc in staged.resources.live_documents():
            self.add_resource(doc["_id"], doc.get("resource") or {})

    # organisations

    def add_organization(self, name: str, org: dict[str, Any]) -> None:
        self.org_by_id[name.split("/", 1)[1]] = name
        code = org.get("unified_social_credit_code")
        if code:
            self.org_by_code[code] = name
        title = org.get("display_name", "")
        if title:
            self.org_by_title[title].add(name)
            self.org_title[name] = title
        self.org_parent[name] = org.get("parent", "")

    def organization(self, text: str) -> str:
        """An organisation by credit code, id, resource name or (unique) name."""
        value = text.strip()
        if value in self.org_by_code:
            return self.org_by_code[value]
        if value in self.org_by_id:
            return self.org_by_id[value]
        if value.startswith("organizations/") and value.split("/", 1)[1] in self.org_by_id:
            return value
        found = self.org_by_title.get(value, set())
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            raise LookupError(
                f"several organisations are named {value!r}; give its 统一社会信用代码"
            )
        raise LookupError(f"no organisation {value!r} (by 统一社会信用代码, 机构标识 or 机构名称)")

    def office(self, owner: str, text: str) -> str:
        value = text.strip()
        candidates = {n for n, parent in self.org_parent.items() if parent == owner}
        by_id = self.org_by_id.get(value)
        if by_id in candidates:
            return by_id  # type: ignore[return-value]
        if self.org_by_code.get(value) in candidates:
            return self.org_by_code[value]
        found = [n for n in candidates if self.org_title.get(n) == value]
        if len(found) == 1:
            return found[0]
        if found:
            raise LookupError(f"several internal offices are named {value!r}; give its 机构标识")
        raise LookupError(f"{value!r} is not an internal office of the organisation")

    # duties, systems, demands

    def add_owned(self, records: str, name: str, message: dict[str, Any]) -> None:
        owner = names.organization_of(name) or ""
        keys = self.owned.setdefault(records, {}).setdefault(owner, defaultdict(set))
        keys[name.rsplit("/", 1)[1]].add(name)
        keys[name].add(name)
        for attribute in ("item_code", "display_name"):
            value = message.get(attribute)
            if value:
                keys[value].add(name)

    def owned_one(self, records: str, owner: str, text: str, what: str) -> str:
        value = text.strip()
        found = self.owned.get(records, {}).get(owner, {}).get(value, set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise LookupError(f"several {what}s of the organisation match {value!r}; give its id")
        raise LookupError(f"no {what} {value!r} of the organisation")

    def find_owned(self, records: str, owner: str, key: str) -> str | None:
        found = self.owned.get(records, {}).get(owner, {}).get(key, set())
        return next(iter(found)) if len(found) == 1 else None

    # resources

    def add_resource(self, name: str, resource: dict[str, Any]) -> None:
        code = resource.get("resource_code")
        if code:
            self.resource_by_code[code] = name
        self.resource_by_title[
            (resource.get("provider", ""), resource.get("display_name", ""))
        ].add(name)

    def resource(self, text: str) -> str:
        value = text.strip()
        if value in self.resource_by_code:
            return self.resource_by_code[value]
        raise LookupError(f"no information resource with code {value!r}")


_KEY = {"duties": "duty", "systems": "system", "demands": "demand"}


# -- the import ---------------------------------------------------------------------------------


class Importer:
    """Runs one import over the catalogue store (see the module docstring)."""

    def __init__(
        self,
        store: CatalogStore,
        notify: Callable[[str, Any], None],
        use_cases: Callable[[Any], UseCases] = default_use_cases,
    ) -> None:
        self.store = store
        self.notify = notify
        self.use_cases = use_cases

    def run(
        self,
        content: bytes,
        fmt: int,
        sheet: int,
        validate_only: bool,
        progress: Progress | None = None,
    ) -> c.ImportCatalogueReport:
        return _Run(self, validate_only, progress).run(content, fmt, sheet)


class _Run:
    def __init__(self, importer: Importer, validate_only: bool, progress: Progress | None) -> None:
        self.importer = importer
        self.validate_only = validate_only
        self.progress = progress
        self.metadata = c.ImportCatalogueMetadata()
        now = Timestamp()
        now.GetCurrentTime()
        self.metadata.start_time.CopyFrom(now)
        self.report = Report()
        self.rows_by_document: dict[str, list[Row]] = {}
        self.current: list[Row] = []
        self._last_check = 0
        # (owner, key) → name of the systems this file creates (for duties naming them).
        self.future: dict[tuple[str, str], str] = {}
        # What rows named before it existed: (entity, name, row, column, full value).
        self.deferred: list[tuple[Entity, str, Row, Column, list[str]]] = []
        self.deferred_now: list[tuple[Column, list[str]]] = []
        self.changed: set[str] = set()

    # -- bookkeeping -------------------------------------------------------------------------

    def done(self, *rows: Row) -> None:
        for row in rows:
            if not row.outcome:
                row.outcome = "unchanged"
            self.metadata.rows_done += 1
        if self.metadata.rows_done - self._last_check >= CHECK_EVERY_ROWS:
            self._last_check = self.metadata.rows_done
            if self.progress is not None:
                self.progress.check()
                self.progress.report(self.metadata)

    def _staged(self, collection: str, document: dict[str, Any]) -> None:
        self.rows_by_document[f"{collection}\x00{document['_id']}"] = list(self.current)

    def _refused(self, collection: str, doc_id: str, why: str) -> None:
        for row in self.rows_by_document.get(f"{collection}\x00{doc_id}", []):
            row.errors.clear()
            row.fail("", f"not applied: {why}")

    # -- the whole run -----------------------------------------------------------------------

    def run(self, content: bytes, fmt: int, sheet: int) -> c.ImportCatalogueReport:
        book = read_workbook(content, fmt, sheet)
        all_rows = list(book.rows())
        self.metadata.rows_total = len(all_rows)
        if self.progress is not None:
            self.progress.report(self.metadata, force=True)
        staged = StagedStore(
            self.importer.store,
            self.importer.notify,
            validate_only=self.validate_only,
            on_flush_error=self._refused,
            on_staged=self._staged,
        )
        self.staged = staged
        self.cases = self.importer.use_cases(staged)
        self.directory = Directory(staged)
        try:
            self._organizations(book.sheets.get(sheets.ORGANIZATIONS.sheet))
            staged.flush()
            self._foresee_systems(book.sheets.get(SYSTEMS.sheet.sheet))
            for entity in (DUTIES, SYSTEMS):
                self._owned(entity, book.sheets.get(entity.sheet.sheet))
                staged.flush()
            self._complete_deferred()
            self._resources(
                book.sheets.get(sheets.RESOURCES.sheet), book.sheets.get(sheets.DATA_ITEMS.sheet)
            )
            staged.flush()
            self._complete_deferred()
            self._owned(DEMANDS, book.sheets.get(DEMANDS.sheet.sheet))
            staged.flush()
        finally:
            staged.discard()
        for problem in book.problems:
            self.report.add_problem(problem)
        for row in all_rows:
            self.report.count(row)
        if self.progress is not None:
            self.progress.report(self.metadata, force=True)
        return self.report.finish()

    # -- applying one row --------------------------------------------------------------------

    def _apply(
        self,
        entity: Entity,
        rows: list[Row],
        present: list[Column],
        existing: str | None,
        candidate: Message,
        create_args: tuple[Any, ...],
        items: list[Row] | None = None,
        extra_paths: Iterable[str] = (),
    ) -> str:
        """Create or update one entity from ``candidate``; the outcome of its rows.

        ``rows`` are the spreadsheet rows it came from (a resource and its data-item rows);
        problems are reported on the row and column they concern.
        """
        self.current = rows
        self.changed = {"*"}  # what an update changed; everything for a create
        head = rows[0]
        # An empty key cell (a resource without its code yet) is not a value to compare.
        paths = [
            col.path
            for col in present
            if col.path and not (col.key == sheets.ID and not head.text(col.heading))
        ] + list(extra_paths)
        try:
            if existing is not None:
                current = self._message(entity, existing)
                merged = type(current)()
                merged.CopyFrom(current)
                for path in paths:
                    sheets.set_value(merged, path, sheets.get_value(candidate, path))
                changed = sorted(
                    {
                        path.split(".")[0]
                        for path in paths
                        if sheets.get_value(current, path) != sheets.get_value(merged, path)
                    }
                )
                self.changed = set(changed)
                if not changed:
                    return "unchanged"
                method = self.cases.find(entity, entity.update)
                if method is None:
                    raise _NotYet(entity)
                patch = type(current)(name=existing)
                for top in changed:
                    sheets.set_value(patch, top, sheets.get_value(merged, top))
                method(patch, field_mask_pb2.FieldMask(paths=changed))
            else:
                method = self.cases.find(entity, entity.create)
                if method is None:
                    raise _NotYet(entity)
                method(*create_args, candidate)
        except _NotYet as exc:
            head.fail("", str(exc))
            return "rejected"
        except InvalidArgument as exc:
            for violation in exc.violations:
                self._place(entity, head, items or [], violation)
            return "rejected"
        except Unavailable:
            raise
        except GovdataError as exc:
            key = entity.sheet.key_column(sheets.ID)
            column = key.heading if isinstance(exc, AlreadyExists) and key else ""
            head.fail(column if column in head.cells else "", exc.message)
            return "rejected"
        return "applied"

    def _message(self, entity: Entity, name: str) -> Message:
        document = self.staged.records(entity.records).get(name)
        return getattr(self.staged, entity.converter)(document)

    def _place(
        self, entity: Entity, head: Row, items: list[Row], violation: FieldViolation
    ) -> None:
        """Report a use case's field violation on the row and column it concerns."""
        path = _ENTITY_PREFIX.sub("", violation.field)
        item = _ITEM_FIELD.match(path)
        if item is not None and items:
            index = int(item.group(1))
            if index < len(items):
                column = sheets.DATA_ITEMS.by_path.get(item.group(2) or "")
                heading = column.heading if column else ""
                items[index].fail(heading, violation.description)
                if head is not items[index]:
                    head.fail_once("", "not applied: some of its data items (信息项) have problems")
                return
        sheet = entity.sheet
        if violation.field == "update_mask":
            # "'provider' cannot be updated": report it on that field's column.
            quoted = re.search(r"'([a-z_.]+)'", violation.description)
            path = quoted.group(1) if quoted else path
        column = sheet.by_path.get(path)
        if column is None:
            top = path.split(".")[0].split("[")[0]
            column = next(
                (col for col in sheet.columns if col.path.split(".")[0] == top and col.path),
                None,
            )
        if column is None and (path.endswith("_id") or path in ("parent", "name")):
            column = sheet.key_column(sheets.ID if path.endswith("_id") else sheets.OWNER)
        if column is None:
            head.fail("", f"{violation.field}: {violation.description}")
            return
        head.fail(column.heading, violation.description)

    # -- reading a row -----------------------------------------------------------------------

    def _candidate(self, row: Row, present: list[Column], owner: str) -> Message:
        """The row's message: every present importable column read and its references
        resolved; problems recorded on the row."""
        message = row.sheet.message()
        self.deferred_now = []
        for column in present:
            if not column.path:
                continue
            text = row.text(column.heading)
            try:
                value = column.codec.read(text)
                if column.ref and text:
                    value, later = self._resolve(column, value, owner)
                    if later:
                        # Named entities this file creates further on: set once they exist.
                        self.deferred_now.append((column, value))
                        value = [v for v in value if v not in later]
            except sheets.CellError as exc:
                row.fail(column.heading, str(exc))
                continue
            except LookupError as exc:
                row.fail(column.heading, str(exc.args[0]))
                continue
            sheets.set_value(message, column.path, value)
        return message

    def _resolve(self, column: Column, value: Any, owner: str) -> tuple[Any, set[str]]:
        """The names ``value`` refers to, and which of them this file creates later."""
        values = value if isinstance(value, list) else [value]
        resolved: list[str] = []
        later: set[str] = set()
        for text in values:
            if column.ref == sheets.SYSTEM and isinstance(value, list):
                upcoming = self.future.get((owner, text.strip()))
                try:
                    resolved.append(
                        self.directory.owned_one("systems", owner, text, "information system")
                    )
                except LookupError:
                    if upcoming is None:
                        raise
                    resolved.append(upcoming)
                    later.add(upcoming)
                continue
            if column.ref == sheets.ORGANIZATION:
                resolved.append(self.directory.organization(text))
            elif column.ref == sheets.OFFICE:
                resolved.append(self.directory.office(owner, text))
            elif column.ref == sheets.DUTY:
                resolved.append(self.directory.owned_one("duties", owner, text, "duty"))
            elif column.ref == sheets.SYSTEM:
                resolved.append(
                    self.directory.owned_one("systems", owner, text, "information system")
                )
            elif column.ref == sheets.RESOURCE_CODE:
                resolved.append(self.directory.resource(text))
        return (resolved if isinstance(value, list) else resolved[0]), later

    def _owner(self, row: Row, entity: Entity) -> str:
        """The organisation the row's entity belongs to; "" (and a problem) if unknown."""
        column = entity.sheet.key_column(sheets.OWNER)
        assert column is not None
        text = row.text(column.heading)
        if not text:
            row.fail(column.heading, "is required: the organisation it belongs to")
            return ""
        try:
            return self.directory.organization(text)
        except LookupError as exc:
            row.fail(column.heading, str(exc.args[0]))
            return ""

    # -- organisations -----------------------------------------------------------------------

    def _organizations(self, table: SheetRows | None) -> None:
        if table is None:
            return
        id_column = sheets.ORGANIZATIONS.key_column(sheets.ID)
        assert id_column is not None
        seen: dict[str, int] = {}
        for row in _parents_first(table.rows, self.directory):
            self.current = [row]
            given = row.text(id_column.heading)
            code = row.text("统一社会信用代码")
            existing = None
            if given:
                existing = self.directory.org_by_id.get(given)
            elif code:
                existing = self.directory.org_by_code.get(code)
            org_id = given or (existing.split("/", 1)[1] if existing else _org_id(code, row))
            if existing is None and org_id in self.directory.org_by_id:
                existing = self.directory.org_by_id[org_id]
            candidate = self._candidate(row, table.present, "")
            target = existing or names.organization_name(org_id)
            if target in seen:
                row.fail(
                    id_column.heading if given else "统一社会信用代码",
                    f"describes the same organisation as line {seen[target]}",
                )
            seen.setdefault(target, row.line)
            if row.errors:
                self.done(row)
                continue
            row.outcome = self._apply(
                ORGANIZATIONS, [row], table.present, existing, candidate, (org_id,)
            )
            if row.outcome == "applied" and existing is None:
                name = names.organization_name(org_id)
                self.directory.add_organization(
                    name,
                    {
                        "unified_social_credit_code": candidate.unified_social_credit_code,
                        "display_name": candidate.display_name,
                        "parent": candidate.parent,
                    },
                )
            elif row.outcome == "applied" and existing:
                self.directory.add_organization(
                    existing,
                    {
                        "unified_social_credit_code": candidate.unified_social_credit_code,
                        "display_name": candidate.display_name,
                        "parent": candidate.parent,
                    },
                )
            self.done(row)

    # -- duties, systems, demands ------------------------------------------------------------

    def _owned(self, entity: Entity, table: SheetRows | None) -> None:
        if table is None:
            return
        if entity.records not in self.staged.staged_kinds():
            for row in table.rows:
                row.fail("", f"importing {entity.sheet.title} is not available yet in this version")
                self.done(row)
            return
        id_column = entity.sheet.key_column(sheets.ID)
        assert id_column is not None
        seen: dict[str, int] = {}
        for row in table.rows:
            self.current = [row]
            owner = self._owner(row, entity)
            candidate = self._candidate(row, table.present, owner) if owner else None
            if row.errors or candidate is None:
                self.done(row)
                continue
            given = row.text(id_column.heading)
            natural = getattr(candidate, "item_code", "") or candidate.display_name
            existing = None
            if given:
                name = f"{owner}/{entity.records}/{given}"
                existing = name if self.staged.records(entity.records).exists(name) else None
                new_id = given
            else:
                existing = self.directory.find_owned(entity.records, owner, natural)
                new_id = names.new_id(entity.id_prefix, seed=f"{owner}|{natural}")
            key = existing or f"{owner}/{new_id}"
            if key in seen:
                row.fail(
                    id_column.heading if given else "",
                    f"describes the same {entity.sheet.title} entry as line {seen[key]}",
                )
                self.done(row)
                continue
            seen[key] = row.line
            later = list(self.deferred_now)
            row.outcome = self._apply(
                entity, [row], table.present, existing, candidate, (owner, new_id)
            )
            if row.outcome != "rejected":
                name = existing or f"{owner}/{entity.records}/{new_id}"
                for column, value in later:
                    self.deferred.append((entity, name, row, column, value))
            if row.outcome == "applied" and existing is None:
                name = f"{owner}/{entity.records}/{new_id}"
                self.directory.add_owned(
                    entity.records,
                    name,
                    {
                        "display_name": candidate.display_name,
                        "item_code": getattr(candidate, "item_code", ""),
                    },
                )
            self.done(row)

    def _foresee_systems(self, table: SheetRows | None) -> None:
        """The names the systems of this file will have, so duties listed before them can
        name them (Duty.systems and InformationSystem.duties point at each other)."""
        for row in table.rows if table else []:
            try:
                owner = self.directory.organization(row.text("所属机构"))
            except LookupError:
                continue
            given, title = row.text("系统标识"), row.text("系统名称")
            existing = self.directory.find_owned("systems", owner, title) if title else None
            system_id = given or names.new_id(SYSTEMS.id_prefix, seed=f"{owner}|{title}")
            name = existing or f"{owner}/systems/{system_id}"
            for key in (given, title, system_id, name):
                if key:
                    self.future.setdefault((owner, key), name)

    def _complete_deferred(self) -> None:
        """Set the references rows made to entities created after them (now flushed)."""
        self.staged.flush()
        deferred, self.deferred = self.deferred, []
        for entity, name, row, column, value in deferred:
            self.current = [row]
            try:
                current = self._message(entity, name)
            except GovdataError:
                continue  # its creation was refused at flush; the row says so
            if sheets.get_value(current, column.path) == value:
                continue
            patch = type(current)(name=name)
            sheets.set_value(patch, column.path, value)
            method = self.cases.find(entity, entity.update)
            try:
                if method is None:
                    raise _NotYet(entity)
                method(patch, field_mask_pb2.FieldMask(paths=[column.path.split(".")[0]]))
            except InvalidArgument as exc:
                for violation in exc.violations:
                    row.fail(
                        column.heading, f"applied without this column: {violation.description}"
                    )
            except Unavailable:
                raise
            except (GovdataError, _NotYet) as exc:
                row.fail(column.heading, f"applied without this column: {exc}")
        self.staged.flush()

    # -- resources and their data items ------------------------------------------------------

    def _resources(self, table: SheetRows | None, items: SheetRows | None) -> None:
        groups = self._data_item_groups(table, items)
        handled: set[str] = set()
        seen: dict[str, int] = {}
        file_codes = {r.text("信息资源代码") for r in table.rows} - {""} if table else set()
        related = sheets.RESOURCES.by_path["related_resource_codes"]
        for row in table.rows if table else []:
            assert table is not None
            self.current = [row]
            code = row.text("信息资源代码")
            key = code or f"name:{row.text('信息资源名称')}"
            item_rows = groups.get(key, []) if key not in seen else []
            handled.add(key)
            owner = self._owner(row, RESOURCES)
            candidate = self._candidate(row, table.present, owner) if owner else None
            if key in seen:
                row.fail(
                    "信息资源代码" if code else "信息资源名称",
                    f"describes the same resource as line {seen[key]}",
                )
            seen.setdefault(key, row.line)
            items_ok = self._read_items(item_rows, row)
            if row.errors or candidate is None or not items_ok:
                self._reject_items(row, item_rows)
                self.done(row, *item_rows)
                continue
            existing = None
            if code:
                existing = self.directory.resource_by_code.get(code)
            else:
                found = self.directory.resource_by_title.get((owner, candidate.display_name), set())
                if len(found) > 1:
                    row.fail(
                        "信息资源代码",
                        "several resources of this provider have this name; give its code",
                    )
                    self._reject_items(row, item_rows)
                    self.done(row, *item_rows)
                    continue
                existing = next(iter(found), None)
            extra = []
            if item_rows:
                del candidate.data_items[:]
                candidate.data_items.extend(self._items(item_rows, existing))
                extra = ["data_items"]
            seed = f"code:{code}" if code else f"{owner}|{candidate.display_name}"
            resource_id = names.new_id("r", seed=seed)
            # Related codes of resources further down the file: set once those exist.
            wanted = list(candidate.related_resource_codes)
            later = {
                c for c in wanted if c in file_codes and c not in self.directory.resource_by_code
            }
            if later:
                del candidate.related_resource_codes[:]
                candidate.related_resource_codes.extend(c for c in wanted if c not in later)
            outcome = self._apply(
                RESOURCES,
                [row, *item_rows],
                table.present,
                existing,
                candidate,
                (owner, resource_id),
                items=item_rows,
                extra_paths=extra,
            )
            self._settle(row, item_rows, outcome)
            name = existing or names.resource_name(owner.split("/", 1)[1], resource_id)
            if outcome == "applied" and existing is None:
                document = self.staged.resources.raw(name) or {}
                self.directory.add_resource(name, document.get("resource") or {})
            if later and outcome != "rejected":
                self.deferred.append((RESOURCES, name, row, related, wanted))
            self.done(row, *item_rows)
        # Data items of resources the file has no 信息资源 row for: update those resources.
        for key, item_rows in groups.items():
            if key in handled:
                continue
            self._items_only(key, item_rows)

    def _data_item_groups(
        self, table: SheetRows | None, items: SheetRows | None
    ) -> dict[str, list[Row]]:
        """信息项 rows by the resource they belong to: its code, or ``name:`` + its name for
        resources of this file without a code (unique names only)."""
        groups: dict[str, list[Row]] = defaultdict(list)
        if items is None:
            return groups
        titles: dict[str, int] = defaultdict(int)
        for row in table.rows if table else []:
            if not row.text("信息资源代码"):
                titles[row.text("信息资源名称")] += 1
        for row in items.rows:
            code = row.text("信息资源代码")
            title = row.text("信息资源名称")
            if code:
                groups[code].append(row)
            elif title and titles.get(title) == 1:
                groups[f"name:{title}"].append(row)
            elif title and titles.get(title, 0) > 1:
                row.fail(
                    "信息资源名称",
                    "several resources of this file have this name; give 信息资源代码",
                )
                self.done(row)
            else:
                row.fail("信息资源代码", "is required: the resource the data item belongs to")
                self.done(row)
        return groups

    def _read_items(self, item_rows: list[Row], head: Row | None) -> bool:
        ok = True
        names_seen: dict[str, int] = {}
        for item in item_rows:
            self._candidate(item, [c for c in sheets.DATA_ITEMS.importable if c.path], "")
            name = item.text("信息项名称")
            if name in names_seen:
                item.fail(
                    "信息项名称", f"appears twice for this resource (line {names_seen[name]})"
                )
            names_seen.setdefault(name, item.line)
            if item.errors:
                ok = False
        if not ok and head is not None:
            head.fail_once("", "not applied: some of its data items (信息项) have problems")
        return ok

    def _items(self, item_rows: list[Row], existing: str | None) -> list[c.DataItem]:
        """The data items of the rows, each over the resource's stored item of the same name
        (so columns the sheet does not have keep their values)."""
        stored: dict[str, c.DataItem] = {}
        if existing is not None:
            current = self._message(RESOURCES, existing)
            stored = {item.name: item for item in current.data_items}  # type: ignore[attr-defined]
        return [self._item(row, stored.get(row.text("信息项名称"))) for row in item_rows]

    def _item(self, row: Row, base: c.DataItem | None = None) -> c.DataItem:
        message = c.DataItem()
        if base is not None:
            message.CopyFrom(base)
        for column in sheets.DATA_ITEMS.importable:
            if column.path and row.has(column.heading):
                sheets.set_value(message, column.path, column.codec.read(row.text(column.heading)))
        return message

    def _reject_items(self, head: Row, item_rows: list[Row]) -> None:
        for item in item_rows:
            if not item.errors:
                item.fail(
                    "",
                    f"not applied: its resource on line {head.line} of {head.title} was rejected",
                )

    def _settle(self, head: Row, item_rows: list[Row], outcome: str) -> None:
        head.outcome = outcome if not head.errors else "rejected"
        if head.outcome == "rejected":
            self._reject_items(head, item_rows)
        else:
            # Data-item rows changed something only if the resource's data items changed.
            items_changed = head.outcome == "applied" and bool(self.changed & {"*", "data_items"})
            for item in item_rows:
                item.outcome = "applied" if items_changed else "unchanged"

    def _items_only(self, key: str, item_rows: list[Row]) -> None:
        """信息项 rows alone (a CSV of data items): replace those resources' data items."""
        self.current = item_rows
        name = self.directory.resource_by_code.get(key)
        if name is None:
            for row in item_rows:
                row.fail("信息资源代码", f"no information resource with code {key!r}")
            self.done(*item_rows)
            return
        if not self._read_items(item_rows, None):
            for row in item_rows:
                if not row.errors:
                    row.fail("", "not applied: other data items of its resource have problems")
            self.done(*item_rows)
            return
        candidate = c.InformationResource(data_items=self._items(item_rows, name))
        outcome = self._apply(
            RESOURCES,
            item_rows,
            [],
            name,
            candidate,
            (),
            items=item_rows,
            extra_paths=["data_items"],
        )
        for row in item_rows:
            if outcome == "rejected" and not row.errors:
                row.fail("", "not applied: the resource's data items were rejected")
            elif not row.errors:
                row.outcome = outcome
        self.done(*item_rows)


class _NotYet(Exception):
    def __init__(self, entity: Entity) -> None:
        super().__init__(f"importing {entity.sheet.title} is not available yet in this version")


def _org_id(code: str, row: Row) -> str:
    """The id of a new organisation without 机构标识: from its credit code."""
    if code:
        return "org-" + re.sub(r"[^a-z0-9]", "", code.lower())
    return names.new_id("org", seed=row.text("机构名称"))


def _parents_first(rows: list[Row], directory: Directory) -> list[Row]:
    """Organisation rows ordered so a parent in the same file comes before its children."""
    keys: dict[str, Row] = {}
    for row in rows:
        for key in (row.text("机构标识"), row.text("统一社会信用代码"), row.text("机构名称")):
            if key:
                keys.setdefault(key, row)
    ordered: list[Row] = []
    placed: set[int] = set()
    visiting: set[int] = set()

    def place(row: Row) -> None:
        if row.line in placed or row.line in visiting:
            return  # a cycle: the use case refuses the parent that does not exist yet
        visiting.add(row.line)
        parent = keys.get(row.text("上级机构"))
        if parent is not None and parent is not row:
            place(parent)
        visiting.discard(row.line)
        placed.add(row.line)
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered
