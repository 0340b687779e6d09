"""What a figure is of, when it is not a region as a whole: an industry or cluster as the text writes it
(大数据智能化产业, 规上工业, 软件和信息服务业, 战略性新兴产业, 五大支柱产业), mapped to a GB/T 4754-2017 class
or a 战略性新兴产业分类(2018) category where one fits by name. Plain Python, shared by the extraction
engine and the statistics import (a bureau table's row labels).

A figure's subject is read from the words between the start of its clause (or the last region, verb or
time before it) and its indicator: 全区实现[工业]增加值, [规上工业]总产值, 重庆[软件]业务收入,
汽摩、电子和消费品[五大支柱产业]产值. What is left once regions, times, verbs and function words are
taken off is the industry, if it reads as one (it ends in 业, 产业, 集群, 经济, 领域 …, or is a known
class), the name of a firm or park if it reads as one, or nothing: the region's own figure.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "reference" / "data"

# Words that end an industry's name.
INDUSTRY_END = re.compile(
    r"(?:产业集群|产业链|产业群|产业|集群|行业|工业|制造业|服务业|业|经济|领域|板块|赛道|新业态|门类)$"
)
# Words an industry phrase may be: these without an ending too.
BARE_INDUSTRIES = frozenset(
    [
        "工业",
        "一产",  # 一产项目4个: the primary, secondary and tertiary sectors as investment news abbreviate them
        "二产",
        "三产",
        "规上工业",
        "规模以上工业",
        "建筑业",
        "服务业",
        "农业",
        "制造业",
        "高技术制造业",
        "装备制造业",
        "消费品工业",
        "数字经济",
        "大数据",
        "人工智能",
        "新能源",
        "新材料",
        "生物医药",
        "电子信息",
        "汽车",
        "汽摩",
        "集成电路",
        "软件",
        "物流",
        "文旅",
        "旅游",
        "金融",
        "商贸",
        "外贸",
        "电商",
        "文化",
        "康养",
        "医药",
        "大健康",
        "化工",
        "冶金",
        "纺织",
        "食品",
        "节能环保",
        "生态环保",
        "新能源汽车",
        "智能网联新能源汽车",
        "装备",
        "材料",
        "半导体",
        "光伏",
        "储能",
        "氢能",
        "算力",
        "工业互联网",
        "软件和信息服务",
        "软件信息服务",
        # traditional manufacturing as plans and bulletins name it without 产业 / 行业
        "纺织服装",
        "服装",
        "钢铁",
        "有色金属",
        "建材",
        "石化",
        "家居",
        "家电",
        "机械",
        "船舶",
        "稀土",
    ]
)
# The size class before an industry written bare (规上纺织服装[企业]): the industry is still what it names.
_SCOPE_OF = re.compile(r"^(?:规上|规模以上)(?=.)")
# Words a subject phrase starts with that are not part of it: verbs, adverbs, function words.
_LEAD = re.compile(
    r"^(?:(?:(?:到|至)?(?:19|20)\d{2}年(?:底|末)?|全年|今年|去年|上半年|前三季度|一季度|其中|另外|此外|同时|而|与此同时"
    r"|截至|截止|但|但是)[，,]?"
    r"|共|累计|共计|合计|总计|全年|已|还|先后|累计共|实现|完成|达成|创造|带动|拉动|带来|录得|预计|力争|争取|确保|计划|有望"
    r"|集聚|聚集|拥有|有|培育|引进|招引|新增|入驻|落户|形成|建成|接待|吸引|共有|现有|招商引资)*"
)
_TAIL = re.compile(r"(?:的|之|实现|完成|累计|共|全年|总|主营|业务|年|月|内|相关)+$")  # 集群内相关[企业]
# What a park or firm did, written between it and a count: 大数据产业园已引进[企业315家].
_DID = re.compile(r"(?:已经?|共|累计|先后|新|还)*(?:引进|引入|招引|入驻|集聚|聚集|拥有|共有|落户|签约|新增|吸引)了?$")
# A count before a group of firms: 50户重点企业, 38家规上企业.
_COUNTED = re.compile(r"^[\d一二三四五六七八九十百千万]+(?:户|家|个)")
# Sizes and kinds of firms: a part of the subject's population, not an industry of its own.
_SCOPES = frozenset(
    [
        "规上",
        "规模以上",
        "限上",
        "限额以上",
        "重点",
        "龙头",
        "骨干",
        "上市",
        "专精特新",
        "高新技术",
        "科技型",
        "外资",
        "民营",
        "国有",
        "配套",
    ]
)
# A list before a counted group names the group: 汽摩、电子和消费品五大支柱产业 → 五大支柱产业.
_COUNTED_GROUP = re.compile(r"[一二三四五六七八九十两\d]+大[\u4e00-\u9fff]{0,8}?(?:产业集群|产业|行业|集群|板块|领域)$")
# Indicators that carry their industry in their name: 工业增加值 is 工业's 增加值.
INDICATOR_INDUSTRY = {
    # the parts of 社会消费品零售总额: the part is what the figure is of
    "城镇消费品零售额": "城镇",
    "乡村消费品零售额": "乡村",
    "限额以上单位消费品零售额": "限额以上单位",
    "限上单位消费品零售额": "限上单位",
    "餐饮收入": "餐饮",
    "商品零售": "商品零售",
    "商品零售额": "商品零售",
    "工业总产值": "工业",
    "工业产值": "工业",
    "工业增加值": "工业",
    "服务业增加值": "服务业",
    "工业投资": "工业",
    "制造业投资": "制造业",
    "工业技改投资": "工业",
    "房地产投资": "房地产",
    "房地产开发投资": "房地产",
}
_NOT_INDUSTRY = re.compile(
    r"^(?:企业|项目|市场主体|园区|我们|其|该|这|他们|全区|全市|全县|全省|地区|区域|主要|重点|各|所有|整体|总体)"
    r"|^(?:全|整个|本|这一?)?(?:行业|产业|产业链|集群|领域)$"  # 去年底全行业营收: the topic's whole industry
)
# A population, not an industry: 规上企业 is the topic's firms above the size limit; 软件企业 is 软件's.
_FIRMS = re.compile(r"(?:企业|单位|市场主体)$")
COMPANY = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团|公司)$")
PARK = re.compile(r"(?:产业园|工业园|科技园|园区|基地|产业基地|示范区|集聚区|开发区|生物城|科学城|城)$")


@dataclass(frozen=True)
class Subject:
    """What is left of a subject phrase: an industry, or a firm or park, as written."""

    industry: str | None = None
    industry_code: str | None = None
    entity: str | None = None
    entity_kind: str | None = None


# The kinds of park as news writes them, longest first.
PARK_KINDS = "工业园区|产业园区|经济开发区|开发区|高新区|经开区|工业园|产业园|集聚区|园区"
# Parks named by their kind only, no name of their own: all of them in the region are meant.
_PARKS_OF_A_KIND = re.compile(
    rf"^(?:各类|各|省级以上|省级|国家级|市级|重点)?(?:工业|产业|经济技术|经济|高新技术|高新|化工)?(?:{PARK_KINDS})(?:工业)?$"
)


# A count of firms above the scale in one sector, the sector written inside it: 规模以上工业企业, 规上服务业企业.
_ABOVE_SCALE_OF = re.compile(r"^(?:规上|规模以上)(?P<industry>工业|服务业|建筑业|批发业|零售业|制造业)企业$")


# Parks, then what they did: 10个国家级经济技术开发区完成…, 22家高新技术产业开发区实现….
_PARKS_DID = re.compile(
    rf"^(?P<parks>(?:[\d一二三四五六七八九十]+(?:个|家))?[\u4e00-\u9fff]{{0,10}}?(?:{PARK_KINDS}))"
    r"(?:累计|共|合计)?(?:实现|完成)(?P<what>.*)$"
)


def is_parks(subject: "Subject | None") -> bool:
    """Whether a subject is a park, or a region's parks together (全市开发区)."""
    if subject is None:
        return False
    return subject.entity_kind == "park" or bool(subject.industry and _PARKS_OF_A_KIND.match(subject.industry))


# A tally of projects that says their industry: 新签约[工业]项目12个, 引进[先进制造业]项目.
_PROJECTS_OF = re.compile(r"(?:新引进|引进|招引|落地|新签约|新签|签约)(?P<industry>[\u4e00-\u9fff]{2,10}?)项目")


def _projects_industry(indicator: str) -> str:
    """The industry a count of projects names between its verb and 项目 (工业 of 新签约工业项目), or ""."""
    projects = _PROJECTS_OF.fullmatch(indicator)
    if projects is None:
        return ""
    industry = projects["industry"]
    if industry in ("产业", "行业"):
        return ""  # 新引进产业项目48个: projects of industry in general
    return industry if industry in BARE_INDUSTRIES or INDUSTRY_END.search(industry) else ""


def read_subject(phrase: str, indicator: str = "") -> Subject | None:
    """The industry (or firm, park) a phrase before an indicator names (the indicator as written may
    carry the industry: 工业增加值); None when it names nothing the figure can be of (it is only a verb,
    a time, or words that are not a subject)."""
    phrase = _LEAD.sub("", phrase.strip("，,：: "))
    split = _PARKS_DID.match(phrase)
    if split and (split["what"] or INDICATOR_INDUSTRY.get(indicator)):
        # 10个国家级经济技术开发区完成规上[工业总产值], 22家高新技术产业开发区实现高新技术产业[主营业务收入], 全省高新区共实现
        # [工业总产值]: the parks (as many as written) are whose it is, what follows the verb is of what
        what = read_subject(split["what"], indicator)
        industry = what.industry if what else None
        return Subject(
            industry=industry,
            industry_code=code_of(industry) if industry else None,
            entity=split["parks"],
            entity_kind="park",
        )
    phrase = _COUNTED.sub("", phrase)
    phrase = _TAIL.sub("", _FIRMS.sub("", _DID.sub("", phrase)))
    carried = INDICATOR_INDUSTRY.get(indicator, "") or _projects_industry(indicator)
    if not carried and (firms := _ABOVE_SCALE_OF.match(indicator)):
        carried = firms["industry"]  # 规模以上工业企业1325家: the count of 工业's firms above the scale
    if carried and not phrase:  # 餐饮收入, 城镇消费品零售额: a part the indicator itself names
        return Subject(industry=carried, industry_code=code_of(carried))
    if carried and not INDUSTRY_END.search(phrase):  # 规上 + 工业总产值 → 规上工业; 新兴产业工业增加值 → 新兴产业
        phrase += carried
    if not COMPANY.search(phrase):
        group = _COUNTED_GROUP.search(phrase)
        phrase = group.group() if group else phrase.rsplit("、", 1)[-1]
    if len(phrase) < 2 or _NOT_INDUSTRY.match(phrase) or phrase in _SCOPES:
        return None
    if COMPANY.search(phrase):
        return Subject(entity=phrase, entity_kind="enterprise")
    if (
        phrase.endswith("专班") and len(phrase) > 3
    ):  # 能源专班: the task force of an industry, its figures the industry's
        industry = phrase.removesuffix("专班")
        return Subject(industry=industry, industry_code=code_of(industry))
    if phrase.endswith("项目") and (projects := phrase.removesuffix("项目")) in BARE_INDUSTRIES:
        # 其中，工业项目到位资金76.3亿元: the industry's projects, their figure the industry's
        return Subject(industry=projects, industry_code=code_of(projects))
    if _PARKS_OF_A_KIND.match(phrase):
        # 全市开发区实现经营收入…, 全省工业园区实现利润…: the region's parks together, a sector of its own
        return Subject(industry=phrase)
    if PARK.search(phrase) and not INDUSTRY_END.search(phrase):
        return Subject(entity=phrase, entity_kind="park")
    if INDUSTRY_END.search(phrase) or _SCOPE_OF.sub("", phrase) in BARE_INDUSTRIES:
        return Subject(industry=phrase, industry_code=code_of(phrase))
    return None


def industry_key(name: str) -> str:
    """A name without its ending, for comparing (大数据产业 and 大数据 are one)."""
    name = name.replace("规模以上", "规上")
    stripped = INDUSTRY_END.sub("", name)
    return stripped or name


@cache
def _codes() -> dict[str, str]:
    """Names of GB/T 4754-2017 classes and of 战略性新兴产业 categories, without their endings, to codes."""
    codes: dict[str, str] = {}
    with (DATA / "gbt4754_2017.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            for name in re.split(r"[、，,]", row["name"]):
                codes.setdefault(industry_key(name.strip()), row["code"])
    with (DATA / "sei2018_to_gbt4754.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            for number, part in enumerate(row["sei_path"].split(" > ")[:2], start=1):
                codes.setdefault(industry_key(part.strip()), f"SEI{number}:{part.strip()}")
    codes.update(_COMMON)
    return codes


# Names of the genre that the classifications write otherwise.
_COMMON = {
    "软件和信息服务": "65",
    "软件和信息": "65",
    "软件信息服务": "65",
    "软件": "65",
    "电子信息": "39",
    "电子": "39",
    "生物医药": "27",
    "医药": "27",
    "汽车": "36",
    "建筑": "E",
    "制造": "C",
    "金融": "J",
    "批发和零售": "F",
    "交通运输": "G",
    "住宿和餐饮": "H",
    "新材料": "SEI1:新材料产业",
    "新能源汽车": "SEI1:新能源汽车产业",
    "节能环保": "SEI1:节能环保产业",
    "数字经济": "SEI1:新一代信息技术产业",
}


def code_of(name: str) -> str | None:
    """The class or category an industry's name is, by name; None when none is that name."""
    codes = _codes()
    for key in (name, name.removesuffix("业"), industry_key(name)):
        if key in codes:
            return codes[key]
    return None
