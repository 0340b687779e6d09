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
"""

import datetime
import io
import itertools
import math
import re
import statistics
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import docx
import pdfplumber
import pypdfium2
import trafilatura
import trafilatura.settings
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree
from lxml import html as lxml_html
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

MAX_BYTES = 50 * 1024 * 1024

FORMATS = ("html", "text", "pdf", "docx")


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


# --- Telling formats apart --------------------------------------------------------------------------

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
PDF_HEADER = re.compile(rb"%PDF-\d")
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


# --- Text -------------------------------------------------------------------------------------------


def _is_indented(line: str) -> bool:
    return line[:1].isspace()  # includes the full-width space U+3000 of Chinese first-line indents


def text_paragraphs(text: str) -> str:
    """Plain text with its paragraphs separated by blank lines, by whichever convention the file follows.

    A file with blank lines is kept as read: its line breaks, and its runs of blank lines, since a wide
    gap says something (a picture stood there, and the line after it is its caption). Without blank
    lines: when some lines are indented and some not, an indented line opens a paragraph (Chinese text
    wrapped by hand, two full-width spaces before each paragraph); otherwise one line is one paragraph,
    the way Notepad users write.
    """
    stripped = strip_lines(text)
    if "\n\n" in stripped:
        return stripped
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    indented = [_is_indented(line) for line in lines]
    if not any(indented) or all(indented):
        return join_paragraphs(lines)
    blocks: list[list[str]] = []
    for line, opens in zip(lines, indented, strict=True):
        if opens or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return join_paragraphs("\n".join(block) for block in blocks)


def read_text(content: bytes) -> Extracted:
    text, encoding = decode_text(content)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    body = text_paragraphs(text)
    if not body:
        raise ReadError("文本文件中没有文字")
    return Extracted(text=body, format="text", encoding=encoding)


# --- HTML -------------------------------------------------------------------------------------------

# trafilatura's length thresholds count characters and were tuned on alphabetic languages; a Chinese
# character carries about as much as a word. At its default (250) a short Chinese notice falls below the
# threshold and trafilatura swaps in a cruder extraction that keeps the navigation and the footer.
TRAFILATURA_CONFIG = trafilatura.settings.use_config()
TRAFILATURA_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
# htmldate's "extensive search" takes any year in the page for a date: "版权所有 2009-2024" in a footer
# became 2009-01-01. Without it, only markup that says it is a date counts; labelled_date() adds the
# labels Chinese pages print.
DATE_PARAMETERS = {"original_date": True, "extensive_search": False}

# The metadata every Chinese government site must put on its article pages (国务院办公厅《政府网站发展
# 指引》, 2017), and the names news sites use. trafilatura does not know them, and drops any author name
# without a space in it, that is every Chinese name.
META_AUTHOR = ("author", "Author", "article:author")
META_SOURCE = ("ContentSource", "source", "Source", "og:site_name", "SiteName")
META_TITLE = ("ArticleTitle",)
META_DATE = ("PubDate", "pubdate", "publishdate", "article:published_time")
META_URL = ("Url",)
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
SOURCE_PREFIX = re.compile(r"^(来源|稿源|出处)\s*[:：]\s*")
ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
LABELLED_DATE = re.compile(r"(?:发布|发文|成文|印发)(?:时间|日期)\s*[:：]?\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2})")


def decode_html(content: bytes) -> tuple[str, str]:
    """Decode a web page: a BOM, then UTF-8, then the charset the page declares, then GB18030."""
    if content.startswith((UTF8_BOM, *UTF16_BOMS)):
        return decode_text(content)
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Valid UTF-8 is almost never anything else, so a declaration is only trusted when UTF-8 fails.
    # GB2312 and GBK declarations are read as GB18030, their superset: pages labelled GB2312 use GBK.
    if (declared := DECLARED_CHARSET.search(content[:4096])) is not None:
        charset = declared.group(1).decode("ascii").lower()
        if charset not in ("gb2312", "gbk", "gb18030", "utf-8", "utf8"):
            try:
                return content.decode(charset), charset
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(content)


def parse_page(page: str):
    """The page's lxml tree, or None when lxml cannot make one."""
    try:
        return lxml_html.document_fromstring(page.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None


def page_metadata(tree) -> dict[str, str]:
    """The <meta name/property="..." content="..."> pairs of a page, first one of each name."""
    metadata: dict[str, str] = {}
    for meta in tree.iter("meta") if tree is not None else ():
        name = meta.get("name") or meta.get("property")
        value = (meta.get("content") or "").strip()
        if name and value:
            metadata.setdefault(name.strip(), value)
    return metadata


def labelled_date(tree) -> str:
    """The date printed after 发布时间 / 发布日期 / 成文日期 ... in the page, when there is one."""
    if tree is None:
        return ""
    match = LABELLED_DATE.search(tree.text_content())
    return iso_date(match.group(1)) if match else ""


def _first(metadata: dict[str, str], names) -> str:
    return next((metadata[name] for name in names if metadata.get(name)), "")


def iso_date(value: str) -> str:
    """YYYY-MM-DD from "2024-03-15 09:30", "2024/3/15", "2024年3月15日"; "" if there is no valid date."""
    if not (match := ISO_DATE.search(value or "")):
        return ""
    try:
        return datetime.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return ""


# trafilatura's XML: block elements hold paragraphs; <lb/> is a line break inside one.
BLOCKS = {"p", "head", "item", "cell", "quote", "code", "list", "table", "row", "div", "body"}


def _inline_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def body_paragraphs(element):
    """Paragraphs of trafilatura's body tree, in order; table cells and list items each a paragraph."""
    if not any(child.tag in BLOCKS for child in element):
        yield _inline_text(element)
        return
    yield element.text or ""
    for child in element:
        yield from body_paragraphs(child) if child.tag in BLOCKS else [_inline_text(child)]
        yield child.tail or ""


def read_html(content: bytes, url: str = "") -> Extracted:
    page, encoding = decode_html(content)
    document = trafilatura.bare_extraction(
        page,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=DATE_PARAMETERS,
        config=TRAFILATURA_CONFIG,
    )
    found = document is not None and document.body is not None
    body = join_paragraphs(body_paragraphs(document.body)) if found else ""
    if not body:
        raise ReadError("网页中没有找到正文")
    tree = parse_page(page)
    metadata = page_metadata(tree)
    return Extracted(
        text=body,
        title=(_first(metadata, META_TITLE) or document.title or "").strip(),
        date=iso_date(_first(metadata, META_DATE)) or iso_date(document.date or "") or labelled_date(tree),
        author=(document.author or _first(metadata, META_AUTHOR)).strip(),
        source=SOURCE_PREFIX.sub("", _first(metadata, META_SOURCE) or document.sitename or "").strip(),
        url=url or _first(metadata, META_URL) or document.url or "",
        format="html",
        encoding=encoding,
    )


# --- PDF --------------------------------------------------------------------------------------------


@dataclass
class Line:
    """One line of text on a PDF page, in points from the top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


# Acrobat looks for the end-of-file marker in the last 1024 bytes; a file without one there was cut short
# (an interrupted download or upload), and pdfminer would read the pages it can find and say nothing.
PDF_EOF_WINDOW = 1024
# A line opens a paragraph when it starts this many line heights right of the previous line and of the
# page's left edge: the two-character indent of Chinese text, the em-indent of Western text.
INDENT = 0.8
# A gap between lines larger than the usual gap by this many line heights separates paragraphs.
EXTRA_GAP = 0.6
# A gap of this many lines (a picture's space) is kept as two blank lines rather than one, as a text
# file would show it: paragraphs.py takes a short line standing alone between such gaps for a caption.
WIDE_GAP = 3.0
# A line ending this many line heights short of the right edge, on a full stop, ends its paragraph.
SHORT_LINE = 2.0
SENTENCE_END = tuple("。！？；：…”’」』）.!?;:")


@dataclass
class Block:
    """Lines read as one run, top to bottom, with the edges their indents and short lines are measured
    from: a whole page of one column, or on a page set in columns a strip across them (a headline) or one
    column of a band between strips."""

    lines: list[Line]
    left: float
    right: float
    band: int | None = None  # for a column, its band: a paragraph may run on into the band's next column


def single_block(lines: list[Line]) -> list[Block]:
    """A page read as one column, its edges the leftmost and rightmost ends of its lines."""
    if not lines:
        return []
    return [Block(lines, min(line.x0 for line in lines), max(line.x1 for line in lines))]


def _typical_gap(runs: list[list[Line]]) -> float:
    """The usual space between two lines of one paragraph: the lower quartile of all gaps in the file,
    counted within each run of lines (a column's foot and the next one's head are no gap)."""
    gaps = [
        line.top - previous.bottom
        for lines in runs
        for previous, line in itertools.pairwise(lines)
        if line.top >= previous.bottom
    ]
    if len(gaps) < 2:
        return gaps[0] if gaps else 0.0
    return statistics.quantiles(gaps, n=4)[0]


def blank_lines_before(previous: Line, line: Line, left: float, right: float, typical_gap: float) -> int:
    """0 when line goes on previous's paragraph; else the blank lines that show the break: 1, or 2 for a
    wide gap."""
    height = max(previous.height, line.height, 1.0)
    gap = line.top - previous.bottom
    if gap >= WIDE_GAP * (typical_gap + height):
        return 2
    if gap > typical_gap + EXTRA_GAP * height:
        return 1
    if line.x0 - left > INDENT * height and line.x0 - previous.x0 > INDENT * height:
        return 1
    return int(right - previous.x1 > SHORT_LINE * height and previous.text.endswith(SENTENCE_END))


def runs_on(previous: Block, block: Block) -> bool:
    """Whether the paragraph at the foot of previous goes on at the head of block, the next column of the
    same band: the column's last line reaches its right edge without ending a sentence, and the next
    column's first line is not indented. Anything else starts a paragraph, as a column mostly does."""
    if previous.band is None or previous.band != block.band:
        return False
    last, first = previous.lines[-1], block.lines[0]
    height = max(last.height, first.height, 1.0)
    return (
        previous.right - last.x1 <= SHORT_LINE * height
        and not last.text.endswith(SENTENCE_END)
        and first.x0 - block.left <= INDENT * height
    )


def blocks_text(blocks: list[Block], typical_gap: float) -> str:
    """The blocks of one page in paragraphs: within a block told apart by vertical gaps, first-line indents
    and short lines against the block's own edges; each block starts a paragraph unless one runs on from
    the column before."""
    groups: list[tuple[int, list[str]]] = []
    previous_block = None
    for block in filter(lambda block: block.lines, blocks):
        for number, line in enumerate(block.lines):
            if number:
                blank_lines = blank_lines_before(block.lines[number - 1], line, block.left, block.right, typical_gap)
            else:
                blank_lines = int(bool(groups) and not runs_on(previous_block, block))
            if blank_lines or not groups:
                groups.append((blank_lines, []))
            groups[-1][1].append(line.text)
        previous_block = block
    return "".join("\n" * (blank_lines + 1 if blank_lines else 0) + join_lines(group) for blank_lines, group in groups)


def page_text(lines: list[Line], typical_gap: float) -> str:
    """The lines of one page of one column in paragraphs, told apart by vertical gaps, first-line indents
    and short lines."""
    return blocks_text(single_block(lines), typical_gap)


# Pages set in columns. pdfplumber makes one line of all the characters at one height, so on a page set
# in columns (a newspaper's, a two-column report's) the left column's first line and the right one's come
# out as one, and the columns as one text interleaved line by line. The columns are found from the words'
# boxes (a word's box is a Line too): a gutter is an x-interval inside the text that almost no word covers,
# with columns of running text on both sides. Rows with words across a gutter (a headline over the
# columns, a full-width line, a page number between them) cut the page into bands; within a band the
# columns are read left to right, each top to bottom, and a strip of crossing rows is read across the page.

# A gutter is at least this many line heights wide: one character between the columns, the narrowest
# Chinese newspapers set, measured a little under it where punctuation is compressed.
MIN_GUTTER = 0.8
# Words across a gutter, as a share of the page's rows: a title, a subheading, a byline, the page number.
# Few enough that a page of one column, whose every full line crosses any x, never has a gutter; enough
# for a short page (a dozen rows under a title and a subheading).
MAX_CROSSING_SHARE = 0.2
# The columns beside a gutter must be running text: in each, at least this many rows, and at least this
# share of its rows, start at its left edge (a first line's indent aside), and as many end at its right
# edge (a paragraph's last line aside), as justified text does. The cells of a table or the fields of a
# code listing do not (a left-aligned column ends wherever its text does), and read column by column they
# would lose their rows.
MIN_COLUMN_ROWS = 3
MIN_FULL_SHARE = 0.5
# Words whose tops lie within this many line heights of a row's first word are on the row.
ROW_TOLERANCE = 0.5


@dataclass
class Region:
    """A part of a page whose characters are read as one block: the characters whose centre lies in
    x0 <= x < x1, top <= y < bottom. left and right are the edges of the text in it (a column's edges),
    for indents and short lines."""

    x0: float
    x1: float
    top: float
    bottom: float
    left: float
    right: float
    band: int | None = None  # the band of a column; None for a strip across the columns

    def holds(self, obj: dict) -> bool:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return self.x0 <= x < self.x1 and self.top <= y < self.bottom


def _rows(words: list[Line], height: float) -> list[list[Line]]:
    """The words in rows by their tops, top to bottom: the columns of a page share the rows they are set on."""
    rows: list[list[Line]] = []
    for word in sorted(words, key=lambda word: (word.top, word.x0)):
        if rows and word.top - rows[-1][0].top <= ROW_TOLERANCE * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return rows


def _sparse_intervals(words: list[Line], allowed: int) -> list[tuple[float, float]]:
    """The x-intervals between the leftmost and the rightmost word that at most allowed words cover."""
    events = sorted([(word.x0, 1) for word in words] + [(word.x1, -1) for word in words])
    intervals, covering, start = [], 0, None
    for x, step in events:
        was_sparse = covering <= allowed
        covering += step
        if was_sparse and covering > allowed and start is not None:
            intervals.append((start, x))
        elif not was_sparse and covering <= allowed:
            start = x
    return intervals  # the margins, before the first dense x and after the last, are not among them


def crosses(row: list[Line], gutter: tuple[float, float]) -> bool:
    """Whether the row's text runs across the gutter: a word over its middle, or words in it on both
    sides of the middle (a headline set with spaces between its characters)."""
    start, end = gutter
    middle = (start + end) / 2
    inside = [word for word in row if word.x1 > start and word.x0 < end]
    return bool(inside) and min(word.x0 for word in inside) < middle < max(word.x1 for word in inside)


def _centre(word: Line) -> float:
    return (word.x0 + word.x1) / 2


def _splits(gutters: list[tuple[float, float]]) -> list[float]:
    """Where the columns meet: halfway across each gutter, with the page's ends beyond the first and last."""
    return [-math.inf, *((start + end) / 2 for start, end in gutters), math.inf]


def _in_column(row: list[Line], x0: float, x1: float) -> list[Line]:
    return [word for word in row if x0 <= _centre(word) < x1]


def running_text(rows: list[list[Line]], gutters: list[tuple[float, float]], height: float) -> list[bool]:
    """For each column between the gutters, whether it is running text: most of its rows start at its left
    edge and most end at its right edge, the gutters' sides or, at the ends, its own widest extent."""
    inner = [row for row in rows if not any(crosses(row, gutter) for gutter in gutters)]
    running = []
    for number, (x0, x1) in enumerate(itertools.pairwise(_splits(gutters))):
        spans = [
            (min(word.x0 for word in words), max(word.x1 for word in words))
            for row in inner
            if (words := _in_column(row, x0, x1))
        ]
        if not spans:
            running.append(False)
            continue
        left = gutters[number - 1][1] if number else min(start for start, _ in spans)
        right = gutters[number][0] if number < len(gutters) else max(end for _, end in spans)
        starting = sum(start - left <= INDENT * height for start, _ in spans)
        ending = sum(right - end <= SHORT_LINE * height for _, end in spans)
        needed = max(MIN_COLUMN_ROWS, MIN_FULL_SHARE * len(spans))
        running.append(starting >= needed and ending >= needed)
    return running


def page_gutters(words: list[Line]) -> list[tuple[float, float]]:
    """The gutters between the columns of a page, left to right; [] for a page of one column."""
    words = [word for word in words if word.text.strip()]
    if not words:
        return []
    height = statistics.median(word.height for word in words)
    rows = _rows(words, height)
    allowed = int(MAX_CROSSING_SHARE * len(rows))
    gutters = [gutter for gutter in _sparse_intervals(words, allowed) if gutter[1] - gutter[0] >= MIN_GUTTER * height]
    while gutters:
        running = running_text(rows, gutters, height)
        if all(running):
            return gutters
        # Drop the gutter with the most columns beside it that are not running text, two before one: a
        # false gutter between the fields of a table set in a column goes, the true one beside it stays.
        failing = [(not running[number]) + (not running[number + 1]) for number in range(len(gutters))]
        del gutters[failing.index(max(failing))]
    return []


def column_regions(words: list[Line]) -> list[Region]:
    """The regions of a page set in columns, in reading order: top to bottom, strips of rows across the
    gutters and bands between them, a band's columns left to right. [] for a page of one column.

    Regions meet halfway across a gutter and halfway between a strip and a band, so that every character
    of the page falls in exactly one of them and none is lost to a box drawn too tight.
    """
    words = [word for word in words if word.text.strip()]
    gutters = page_gutters(words)
    if not gutters:
        return []
    height = statistics.median(word.height for word in words)
    # Strips and bands: runs of rows that cross a gutter, runs of rows that do not.
    segments: list[tuple[bool, list[list[Line]]]] = []
    for row in _rows(words, height):
        crossing = any(crosses(row, gutter) for gutter in gutters)
        if not segments or segments[-1][0] != crossing:
            segments.append((crossing, []))
        segments[-1][1].append(row)
    cuts = [-math.inf]
    for (_, above), (_, below) in itertools.pairwise(segments):
        cuts.append((max(word.bottom for row in above for word in row) + min(word.top for word in below[0])) / 2)
    cuts.append(math.inf)
    # Columns: split halfway across each gutter; each column's edges from the words in it, over all bands.
    columns = list(itertools.pairwise(_splits(gutters)))
    in_bands = [row for crossing, rows in segments if not crossing for row in rows]
    edges = []
    for x0, x1 in columns:
        inside = [word for row in in_bands for word in _in_column(row, x0, x1)]
        edges.append((min(word.x0 for word in inside), max(word.x1 for word in inside)))
    page_left, page_right = min(word.x0 for word in words), max(word.x1 for word in words)
    regions = []
    for number, (crossing, _) in enumerate(segments):
        top, bottom = cuts[number], cuts[number + 1]
        if crossing:
            regions.append(Region(-math.inf, math.inf, top, bottom, page_left, page_right))
            continue
        for (x0, x1), (left, right) in zip(columns, edges, strict=True):
            regions.append(Region(x0, x1, top, bottom, left, right, band=number))
    return regions


def _plumber_lines(page) -> list[Line]:
    return [
        Line(row["text"], row["x0"], row["x1"], row["top"], row["bottom"])
        for row in page.extract_text_lines(return_chars=False)
        if row["text"].strip()
    ]


def _plumber_words(page) -> list[Line]:
    return [Line(word["text"], word["x0"], word["x1"], word["top"], word["bottom"]) for word in page.extract_words()]


def _plumber_blocks(page) -> list[Block]:
    """The page in blocks: its columns, each read by pdfplumber on its own, or the whole page as one."""
    regions = column_regions(_plumber_words(page))
    if not regions:
        return single_block(_plumber_lines(page))
    blocks = []
    for region in regions:
        if lines := _plumber_lines(page.filter(region.holds)):
            blocks.append(Block(lines, region.left, region.right, region.band))
    return blocks


def _pdfium_line(chars: list[str], boxes: list[tuple], page_height: float) -> Line | None:
    if not boxes:
        return None
    left, bottom, right, top = zip(*boxes, strict=True)
    return Line("".join(chars).strip(), min(left), max(right), page_height - max(top), page_height - min(bottom))


def _pdfium_lines(document: pypdfium2.PdfDocument, index: int) -> list[Line]:
    """pdfium's reading of one page, for the fonts pdfminer cannot decode (it then finds no text at all).

    pdfium ends each line it finds with a generated "\\r\\n"; its boxes are in points from the
    bottom-left corner, turned here to pdfplumber's top-left.
    """
    page = document[index]
    textpage = page.get_textpage()
    lines, chars, boxes = [], [], []
    for number in range(textpage.count_chars()):
        char = textpage.get_text_range(number, 1)
        if char in ("\r", "\n", ""):
            lines.append(_pdfium_line(chars, boxes, page.get_height()))
            chars, boxes = [], []
            continue
        chars.append(char)
        if not char.isspace():
            boxes.append(textpage.get_charbox(number, loose=True))
    lines.append(_pdfium_line(chars, boxes, page.get_height()))
    return [line for line in lines if line is not None]


def _open_pdf(content: bytes):
    if not PDF_HEADER.search(content[:1024]):
        raise ReadError("不是 PDF 文件：文件开头没有 %PDF 标记")
    if b"%%EOF" not in content[-PDF_EOF_WINDOW:]:
        raise ReadError("PDF 文件不完整：结尾缺少 %%EOF 标记，可能下载或上传没有完成")
    try:
        pdf = pdfplumber.open(io.BytesIO(content))
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect):
            raise ReadError("PDF 已加密，需要密码才能打开；请去掉密码后再上传") from None
        if isinstance(cause, PDFEncryptionError):
            raise ReadError(f"PDF 使用了无法解开的加密方式（{cause}）；请去掉加密后再上传") from None
        raise ReadError(f"PDF 文件已损坏，无法解析（{type(cause).__name__}：{cause}）") from None
    except Exception as error:  # pdfminer raises many kinds on broken files; all mean the same to the user
        raise ReadError(f"PDF 文件已损坏，无法解析（{type(error).__name__}：{error}）") from None
    try:
        _ = pdf.pages  # pdfplumber reads the page tree lazily: make a broken one fail here
    except Exception as error:
        pdf.close()
        raise ReadError(f"PDF 文件已损坏，无法解析页面（{type(error).__name__}：{error}）") from None
    return pdf


def pdf_date(value) -> str:
    """YYYY-MM-DD from a PDF date such as D:20240408100000+08'00'."""
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", value if isinstance(value, str) else "")
    return iso_date("-".join(match.groups())) if match else ""


def _info(pdf, key: str) -> str:
    value = pdf.metadata.get(key)
    return value.strip() if isinstance(value, str) else ""


def _read_pages(pdf, content: bytes) -> tuple[list[list[Block]], bool]:
    """The blocks of every page, and whether any page has images (to tell a scan from an empty file)."""
    pages, has_images, fallback = [], False, None
    for index, page in enumerate(pdf.pages):
        try:
            blocks = _plumber_blocks(page)
            has_images = has_images or bool(page.images)
        except Exception:  # pdfminer gives up on some pages of files that pdfium reads
            blocks = []
        finally:
            page.close()  # drop pdfplumber's cache of the page: a long PDF would fill the memory
        if not blocks:
            try:
                fallback = fallback or pypdfium2.PdfDocument(content)
                # Read as one column, columns or not: pdfium gives lines in the order the file draws them,
                # not words, and this path only serves the rare fonts pdfminer cannot decode.
                blocks = single_block(_pdfium_lines(fallback, index))
            except pypdfium2.PdfiumError as error:
                raise ReadError(f"PDF 第 {index + 1} 页无法解析（{error}）") from None
        pages.append(blocks)
    if fallback is not None:
        fallback.close()
    return pages, has_images


def read_pdf(content: bytes) -> Extracted:
    """Text of a PDF's text layer, page by page; a new page starts a new paragraph."""
    pdf = _open_pdf(content)
    with pdf:
        pages, has_images = _read_pages(pdf, content)
        typical_gap = _typical_gap([block.lines for blocks in pages for block in blocks])
        body = join_paragraphs(blocks_text(blocks, typical_gap) for blocks in pages)
        if not body:
            what = "只有图片（扫描件）" if has_images else "没有文字层"
            raise ReadError(f"PDF {what}，需要文字识别（OCR）才能读取，chanye 不做 OCR")
        return Extracted(
            text=body,
            title=_info(pdf, "Title"),
            date=pdf_date(pdf.metadata.get("CreationDate")),
            author=real_author(_info(pdf, "Author")),
            format="pdf",
            pages=len(pages),
        )


# --- DOCX -------------------------------------------------------------------------------------------

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


# --- Any file ---------------------------------------------------------------------------------------

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
