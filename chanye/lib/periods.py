"""Statistical periods as Chinese statistics report them.

Flows (产值, 投资) are reported for a period: a single month (10月), the year to date (累计, 1-10月),
a quarter, a half year or the whole year. January and February are usually published together as
1-2月, because the Spring Festival moves between them. Stocks (企业数) are reported at a date:
截至11月底 is 2023-11-30.

A Period is one span of months in one year, or one day for a stock. Only the spans the statistics
office publishes are allowed, so that two figures for the same months always compare equal: 1-3月
and 一季度 are the same Period, and 3-5月 is refused.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
CHINESE_ORDINALS = {2: "二", 3: "三", 4: "四"}
# Spans with a name of their own; any other ytd span is written 1-N月.
YTD_NAMES = {3: "一季度", 6: "上半年", 9: "前三季度"}


class PeriodError(ValueError):
    """Not a statistical period; the message says why, in Chinese."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    start: int
    end: int
    day: int | None = None

    def __post_init__(self):
        for name in ("year", "start", "end"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise PeriodError(f"期间的{_FIELD_NAMES[name]}应为整数，实际为{value!r}")
        if not 1 <= self.year <= 9999:
            raise PeriodError(f"年份无效：{self.year}")
        for month in (self.start, self.end):
            if not 1 <= month <= 12:
                raise PeriodError(f"月份应在1-12之间，实际为{month}")
        if self.end < self.start:
            raise PeriodError(f"结束月份（{self.end}月）早于起始月份（{self.start}月）")
        if self.day is not None:
            self._check_day()
        elif _span_kind(self.start, self.end) is None:
            raise PeriodError(
                f"{self.start}-{self.end}月不是规范的统计期：应为单月、从1月起的累计、"
                "季度（4-6、7-9、10-12月）或下半年（7-12月）"
            )

    def _check_day(self):
        if not isinstance(self.day, int) or isinstance(self.day, bool):
            raise PeriodError(f"日期应为整数，实际为{self.day!r}")
        if self.start != self.end:
            raise PeriodError(f"时点只能落在一个月内，而不是{self.start}-{self.end}月")
        if not 1 <= self.day <= _last_day(self.year, self.end):
            raise PeriodError(f"{self.year}年{self.end}月没有{self.day}日")

    # -- constructors ------------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(year, month, month)

    @classmethod
    def ytd(cls, year: int, end: int) -> "Period":
        return cls(year, 1, end)

    @classmethod
    def whole_year(cls, year: int) -> "Period":
        return cls(year, 1, 12)

    @classmethod
    def point(cls, date: datetime.date) -> "Period":
        return cls(date.year, date.month, date.month, date.day)

    @classmethod
    def month_end(cls, year: int, month: int) -> "Period":
        """The last day of a month: where a level reported for the month (截至11月底, 目前) stands."""
        return cls(year, month, month, _last_day(year, month))

    @classmethod
    def parse(cls, text: str, default_year: int | None = None) -> "Period":
        return _parse(text, default_year)

    # -- what it is --------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return "point" if self.day is not None else _span_kind(self.start, self.end)

    @property
    def months(self) -> int:
        return self.end - self.start + 1

    @property
    def month_span(self) -> tuple[str, str]:
        """("YYYY-MM", "YYYY-MM"): the first and last month, as extraction's JSON contract writes them."""
        return f"{self.year}-{self.start:02d}", f"{self.year}-{self.end:02d}"

    @property
    def start_date(self) -> datetime.date:
        return datetime.date(self.year, self.start, self.day or 1)

    @property
    def end_date(self) -> datetime.date:
        return datetime.date(self.year, self.end, self.day or _last_day(self.year, self.end))

    @property
    def label(self) -> str:
        year = f"{self.year}年"
        match self.kind:
            case "point":
                return f"{year}{self.end}月{self.day}日"
            case "year":
                return year
            case "month":
                return f"{year}{self.end}月"
            case "ytd":
                return year + YTD_NAMES.get(self.end, f"1-{self.end}月")
            case "quarter":
                return f"{year}第{CHINESE_ORDINALS[self.end // 3]}季度"
            case "half":
                return f"{year}下半年"

    def previous_year(self) -> "Period":
        """The same span a year earlier, the base of 同比. 2月29日 has no twin: 2月28日 stands in."""
        day = self.day
        if day is not None:
            day = min(day, _last_day(self.year - 1, self.end))
        return Period(self.year - 1, self.start, self.end, day)


_FIELD_NAMES = {"year": "年份", "start": "起始月份", "end": "结束月份"}


def _span_kind(start: int, end: int) -> str | None:
    if (start, end) == (1, 12):
        return "year"
    if start == 1 and end > 1:
        return "ytd"
    if start == end:
        return "month"
    if (start, end) in ((4, 6), (7, 9), (10, 12)):
        return "quarter"
    if (start, end) == (7, 12):
        return "half"
    return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


# -- parsing ---------------------------------------------------------------------------------

# People paste from Word and WeChat: full-width digits, several kinds of dash, 至/到 for ranges.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_RANGE_DASHES = re.compile(r"[-‐‑‒–—―−〜~至到]+")
# 截至/截止 marks a stock at a date; it has to be taken off before 至 is read as a dash.
_AS_AT = re.compile(r"^(?:截[至止][到至]?|到)")
_CUMULATIVE = re.compile(r"^累计|累计$")

_CHINESE_DIGITS = dict(zip("〇零一二三四五六七八九", (0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CHINESE_NUMBER = re.compile(r"[〇零一二三四五六七八九十]+")

_YEAR = r"(?:(?P<year>\d{4})年)?"  # before a number: 2023年10月, never 202310月
_YEAR_WORD = r"(?:(?P<year>\d{4})年?)?"  # before a word: 2023年上半年, 2023上半年, 2023Q3
_MONTH = r"月份?"

_FORMS = [
    # (pattern, what it builds from the match); the first that matches the whole text wins.
    (rf"{_YEAR}(?P<start>\d{{1,2}})(?:{_MONTH})?-(?P<end>\d{{1,2}}){_MONTH}", "range"),
    (rf"{_YEAR}(?P<month>\d{{1,2}}){_MONTH}", "month"),
    (r"(?P<year>\d{4})[-./](?P<month>\d{1,2})", "month"),
    (rf"{_YEAR}(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})[日号]", "date"),
    (r"(?P<year>\d{4})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})", "date"),
    (rf"{_YEAR}(?P<month>\d{{1,2}}){_MONTH}[底末]", "month_end"),
    (r"(?P<year>\d{4})?年[底末]", "year_end"),
    (rf"{_YEAR_WORD}前3季度?", "first_three_quarters"),
    (rf"{_YEAR_WORD}上半年", "first_half"),
    (rf"{_YEAR_WORD}下半年", "second_half"),
    (rf"{_YEAR_WORD}(?:第?(?P<quarter>\d{{1,2}})季度?|首季度?|-?Q(?P<q>\d{{1,2}}))", "quarter"),
    (r"(?P<year>\d{4})年?(?:全年|年度)?", "year"),
    (r"全年", "year"),
]
_FORMS = [(re.compile(pattern), builder) for pattern, builder in _FORMS]


def _parse(text: str, default_year: int | None) -> Period:
    compact = _normalise(text)
    compact, as_at = _AS_AT.subn("", compact)
    compact, cumulative = _CUMULATIVE.subn("", compact)
    compact = _arabic_numerals(_RANGE_DASHES.sub("-", compact))
    for pattern, builder in _FORMS:  # noqa: B007 - the matching form's builder is used after the loop
        if match := pattern.fullmatch(compact):
            break
    else:
        raise PeriodError(f"无法识别的统计期：“{text}”（可写作“2023年1-10月”“2023年一季度”“截至2023年11月底”等）")
    fields = match.groupdict()
    year = int(fields["year"]) if fields.get("year") else default_year
    if year is None:
        raise PeriodError(f"“{text}”缺少年份：请写明年份，如“2023年1-10月”")
    try:
        period = _build(builder, year, fields)
    except PeriodError as error:
        raise PeriodError(f"“{text}”：{error}") from None
    if as_at and period.kind != "point":
        raise PeriodError(f"“{text}”含“截至”却不是时点：时点请写“截至10月底”，累计请写“1-10月”")
    if cumulative and (period.kind not in ("ytd", "year")):
        raise PeriodError(f"“{text}”：“累计”只能用于从1月起的期间，如“1-10月累计”")
    return period


def _build(builder: str, year: int, fields: dict) -> Period:
    number = {name: int(value) for name, value in fields.items() if value and value.isdigit()}
    match builder:
        case "range":
            return Period(year, number["start"], number["end"])
        case "month":
            return Period.month(year, number["month"])
        case "date":
            return Period(year, number["month"], number["month"], number["day"])
        case "month_end":
            _check_month(number["month"])
            return Period.point(datetime.date(year, number["month"], _last_day(year, number["month"])))
        case "year_end":
            return Period.point(datetime.date(year, 12, 31))
        case "first_three_quarters":
            return Period.ytd(year, 9)
        case "first_half":
            return Period.ytd(year, 6)
        case "second_half":
            return Period(year, 7, 12)
        case "quarter":
            quarter = number.get("quarter", number.get("q", 1))  # 首季度 is the first
            if quarter not in QUARTERS:
                raise PeriodError(f"季度应为1-4，实际为{quarter}")
            return Period(year, *QUARTERS[quarter])
        case "year":
            return Period.whole_year(year)
    raise AssertionError(builder)


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise PeriodError(f"月份应在1-12之间，实际为{month}")


def _normalise(text: str) -> str:
    return "".join(str(text).translate(_FULL_WIDTH).split()).upper()


def _arabic_numerals(text: str) -> str:
    """一季度 -> 1季度, 十二月 -> 12月, 二〇二三年 -> 2023年; anything else is left for the patterns to refuse."""
    return _CHINESE_NUMBER.sub(lambda match: _chinese_number(match.group()), text)


def _chinese_number(numeral: str) -> str:
    if "十" not in numeral:
        if len(numeral) in (1, 4):  # a single digit, or a year written digit by digit
            return "".join(str(_CHINESE_DIGITS[char]) for char in numeral)
        return numeral
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units or "〇" in tens + units or "零" in tens + units:
        return numeral
    return str(_CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(units, 0))


# -- figures over periods --------------------------------------------------------------------


def single_months(cumulative: dict[int, Decimal]) -> dict[tuple[int, int], Decimal]:
    """From year-to-date values keyed by end month, the value of each step as (start, end) -> value.

    {2: 10, 3: 16, 4: 22} -> {(1, 2): 10, (3, 3): 6, (4, 4): 6}. A missing month cannot be split
    out, so a gap gives a block: 5 missing and 6 present gives (5, 6).
    """
    steps = {}
    previous_end, previous_value = 0, Decimal(0)
    for end in sorted(cumulative):
        _check_month(end)
        steps[(previous_end + 1, end)] = cumulative[end] - previous_value
        previous_end, previous_value = end, cumulative[end]
    return steps


def cumulate(steps: dict[tuple[int, int], Decimal]) -> dict[int, Decimal]:
    """Back again: contiguous blocks from January summed into year-to-date values by end month.

    Stops at the first gap, since nothing after it is a year-to-date value. Overlapping blocks
    are contradictory data and are refused.
    """
    cumulative = {}
    next_start, total = 1, Decimal(0)
    for start, end in sorted(steps):
        _check_month(start)
        _check_month(end)
        if end < start:
            raise PeriodError(f"分段{start}-{end}月的结束月份早于起始月份")
        if start > next_start:
            break
        if start < next_start:
            raise PeriodError(f"分段{start}-{end}月与前一段重叠")
        total += steps[(start, end)]
        cumulative[end] = total
        next_start = end + 1
    return cumulative


def yoy_pct(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """同比 in percent, rounded half-up to 2 decimals.

    None if either value is missing, or the base is zero or negative: as in the statistics
    office's practice, a growth rate on a loss-making base would have a misleading sign.
    """
    if current is None or previous is None or previous <= 0:
        return None
    pct = ((current - previous) * 100 / previous).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return pct if pct else Decimal("0.00")  # no "-0.00"


def growth_disagrees(stated: Decimal | None, computed: Decimal | None, tolerance: Decimal = Decimal("0.05")) -> bool:
    """True when a stated 同比 and one computed from the figures differ by more than the tolerance
    (percentage points): a sign of a revised base or a typing error. Missing either: nothing to say."""
    if stated is None or computed is None:
        return False
    return abs(stated - computed) > tolerance
