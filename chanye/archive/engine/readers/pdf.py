"""Reading PDFs: the text layer, page by page, by pdfplumber, or by pdfium for the fonts pdfminer cannot
decode; the title, author and creation date from the document information. Each page is read as blocks of
lines, its columns first found from its words' boxes (the geometry is pdf_layout's); a page starts a
paragraph.

Refused with the reason: a file cut short (no %%EOF at its end), a damaged one, one that needs a password
to open, and one without a text layer (a scan: chanye does no OCR).
"""

import io
import re

import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from .common import PDF_HEADER, Extracted, ReadError, iso_date, join_paragraphs, real_author
from .pdf_layout import Block, Line, _typical_gap, blocks_text, column_regions, single_block

# Acrobat looks for the end-of-file marker in the last 1024 bytes; a file without one there was cut short
# (an interrupted download or upload), and pdfminer would read the pages it can find and say nothing.
PDF_EOF_WINDOW = 1024


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
