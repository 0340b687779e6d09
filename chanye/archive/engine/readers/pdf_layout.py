"""The geometry of PDF pages: how the lines of a page make paragraphs, and how a page set in columns is read
column by column. Boxes in, text out; no PDF library here, so that pdf.py can feed it what pdfplumber or
pdfium read and the tests boxes made by hand.

Line is a line of text, or a word, with its box; Block is lines read as one run with the edges they are
measured from; Region is the part of a page read as one block. Within a block, paragraphs are told apart
by vertical gaps (a wide one shown as two blank lines), first-line indents and short lines ending a
sentence; a paragraph may run on from the foot of one column to the head of the next. A page's columns are
found from its words' boxes: gutters that almost no word covers, with running text on both sides.
"""

import itertools
import math
import statistics
from dataclasses import dataclass

from .common import join_lines


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
