"""Reading and writing the tables people exchange: CSV (UTF-8 or GB18030, as Excel saves it
on a Chinese Windows) and XLSX. Refuses what is too large or not what it claims to be."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from itertools import islice

from django.conf import settings
from openpyxl import Workbook
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
from openpyxl.xml.functions import iterparse

XLSX_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file cannot be read as a table; the message says why, in Chinese."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the user sees it in Excel, cells)


MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much of a table is read before it is refused: a small file may hold a million rows (an XLSX is
    compressed), so the rows and cells are counted as they are read and reading stops at the first past
    a limit; and an XLSX whose parts unpack to more than `unpacked` bytes is refused before it is opened."""

    rows: int  # rows with something in them, the header not counted
    cells: int  # cells read, empty ones included (a sheet may be padded to 16,384 columns)
    unpacked: int

    @classmethod
    def registry(cls) -> "Limits":
        """The registry's tables (enterprises, parks, clusters, titles): a district's, kept small."""
        return cls(
            settings.CHANYE_MAX_IMPORT_ROWS, settings.CHANYE_MAX_IMPORT_CELLS, settings.CHANYE_MAX_IMPORT_UNPACKED_BYTES
        )

    @classmethod
    def observations(cls) -> "Limits":
        """Statistics files: a city's figures over years."""
        return cls(
            settings.CHANYE_MAX_OBSERVATION_IMPORT_ROWS,
            settings.CHANYE_MAX_OBSERVATION_IMPORT_CELLS,
            settings.CHANYE_MAX_OBSERVATION_IMPORT_UNPACKED_BYTES,
        )


def unpacked_size(content: bytes) -> int:
    """What a zip (XLSX, DOCX) unpacks to, from its directory: nothing is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise TableError("文件已损坏或不完整，无法解压") from None


def check_unpacked(content: bytes, limit: int) -> None:
    """Refuse a zip bomb before any reader opens it."""
    size = unpacked_size(content)
    if size > limit:
        raise TableError(f"文件解压后过大：{size / MB:.0f} MB，上限为 {limit / MB:.0f} MB（疑似压缩炸弹），请检查文件")


def bounded(rows, limits: Limits, text: bool = False):
    """The rows as they are read, stopped with a TableError at the first past a limit: the rest of the
    file is never read. The first row with something in it is the header, not counted. `text`: every
    cell is a string (a CSV's), so a row has something in it when any cell is not empty."""
    filled = cells = 0
    for row in rows:
        cells += len(row)
        if cells > limits.cells:
            raise _too_many_cells(limits)
        if any(row) if text else any(value not in (None, "") for value in row):
            filled += 1
            if filled > limits.rows + 1:
                raise _too_many_rows(limits)
        yield row


CHUNK_ROWS = 20_000


def bounded_chunks(rows, limits: Limits):
    """bounded() for rows of text, as (list of up to CHUNK_ROWS rows, whether each has something in it):
    the counting is done for a list at a time (in C, not a Python step per row), so at most one list more
    is read than bounded() reads."""
    filled = cells = 0
    while chunk := list(islice(rows, CHUNK_ROWS)):
        cells += sum(map(len, chunk))
        if cells > limits.cells:
            raise _too_many_cells(limits)
        flags = list(map(any, chunk))
        filled += sum(flags)
        if filled > limits.rows + 1:
            raise _too_many_rows(limits)
        yield chunk, flags


def _too_many_cells(limits: Limits) -> TableError:
    return TableError(f"单元格过多：超过 {limits.cells} 个（空单元格也计入），请删去多余的行和列后再导入")


def _too_many_rows(limits: Limits) -> TableError:
    return TableError(f"行数过多：超过 {limits.rows} 行，请分成几个文件导入")


def read_table(name: str, content: bytes) -> Table:
    limit = settings.CHANYE_MAX_IMPORT_BYTES
    if len(content) > limit:
        raise TableError(f"文件过大：{len(content) / MB:.1f} MB，上限为 {limit // MB} MB")
    if not content:
        raise TableError("文件是空的")
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    limits = Limits.registry()
    if suffix == "xlsx":
        return _table(bounded(xlsx_rows(content, limits), limits))
    if suffix == "csv":
        return _table(bounded(csv_rows(content), limits, text=True))
    raise TableError(f"不支持的文件类型“.{suffix}”：请上传 .csv 或 .xlsx 文件")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(raw_rows) -> Table:
    rows = [[_cell(v) for v in row] for row in raw_rows]
    if not rows or not any(rows[0]):
        raise TableError("文件没有表头：第1行应为列名")
    headers = rows[0]
    while headers and not headers[-1]:
        headers.pop()
    body = [(number, row[: len(headers)]) for number, row in enumerate(rows[1:], start=2) if any(row)]
    return Table(headers=headers, rows=body)


class _StreamedSheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, except where it looks for the size the file states: only before the
    rows. openpyxl's own search goes on to the end of the rows when a file states none, so a sheet of a
    million rows was parsed whole (40 s) before its first row could be read and the row limit applied."""

    def _get_size(self):
        with self._get_source() as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    ref = element.get("ref", "")
                    if ":" in ref:  # "A1:C20"; a lone "A1" is what an empty sheet states
                        self._min_column, self._min_row, self._max_column, self._max_row = range_boundaries(ref)
                    return
                if element.tag == DATA_TAG:
                    return


class _StreamingReader(ExcelReader):
    """openpyxl's reader in read-only mode, its worksheets _StreamedSheet (chart sheets have no rows)."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                worksheet = _StreamedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
                worksheet.sheet_state = sheet.state
                self.wb._sheets.append(worksheet)


def open_workbook(content: bytes, limits: Limits):
    """A workbook opened to be streamed (openpyxl's read-only mode: rows parsed as they are asked for);
    refuses what is not a workbook or unpacks to too much."""
    if not content.startswith(XLSX_MAGIC):
        raise TableError("文件扩展名为 .xlsx，但内容不是 Excel 工作簿")
    check_unpacked(content, limits.unpacked)
    try:
        reader = _StreamingReader(io.BytesIO(content), read_only=True, data_only=True)
        reader.read()
        return reader.wb
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise TableError(f"无法读取 Excel 文件：{error.__class__.__name__}") from error


def xlsx_rows(content: bytes, limits: Limits):
    """The first sheet's rows as tuples of cell values, streamed; refuses what is not a workbook."""
    return open_workbook(content, limits).worksheets[0].iter_rows(values_only=True)


def csv_rows(content: bytes):
    """Rows of a CSV saved as UTF-8 (with or without BOM) or GB18030, as Excel does on Chinese Windows."""
    if b"\x00" in content[:65536]:
        raise TableError("文件扩展名为 .csv，但内容不是文本")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return csv.reader(io.StringIO(content.decode(encoding)))
        except UnicodeDecodeError:
            continue
    raise TableError("无法识别文件编码：请另存为 UTF-8 或 GB18030 编码的 CSV")


# What a spreadsheet reads as the start of a formula (=, and + - @ which Excel turns into one when the
# cell is edited), and the tab and carriage return that hide it after a harmless-looking start.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell) -> None:
    """A text cell that a spreadsheet must never evaluate: a name typed as =HYPERLINK(…) in a form is
    exported as that text, not as a live formula. Numbers (negative ones too) stay numbers."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel keeps it text even when the cell is edited


def workbook_bytes(workbook) -> bytes:
    """Every workbook the platform exports is saved through here: each text cell is made inert first."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                as_text(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(title: str, headers: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width * 2))
    return workbook_bytes(workbook)
