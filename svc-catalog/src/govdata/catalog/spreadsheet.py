"""Reading the cell values of an uploaded spreadsheet: XLSX (Office Open XML) or CSV.

Why not openpyxl for reading: it builds a cell object with its style for every cell and
reads 10,000 resources with 50,000 data items (540,000 cells) in about 28 s on the reference
machine, half the issue's budget for the whole import. Values are all an import needs, so
this reads the workbook's XML directly with the standard library's C parser (``iterparse``,
elements cleared as they are read): sheet names from ``workbook.xml`` and its relationships,
text from ``sharedStrings.xml`` (rich-text runs joined, phonetic guides left out) or inline
strings, numbers, booleans, and dates where the cell's number format is a date format (the
built-in ones including the Chinese locale's 27-36 and 50-58, and custom ones, decided by
openpyxl's own ``is_date_format``). Formulas give their cached value. Export still writes
with openpyxl.

Uploaded files are untrusted: the archive is checked first (``check_archive``): a part with
a DTD (entity expansion) or an archive inflating past ``MAX_INFLATED_BYTES`` is refused whole.

A table is a list of ``(line, values)``: the line number the spreadsheet shows (the heading
is usually line 1) and the row's values by column, ``None`` where a cell is empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any

# The standard library's C parser, on parts check_archive has seen hold no DTD (see there);
# defusedxml's parsers are pure Python above expat and several times slower.
from xml.etree.ElementTree import Element, iterparse

from govdata.runtime.errors import FieldViolation, InvalidArgument

MAX_INFLATED_BYTES = 512 * 1024 * 1024
MAX_CELL_CHARS = 32_767  # Excel's own limit per cell
# Columns read per row: the templates have fewer than 30; a cell far to the right (XFD is
# column 16,384) must not make every row a list that long.
MAX_COLUMNS = 256

Table = list[tuple[int, list[Any]]]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")
# Built-in number formats that show dates or times: the international ones and the Chinese
# (zh-CN) locale's, which Excel stores by id only.
_DATE_FORMAT_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}


def _bad(message: str) -> InvalidArgument:
    return InvalidArgument(FieldViolation("content", message))


# -- CSV ------------------------------------------------------------------------------------------


def read_csv(content: bytes, limit: int) -> Table:
    """UTF-8 (with or without BOM) as the contract says; GB18030, which Excel in Chinese
    saves by default, is accepted too rather than turned into mojibake."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte sequence
        raise _bad("is not UTF-8 text")
    if "\x00" in text:
        raise _bad("is not a text (CSV) file")
    csv.field_size_limit(MAX_CELL_CHARS * 4)
    table: Table = []
    try:
        for line, values in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if line > limit:
                raise _bad(f"has more than {limit} rows; split the file")
            table.append((line, list(values[:MAX_COLUMNS])))
    except csv.Error as exc:
        raise _bad(f"is not valid CSV: {exc}") from None
    return table


def read_csv_zip(content: bytes, limit: int) -> list[tuple[str, Table]]:
    """The CSV files of a ZIP archive (the CSV_ZIP export), each titled by its file name
    without ``.csv``, in archive order."""
    archive = check_archive(content)
    tables = []
    rows = 0
    with archive:
        for member in archive.infolist():
            if member.is_dir() or not member.filename.lower().endswith(".csv"):
                continue
            title = posixpath.basename(member.filename)[: -len(".csv")]
            table = read_csv(archive.read(member), limit - rows)
            rows += len(table)
            tables.append((title, table))
    if not tables:
        raise _bad("is a ZIP archive without CSV files")
    return tables


# -- XLSX -----------------------------------------------------------------------------------------


def check_archive(content: bytes) -> zipfile.ZipFile:
    """The archive, once it is known not to blow up the reader (module docstring)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _bad("is not an XLSX workbook (not a readable ZIP archive)") from None
    inflated = 0
    for member in members:
        inflated += member.file_size
        if inflated > MAX_INFLATED_BYTES:
            raise _bad("inflates to more than 512 MiB; refused")
        if not member.filename.endswith((".xml", ".rels")):
            continue
        if _declares_dtd(archive, member):
            raise _bad("contains XML with a DTD; refused")
    return archive


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the part holds a document type declaration anywhere (the whole part is read:
    comments may push one past any prefix). Without one, XML can declare no entity, so no
    entity expansion (billion laughs) and no external entity reaches the parser."""
    tail = b""
    try:
        with archive.open(member) as part:
            while chunk := part.read(1 << 20):
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    return True
                tail = chunk[-16:]
    except (zipfile.BadZipFile, RuntimeError, ValueError, OSError, EOFError):
        raise _bad(f"part {member.filename[:100]} cannot be read") from None
    return False


def read_xlsx(content: bytes, limit: int) -> list[tuple[str, Table]]:
    """Every worksheet's title and table, in workbook order; INVALID_ARGUMENT (``content``)
    for what is not a readable workbook or holds more than ``limit`` rows."""
    archive = check_archive(content)
    try:
        with archive:
            return _Workbook(archive, limit).tables()
    except InvalidArgument:
        raise
    except (KeyError, ValueError, IndexError, SyntaxError, zipfile.BadZipFile, OSError):
        # ParseError is a SyntaxError; a missing part a KeyError; a bad index a ValueError.
        raise _bad("is not a readable XLSX workbook") from None


class _Workbook:
    def __init__(self, archive: zipfile.ZipFile, limit: int) -> None:
        self.archive = archive
        self.limit = limit
        self.rows_read = 0
        workbook = self._parse("xl/workbook.xml")
        relations = self._relations("xl/_rels/workbook.xml.rels", "xl")
        properties = workbook.find(f"{_MAIN}workbookPr")
        self.epoch_1904 = properties is not None and properties.get("date1904") in ("1", "true")
        self.sheets = [
            (sheet.get("name", ""), relations[sheet.get(f"{_REL}id", "")])
            for sheet in workbook.iter(f"{_MAIN}sheet")
        ]
        kinds = {target.rsplit("/", 1)[-1]: target for target in relations.values()}
        self.strings = self._shared_strings(kinds.get("sharedStrings.xml", "xl/sharedStrings.xml"))
        self.date_styles = self._date_styles(kinds.get("styles.xml", "xl/styles.xml"))

    def _open(self, path: str) -> IO[bytes]:
        return self.archive.open(path)

    def _parse(self, path: str) -> Element:
        with self._open(path) as part:
            for _event, element in iterparse(part, events=("end",)):  # noqa: S314
                root = element
        return root

    def _relations(self, path: str, base: str) -> dict[str, str]:
        found = {}
        for relation in self._parse(path).iter(f"{_PACKAGE_REL}Relationship"):
            target = relation.get("Target", "")
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(base, target))
            found[relation.get("Id", "")] = target
        return found

    def _shared_strings(self, path: str) -> list[str]:
        if path not in self.archive.namelist():
            return []
        strings: list[str] = []
        with self._open(path) as part:
            for _event, element in iterparse(part, events=("end",)):  # noqa: S314
                if element.tag == f"{_MAIN}si":
                    strings.append(_text_of(element))
                    element.clear()
        return strings

    def _date_styles(self, path: str) -> set[int]:
        """Indexes of the cell formats (``s`` of a cell) that show a date or time."""
        if path not in self.archive.namelist():
            return set()
        from openpyxl.styles.numbers import is_date_format

        styles = self._parse(path)
        custom = {
            int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "")
            for fmt in styles.iter(f"{_MAIN}numFmt")
        }
        dated = set()
        cell_formats = styles.find(f"{_MAIN}cellXfs")
        for index, xf in enumerate(cell_formats if cell_formats is not None else []):
            number_format = int(xf.get("numFmtId", "0"))
            code = custom.get(number_format)
            if (code is not None and is_date_format(code)) or (
                code is None and number_format in _DATE_FORMAT_IDS
            ):
                dated.add(index)
        return dated

    def tables(self) -> list[tuple[str, Table]]:
        return [(title, list(self._rows(path))) for title, path in self.sheets]

    def _rows(self, path: str) -> Iterator[tuple[int, list[Any]]]:
        with self._open(path) as part:
            line = 0
            for _event, element in iterparse(part, events=("end",)):  # noqa: S314
                if element.tag != f"{_MAIN}row":
                    continue
                line = int(element.get("r") or line + 1)
                values: list[Any] = []
                for cell in element.iter(f"{_MAIN}c"):
                    column = _column_of(cell.get("r"), len(values))
                    if column >= MAX_COLUMNS:
                        continue
                    if column >= len(values):
                        values.extend([None] * (column - len(values) + 1))
                    values[column] = self._value(cell)
                element.clear()
                self.rows_read += 1
                if self.rows_read > self.limit:
                    raise _bad(f"has more than {self.limit} rows; split the file")
                yield line, values

    def _value(self, cell: Element) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(f"{_MAIN}is")
            return _text_of(inline) if inline is not None else None
        raw = cell.findtext(f"{_MAIN}v")
        if raw is None:
            return None
        if kind == "s":
            return self.strings[int(raw)]
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind in ("str", "e"):
            return raw
        try:
            number = float(raw)
        except ValueError:
            return raw
        if int(cell.get("s", "0")) in self.date_styles:
            return _excel_date(number, self.epoch_1904)
        return int(number) if number.is_integer() and "E" not in raw.upper() else number


def _text_of(element: Element) -> str:
    """A string item's text: its ``t`` runs, not the phonetic guide (``rPh``)."""
    if element is None:
        return ""
    direct = element.find(f"{_MAIN}t")
    if direct is not None:
        return direct.text or ""
    return "".join(run.findtext(f"{_MAIN}t") or "" for run in element.iter(f"{_MAIN}r"))


def _column_of(reference: str | None, default: int) -> int:
    if not reference:
        return default
    match = _CELL_REF.match(reference)
    if match is None:
        return default
    number = 0
    for letter in match.group(1):
        number = number * 26 + (ord(letter) - 64)
    if number > 16_384:  # Excel's last column, XFD
        raise _bad(f"cell {reference[:12]} is beyond the last column")
    return number - 1


def _excel_date(serial: float, epoch_1904: bool) -> dt.datetime | float:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    try:
        value = from_excel(serial, CALENDAR_MAC_1904 if epoch_1904 else CALENDAR_WINDOWS_1900)
    except (OverflowError, ValueError):
        return serial
    return value if isinstance(value, dt.datetime) else serial
