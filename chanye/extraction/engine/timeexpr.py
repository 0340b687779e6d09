"""Time in a report, resolved against the publication date.

Each expression becomes a TimeRef of one of these kinds:
- "period": a statistical span (单月, 1-N月累计, 季度, 半年, 全年) that had ended by the publication
  date: 今年1-10月, 前三季度, 上半年, 2023年, 去年;
- "point": a day: 截至11月底 (as_at), 去年底, 12月13日;
- "now": 目前, 当前, 截至目前, 至今 — the publication date;
- "open": 今年以来, 今年 before the year is over, the month of publication — a span whose end the
  text does not give or that had not come;
- "future": a span or day that had not ended by the publication date (今年全年 in December, 明年,
  1-11月 of the year of a January publication);
- "vague": 近年来, 多年来, 2016年以来, 前不久 — no statistical period at all;
- "compare": the base of a comparison (较上半年, 比去年同期), which is not the figure's period;
- "undated": a time the text states relative to its publication (今年, 去年底, 目前, 1-10月 without a
  year) in a document without a date: the figure is real, its period waits for the date.

Without a publication date, a time with its year written (2023年1-10月, 2022年底) is taken as past: the
genre reports what has happened, and a plan's future years are read by find_targets.

A month without a year (1-10月) takes the year last named in the paragraph, else the latest year in
which it had ended by the publication date. Periods are chanye.lib.periods.Period.
"""

import datetime
import re
from dataclasses import dataclass

from chanye.lib.periods import Period, PeriodError

_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"
_YEAR = r"(?:(?P<y4>(?:19|20)\d{2})|(?P<ycn>[〇零一二三四五六七八九]{4}))年|(?P<yrel>今年|去年|上年|前年|明年|本年)"
_PART = (
    # 元至6月, 元月至6月: 元 (元月) is January, not a currency after a figure
    rf"(?P<r1>{_MONTH}|(?<![\d.万亿千百十])元)(?:月份?)?[-—–~至到](?P<r2>{_MONTH})月份?(?P<rend>底|末)?"
    rf"|前(?P<nm>{_MONTH}|\d{{1,2}})个?月"
    rf"|(?P<m>{_MONTH})月份?(?:(?P<d>{_DAY})[日号]|(?P<mend>底|末))?"
    r"|(?P<quarters>[1一][-—–~至到](?P<q2>[2-4二三四])季度)"  # 1-3季度: the quarters to the third, 前三季度
    # 前三季: traditional reports; 前三个季度, 前两个季度: the quarters to the third, to the second
    r"|(?P<part>前[三3]个?季度?|前[两二2]个季度|上半年|下半年|第?[一二三四1-4]季度|首季度?|全年)"
)
# The first quarters together, as Period.parse names them.
_QUARTERS_TO = {"2": "上半年", "二": "上半年", "3": "前三季度", "三": "前三季度", "4": "全年", "四": "全年"}
# 前两个季度 (its 个 dropped): the half-year, as Period.parse names it.
_FIRST_QUARTERS = {"前两季度": "上半年", "前二季度": "上半年", "前2季度": "上半年"}
_TIME = re.compile(
    rf"(?P<from>从|自)?(?P<asat>截至|截止到|截止|截至到|到)?"
    rf"(?=[\d今去上前明本〇零一二三四五六七八九十第首全下元])(?:{_YEAR})?(?:{_PART}|(?P<ytail>底|末|初|以来|来|度))?"
    r"|(?P<now>截至目前|截止目前|截至当前|到目前为止|目前|当前|至今|如今|现阶段|眼下|迄今|现有)"
    r"|(?P<vague>近年来|近年|近几年|近些年|多年来|近期|前不久|日前|此前|年初以来)"
)
_COMPARE_BEFORE = ("较", "比", "同", "与", "和", "跟", "相比", "对比", "环比")
_CHINESE_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))


@dataclass(frozen=True)
class TimeRef:
    start: int
    end: int
    text: str
    kind: str  # period | point | now | open | future | vague | compare | undated
    period: Period | None = None
    year: int | None = None  # the year named or implied, for the paragraph's default
    explicit_year: bool = False
    as_at: bool = False  # 截至…: a stock's date, or the end of a flow's year to date
    month_end: bool = False  # the point is the last day of a month (11月底, 年底)
    # An undated time that states a part of a year (上半年, 1-5月, 一季度; not 今年, 全年, 目前): a finished period the text
    # gives, but for its year, which waits for the document's date
    part_of_year: bool = False


UNDATED = "undated"


def opening_time_end(text: str) -> int:
    """Where the time a text opens with ends (今年前8个月, 2023年1-10月), 0 if it opens with none."""
    match = _TIME.match(text)
    return match.end() if match else 0


def find_times(
    text: str, published: datetime.date | None, paragraph_year: int | None = None, offset: int = 0
) -> list[TimeRef]:
    """Time expressions of a paragraph in order; each month without a year takes the year last named."""
    found = []
    for match in _TIME.finditer(text):
        if not match.group() or not (
            match["now"]
            or match["vague"]
            or match["y4"]
            or match["ycn"]
            or match["yrel"]
            or match["r1"]
            or match["nm"]
            or match["m"]
            or match["part"]
            or match["quarters"]
        ):
            continue
        ref = _resolve(match, text, published, paragraph_year, offset)
        if ref is None:
            continue
        if ref.explicit_year and ref.kind not in ("compare",):
            paragraph_year = ref.year
        found.append(ref)
    return found


def _year(match) -> tuple[int | None, bool, str]:
    if match["y4"]:
        return int(match["y4"]), True, ""
    if match["ycn"]:
        return int("".join(_CHINESE_DIGITS[c] for c in match["ycn"])), True, ""
    relative = match["yrel"]
    return None, relative is not None, relative or ""


def _resolve(match, text, published: datetime.date | None, paragraph_year, offset) -> TimeRef | None:
    start, end = match.span()
    base = {"start": offset + start, "end": offset + end, "text": match.group()}
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    if match["now"]:
        if published is None:
            return TimeRef(**base, kind=UNDATED)
        as_at = match.group().startswith(("截至", "截止", "到目前", "至今", "迄今"))  # 截至目前: all of it so far
        return TimeRef(**base, kind="now", period=Period.point(published), year=published.year, as_at=as_at)
    if match["vague"]:
        return TimeRef(**base, kind="vague")
    listed = before[-1:] in ("和", "与", "及") and before[:1] in ("年", "月", "度", "季")  # 2022年和2023年: a list
    if (any(before.endswith(word) for word in _COMPARE_BEFORE) and not listed) or after.startswith("同期"):
        return TimeRef(**base, kind="compare")
    year, explicit, relative = _year(match)
    has_part = any(match[name] for name in ("r1", "nm", "m", "part", "quarters"))
    part_of_year = has_part and match["part"] != "全年"
    if relative:
        if published is None:
            return TimeRef(**base, kind=UNDATED, part_of_year=part_of_year)
        year = published.year + {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}[relative]
    if match["from"] or after.startswith(("起", "开始")):
        return TimeRef(**base, kind="vague", year=year, explicit_year=explicit)
    as_at = bool(match["asat"])
    try:
        if not has_part:
            return _year_only(match, base, year, published, explicit)
        if year is None:
            if published is None and paragraph_year is None:
                return TimeRef(**base, kind=UNDATED, part_of_year=part_of_year)
            year = _latest_year(match, published, paragraph_year)
        period, month_end = _part(match, year)
    except PeriodError:
        return None
    if published is None:  # a time with its year written, in an undated text: past (see the module)
        kind = "point" if period.day is not None else "period"
        return TimeRef(
            **base, kind=kind, period=period, year=year, explicit_year=explicit, as_at=as_at, month_end=month_end
        )
    if period.day is not None:  # a day
        kind = "point" if period.end_date <= published else "future"
        return TimeRef(
            **base, kind=kind, period=period, year=year, explicit_year=explicit, as_at=as_at, month_end=month_end
        )
    if _ended(period, published):
        kind = "period"
    elif period.year == published.year and period.start == period.end == published.month:
        kind = "open"  # the month of publication: an event in it happened, a flow of it is not finished
    else:
        kind = "future"  # 今年1-11月 read in January: the text names an end that had not come
    return TimeRef(**base, kind=kind, period=period, year=year, explicit_year=explicit, as_at=as_at)


def _year_only(match, base, year, published, explicit) -> TimeRef:
    tail = match["ytail"] or ""
    if tail in ("底", "末"):
        point = Period.point(datetime.date(year, 12, 31))
        kind = "point" if published is None or point.end_date <= published else "future"
        return TimeRef(**base, kind=kind, period=point, year=year, explicit_year=explicit, month_end=True, as_at=True)
    if tail == "初":
        return TimeRef(**base, kind="vague", year=year, explicit_year=explicit)
    if tail in ("以来", "来"):
        kind = "open" if published is not None and year == published.year else "vague"
        return TimeRef(
            **base,
            kind=kind,
            period=Period.whole_year(year) if kind == "open" else None,
            year=year,
            explicit_year=explicit,
        )
    period = Period.whole_year(year)
    if published is None or _ended(period, published):
        return TimeRef(**base, kind="period", period=period, year=year, explicit_year=explicit)
    kind = "open" if year == published.year else "future"
    return TimeRef(**base, kind=kind, period=period, year=year, explicit_year=explicit)


def _part(match, year: int) -> tuple[Period, bool]:
    if match["r1"]:
        first = "1" if match["r1"] == "元" else match["r1"]
        period = Period.parse(f"{first}-{match['r2']}月", year)
        if match["rend"]:  # 1-11月底: the year to the end of November
            return period, False
        return period, False
    if match["nm"]:
        return Period.parse(f"1-{match['nm']}月", year), False
    if match["quarters"]:
        return Period.parse(_QUARTERS_TO[match["q2"]], year), False
    if match["m"]:
        if match["d"]:
            return Period.parse(f"{match['m']}月{_arabic_day(match['d'])}日", year), False
        if match["mend"]:
            return Period.parse(f"{match['m']}月底", year), True
        return Period.parse(f"{match['m']}月", year), False
    part = match["part"].replace("年度", "全年").replace("个", "")
    return Period.parse(_FIRST_QUARTERS.get(part, part), year), False


def _arabic_day(day: str) -> str:
    if day.isdigit():
        return day
    tens, _, units = day.partition("十")
    if "十" not in day:
        return _CHINESE_DIGITS[day]
    return str(
        int(_CHINESE_DIGITS.get(tens, "1") if tens else 1) * 10 + int(_CHINESE_DIGITS.get(units, "0") if units else 0)
    )


def _latest_year(match, published: datetime.date | None, paragraph_year: int | None) -> int:
    if paragraph_year is not None or published is None:
        return paragraph_year
    year = published.year
    try:
        period, _ = _part(match, year)
    except PeriodError:
        return year
    if period.day is not None:
        return year if period.end_date <= published else year - 1
    return year if _ended(period, published) else year - 1


def _ended(period: Period, published: datetime.date) -> bool:
    """A span has ended when its last month is over before the month of publication."""
    return (period.year, period.end) < (published.year, published.month)


# -- targets ---------------------------------------------------------------------------------

TARGET_LEAD = r"预计|力争|争取|目标|计划|确保|有望|规划|预期"
_TARGET = re.compile(
    rf"(?:(?P<lead>{TARGET_LEAD})[^，。；\d\n]{{0,6}}?)?(?P<to>到|至|于|在)?(?P<y>(?:19|20)\d{{2}})年(?P<tail>底|末|前|左右)?"
    rf"|(?:(?P<lead2>{TARGET_LEAD})[^，。；\d\n]{{0,4}}?)(?:到|至)?(?P<rel>今年|明年|本年|全年)(?:底|末|全年)?"
    rf"|(?:(?P<lead3>{TARGET_LEAD})[^，。；\d\n]{{0,4}}?)?(?:到|至)?[“‘\"]?十(?P<plan>[一二三四五六七八九])五[”’\"]?"
    r"(?:规划)?(?P<span>时期|期间)?(?P<end>末|期末)?"
)


_AS_AT = ("截止", "截至", "直")  # 截止到, 截至到, 直到 (…年底): as at, not by
_EVENT_DATE = re.compile(rf"{_MONTH}月|上半年|下半年|年内|第?[一二三四1-4]季度")


@dataclass(frozen=True)
class TargetRef:
    start: int
    end: int
    year: int | None  # None: 今年, 明年 in an undated text — a target whose year waits for the date


def find_targets(text: str, published: datetime.date | None, offset: int = 0) -> list[TargetRef]:
    found = []
    for match in _TARGET.finditer(text):
        if match["y"] and match["to"] and text.endswith(_AS_AT, 0, match.start("to")):
            continue  # 截止到2015年年底: the date of a level reached, not a year aimed at
        if match["y"]:
            year = int(match["y"])
            if published is None:
                if not (match["lead"] or match["to"]):
                    continue  # a bare year in an undated text: a time, not a plan
            elif year <= published.year and not (year == published.year and match["lead"] and match["to"]):
                continue
        elif match["rel"]:
            if _EVENT_DATE.match(text, match.end()):
                continue  # 预计今年6月投产: the date of an event, not a target year
            year = None if published is None else published.year + (1 if match["rel"] == "明年" else 0)
        elif match["end"] or (match["lead3"] and match["span"]):  # “十三五”末; 力争在“十四五”时期…达到: its last year
            year = 1955 + 5 * (10 + int(_CHINESE_DIGITS[match["plan"]]))
        else:
            continue  # “十四五”以来, 十四五规划: the plan named, no year aimed at
        found.append(TargetRef(offset + match.start(), offset + match.end(), year))
    return found


FUTURE = re.compile(
    r"(?<![即])将(?![军领士])|即将|预计|力争|争取|有望|(?<![模虚])拟|确保|(?<![于超])预期|届时|计划(?=[投建实完引新开到于在达])|(?:建成|投产|达产|投用|运营)后"
)
