"""What the readers share: the Extracted they return and the ReadError they raise, joining the lines of a
paragraph and the paragraphs of a document, decoding text, a PDF's header, dates as files write them, and
the author names that name nobody.

Each is here because more than one module needs it: decode_text serves format detection and the text and
HTML readers, PDF_HEADER detection and the PDF reader, iso_date the HTML and PDF readers, real_author the
PDF and DOCX ones. The bottom of the package: it imports none of the other modules.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass


class ReadError(ValueError):
    """The file cannot be read; the message says why, in Chinese."""


@dataclass
class Extracted:
    text: str  # the document's text as read, paragraphs separated by blank lines ("\n\n")
    title: str = ""
    date: str = ""  # YYYY-MM-DD when the file states it, else ""
    author: str = ""
    source: str = ""  # publication / site name when stated
    url: str = ""
    format: str = ""  # "html" | "text" | "pdf" | "docx"
    encoding: str = ""  # for text/html: the encoding used to decode
    pages: int = 0  # for PDF


# --- Paragraphs, shared by the readers ---------------------------------------------------------------


def strip_lines(text: str) -> str:
    """Every line stripped, for an indent (two full-width spaces in Chinese) is layout; blank lines kept
    as they are, but none at either end."""
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n")


def join_paragraphs(paragraphs) -> str:
    """Paragraphs separated by one blank line, empty ones left out."""
    return "\n\n".join(filter(None, map(strip_lines, paragraphs)))


def _is_cjk(char: str) -> bool:
    """Han characters and the full-width punctuation set between them, which need no space to join."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_lines(lines: list[str]) -> str:
    """Join the visual lines of one paragraph: no space between Chinese, one between words, hyphens mended."""
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if not text or _is_cjk(text[-1]) or _is_cjk(line[0]):
            text += line
        elif re.search(r"[A-Za-z]-$", text) and line[0].islower():
            text = text[:-1] + line  # "indus-" + "trial": a word hyphenated at the line end
        else:
            text += " " + line
    return text


# The account names Windows, Word and WPS put in the author field when nobody typed one: they say who
# installed the computer, not who wrote the document.
GENERIC_AUTHORS = {
    "administrator",
    "admin",
    "user",
    "users",
    "用户",
    "微软用户",
    "microsoft",
    "microsoft office user",
    "python-docx",
    "unknown",
}


def real_author(name: str | None) -> str:
    name = (name or "").strip()
    return "" if name.lower() in GENERIC_AUTHORS else name


# --- Decoding text ----------------------------------------------------------------------------------

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters other than tab, line and page breaks, private-use code points and the replacement
# character: text has few of them, a binary file decoded by luck has many. A regular expression, not a
# loop over unicodedata, because a text file may have fifty million characters.
NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
MAX_NON_TEXT_SHARE = 0.05


def _non_text_share(text: str) -> float:
    return len(NON_TEXT.findall(text)) / len(text) if text else 0.0


def _decode(content: bytes) -> tuple[str, str]:
    """Decode, trying the encodings Chinese files come in; UnicodeDecodeError if none fits."""
    if content.startswith(UTF8_BOM):
        return content[len(UTF8_BOM) :].decode("utf-8"), "utf-8"
    if content.startswith(UTF16_BOMS):
        # Notepad's "Unicode": UTF-16 with a byte order mark, the one text encoding with NUL bytes.
        return content.decode("utf-16"), "utf-16"
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # GB18030 is a superset of GBK and GB2312, what Chinese Windows saves "ANSI" text in.
        return content.decode("gb18030"), "gb18030"


def decode_text(content: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 with or without BOM, or GB18030. Binary content is refused."""
    if b"\x00" in content and not content.startswith(UTF16_BOMS):
        raise ReadError("内容含有空字节（NUL），是二进制文件，不是文本")
    try:
        text, encoding = _decode(content)
    except UnicodeDecodeError as error:
        raise ReadError(f"无法识别文本编码：既不是 UTF-8，也不是 GB18030（第 {error.start} 字节处出错）") from None
    if _non_text_share(text) > MAX_NON_TEXT_SHARE:
        raise ReadError("内容大部分不是可读字符，是二进制文件，不是文本")
    return text, encoding


# How a PDF starts, possibly after some junk: format detection and the PDF reader both look for it.
PDF_HEADER = re.compile(rb"%PDF-\d")


# --- Dates ------------------------------------------------------------------------------------------

ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def iso_date(value: str) -> str:
    """YYYY-MM-DD from "2024-03-15 09:30", "2024/3/15", "2024年3月15日"; "" if there is no valid date."""
    if not (match := ISO_DATE.search(value or "")):
        return ""
    try:
        return datetime.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return ""
