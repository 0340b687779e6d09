"""Format readers of the document archive: bytes of an HTML page, a text file, a PDF or a DOCX in, text out.

Every reader returns an Extracted: the document's text as read, paragraphs separated by a blank line,
and what the file itself says about the document (title, date, author, source). Lines are stripped of
their indents. A text file keeps its line breaks and its runs of blank lines; a PDF's lines are joined
into paragraphs (its line ends are only layout), a wide vertical gap shown as two blank lines, and each
page starts a paragraph; a page set in columns is read column by column. What is done to the text
afterwards (page chrome, normalisation, paragraph kinds, reading order, duplicates) is the business of the
other modules of the engine.

Anything that cannot be read raises ReadError, whose message says why in Chinese, for the staff who
uploaded the file.

Plain Python, no Django: the engine is usable as a library.

One module per format, what they share at the bottom; imports go down (the import-linter contract
"readers" in pyproject.toml):

    text, html, pdf, docx   the readers: read_<format>(content) -> Extracted
    detect                  what a file is, from its first bytes and its extension
    pdf_layout              the geometry of PDF pages: paragraphs from lines, columns from gutters
    common                  Extracted, ReadError, joining lines and paragraphs, decoding text, dates

This module is what callers use: read_any (size, format, reader), and the names it is made of.
"""

from .common import Extracted, ReadError
from .detect import FORMATS, detect_format
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .text import read_text

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "Extracted",
    "ReadError",
    "detect_format",
    "read_any",
    "read_docx",
    "read_html",
    "read_pdf",
    "read_text",
]

MAX_BYTES = 50 * 1024 * 1024

READERS = {"html": read_html, "text": read_text, "pdf": read_pdf, "docx": read_docx}


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def read_any(filename: str, content: bytes, max_bytes: int = MAX_BYTES) -> Extracted:
    """Check the size, tell the format, read. Refuses with ReadError; never returns an empty text."""
    if not content:
        raise ReadError("文件为空（0 字节）")
    if len(content) > max_bytes:
        size, limit = len(content), max_bytes
        raise ReadError(f"文件过大：{size} 字节（{_megabytes(size)}），上限为 {limit} 字节（{_megabytes(limit)}）")
    return READERS[detect_format(filename, content)](content)
