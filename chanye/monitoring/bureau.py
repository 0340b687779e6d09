"""Reading a statistics bureau's own table (统计月报, 主要指标完成情况表) as it comes. Plain Python.

A bureau table is a grid, not a template:

    2023年1-10月大渡口区产业集群主要经济指标            ← title rows: the period, the region, a unit
    单位：亿元
    指标名称 | 计量单位 | 1-10月 | 比上年同期增长(%)    ← header rows, one or two levels (XLSX merges
                                                       1-10月 over 绝对值 | 同比增长%)
    大数据智能化产业营业收入 | 亿元 | 92.2 | 1.89       ← a row label joins subject and indicator
      其中：新材料产业 | 亿元 | 59 | 6.1               ← a part: the indicator of the row above
    合计 / 注：…  / blank rows                         ← skipped

`read_layout` finds the title, the header rows and each column's role (label, unit, a value for a period,
the 同比 of a value column, ignore); `readings` turns each data row into what its cells state: the
subject phrase and indicator of the row (read with the extraction engine's catalogue and subject rules,
chanye.lib.catalogue and chanye.lib.industries), the period of the column, the value, the stated 同比
and the unit. Resolving the phrases to the platform's regions, clusters and indicators is the import's
work (chanye.monitoring.imports), which needs the database. A mapping (a dict, saved as a named
template) corrects any of the guesses: see `Mapping`.
"""

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from openpyxl.utils import column_index_from_string, get_column_letter

from chanye.lib.catalogue import Catalogue, IndicatorMention
from chanye.lib.gazetteer import Gazetteer
from chanye.lib.industries import read_subject
from chanye.lib.periods import Period, PeriodError

# -- roles of columns ------------------------------------------------------------------------------

LABEL, SUBJECT, INDICATOR, UNIT, VALUE, YOY, REGION, IGNORE = (
    "label",
    "subject",
    "indicator",
    "unit",
    "value",
    "yoy",
    "region",
    "ignore",
)
ROLES = {
    LABEL: "行名（主体+指标）",
    SUBJECT: "主体",
    INDICATOR: "指标",
    UNIT: "单位",
    VALUE: "数值",
    YOY: "同比（%）",
    REGION: "地区",
    IGNORE: "忽略",
}
# How a value column's period relates to the table's period (stated in the title or given).
MONTH, YTD, STATED, LAST_YEAR = "本月", "累计", "本期", "去年同期"
RELATIVE_PERIODS = (MONTH, YTD, STATED, LAST_YEAR)

LABEL_HEADERS = {
    "指标名称",
    "指标",
    "项目名称",
    "项目",
    "行业名称",
    "行业",
    "行业分类",
    "产业",
    "产业名称",
    "地区",
    "地区名称",
    "区域",
    "地区/行业",
    "名称",
    "主体",
    "分组",
    "类别",
    "单位名称",
    "区县",
    "区县名称",
    "县区",
    "市州",
    "地市",
    "城市",
}
UNIT_HEADERS = {"计量单位", "单位", "计算单位", "计价单位"}
SUBJECT_HEADERS = {"主体", "集群", "产业集群"}
INDICATOR_HEADERS = {"指标"}
REGION_HEADERS = {"地区", "区域", "区县", "县区", "市州", "地市", "城市", "地区名称", "区县名称"}
IGNORED_WORDS = ("结构", "比重", "占比", "占全", "完成", "计划", "目标", "排名", "位次", "序号", "备注", "说明", "进度")
YOY_WORDS = ("增长", "增速", "同比", "±", "比上年", "比去年", "增减", "增幅")
LAST_YEAR_WORDS = ("去年同期", "上年同期", "去年同月", "上年同月", "去年同期值", "上年同期数")
MONTH_WORDS = ("本月", "当月", "本月数")
YTD_WORDS = ("累计", "本月止累计", "本年累计", "自年初累计", "年初至本月累计", "1-本月", "本年")
STATED_WORDS = ("本期", "绝对值", "绝对数", "数值", "总量", "金额", "本期数", "实绩", "完成值", "完成数")
NOT_PUBLISHED = {"", "-", "--", "---", "—", "——", "…", "……", "/", "x", "X", "×", "－", "－－", "#N/A", "."}
UNIT_WORDS = re.compile(r"^(?:计量|计价)?单位[:：]\s*(?P<units>.+)$")
MONEY_UNITS = ("元", "万元", "亿元", "千元", "百万元", "千亿元", "万亿元")
DOLLAR_UNITS = {"美元": 1, "万美元": 10_000, "亿美元": 100_000_000}
COUNT_UNITS = ("家", "个", "户", "项", "人", "吨", "千瓦时", "%", "人份")
KNOWN_UNITS = set(MONEY_UNITS) | set(DOLLAR_UNITS) | set(COUNT_UNITS)
# A unit written in the label or the header: 工业总产值(亿元), 营业收入（万元）.
UNIT_IN_TEXT = re.compile(r"[（(](?:单位[:：])?(?P<unit>[^()（）]{1,6})[）)]?$")
NOTE = re.compile(r"^(?:注|说明|备注|资料来源|数据来源|附注|[(（]?[^,，]{0,8}统计局)[:：(（]?")
TOTAL = re.compile(r"(?:合计|总计|小计)$")
# Rows that only introduce their sub-rows: 按行业分, 在总计中, 其中.
GROUP_ROW = re.compile(r"^(?:按.{1,8}分(?:组)?|在.{1,6}中|其中|分.{1,6}[:：]?|内)[:：]?$")
PART = re.compile(r"^(?:#|＃|其中[:：]?|内[:：]|#其中[:：]?)+")
NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,2}[）)])"
)
VALUATION = re.compile(r"^(?:现价|按现价计算的?|可比价|不变价)")
WHOLE_WORDS = re.compile(r"^(?:全区|全市|全县|全省|全镇|全旗|全社会|全部|全口径|全)?(?:规模以上|规上)?$")
SCOPED = re.compile(r"(?:规模以上|规上)")
# What may follow an indicator's name at the end of a label: 固定资产投资额, 进出口总额, 企业数.
LABEL_TAIL = re.compile(r"^(?:总额|额|总数|数|数量|总量|总值|值|完成额|完成值|合计|额度|单位数|单位个数)?$")
PERIOD_IN_TEXT = re.compile(
    r"\d{4}\s*年\s*(?:\d{1,2}\s*(?:月份?)?\s*[-—–~至到]\s*\d{1,2}\s*月份?|\d{1,2}\s*月份?(?:[底末])?"
    r"|[一二三四1-4]\s*季度|第[一二三四1-4]季度|上半年|下半年|前三季度|全年|年度)?(?:累计)?"
    r"|\d{4}[.．/-]\d{1,2}(?!\d)"
)
# Titles that name a whole set of indicators do not name the indicator of the rows.
TABLE_WORDS = ("指标", "情况", "数据", "统计", "月报", "快报", "报表", "一览")


def compact(text: str) -> str:
    """A cell as compared: no spaces of any kind inside (全 市, 指 标 名 称, 本月止\\n累计)."""
    return "".join(str(text).split())


def signature(header: list[list[str]]) -> str:
    """The header's fingerprint, the same next month: digits are not part of it (7月 and 9月, 1-7月
    and 1-9月 are one column), nor spaces."""
    text = "|".join(",".join(re.sub(r"\d+", "#", compact(c)) for c in row) for row in header)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def is_number(text: str) -> bool:
    try:
        Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return False
    return True


def number(text: str) -> Decimal:
    return Decimal(compact(text).replace(",", "").replace("，", "").rstrip("%"))


# -- the mapping an officer can correct ------------------------------------------------------------


@dataclass
class ColumnRole:
    role: str = IGNORE
    period: str = ""  # a relative period (本月, 累计, 本期, 去年同期) or a period as written (2023年1-10月)
    indicator: str = ""  # an indicator's name or key for every figure of the column
    region: str = ""  # a region's name for every figure of the column
    unit: str = ""
    of: str = ""  # for 同比: the letter of the value column it qualifies

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass
class Mapping:
    """What an officer corrected, saved with a template: header rows (as Excel numbers them), column
    roles by letter, the table's region, period, unit and indicator when the file does not state
    them, row labels read otherwise (label → indicator name, 主体：name, or 跳过), the exchange rate of
    figures in 美元, and whether a row naming nothing the platform records is an error or skipped."""

    sheet: str = ""
    header_rows: list[int] = field(default_factory=list)
    columns: dict[str, ColumnRole] = field(default_factory=dict)
    region: str = ""
    period: str = ""
    unit: str = ""
    indicator: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    dollar_rate: str = ""
    strict: bool = False

    @classmethod
    def from_dict(cls, data: dict | None) -> "Mapping":
        data = dict(data or {})
        columns = {k: ColumnRole(**v) for k, v in (data.pop("columns", None) or {}).items()}
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(columns=columns, **known)

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "columns" and v}
        if self.columns:
            data["columns"] = {k: v.as_dict() for k, v in self.columns.items()}
        return data


# -- the layout of a sheet -------------------------------------------------------------------------


@dataclass
class Column:
    index: int
    header: str  # the header's levels joined: 主营业务收入 › 1-2月
    role: str
    period: str = ""
    indicator: str = ""
    region: str = ""
    unit: str = ""
    of: int | None = None  # 同比: index of its value column
    guessed: bool = True

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)

    @property
    def role_label(self) -> str:
        return ROLES[self.role]


@dataclass
class Layout:
    sheet: str
    title: str
    period_text: str  # as found in the title, or given
    region_text: str
    unit_texts: list[str]
    indicator_text: str  # an indicator the title or the label header names for the whole table
    header_rows: list[int]  # 0-based
    columns: list[Column]
    signature: str

    @property
    def header_numbers(self) -> list[int]:
        return [r + 1 for r in self.header_rows]

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1 if self.header_rows else 0


def _nonempty(row: list[str]) -> list[int]:
    return [i for i, c in enumerate(row) if c.strip()]


def _first(row: list[str]) -> str:
    cells = _nonempty(row)
    return compact(row[cells[0]]) if cells else ""


def find_header(rows: list[list[str]], limit: int = 40) -> list[int] | None:
    """The header rows (0-based), or None: the row whose first cell names the label column (指标名称,
    项目, 行业名称, 地区 …), else the row above the first row of figures; with a second level under it
    (first cell empty or merged, no figures) and a level of groups above it."""
    top = None
    for r, row in enumerate(rows[:limit]):
        cells = _nonempty(row)
        if len(cells) >= 2 and compact(row[cells[0]]) in LABEL_HEADERS and cells[0] <= 1:
            top = r
            break
    if top is None:
        for r, row in enumerate(rows[:limit]):
            cells = _nonempty(row)
            if len(cells) >= 2 and not is_number(row[cells[0]]) and any(is_number(row[i]) for i in cells[1:]):
                if r > 0 and len(_nonempty(rows[r - 1])) >= 2:
                    top = r - 1
                break
    if top is None:
        return None
    header = [top]
    while top > 0:
        above = rows[top - 1]
        cells = _nonempty(above)
        if len(cells) >= 2 and not above[0].strip() and not any(is_number(above[i]) for i in cells):
            top -= 1
            header.insert(0, top)
        else:
            break
    r = header[-1] + 1
    while r < len(rows) and len(header) < 3:
        row = rows[r]
        cells = _nonempty(row)
        if cells and not row[0].strip() and not any(is_number(row[i]) for i in cells):
            header.append(r)
            r += 1
        else:
            break
    return header


def _levels(rows: list[list[str]], header: list[int], width: int) -> list[list[str]]:
    """Each column's header levels, a group's text carried to the columns under it (merged cells in
    XLSX arrive as one value and blanks; CSV writes the group once)."""
    grid = [[(rows[r][c] if c < len(rows[r]) else "").strip() for c in range(width)] for r in header]
    for level in range(len(grid) - 1):
        for c in range(1, width):
            below = any(grid[lower][c] for lower in range(level + 1, len(grid)))
            if (
                not grid[level][c]
                and below
                and grid[level][c - 1]
                and any(grid[lower][c - 1] for lower in range(level + 1, len(grid)))
            ):
                grid[level][c] = grid[level][c - 1]
    return [[grid[level][c] for level in range(len(grid))] for c in range(width)]


def find_period(text: str, default_year: int | None = None) -> tuple[Period | None, str]:
    for match in PERIOD_IN_TEXT.finditer(text):
        written = match.group()
        try:
            return Period.parse(written, default_year), written
        except PeriodError:
            continue
    return None, ""


def find_region(text: str, gazetteer: Gazetteer) -> str:
    """The region a title names: 全区/全市/全县 (the importer's), or the longest place name in it."""
    text = compact(text)
    names = gazetteer.names()
    best = ""
    for start in range(len(text)):
        for end in range(start + 2, min(len(text), start + 14) + 1):
            word = text[start:end]
            if word in names and len(word) > len(best) and word[-1] in "省市区县州盟旗":
                best = word
    if best:
        return best
    for whole in ("全区", "全市", "全县", "全省"):
        if whole in text:
            return whole
    return ""


def find_units(text: str) -> list[str]:
    """单位：亿元, 计量单位:万元, 单位:个、万元, （亿元） → the units named."""
    text = compact(text)
    if match := UNIT_WORDS.match(text):
        return [u for u in re.split(r"[、,，/及和]", match["units"]) if u in KNOWN_UNITS]
    if (match := UNIT_IN_TEXT.search(text)) and match["unit"] in KNOWN_UNITS:
        return [match["unit"]]
    return []


def _column(index: int, levels: list[str], gazetteer: Gazetteer, catalogue: Catalogue) -> Column:
    texts = [compact(t) for t in levels if t]
    header = " › ".join(dict.fromkeys(t for t in levels if t))  # a merged group repeated is one
    last = texts[-1] if texts else ""
    column = Column(index=index, header=header, role=IGNORE)
    if not texts:
        return column
    if last in SUBJECT_HEADERS:
        column.role = SUBJECT
        return column
    if last in INDICATOR_HEADERS and index > 0:
        column.role = INDICATOR
        return column
    if last in ("主体类型", "约数", "说明"):
        return column
    if index == 0 or last in LABEL_HEADERS:
        column.role = REGION if last in REGION_HEADERS and index > 0 else LABEL
        if index == 0 and last not in LABEL_HEADERS and not last.endswith(("名称", "项目")):
            column.indicator = last  # 现 价 工 业 产 值 | 本月 | …: the table's indicator
        return column
    if last in UNIT_HEADERS:
        column.role = UNIT
        return column
    if last in SUBJECT_HEADERS:
        column.role = SUBJECT
        return column
    if any(word in t for t in texts for word in IGNORED_WORDS):
        return column
    units = find_units(last)
    if units:
        column.unit = units[0]
        last = UNIT_IN_TEXT.sub("", last)
    for group in texts[:-1]:
        if (units := find_units(group)) and not column.unit:
            column.unit = units[0]
        group = UNIT_IN_TEXT.sub("", group) if find_units(group) else group
        if group in gazetteer.names() and group[-1] in "省市区县州盟旗":
            column.region = group
        elif _indicator_of(group, catalogue):
            column.indicator = group
    if any(word in last for word in YOY_WORDS):
        column.role = YOY
        return column
    if last in LAST_YEAR_WORDS or any(last.startswith(w) for w in LAST_YEAR_WORDS):
        column.role, column.period = VALUE, LAST_YEAR
        return column
    if last in MONTH_WORDS:
        column.role, column.period = VALUE, MONTH
    elif last in YTD_WORDS or last.startswith("本月止") or (last.endswith("累计") and not re.search(r"\d", last)):
        column.role, column.period = VALUE, YTD
    elif last in STATED_WORDS:
        column.role, column.period = VALUE, STATED
    elif re.fullmatch(r"\d{1,2}", last) and 1 <= int(last) <= 12:
        column.role, column.period = VALUE, f"{int(last)}月"
    elif re.fullmatch(r"\d{1,2}-\d{1,2}", last):
        column.role, column.period = VALUE, f"{last}月"
    elif _period_like(last):
        column.role, column.period = VALUE, last
    elif len(texts) > 1 and _period_like(texts[0]) and last in STATED_WORDS | {""}:
        column.role, column.period = VALUE, texts[0]
    elif column.indicator or column.region or _indicator_of(last, catalogue):
        column.role, column.period = VALUE, STATED
        column.indicator = column.indicator or last
    return column


def _period_like(text: str) -> bool:
    text = re.sub(r"^(\d)季度累计$", r"\1季度", text)
    try:
        Period.parse(text, 2000)
    except PeriodError:
        return False
    return True


def _indicator_of(text: str, catalogue: Catalogue) -> IndicatorMention | None:
    """The indicator a label or header ends with (营业收入, 固定资产投资额, 进出口总额), as the
    catalogue's rules read it in text; None when it names none, or names one followed by other words
    (限额以上批零企业商品销售总额 is not 企业数)."""
    found = None
    for mention in catalogue.mentions(text):
        if LABEL_TAIL.match(text[mention.end :]):
            found = mention
    return found


def _pair_yoy(columns: list[Column]) -> None:
    """Each 同比 column qualifies a value column to its left in the same group: 同月 the month's,
    同期/累计 the year-to-date's, else the nearest."""
    taken: set[int] = set()
    for column in columns:
        if column.role != YOY or column.of is not None:
            continue
        group = column.header.split(" › ")[0] if " › " in column.header else None
        left = [
            c
            for c in columns[: column.index]
            if c.role == VALUE
            and c.index not in taken
            and c.period != LAST_YEAR
            and (group is None or c.header.split(" › ")[0] == group)
        ]
        text = compact(column.header)
        if "同月" in text or "本月比" in text or "当月" in text:
            preferred = [
                c for c in left if c.period == MONTH or re.fullmatch(r"(\d{4}年)?\d{1,2}月", compact(c.period))
            ]
        elif "累计" in text or "同期" in text:
            preferred = [c for c in left if c.period in (YTD, STATED) or "-" in c.period or "季度" in c.period]
        else:
            preferred = []
        chosen = (preferred or left or [None])[-1]
        if chosen is None:
            column.role = IGNORE
        else:
            column.of = chosen.index
            taken.add(chosen.index)
            column.region = column.region or chosen.region
            column.indicator = column.indicator or chosen.indicator


def read_layout(
    rows: list[list[str]], sheet: str, catalogue: Catalogue, gazetteer: Gazetteer, mapping: Mapping | None = None
) -> Layout | None:
    """The layout of a bureau table (None when no header can be found), with the mapping's corrections."""
    mapping = mapping or Mapping()
    if mapping.header_rows:
        header = [n - 1 for n in mapping.header_rows if 0 < n <= len(rows)]
    else:
        header = find_header(rows)
    if not header:
        return None
    width = max((len(r) for r in rows[header[0] : header[-1] + 40]), default=0)
    while width and not any(c < len(rows[r]) and rows[r][c].strip() for r in header for c in [width - 1]):
        width -= 1
    title_rows = rows[: header[0]]
    title = " ".join(compact(c) for row in title_rows for c in row if c.strip() and not NOTE.match(compact(c)))
    title_cells = [compact(c) for row in title_rows for c in row if c.strip() and not find_units(c)]
    units = [u for row in title_rows for c in row for u in find_units(c)]
    period, written = find_period(title)
    if mapping.period:
        written = mapping.period
    elif period is None:
        written = ""
    region = mapping.region or find_region(title, gazetteer)
    indicator = mapping.indicator
    for cell in title_cells if not indicator else []:
        if not NOTE.match(cell) and not any(w in cell for w in TABLE_WORDS):
            mention = _indicator_of(_title_rest(cell, written, region), catalogue)
            indicator = mention.text if mention else ""
            if indicator:
                break
    columns = [_column(i, levels, gazetteer, catalogue) for i, levels in enumerate(_levels(rows, header, width))]
    if not indicator and columns and columns[0].indicator:
        mention = _indicator_of(VALUATION.sub("", columns[0].indicator), catalogue)
        indicator = mention.text if mention else ""
    _pair_yoy(columns)
    for letter, role in mapping.columns.items():
        try:
            index = column_index_from_string(letter) - 1
        except ValueError:
            continue
        while index >= len(columns):
            columns.append(Column(index=len(columns), header="", role=IGNORE))
        column = columns[index]
        column.role, column.guessed = role.role, False
        column.period = role.period or (column.period if role.role == VALUE else "")
        column.indicator, column.region = role.indicator or column.indicator, role.region or column.region
        column.unit = role.unit or column.unit
        if role.role == YOY:
            column.of = column_index_from_string(role.of) - 1 if role.of else None
    if any(c.role == YOY and c.of is None for c in columns):
        _pair_yoy(columns)
    levels = [[(rows[r][c] if c < len(rows[r]) else "") for c in range(width)] for r in header]
    return Layout(
        sheet=sheet,
        title=title,
        period_text=written,
        region_text=region,
        unit_texts=[mapping.unit] if mapping.unit else units,
        indicator_text=indicator,
        header_rows=header,
        columns=columns,
        signature=signature(levels),
    )


def _title_rest(title: str, period: str, region: str) -> str:
    rest = title.replace(compact(period), "") if period else title
    rest = rest.replace(region, "") if region else rest
    rest = re.sub(r"[（(][^()（）]*[)）]", "", rest)
    return re.sub(r"^(?:\d{4}年)?", "", rest)


# -- the rows --------------------------------------------------------------------------------------


@dataclass
class Reading:
    """One figure a row states: where it is, what its label reads as, and its cells as written."""

    row: int  # as Excel numbers it
    column: str  # the letter of the value column
    label: str  # the label as written
    subject: str  # the subject phrase ("" : the region as a whole)
    industry: bool  # the phrase reads as an industry (→ a cluster) rather than a name
    indicator: str  # an indicator name as written, or ""
    region: str  # a region's name for this figure, or "" (the table's)
    section: str  # the section the row stands under (其中：开发区), or ""
    period: str  # the column's period, relative or as written
    value: str
    yoy: str
    yoy_column: str
    unit: str
    scoped: bool = False  # 规模以上: preferred over an unscoped figure of the same subject and period


@dataclass
class Skipped:
    row: int
    label: str
    reason: str


@dataclass
class Rows:
    readings: list[Reading] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def clean_label(text: str) -> tuple[str, bool, str]:
    """(label, is a part of the row above, unit written in it): #  工  业 → 工业, part;
    一、社会消费品零售总额 → 社会消费品零售总额; 工业总产值(亿元) → 工业总产值, 亿元."""
    label = compact(text)
    label, parts = PART.subn("", label)
    label = NUMBERING.sub("", label)
    label, more = PART.subn("", label)
    unit = ""
    if match := UNIT_IN_TEXT.search(label):  # 工业总产值(亿元); 固定资产投资(不含农户) qualifies the name
        unit = match["unit"] if match["unit"] in KNOWN_UNITS else ""
        label = label[: match.start()] or label
    return label.strip("：:"), bool(parts or more), unit


def read_label(label: str, catalogue: Catalogue) -> tuple[str, str, bool, bool]:
    """(subject phrase, indicator as written, reads as an industry, 规模以上) of a cleaned label:
    大数据智能化产业营业收入 → (大数据智能化产业, 营业收入, True); 规模以上工业总产值 → ("", 工业总产值, scoped);
    新材料产业 → (新材料产业, "", True); 广州市 → (广州市, "", False)."""
    label = VALUATION.sub("", label)
    mention = _indicator_of(label, catalogue)
    if mention is None:
        phrase, indicator = label, ""
    else:
        phrase, indicator = label[: mention.start], mention.text
    scoped = bool(SCOPED.search(phrase))
    if WHOLE_WORDS.fullmatch(phrase):
        return "", indicator, False, scoped
    subject = read_subject(phrase, indicator)
    if subject is not None and subject.industry:
        return phrase, indicator, True, scoped
    return phrase, indicator, False, scoped


def _depth(raw: str, part: bool) -> float:
    """How far a label stands under the rows above it: its indentation, a # or 其中 marker, a
    sub-numbering (1、 under 一、)."""
    indent = len(raw) - len(raw.lstrip(" \u3000\t"))
    text = raw.strip()
    numbered = 0.5 if re.match(r"^(?:\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,2}[）)])", text) else 0
    return indent + (0.75 if part else 0) + numbered


def readings(rows: list[list[str]], layout: Layout, catalogue: Catalogue, mapping: Mapping | None = None) -> Rows:
    """Every figure of the table's data rows. Blank rows, notes, totals, group rows and rows without
    figures are skipped; a repeated header starts a new block (a second table under the first). A row
    standing under another (indented, #, 其中, 1、 under 一、) and naming no indicator of its own is a
    part of that row's indicator: 其中：新材料产业 under 营业收入 is 新材料产业's 营业收入; 其中：规模以上
    narrows the row above (规模以上 + 企业单位数)."""
    mapping = mapping or Mapping()
    result = Rows()
    columns = layout.columns
    label_at = next((c.index for c in columns if c.role == LABEL), None)
    if label_at is None:
        label_at = next((c.index for c in columns if c.role == SUBJECT), 0)
    stack: list[tuple[float, str, str, str]] = []  # (depth, label, indicator as written, unit) of the rows above
    section, grouped, in_notes = "", None, False
    for r in range(layout.data_start, len(rows)):
        row = rows[r]
        number_ = r + 1
        cells = _nonempty(row)
        if not cells:
            stack, grouped = [], None
            continue
        first = compact(row[cells[0]])
        if in_notes:
            continue
        if NOTE.match(first):
            result.skipped.append(Skipped(number_, first[:40], "注释"))
            continue
        if first in LABEL_HEADERS and len(cells) >= 2 and not any(is_number(row[i]) for i in cells[1:]):
            stack, section, grouped = [], "", None  # the header of a second table: same columns
            continue
        raw = row[label_at] if label_at < len(row) else ""
        label, part, label_unit = clean_label(raw)
        depth = _depth(raw, part)
        figures = [c for c in columns if c.role in (VALUE, YOY) and c.index < len(row) and row[c.index].strip()]
        if not figures or all(compact(row[c.index]) in NOT_PUBLISHED for c in figures):
            if not figures and (len(first) > 24 or re.search(r"[。，,；;]", first)):
                in_notes = True
                result.skipped.append(Skipped(number_, first[:40], "说明文字"))
            elif not figures and GROUP_ROW.match(label):
                grouped = depth
                result.skipped.append(Skipped(number_, label, "分组行"))
            elif not figures and r > layout.data_start and not _nonempty(rows[r - 1]):
                section, stack, grouped = label, [], None
                result.skipped.append(Skipped(number_, label, "分组行（以下各行属于该分组）"))
            elif label:
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                subject, indicator, _, _ = read_label(label, catalogue)
                stack.append((depth, label, indicator, label_unit))
                result.skipped.append(Skipped(number_, label, "没有数字"))
            continue
        if not label:
            result.errors.append((number_, f"{get_column_letter(label_at + 1)}列：行名为空"))
            continue
        override = mapping.labels.get(label) or mapping.labels.get(compact(raw))
        if override in ("跳过", "忽略", "skip"):
            result.skipped.append(Skipped(number_, label, "映射设为跳过"))
            continue
        if TOTAL.search(label) and not override:
            result.skipped.append(Skipped(number_, label, "合计行"))
            continue
        subject, indicator, industry, scoped = read_label(label, catalogue)
        if override and not override.startswith(("主体:", "主体：")):
            subject, industry = (subject, industry) if indicator else ("", False)  # the whole label names it
            indicator = override
        if grouped is not None and not indicator and depth <= grouped:
            parent = stack[-1] if stack else None  # 在总额中：食品类… stand under the row before the group
        else:
            if indicator and depth <= (grouped if grouped is not None else -1):
                grouped = None
            while stack and stack[-1][0] >= depth:
                stack.pop()
            parent = stack[-1] if stack else None
            stack.append((depth, label, indicator, label_unit or (parent[3] if parent else "")))
        if parent is not None and not label_unit:
            label_unit = parent[3]  # 六个重点行业工业总产值(亿元) gives its unit to the industries under it
        if not indicator and parent is not None:
            _, parent_label, parent_indicator, _ = parent
            if WHOLE_WORDS.fullmatch(label) or label in ("其中", "合计"):
                joined = read_label(label + parent_label, catalogue)  # 其中：规模以上 narrows the row above
            else:
                joined = read_label(label + parent_indicator, catalogue) if parent_indicator else None
            if joined is not None and joined[1]:
                subject, indicator, industry, scoped = joined
            elif WHOLE_WORDS.fullmatch(label):
                subject, industry = label + parent_label, False  # names nothing the platform records
            if stack and stack[-1][1] == label:
                stack[-1] = (stack[-1][0], label, indicator, stack[-1][3])
        if override and override.startswith(("主体:", "主体：")):
            subject, industry = override[3:].strip(), True
        unit_cell = next((row[c.index] for c in columns if c.role == UNIT and c.index < len(row)), "")
        region_cell = next((row[c.index] for c in columns if c.role == REGION and c.index < len(row)), "")
        subject_cell = next((row[c.index] for c in columns if c.role == SUBJECT and c.index < len(row)), "")
        indicator_cell = next((row[c.index] for c in columns if c.role == INDICATOR and c.index < len(row)), "")
        if subject_cell.strip():
            subject, industry = compact(subject_cell), True
        for column in columns:
            if column.role != VALUE or column.index >= len(row):
                continue
            value = compact(row[column.index])
            yoy_column = next((c for c in columns if c.role == YOY and c.of == column.index), None)
            yoy = compact(row[yoy_column.index]) if yoy_column and yoy_column.index < len(row) else ""
            if value in NOT_PUBLISHED and yoy in NOT_PUBLISHED:
                continue
            result.readings.append(
                Reading(
                    row=number_,
                    column=column.letter,
                    label=compact(raw),
                    subject=subject,
                    industry=industry,
                    indicator=compact(indicator_cell) or indicator or column.indicator or layout.indicator_text,
                    region=compact(region_cell) or column.region,
                    section=section,
                    period=column.period,
                    value="" if value in NOT_PUBLISHED else value,
                    yoy="" if yoy in NOT_PUBLISHED else yoy,
                    yoy_column=yoy_column.letter if yoy_column else "",
                    unit=compact(unit_cell) or label_unit or column.unit,
                    scoped=scoped,
                )
            )
    return result


def column_period(text: str, stated: Period | None) -> Period:
    """A value column's period: relative to the table's (本月, 累计, 本期, 去年同期) or as its header
    writes it, the year taken from the table's period when the header has none (11, 1-11, 3月)."""
    year = stated.year if stated else None
    match text:
        case "本月":
            if stated is None:
                raise PeriodError("表格没有写明期间：请在导入设置中填写期间，如“2023年10月”")
            return Period.month(stated.year, stated.end)
        case "累计":
            if stated is None:
                raise PeriodError("表格没有写明期间：请在导入设置中填写期间，如“2023年1-10月”")
            return Period.ytd(stated.year, stated.end) if stated.end > 1 else Period.month(stated.year, 1)
        case "本期" | "":
            if stated is None:
                raise PeriodError("表格没有写明期间：请在导入设置中填写期间，如“2023年1-10月”")
            return stated
    text = compact(text)
    if m := re.fullmatch(r"([1-4一二三四])季度累计", text):
        quarter = int("一二三四".index(m.group(1)) + 1 if m.group(1) in "一二三四" else m.group(1))
        if year is None:
            raise PeriodError(f"“{text}”缺少年份：请在导入设置中填写期间")
        return Period.ytd(year, quarter * 3)
    return Period.parse(text, year)


def dollar_unit(unit: str) -> int | None:
    return DOLLAR_UNITS.get(unit)
