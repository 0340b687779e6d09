"""The canonical form of archive text, and the form that search indexes and queries use.

The same report reaches the archive typed in many ways: traditional characters (a Hong Kong or
Taiwan reprint), full-width digits and letters (typed with a Chinese input method), the half-width
punctuation of a newspaper database ("大渡口区:不断壮大") beside the full-width one of a PDF page
("大渡口区：不断壮大"), and every kind of space that Word, web pages and PDF extraction leave
behind. normalize() makes them one text, so that stored paragraphs compare, deduplicate and read
alike; search_form() goes one step further for the search index.

Both are idempotent: normalize(normalize(x)) == normalize(x).
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import opencc
from opencc import OpenCC

# -- character classes -----------------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
# Chinese punctuation: CJK symbols (、。《》「」【】…), full-width forms (，：；（）！？) and the curly
# quotes, dashes and ellipsis that Chinese text uses. A half-width mark next to one of these, or
# next to a Han character, is in Chinese text.
_CHINESE_PUNCTUATION = (
    "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
)
_CHINESE = re.compile(f"[{_HAN}{_CHINESE_PUNCTUATION}]")
_HAN_CHAR = re.compile(f"[{_HAN}]")

# Spaces a reader sees as space: ASCII space and tab, no-break space, the typographic spaces
# U+2000-U+200A, narrow and medium mathematical spaces, and the ideographic space U+3000.
_VISIBLE_SPACES = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACE_RUN = re.compile(f"[{_VISIBLE_SPACES}]+")
# Zero-width space, joiners, word joiner and the byte-order mark are invisible: the reader never
# saw a space there, so they are removed everywhere (also between Latin words).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# Full-width digits and Latin letters (Ａ-Ｚ, ａ-ｚ, ０-９) and the full-width percent and plus
# signs become ASCII: a figure is a figure however it was typed (９２.２％ is 92.2%).
_HALF_WIDTH = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_HALF_WIDTH.update({ord("％"): "%", ord("＋"): "+"})
# A full-width full stop or hyphen between digits is a decimal point or a range (９２．２, １－１０月).
_DIGIT_PUNCTUATION = re.compile(r"(?<=\d)[．－](?=\d)")

# Half-width punctuation written in Chinese text, and its Chinese form. "." is left alone: it is
# a decimal point in 92.2 and a full stop only in Latin text; "-" and "%" belong to figures.
_FULL_WIDTH_PUNCTUATION = {":": "：", ",": "，", ";": "；", "?": "？", "!": "！"}
_HALF_WIDTH_MARK = re.compile(r"[:,;?!]")
_BRACKETS = re.compile(r"[()（）]")


# -- traditional to simplified ---------------------------------------------------------------


@cache
def _converter() -> OpenCC:
    return OpenCC("t2s")


@cache
def _traditional_characters() -> frozenset[str]:
    """Characters whose presence can make OpenCC's t2s change a text.

    Converting is slow (a phrase tree per segment) and almost every document is already
    simplified, so convert only when a text holds one of these. A dictionary entry changes a
    text only where its key differs from its value, so those positions are enough. If the
    dictionaries cannot be read, every text is converted.
    """
    folder = Path(opencc.__file__).parent / "dictionary"
    characters = set()
    try:
        for name in ("TSPhrases.txt", "TSCharacters.txt"):
            for line in (folder / name).read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                value = values.split(" ")[0]
                if len(key) == len(value):
                    characters.update(k for k, v in zip(key, value, strict=True) if k != v)
                else:
                    characters.update(key)
    except OSError:
        return frozenset()
    return frozenset(characters)


def to_simplified(text: str) -> str:
    traditional = _traditional_characters()
    if traditional and traditional.isdisjoint(text):
        return text
    return _converter().convert(text)


# -- spaces ----------------------------------------------------------------------------------


def _space_between(left: str, right: str, run: str) -> str:
    """What a run of spaces between two characters becomes.

    Next to Chinese text a space is a typesetting artefact (PDF extraction, Word justification,
    an NBSP from a web page) and goes, except one ASCII space between two Han characters, which
    someone typed on purpose: it separates the two halves of a title or the names in a byline
    (王彩艳 陈佳佳). Between Latin words or numbers it is one ASCII space.
    """
    if not left or not right:
        return ""  # line edges: indentation and trailing spaces
    if _CHINESE.match(left) or _CHINESE.match(right):
        typed = " " in run or "\t" in run
        if typed and _HAN_CHAR.match(left) and _HAN_CHAR.match(right):
            return " "
        return ""
    return " "


def _normalise_spaces(line: str) -> str:
    def replace(match: re.Match) -> str:
        start, end = match.span()
        left = line[start - 1] if start else ""
        right = line[end] if end < len(line) else ""
        return _space_between(left, right, match.group())

    return _SPACE_RUN.sub(replace, line)


# -- punctuation -----------------------------------------------------------------------------


def _is_chinese(char: str) -> bool:
    return bool(char) and bool(_CHINESE.match(char))


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character before (step -1) or after (step 1) index that is not a space."""
    index += step
    while 0 <= index < len(text) and _SPACE_RUN.match(text[index]):
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _bracket_pairs(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Matching bracket pairs (either width may open or close), and the unmatched ones."""
    pairs, stack, unmatched = [], [], []
    for match in _BRACKETS.finditer(text):
        index = match.start()
        if text[index] in "(（":
            stack.append(index)
        elif stack:
            pairs.append((stack.pop(), index))
        else:
            unmatched.append(index)
    return pairs, unmatched + stack


def _chinese_brackets(text: str) -> str:
    """Half-width brackets of Chinese text become （）, as a pair.

    A pair is Chinese if either bracket already is full-width, if it encloses Chinese text, or
    if Chinese text stands outside it: 数据库(1946-2021) becomes 数据库（1946-2021）, both sides
    together, so that a pair never ends up half and half. (PRO-AM) in Latin text stays.
    """
    chars = list(text)
    pairs, unmatched = _bracket_pairs(text)
    for opening, closing in pairs:
        chinese = (
            "（" in (text[opening], text[closing])
            or _CHINESE.search(text, opening + 1, closing) is not None
            or _is_chinese(_neighbour(text, opening, -1))
            or _is_chinese(_neighbour(text, closing, 1))
        )
        if chinese:
            chars[opening], chars[closing] = "（", "）"
    for index in unmatched:
        if _is_chinese(_neighbour(text, index, -1)) or _is_chinese(_neighbour(text, index, 1)):
            chars[index] = "（" if text[index] in "(（" else "）"
    return "".join(chars)


def _chinese_marks(text: str) -> str:
    """, : ; ? ! next to Chinese text become ，：；？！; inside Latin text and numbers they stay
    (1,000 · 12:30 · http://)."""
    chars = list(text)
    for match in _HALF_WIDTH_MARK.finditer(text):
        index = match.start()
        if _is_chinese(_neighbour(text, index, -1)) or _is_chinese(_neighbour(text, index, 1)):
            chars[index] = _FULL_WIDTH_PUNCTUATION[text[index]]
    return "".join(chars)


def _chinese_punctuation(text: str) -> str:
    """Brackets and marks in Chinese text become full-width. A mark that becomes Chinese makes
    its neighbour Chinese text too ("中,(abc)": the comma, then the brackets), so this repeats
    until nothing changes; a second normalize() then has nothing left to do. Marks only ever
    turn full-width, so it ends."""
    while True:
        converted = _chinese_marks(_chinese_brackets(text))
        if converted == text:
            return text
        text = converted


# -- the two forms ---------------------------------------------------------------------------


def _digit_punctuation(line: str) -> str:
    return _DIGIT_PUNCTUATION.sub(lambda match: "." if match.group() == "．" else "-", line)


# Every character some step of normalize_line() may change or reads as a trigger: full-width digits,
# letters, ％ and ＋, invisible and visible spaces, the full-width ．and － a figure may hold, and the
# half-width marks and brackets of Chinese text. A line with none of them is already normal (full-width
# brackets and Chinese text decide only what happens to these), so it is returned as it is: most lines
# of a cleaned text, and every paragraph normalised again for its search form.
_MAY_CHANGE = re.compile(
    f"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a％＋．－:,;?!(){_INVISIBLE.pattern[1:-1]}{_VISIBLE_SPACES}]"
)


def normalize_line(line: str) -> str:
    if not _MAY_CHANGE.search(line):
        return line
    line = _digit_punctuation(_INVISIBLE.sub("", line.translate(_HALF_WIDTH)))
    # Punctuation first: its neighbours are found across spaces, and a space next to a mark that
    # has just become Chinese (（ 2024) must then go in this same pass, or a second normalize()
    # would still change the text. Removing spaces can bring digits together (９２． ２), hence
    # the second look at the marks between digits.
    line = _normalise_spaces(_chinese_punctuation(line))
    return _digit_punctuation(line)


# The pinyin some sites print after a character, in brackets (生產(chǎn)總值, 社會(huì )): a reading aid the
# page added, not the text; it would split every word it sits in. Only readings with a tone mark go.
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE_MARK = re.compile(f"[{_TONES}]")
_PINYIN_GLOSS = re.compile(f"(?<=[{_HAN}])[(（] ?[a-zü]*[{_TONES}][a-zü{_TONES}]* ?[)）]")


def normalize(text: str) -> str:
    """The canonical form in which the archive stores and compares text.

    - pinyin printed in brackets after a character (產(chǎn)) goes, then traditional characters become
      simplified (OpenCC t2s);
    - full-width digits and Latin letters become ASCII (１２３ → 123, ＡＢ → AB), as do ％ and ＋;
    - spaces of every kind (NBSP, U+3000, U+2002-U+200A…) are removed next to Chinese text and
      become one ASCII space between Latin words and numbers; invisible ones (U+200B, BOM) go;
      a typed ASCII space between two Han characters stays as one (a title's halves, names);
    - half-width , : ; ? ! ( ) in or next to Chinese text become ，：；？！（）, while
      92.2, 1-10月, 10%, 12:30, 1,000 and PRO-AM STUDIOS keep their ASCII marks;
    - line breaks stay (paragraphs are made from them); each line loses its leading and
      trailing spaces, and Windows line ends become \\n.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    if _TONE_MARK.search(text):
        text = _PINYIN_GLOSS.sub("", text)
    text = to_simplified(text)
    return "\n".join(normalize_line(line) for line in text.split("\n"))


_ALL_WHITESPACE = re.compile(r"\s+")


def search_form(text: str) -> str:
    """What the search index stores and what a query is turned into: normalize() without any
    whitespace at all, line breaks included.

    Chinese has no spaces between words, so a space or a line break inside a phrase is always an
    accident of layout ("全区新材料产业\n全年"); removing them lets the phrase match wherever it
    was broken. Latin words run together (PRO-AM STUDIOS → PRO-AMSTUDIOS), which is harmless since
    the query is treated the same way. The whitespace goes before normalising, so that a mark at
    the end of a line is judged by the text that follows it ("A,\n文" → "A，文", as the query
    "A,文" is): search_form(search_form(x)) == search_form(x).
    """
    return normalize(_ALL_WHITESPACE.sub("", text))
