"""Tests of the geometry of PDF pages (readers/pdf_layout.py) on boxes made by hand: paragraphs from gaps,
indents and short lines; gutters, regions and columns; and the joining of a paragraph's lines (join_lines
in readers/common.py).
"""

import math

import pytest

from chanye.archive.engine.readers.common import join_lines
from chanye.archive.engine.readers.pdf_layout import Block, Line, blocks_text, column_regions, page_gutters, page_text


def line(text: str, x0: float, top: float, x1: float = 500.0, height: float = 12.0) -> Line:
    return Line(text, x0, x1, top, top + height)


def test_page_text_paragraphs_by_vertical_gap_indent_and_short_line():
    lines = [
        line("第一段第一行，", 70, 100),
        line("第一段末行。", 70, 120, x1=300),
        line("空行之后的第二段，", 70, 160),
        line("接续。", 70, 180, x1=200),  # gap
        line("缩进的第三段，", 94, 200),
        line("接续；", 70, 220, x1=200),  # indent
        line("短行句号之后的第四段，", 70, 240),  # previous line short and ended by "；"
        line("图片下的说明", 70, 400, x1=150),  # a picture's space above: two blank lines
    ]
    assert page_text(lines, typical_gap=8.0) == (
        "第一段第一行，第一段末行。\n\n空行之后的第二段，接续。\n\n缩进的第三段，接续；\n\n短行句号之后的第四段，"
        "\n\n\n图片下的说明"
    )


def two_column_page(title: list[Line], rows: int = 10, top: float = 100.0) -> list[Line]:
    """Word boxes of a title and two columns of Chinese text beneath it, a line (one word) per row and
    column: columns at 70-280 and 300-510, every fourth line indented, the line before it short."""
    words = list(title)
    for column_left in (70.0, 300.0):
        for row in range(rows):
            x0 = column_left + (24 if row % 4 == 0 else 0)
            x1 = column_left + (120 if row % 4 == 3 else 210)
            words.append(line("正文", x0, top + 20 * row, x1=x1))
    return words


def test_page_gutters_between_two_columns_under_a_title():
    words = two_column_page([line("示范区智能制造产业园建设进展", 150, 60, x1=430, height=18)])
    assert page_gutters(words) == [(280.0, 300.0)]


def test_page_gutters_none_on_a_page_of_one_column():
    title = [line("示范区新材料产业发展情况通报", 150, 60, x1=430, height=18)]
    body = [
        line("正文", 94 if row % 4 == 0 else 70, 100 + 20 * row, x1=300 if row % 4 == 3 else 510) for row in range(20)
    ]
    assert page_gutters(title + body) == []


def test_page_gutters_none_between_the_columns_of_a_table():
    # Labels end wherever their text does: the lines of a column of running text reach its right edge.
    label_ends = [110, 130, 170, 220, 270, 120, 150, 190, 240, 140]
    table = [
        word
        for row, end in enumerate(label_ends)
        for word in (line("指标", 70, 100 + 20 * row, x1=end), line("数值", 300, 100 + 20 * row, x1=340))
    ]
    assert page_gutters(table) == []


def test_column_regions_in_reading_order():
    # A title with spaces between its characters (words that meet the gutter on both sides of its middle),
    # two columns, a subheading over both, two more columns.
    title = [
        line("示", 250, 60, x1=268, height=18),
        line("范", 274, 60, x1=292, height=18),
        line("区", 298, 60, x1=316, height=18),
        line("园", 322, 60, x1=340, height=18),
    ]
    words = [*two_column_page(title, rows=8), line("下一步工作打算", 240, 280, x1=350)]
    words += two_column_page([], rows=4, top=310)
    regions = column_regions(words)
    assert [(region.band, region.left, region.right) for region in regions] == [
        (None, 70, 510),
        (1, 70, 280),
        (1, 300, 510),
        (None, 70, 510),
        (3, 70, 280),
        (3, 300, 510),
    ]
    # Every character's centre is in one region: they meet halfway across the gutter and between rows.
    assert (regions[1].x1, regions[2].x0) == (290, 290)
    assert (regions[0].top, regions[0].bottom, regions[1].top) == (-math.inf, 89, 89)
    assert (regions[2].bottom, regions[3].top, regions[3].bottom, regions[4].top) == (266, 266, 301, 301)
    assert regions[-1].bottom == math.inf
    char = {"x0": 285, "x1": 295, "top": 60, "bottom": 78}  # the title's character over the gutter's middle
    assert [region.holds(char) for region in regions] == [True, False, False, False, False, False]


def test_column_regions_none_on_a_page_of_one_column():
    assert column_regions([line("正文", 70, 100 + 20 * row) for row in range(20)]) == []


def columns(left: list[Line], right: list[Line], band: int | None = 0) -> list[Block]:
    return [Block(left, 70, 280, band), Block(right, 300, 510, band)]


@pytest.mark.parametrize(
    ("last", "first", "band", "expected"),
    [
        # The left column's last line reaches its edge mid-sentence; the right column's first line is flush.
        (
            line("接续到栏底，", 70, 120, x1=280),
            line("在右栏接续。", 300, 100, x1=400),
            0,
            "第一段，接续到栏底，在右栏接续。",
        ),
        (
            line("到栏底结束。", 70, 120, x1=280),
            line("新的一段。", 300, 100, x1=400),
            0,
            "第一段，到栏底结束。\n\n新的一段。",
        ),  # a sentence ends at the foot of the column
        (
            line("接续到栏底，", 70, 120, x1=280),
            line("缩进的新段。", 324, 100, x1=400),
            0,
            "第一段，接续到栏底，\n\n缩进的新段。",
        ),  # the right column opens indented
        (
            line("短行", 70, 120, x1=150),
            line("新的一段。", 300, 100, x1=400),
            0,
            "第一段，短行\n\n新的一段。",
        ),  # the last line stops short of the column's edge
        (
            line("接续到栏底，", 70, 120, x1=280),
            line("在右栏接续。", 300, 100, x1=400),
            None,
            "第一段，接续到栏底，\n\n在右栏接续。",
        ),  # not columns of one band
    ],
)
def test_blocks_text_paragraph_runs_on_into_the_next_column(last, first, band, expected):
    left = [line("第一段，", 94, 100, x1=280), last]
    assert blocks_text(columns(left, [first], band), typical_gap=8.0) == expected


def test_blocks_text_indents_from_the_column_own_edge():
    # Against the page's left edge (70) every line of the right column would be indented.
    right = [
        line("右栏第一段，", 300, 100),
        line("接续。", 300, 120, x1=400),
        line("右栏第二段，", 324, 140),
        line("接续。", 300, 160, x1=400),
    ]
    assert blocks_text(columns([line("左栏。", 70, 100, x1=200)], right), typical_gap=8.0) == (
        "左栏。\n\n右栏第一段，接续。\n\n右栏第二段，接续。"
    )


def test_join_lines_chinese_and_western():
    assert join_lines(["产业链", "招商图谱"]) == "产业链招商图谱"
    assert join_lines(["GB/T 4754", "industry codes"]) == "GB/T 4754 industry codes"
    assert join_lines(["the indus-", "trial cluster"]) == "the industrial cluster"
    assert join_lines(["营业收入", "92.2亿元"]) == "营业收入92.2亿元"
