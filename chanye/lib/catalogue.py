"""Which indicator a figure is: the catalogue's names and aliases, with a few rules of the genre. Plain
Python, shared by the extraction engine (phrases in text) and the statistics import (row labels).

The catalogue (chanye/monitoring/catalogue.toml) is read as plain TOML. On top of its aliases:
- 总投资 and a bare 投资额 are not the 固定资产投资 indicator: in reports they are what a project or a
  batch of signed projects will cost, which the project and signing rules read;
- 引进……项目 with words between (引进重庆小面产业项目8个) is projects_introduced, and so is a period's
  tally of 新签约项目 (one signing event's projects are read by the signing rule first);
- a stock (企业数, 市场主体) counted as 新增/新引进/新注册 is a flow of new ones, not the level: not read;
- 收入 after 人均/可支配/财政/税收/旅游… is another statistic, not 营业收入.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "monitoring" / "catalogue.toml"

NOT_METRIC_ALIASES = {"总投资", "投资额"}
EXTRA_PATTERNS = {
    # the money of a period's signed projects named as such (新签项目投资额3815亿元, 新增项目协议总投资3224.25亿元);
    # before the count of projects, which would take its first words
    # the investment of a sector or industry (第二产业完成投资255.5亿元, 小镇特色产业投资1029.7亿元): a part of 固定资产投资
    "investment": r"(?<=产业)(?:完成|实现)?投资(?=(?:额)?(?:达到?|为|超过?|近|约|逾)?\d)",
    "contract_investment": r"(?:新签约?|签约)项目(?:总)?投资(?:总)?额|协议总投资(?:额)?"
    # the money signed as such (签约项目108个，签约资金64.08亿元; 签约投资总额超900亿元)
    r"|签约(?:资金|投资总额|投资额)",
    "projects_introduced": r"(?:新引进|新招引|引进|招引|落地|新签约|新签|签约)(?:[^，。；、：:\d“”]|“[^”]{1,12}”){0,12}?项目"
    # 共签约66个项目: the count between the verb and 项目
    r"|(?:新引进|引进|招引|新签约|新签|签约)(?=\d+个[^，。；、：:\d“”]{0,8}?项目)"
    # 吸引新能源产业项目落地1350个: the verb after 项目
    r"|项目(?:落地|签约)(?=\d+个)",
    "above_scale_enterprises": r"(?:规上|规模以上)[^，。；、：:\d“”]{0,6}?企业",
    # the total of operating revenue (1-4月份园区营业总收入实现79.5亿元, 全区经营总收入完成225.03亿元)
    "revenue": r"(?:营业|经营)总收入",
    # 一般公共预算收入 by its name before 2014 (园区公共财政收入…，1-4月份实现10.8亿元)
    "fiscal_revenue": r"(?:地方)?公共财政收入",
    # the funds in place said by where they come from (到位省外资金1.12万亿元, 全市实际利用内资117.2亿元)
    "funds_in_place": r"到位(?:省外|市外|州外|县外|境外|国内)资金|(?:实际)?利用内资|(?<=产业)到资(?=\d)",
    # the parts of 社会消费品零售总额 statistics bureaus give (分城乡, 按消费类型): 城镇消费品零售额, 餐饮收入
    "retail_sales": r"(?:城镇|乡村|限额以上单位|限上单位)消费品零售额|餐饮收入|商品零售(?:额)?(?=\d)",
}
# Words before an alias that make it another statistic.
BLOCKED_BEFORE = {
    "收入": (
        "人均",
        "可支配",
        "财政",
        "财政总",
        "预算",
        "税收",
        "旅游",
        "农村",
        "居民",
        "工资",
        "营业外",
        "经营性",
        "性",
        "税费",  # 税费收入: taxes, not revenue
    ),
    "利润": ("亏损",),
    # 工业销售产值 is another statistic than 工业总产值; 合同工业产值 is what signed projects promise to produce
    "产值": ("销售", "合同"),
    "工业产值": ("合同",),
    # 考察企业621家, 对接企业442家, 日均诞生企业96家: firms met or born a day, not the firms there are
    "企业": ("考察", "对接", "走访", "拜访", "接待", "洽谈", "调研", "帮扶", "日均", "诞生"),
    # 人均生产总值127499元: per head, not the region's
    "生产总值": ("人均",),
    "地区生产总值": ("人均",),
    "GDP": ("人均",),
}
# Words after an alias that make it another statistic: 出口交货值 is not 出口.
BLOCKED_AFTER = {"出口": ("交货值", "企业", "产品", "型"), "进出口": ("企业", "权"), "税收": ("分成",)}
NEW_ONES = ("新增", "新引进", "新注册", "新登记", "新培育", "净增", "新设", "新入驻", "新落户", "新发展")
# Firms brought in over a period (2023年…引进优强企业21家) are a flow, not the count of firms there; those
# brought in so far (目前…已引进企业315家, 累计引进) are. So are firms signed or closed (签约卫浴企业125家, 清退“僵尸企业”12家).
_BROUGHT_IN = re.compile(r"(?<!已)(?<!累计)(?:引进|招引|引入|签约|清退|关闭|注销|淘汰)")


# A list of counts that new ones head: 新增战略性新兴产业企业3家、[国家级高新技术企业]31家 are new too.
_NEW_LIST = re.compile(
    "(?:" + "|".join(NEW_ONES) + r")[^，,。；;:：]*?\d[^，,。；;:：、]*?(?:家|户)、[^，,。；;:：、\d]*$"
)


_CLAUSE_BREAK = re.compile(r"[，,。；;:：、]")


def _new_ones(before: str, alias: str, text: str = "", at: int = 0) -> bool:
    """Whether a count of a stock (企业, 规上企业) is of new ones, a flow: 新增…, 新注册…, 引进…企业21家, and the
    later items of a list of counts that 新增 heads (the 40 characters of `text` before `at`)."""
    if text:  # the clause before the count, up to 10 characters: 新设外商投资企业7家
        before = _CLAUSE_BREAK.split(text[max(0, at - 10) : at])[-1]
    return (
        any(word in before or word in alias for word in NEW_ONES)
        or bool(_BROUGHT_IN.search(before))
        or bool(_NEW_LIST.search(text, max(0, at - 40), at))
    )


# Compatible units: the catalogue's base unit -> units a figure of it may be written in.
COMPATIBLE = {
    "元": {"元"},
    "家": {"家", "户"},
    "户": {"户", "家"},
    "个": {"个", "项"},
    "项": {"项", "个"},
    "吨": {"吨"},
    "千瓦时": {"千瓦时"},
    "人": {"人"},
}
# Aliases that can follow the count they qualify: 40多家影视企业, 2万户市场主体.
NOUN_AFTER_COUNT = {"企业", "市场主体", "剧组", "规上企业", "规模以上企业", "产业企业"}


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    unit: str
    kind: str  # flow | stock

    def accepts(self, unit: str) -> bool:
        return unit in COMPATIBLE.get(self.unit, {self.unit})


@dataclass(frozen=True)
class IndicatorMention:
    start: int
    end: int
    text: str
    indicator: Indicator


class Catalogue:
    def __init__(self, entries: list[dict]):
        self.indicators = {e["key"]: Indicator(e["key"], e["name"], e["unit"], e.get("kind", "flow")) for e in entries}
        aliases: dict[str, str] = {}
        for entry in entries:
            for alias in [entry["name"], *entry.get("aliases", [])]:
                if alias not in NOT_METRIC_ALIASES:
                    aliases.setdefault(alias, entry["key"])
        self.aliases = aliases
        parts = [re.escape(a) for a in sorted(aliases, key=len, reverse=True)]
        extra = [f"(?P<{key}>{pattern})" for key, pattern in EXTRA_PATTERNS.items() if key in self.indicators]
        self.pattern = re.compile("|".join(extra + parts))

    @classmethod
    def load(cls, path: Path = CATALOGUE) -> "Catalogue":
        return _load(str(path))

    def mentions(self, text: str) -> list[IndicatorMention]:
        found = []
        for match in self.pattern.finditer(text):
            key = match.lastgroup or self.aliases.get(match.group())
            if key is None:
                continue
            alias = match.group()
            before = text[max(0, match.start() - 4) : match.start()]
            if any(before.endswith(word) for word in BLOCKED_BEFORE.get(alias, ())):
                continue
            if text.startswith(BLOCKED_AFTER.get(alias, ()), match.end()):
                continue
            indicator = self.indicators[key]
            if indicator.kind == "stock" and _new_ones(before, alias, text, match.start()):
                continue
            found.append(IndicatorMention(match.start(), match.end(), alias, indicator))
        return found


@cache
def _load(path: str) -> Catalogue:
    with open(path, "rb") as file:
        return Catalogue(tomllib.load(file)["indicator"])
