"""Reading and writing the tables people exchange: CSV (UTF-8 or GB18030, as Excel saves it
on a Chinese Windows) and XLSX. Refuses what is too large or not what it claims to be."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from openpyxl import Workbook, load_workbook

XLSX_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file cannot be read as a table; the message says why, in Chinese."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the user sees it in Excel, cells)


def read_table(name: str, content: bytes) -> Table:
    limit = settings.CHANYE_MAX_IMPORT_BYTES
    if len(content) > limit:
        raise TableError(f"文件过大：{len(content) / 1024 / 1024:.1f} MB，上限为 {limit // 1024 // 1024} MB")
    if not content:
        raise TableError("文件是空的")
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "xlsx":
        table = _read_xlsx(content)
    elif suffix == "csv":
        table = _read_csv(content)
    else:
        raise TableError(f"不支持的文件类型“.{suffix}”：请上传 .csv 或 .xlsx 文件")
    if len(table.rows) > settings.CHANYE_MAX_IMPORT_ROWS:
        raise TableError(f"行数过多：{len(table.rows)} 行，上限为 {settings.CHANYE_MAX_IMPORT_ROWS} 行")
    return table


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


def xlsx_rows(content: bytes):
    """The first sheet's rows as tuples of cell values; refuses what is not a workbook."""
    if not content.startswith(XLSX_MAGIC):
        raise TableError("文件扩展名为 .xlsx，但内容不是 Excel 工作簿")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise TableError(f"无法读取 Excel 文件：{error.__class__.__name__}") from error
    return workbook.worksheets[0].iter_rows(values_only=True)


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


def _read_xlsx(content: bytes) -> Table:
    return _table(xlsx_rows(content))


def _read_csv(content: bytes) -> Table:
    return _table(csv_rows(content))


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
