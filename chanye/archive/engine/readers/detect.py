"""Telling formats apart: what a file is, judged by its first bytes, checked against its extension.

A module of its own because the judgement spans every format: the four chanye reads, and the ones it
refuses (old Word and WPS files, spreadsheets, OFD, RTF, images...), most with a word on what to upload
instead. Each reader assumes its format; read_any asks detect_format which reader to call.
"""

import io
import re
import zipfile
from pathlib import PurePath

from .common import PDF_HEADER, UTF8_BOM, ReadError, decode_text

FORMATS = ("html", "text", "pdf", "docx")

EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".pdf": "pdf",
    ".docx": "docx",
}

# What a file can turn out to be. Only the four FORMATS are read; for the others, the message says how
# to get a file chanye can read.
KINDS = {
    "html": "网页（HTML）",
    "text": "纯文本",
    "pdf": "PDF 文件",
    "docx": "Word 文档（.docx）",
    "ole": "旧版 Office 或 WPS 文件（.doc / .wps / .xls）",
    "office-encrypted": "设置了打开密码的 Office 文档",
    "xlsx": "Excel 工作簿（.xlsx）",
    "pptx": "PowerPoint 演示文稿（.pptx）",
    "ofd": "OFD 版式文件",
    "zip": "ZIP 压缩包",
    "damaged-zip": "已损坏的 ZIP 压缩包",
    "rtf": "RTF 文档",
    "image": "图片",
    "binary": "二进制数据",
}
ADVICE = {
    "ole": "请在 Word 或 WPS 中另存为 .docx 或 PDF 后再上传",
    "office-encrypted": "请去掉打开密码后再上传",
    "xlsx": "表格数据请通过数据导入功能上传",
    "ofd": "请另存为 PDF 后再上传",
    "rtf": "请在 Word 或 WPS 中另存为 .docx 后再上传",
    "image": "扫描件和图片需要文字识别（OCR），chanye 不做 OCR",
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")


HTML_START = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE | re.DOTALL
)


def _sniff_zip(content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        # A cut-short archive has lost its directory, which is at the end; the names of its first
        # members are still there at the start. read_docx then says the file is damaged.
        return "docx" if b"word/document.xml" in content else "damaged-zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _sniff(content: bytes) -> str:
    """What the content is, from its first bytes, whatever the file is called."""
    # The PDF header may follow some junk: readers accept it within the first 1024 bytes.
    if PDF_HEADER.search(content[:1024]):
        return "pdf"
    if content.startswith(b"PK\x03\x04"):
        return _sniff_zip(content)
    if content.startswith(OLE_MAGIC):
        # A Word document with an opening password is an OLE container too, holding "EncryptionInfo".
        return "office-encrypted" if "EncryptionInfo".encode("utf-16-le") in content else "ole"
    if content.startswith(IMAGE_MAGICS):
        return "image"
    if content.lstrip(UTF8_BOM + b" \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    try:
        text, _ = decode_text(content)
    except ReadError:
        return "binary"
    return "html" if HTML_START.match(text[:2048]) else "text"


def _describe(kind: str) -> str:
    advice = ADVICE.get(kind)
    return f"{KINDS[kind]}；{advice}" if advice else KINDS[kind]


def detect_format(filename: str, content: bytes) -> str:
    """Return "html", "text", "pdf" or "docx", judged by the content first and the extension second.

    A file whose extension claims one format while its content is another is refused: it was renamed,
    damaged or mislabelled, and reading it as either would mislead. HTML and text count as one family,
    since a web page saved as .txt is still a web page.
    """
    extension = PurePath(filename).suffix.lower()
    claimed = EXTENSIONS.get(extension)
    kind = _sniff(content)
    if kind == "binary" and claimed in ("text", "html", None):
        decode_text(content)  # raises with the precise reason (NUL bytes, unknown encoding, ...)
    if claimed and kind != claimed and not {claimed, kind} <= {"html", "text"}:
        raise ReadError(f"文件扩展名为 {extension}，但内容是{_describe(kind)}")
    if kind not in FORMATS:
        raise ReadError(f"不支持的文件格式：{_describe(kind)}")
    return kind
