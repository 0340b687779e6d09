"""Reading web pages: the main text through trafilatura, the page around it (navigation, related links,
footer) left out, table cells and list items each a paragraph.

Decoding and metadata follow Chinese sites: a page is decoded as UTF-8 before the charset it declares
(pages labelled GB2312 use GBK, read as GB18030); the title, date, author and source combine trafilatura's
findings with the <meta> tags Chinese government sites must put on their article pages, which trafilatura
does not know, and with the date the page prints after 发布时间, 发布日期, 成文日期...
"""

import re

import trafilatura
import trafilatura.settings
from lxml import etree
from lxml import html as lxml_html

from .common import UTF8_BOM, UTF16_BOMS, Extracted, ReadError, decode_text, iso_date, join_paragraphs

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
