"""Reading Word documents (.docx): body paragraphs and table cells in document order, a merged cell once;
headers, footers and text boxes left out. The title, author and creation date (the day in Beijing) from
the core properties, when the file has them. A .docx is a zip: its unpacked size is checked before
python-docx opens it.
"""

import datetime
import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from .common import Extracted, ReadError, join_paragraphs, real_author

# Word stores the creation time in UTC; the date a Chinese office means is the one in Beijing (UTC+8,
# no daylight saving time), a file created at 07:00 on the 23rd being stored as the 22nd.
CHINA_TIME = datetime.timezone(datetime.timedelta(hours=8))
# A .docx is a zip: a small upload can unpack to gigabytes of XML (a "zip bomb"). Real documents'
# parts unpack to a few times their size; this is far beyond any of them.
MAX_UNPACKED_BYTES = 500 * 1024 * 1024


def _table_paragraphs(table: Table, seen: set) -> list[str]:
    """Each cell a paragraph, row by row; a merged cell, which python-docx repeats, only once.

    seen holds the cells' XML elements themselves, not their id(): lxml makes a new Python object for an
    element nobody holds, and a freed object's id is reused.
    """
    paragraphs = []
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            paragraphs.append(join_paragraphs(_block_paragraphs(cell, seen)))
    return paragraphs


def _block_paragraphs(container, seen: set) -> list[str]:
    """Paragraphs and tables in document order, tables nested in cells included."""
    paragraphs = []
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs.append(block.text)
        elif isinstance(block, Table):
            paragraphs.extend(_table_paragraphs(block, seen))
    return paragraphs


def _docx_members(content: bytes) -> set[str]:
    """The names of the parts in the archive, once its unpacked size is known to be sane."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ReadError("DOCX 文件已损坏或不完整，无法解压") from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReadError(f"DOCX 解压后过大（{unpacked} 字节，上限 {MAX_UNPACKED_BYTES} 字节），疑似压缩炸弹")
    return {member.filename for member in members}


def _open_docx(content: bytes):
    try:
        return docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError):
        raise ReadError("不是有效的 Word 文档（.docx）：缺少文档正文部分") from None
    except ValueError as error:  # python-docx refuses macro documents and templates by content type
        raise ReadError(f"不是 Word 文档（.docx）：{error}") from None
    except Exception as error:  # damaged XML and parts python-docx trips over: all mean a broken file
        raise ReadError(f"DOCX 文件已损坏，无法解析（{type(error).__name__}：{error}）") from None


def docx_date(created) -> str:
    if not isinstance(created, datetime.datetime):
        return ""
    if created.tzinfo is None:
        created = created.replace(tzinfo=datetime.UTC)
    return created.astimezone(CHINA_TIME).date().isoformat()


def read_docx(content: bytes) -> Extracted:
    """Body paragraphs and table cells in document order; headers, footers and text boxes are left out."""
    members = _docx_members(content)
    document = _open_docx(content)
    body = join_paragraphs(_block_paragraphs(document, set()))
    if not body:
        raise ReadError("Word 文档中没有文字")
    if "docProps/core.xml" not in members:
        # python-docx makes up properties for a file without any (title "Word Document"): none is stated.
        return Extracted(text=body, format="docx")
    properties = document.core_properties
    return Extracted(
        text=body,
        title=(properties.title or "").strip(),
        date=docx_date(properties.created),
        author=real_author(properties.author),
        format="docx",
    )
