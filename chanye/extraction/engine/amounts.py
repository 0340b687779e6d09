"""Figures as reports write them, found in running text and read with chanye.lib.units.

- an amount: 92.2亿元, 450多家, 近60个, 2万多家, 二十三个, 突破100亿元 (突破 is 超);
- a growth rate: 同比增长1.89%, 同比下降3%, 同比增速为7.5%, 增长10.01% (without 同比: bare);
- a change in percentage points (提升7.2个百分点) and a class of size (百亿级, 千亿元级) are found
  only so that they are never read as a figure; a percentage without a growth verb (占比66%,
  建成才70%) is never a growth rate.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from chanye.lib.units import UnitError, parse_amount

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[一二两三四五六七八九十][〇零一二两三四五六七八九十百千万亿]*"
_AMOUNT = re.compile(
    rf"(?P<pre>超过|突破|近|超|约|逾)?"
    rf"(?P<number>{_NUMBER})"
    r"(?P<a1>多|余)?(?P<magnitude>十万|百万|千万|十亿|百亿|千亿|万亿|百|千|万|亿)?(?P<a2>多|余)?"
    r"(?P<unit>万亿元|千亿元|百万元|亿元|万元|千元|元|千瓦时|人份|家|个|户|项|人|吨|%)"
    r"(?P<post>左右|以上|多|余)?"
)
_GROWTH = re.compile(
    r"(?P<base>同比|比上年同期|比去年同期|较上年同期|较去年同期|与上年同期相比|与去年同期相比|比上年|比去年|较上年|较去年)?"
    r"(?P<each>分别)?"
    r"(?P<verb>(?:增速|增幅|降幅)(?:为|达到|达)?|增长|增加|上升|提高|提升|上涨|增|下降|减少|降低|下滑|下跌|减|降)了?"
    r"(?P<pct>\d+(?:\.\d+)?)%"
    r"|(?P<flat>同比持平)"
)
_POINTS = re.compile(r"(?:提高|提升|增加|上升|下降|回落|降低|扩大|收窄|加快|放缓|高出|低于|快)?\d+(?:\.\d+)?个?百分点")
_NEGATIVE = {"下降", "减少", "降低", "下滑", "下跌", "减", "降"}
# Before a bare growth rate: not year on year, or not a growth rate at all.
_NOT_YOY = ("环比", "较上月", "比上月", "年均", "平均", "较年初", "比年初", "较上半年", "较一季度", "较前三季度")
_SHARE = ("占比", "比重", "占", "份额", "比例", "率", "完成")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: Decimal
    unit: str  # base unit: 元 for money, else as written (家, 个, 户, 项, 吨, %)
    qualifier: str  # "", 多, 近, 超, 约, 余


@dataclass(frozen=True)
class Growth:
    start: int
    end: int
    text: str
    pct: Decimal
    yoy: bool  # said as 同比 (or 比上年同期…); a bare 增长X% is not
    each: tuple[Decimal, ...] = ()  # 分别增长10.5%、9.8%、8.7%: the rates, in the order of the things listed


def find_points(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _POINTS.finditer(text)]


def find_growths(text: str, blocked: list[tuple[int, int]]) -> list[Growth]:
    blocked = Mask(len(text), blocked)
    found = []
    for match in _GROWTH.finditer(text):
        if _inside(match.span(), blocked):
            continue
        if match["flat"]:
            found.append(Growth(match.start(), match.end(), match.group(), Decimal(0), True))
            continue
        if match["each"] or re.match(r"(?:、|和|及)\d+(?:\.\d+)?%", text[match.end() : match.end() + 8]):
            # 分别增长5%、8%, 增长4.5%和2.5%: the rates of the things listed before, in their order (the reader
            # pairs them)
            rates, end = _each(text, match)
            found.append(Growth(match.start(), end, text[match.start() : end], rates[0], bool(match["base"]), rates))
            continue
        before = text[max(0, match.start() - 6) : match.start()]
        if not match["base"] and (any(word in before for word in _NOT_YOY) or any(before.endswith(w) for w in _SHARE)):
            continue
        if any(word in before for word in ("年均", "平均")):
            continue
        pct = Decimal(match["pct"])
        if match["verb"] in _NEGATIVE or match["verb"].startswith("降幅"):
            pct = -pct
        found.append(Growth(match.start(), match.end(), match.group(), pct, bool(match["base"])))
    return found


_MORE_RATES = re.compile(r"(?:、|和|及|，)(?P<pct>\d+(?:\.\d+)?)%")


def _each(text: str, match) -> tuple[tuple[Decimal, ...], int]:
    sign = -1 if match["verb"] in _NEGATIVE or match["verb"].startswith("降幅") else 1
    rates, end = [Decimal(match["pct"]) * sign], match.end()
    while more := _MORE_RATES.match(text, end):
        rates.append(Decimal(more["pct"]) * sign)
        end = more.end()
    return tuple(rates), end


def find_amounts(text: str, blocked: list[tuple[int, int]]) -> list[Amount]:
    blocked = Mask(len(text), blocked)
    found = []
    for match in _AMOUNT.finditer(text):
        start, end = match.span()
        if _inside((start, end), blocked) or not _stands_alone(text, match):
            continue
        written = match.group()
        if match["number"] == "一" and not match["magnitude"] and not (match["a1"] or match["a2"] or match["post"]):
            continue  # 一家、一个、一项: the article “a”, not a count (是一家玻璃纤维材料生产商)
        pre = match["pre"] or ""
        if pre == "约" and text[start - 1 : start] in ("签", "合", "预", "履", "节"):
            pre, start, written = "", start + 1, written[1:]  # 签约66个项目: 约 ends 签约, it is no 约 (about)
        try:
            value, unit, qualifier = parse_amount(("超" if pre == "突破" else pre) + written[len(pre) :])
        except UnitError:
            continue
        found.append(Amount(start, end, written, value, unit, qualifier))
    return _sharing_units(text, found + _round_levels(text, blocked), blocked)


# A round level written without its one: 超千亿元, 突破百亿元 (but 千亿级 is a class of size, not a figure).
_ROUND_LEVEL = re.compile(r"(?P<pre>超过|突破|超|逾)(?P<m>十|百|千)(?P<unit>亿元|万元)(?![级\d])")


def is_round_level(amount: Amount) -> bool:
    """超千亿元: a level aimed at or passed, not a figure measured."""
    return bool(_ROUND_LEVEL.fullmatch(amount.text))


def _round_levels(text: str, blocked) -> list[Amount]:
    found = []
    for match in _ROUND_LEVEL.finditer(text):
        if _inside(match.span(), blocked):
            continue
        try:
            value, unit, qualifier = parse_amount(
                "超" + {"十": "10", "百": "100", "千": "1000"}[match["m"]] + match["unit"]
            )
        except UnitError:
            continue
        found.append(Amount(match.start(), match.end(), match.group(), value, unit, qualifier))
    return found


# A bare number listed before an amount: 分别为448[和]591亿元, 12.3、15.6万家 — it shares that amount's unit.
_BARE_BEFORE = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(、|和|及|与)$")


def _sharing_units(text: str, found: list[Amount], blocked) -> list[Amount]:
    """The bare numbers of a list whose unit is written once, after its last amount (448和591亿元), each
    with that unit: walking back from each amount written with digits while the list goes on."""
    shared = []
    for amount in found:
        unit = amount.text.lstrip("0123456789.")  # 亿元 of 591亿元
        if not amount.text[:1].isdigit() or not unit:
            continue
        end = amount.start
        while (match := _BARE_BEFORE.search(text, max(0, end - 16), end)) and not _inside(match.span(1), blocked):
            try:
                value, base_unit, qualifier = parse_amount(match[1] + unit)
            except UnitError:
                break
            shared.append(Amount(match.start(1), match.end(1), match[1], value, base_unit, qualifier))
            end = match.start(1)
    return sorted(found + shared, key=lambda a: a.start)


# The first end of a range, right before its 至 / 到: a number, or a number and its unit (1500万元至…).
_RANGE_START = re.compile(r"\d(?:[万亿千百]?[元家个户项])?$")


def _stands_alone(text: str, match) -> bool:
    _start, end = match.span()
    number_start = match.start("number")
    before = text[number_start - 1] if number_start else ""
    after = text[end : end + 3]
    if before and (before.isdigit() or before in ".第-—–~／/" or (before.isascii() and before.isalpha())):
        return False  # part of a longer number, an ordinal (第一家), a range (10-20亿元) or a code
    if text[max(0, number_start - 1) : number_start] in ("至", "到") and _RANGE_START.search(
        text, max(0, number_start - 6), number_start - 1
    ):
        return False  # 10至20亿元, 1500万元至2000万元
    if after.startswith(("级", "元级", "/", "／", "每", "以下", "以内", "百分点", "至", "-", "—", "~")):
        return False  # 百亿级, 万吨/年, 不足…以下, a range
    if match["unit"] == "人" and after[:1] in ("次", "均", "民", "口"):
        return False  # 人次, 人均
    if match["unit"] == "个" and after.startswith("百分点"):
        return False
    return text[max(0, number_start - 2) : number_start] not in ("不足", "不到", "低于", "少于")


class Mask:
    """Characters taken by something else (a growth rate, a change in points): overlap in O(length)."""

    def __init__(self, length: int, spans):
        self.marks = bytearray(length + 1)
        for start, end in spans:
            self.marks[start:end] = b"\x01" * (end - start)

    def hits(self, start: int, end: int) -> bool:
        return end > start and self.marks.find(1, start, end) != -1


def _inside(span: tuple[int, int], blocked) -> bool:
    if not isinstance(blocked, Mask):
        return any(b0 < span[1] and span[0] < b1 for b0, b1 in blocked)
    return blocked.hits(*span)
