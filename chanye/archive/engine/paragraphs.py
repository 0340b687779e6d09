"""Paragraphs of a cleaned text, each with its kind.

kind is one of:
- "heading": a markdown heading ("# ", "## ", the hashes removed), a run-in heading of the form
  "大数据智能化产业：布局数字经济产业链" (a short line, a colon, no sentence punctuation), or a
  numbered heading of a report ("一、总体要求", "（一）发展目标");
- "caption": a short standalone line that is not part of the running text: an image caption of a
  PDF page that merely repeats a name found elsewhere on the page ("新材料产业", "现代服务业"),
  a line standing alone between wide gaps, a picture credit or a data-source note;
- "body": everything else, the running text. Only body paragraphs take part in reading-order
  repair, so a caption or a heading is never glued into a sentence.
"""

import re
from dataclasses import dataclass

HEADING, BODY, CAPTION = "heading", "body", "caption"
KINDS = (HEADING, BODY, CAPTION)

# normalize() drops the space between "#" and Chinese text, so "#标题" counts too; a line with a
# second "#" after text ("#话题#") is a hashtag, not a heading.
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})(?:\s+(.+?)\s*#*|([^#\s][^#]*))\s*$")
# Run-in heading "主题：副题": no sentence punctuation anywhere, and a colon that is neither the
# last character ("各街道、各部门：" introduces what follows) nor followed by an opening quote
# (负责人说：“… is speech).
_RUN_IN_HEADING = re.compile(r"^[^，。；！？,;!?：:]{2,16}[：:](?!“)[^，。；！？,;!?：:]{2,30}$")
# Numbered headings of reports and notices: "一、总体要求", "（一）发展目标", "第三章 保障措施".
_NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百\d]+[章节部分])"
    r"[^。！？；;!?]{1,30}$"
)
# A caption has no sentence punctuation at all; "·" (重庆小面·重庆造) and spaces may appear.
_PUNCTUATION = re.compile(r"[，。；：！？、“”‘’（）《》,.;:!?()\"'…—]")
CAPTION_MAX_CHARS = 12
# Picture credits, data-source notes and bylines: not sentences of the article.
_CREDIT = re.compile(
    r"^(?:数据来源|资料来源|图片来源|图片提供|图片|摄影|本报记者|记者|通讯员|制图|图|文)[：:\s]"
    r"|图片由.{1,20}提供|^[（(]?(?:记者|通讯员)\s*\S{2,4}[）)]?$"
)
# A byline of two or more personal names and nothing else: "王彩艳 陈佳佳".
_NAMES = re.compile(r"^[\u4e00-\u9fff]{2,4}(?: [\u4e00-\u9fff]{2,4})+$")
_BLANK_GAP = 2  # a line with this many blank lines on one side stands alone (a picture's space)
_ENDS_LATIN = re.compile(r"[A-Za-z0-9]$")
_STARTS_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = BODY
    line: int = 0  # 1-based line of the text where the paragraph starts; 0 if unknown

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"段落类型应为{'、'.join(KINDS)}之一，实际为{self.kind!r}")


@dataclass
class _Block:
    lines: list[str]
    line: int
    gap_before: int = 0
    gap_after: int = 0
    heading: bool = False

    @property
    def text(self) -> str:
        return _join_lines(self.lines)


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph run together: Chinese has no space at a line break, Latin words do."""
    text = ""
    for line in lines:
        if _ENDS_LATIN.search(text) and _STARTS_LATIN.match(line):
            text += " "
        text += line
    return text


def _blocks(text: str) -> list[_Block]:
    """Blank-line separated blocks; a markdown heading line is a block of its own."""
    blocks, current, blank_run = [], None, 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            blank_run += 1
            current = None
            continue
        is_heading = bool(_MARKDOWN_HEADING.match(line))
        if current is None or is_heading or current.heading:
            if blocks:
                blocks[-1].gap_after = blank_run
            current = _Block([line], number, gap_before=blank_run, heading=is_heading)
            blocks.append(current)
        else:
            current.lines.append(line)
        blank_run = 0
    if blocks:
        blocks[-1].gap_after = blank_run
    return blocks


def _is_caption(text: str, block: _Block, whole: str) -> bool:
    if len(text) > CAPTION_MAX_CHARS or _PUNCTUATION.search(text):
        return False
    stands_alone = max(block.gap_before, block.gap_after) >= _BLANK_GAP
    repeated = whole.count(text) > 1  # once is the line itself
    return stands_alone or repeated


def _kind(block: _Block, whole: str) -> tuple[str, str]:
    text = block.text
    if block.heading:
        match = _MARKDOWN_HEADING.match(text)
        return HEADING, (match.group(2) or match.group(3)).strip()
    if _NUMBERED_HEADING.match(text):
        return HEADING, text
    if _CREDIT.search(text) or _NAMES.match(text) or _is_caption(text, block, whole):
        return CAPTION, text
    if _RUN_IN_HEADING.match(text):
        return HEADING, text
    return BODY, text


def split_paragraphs(text: str, headings: tuple[str, ...] = ()) -> list[Paragraph]:
    """The paragraphs of a (normalised) text, in order, stripped, each with its kind.

    headings: texts known from elsewhere to be headings (the title found by strip_chrome).
    """
    blocks = _blocks(text)
    whole = "\n".join(block.text for block in blocks)
    paragraphs = []
    for block in blocks:
        kind, body = _kind(block, whole)
        if body in headings:
            kind = HEADING
        paragraphs.append(Paragraph(body, kind, block.line))
    return paragraphs
