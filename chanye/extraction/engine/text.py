"""The text the rules read, and the way back to the text the caller passed in.

extract() is given cleaned text (chanye.archive.engine.pipeline.clean), but may be given any text:
traditional characters, full-width digits, stray spaces. The rules read the canonical form of
chanye.archive.engine.normalize (line by line, so that lines stay lines), and every span they
find is mapped back to the text passed in, so that text[span] is always the evidence shown.

A paragraph is a non-empty line (clean() puts one paragraph on a line); a heading is a short line
without sentence punctuation; a sentence ends at 。！？ (with the closing quotes after it) or at
an ellipsis; a clause ends at ，；：、 or a dash.
"""

import bisect
import difflib
import re
from dataclasses import dataclass, field

from chanye.archive.engine.normalize import normalize

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SENTENCE_END = re.compile(r"(?:[。！？!?]+|……|…)[”’」』）)]*")
_CLAUSE_BREAK = re.compile(r"[，,；;：:、]|——|—")
_HEADING_PUNCTUATION = re.compile(r"[。！？!?；;，,]")
HEADING_MAX_CHARS = 40


@dataclass
class Sentence:
    start: int  # in the working text
    end: int
    text: str
    clause_starts: list[int] = field(default_factory=list)  # working-text offsets where clauses begin

    def clause_of(self, position: int) -> int:
        return bisect.bisect_right(self.clause_starts, position) - 1

    def clause_start(self, position: int) -> int:
        return self.clause_starts[max(self.clause_of(position), 0)]

    def clause_end(self, position: int) -> int:
        index = self.clause_of(position) + 1
        return self.clause_starts[index] - 1 if index < len(self.clause_starts) else self.end


@dataclass
class Paragraph:
    start: int
    end: int
    text: str
    heading: bool
    sentences: list[Sentence]


class Working:
    """The normalised text and a map from its offsets to offsets of the original."""

    def __init__(self, original: str):
        self.original = original
        pieces, origins = [], []
        position = 0
        for match in [*_LINE_BREAK.finditer(original), None]:
            end = match.start() if match else len(original)
            line = original[position:end]
            normal = normalize(line) if line else ""
            normal = normal.replace("\n", " ")  # normalize() never adds one, but be sure
            pieces.append(normal)
            origins.extend(_align(line, normal, position))
            if match:
                pieces.append("\n")
                origins.append(match.start())
                position = match.end()
        self.text = "".join(pieces)
        self._origins = origins
        self._origins.append(len(original))
        self._paragraphs: list[Paragraph] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Working [start, end) -> original [start, end)."""
        if end <= start:
            point = self._origins[start]
            return point, point
        return self._origins[start], self._origins[end - 1] + 1

    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs, split once (the readers ask several times)."""
        if self._paragraphs is None:
            self._paragraphs = self._split()
        return self._paragraphs

    def _split(self) -> list[Paragraph]:
        result = []
        position = 0
        for line in self.text.split("\n"):
            stripped = line.strip()
            if stripped:
                offset = position + line.index(stripped)
                result.append(_paragraph(stripped, offset))
            position += len(line) + 1
        return result


def _align(line: str, normal: str, offset: int) -> list[int]:
    """For each character of the normalised line, the offset of its source in the original."""
    if len(normal) == len(line):  # t2s and full-width → half-width change characters one for one
        return list(range(offset, offset + len(line)))
    origins = [offset] * len(normal)
    matcher = difflib.SequenceMatcher(None, line, normal, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        for index in range(b0, b1):
            if tag == "equal" or a1 - a0 == b1 - b0:
                source = a0 + (index - b0)
            elif a1 > a0:
                source = a0 + (index - b0) * (a1 - a0) // max(b1 - b0, 1)
            else:  # inserted: point at the next source character
                source = min(a0, max(len(line) - 1, 0))
            origins[index] = offset + min(source, max(len(line) - 1, 0))
    return origins


# A short line that opens with a year and holds a figure is a bullet of a plan (2020年达到3800亿元左右),
# not a heading.
_BULLET = re.compile(
    r"^[^，。：]{0,10}?(?:到|至)?(?:19|20)\d{2}年(?:底|末)?(?:达到|达|突破|超过)[^，。]*?\d[\d.,]*\s*(?:万亿|亿|万|千)?(?:元|家|个|户|项|吨)"
)


def _paragraph(text: str, offset: int) -> Paragraph:
    heading = len(text) <= HEADING_MAX_CHARS and not _HEADING_PUNCTUATION.search(text) and not _BULLET.match(text)
    return Paragraph(offset, offset + len(text), text, heading, split_sentences(text, offset))


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    sentences = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if text[start:end].strip():
            sentences.append(_sentence(text, start, end, offset))
        start = end
    if text[start:].strip():
        sentences.append(_sentence(text, start, len(text), offset))
    return sentences


def _sentence(text: str, start: int, end: int, offset: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    body = text[start:end]
    starts = [offset + start] + [offset + start + m.end() for m in _CLAUSE_BREAK.finditer(body) if m.end() < len(body)]
    return Sentence(offset + start, offset + end, body, starts)
