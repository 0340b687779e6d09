"""Regions by name: the 统计用区划代码 tree (province → city → county) and the zones beside it.

Plain Python, no Django: the region records of the platform are loaded from it (`chanye regions
load`) and the extraction engine finds regions in text with it, without a database.

Names come as reports write them: 重庆市 and 重庆, 江津区 and 江津, 秀山土家族苗族自治县 and 秀山,
广西壮族自治区 and 广西, 重庆高新技术产业开发区 and 重庆高新区. A short name may be ambiguous (江北:
重庆's 江北区, 宁波's 江北区) or a common word (和平, 新华): `resolve` prefers the place nearest to the
region a text is about, and short names that are ordinary words are never read as places on their own.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "reference" / "data"

PROVINCE, CITY, COUNTY, ZONE, TOWN = "province", "city", "county", "zone", "town"
LEVELS = (PROVINCE, CITY, COUNTY, ZONE, TOWN)

# Endings taken off a full name to make its short name, longest first. A short name keeps at least
# two characters (城区 stays 城区).
_ETHNIC = (
    "土家族苗族|苗族土家族|布依族苗族|苗族侗族|壮族瑶族|回族彝族|彝族回族苗族|哈尼族彝族|傣族景颇族|藏族羌族|"
    "蒙古族藏族|朝鲜族|维吾尔|哈萨克|蒙古族|土家族|布依族|仫佬族|毛南族|仡佬族|彝族|藏族|羌族|苗族|侗族|瑶族|"
    "壮族|回族|黎族|畲族|满族|傣族|白族|哈尼族|拉祜族|佤族|纳西族|傈僳族|独龙族|怒族|普米族|土族|撒拉族|"
    "东乡族|保安族|裕固族|锡伯族|达斡尔族|鄂温克族|鄂伦春族|各族|水族|京族"
)
_SUFFIX = re.compile(
    rf"(?:(?:{_ETHNIC})*(?:自治区|自治州|自治县|自治旗)|特别行政区|高新技术产业开发区|经济技术开发区|"
    r"新技术产业开发区|省|市|区|县|旗|盟|地区|林区|特区)$"
)
# A zone's kind as news shortens it (雅安经济开发区 is 雅安经开区); the longest of those ending alike first.
ZONE_SHORT = {
    "高新技术产业开发区": "高新区",
    "经济技术开发区": "经开区",
    "新技术产业开发区": "高新区",
    "高新技术开发区": "高新区",
    "经济开发区": "经开区",
}

# Short names that are ordinary words (or parts of names of other things) in reports: read only
# when written in full (和平区) or as part of a longer name.
COMMON_WORDS = frozenset(
    [
        "和平",
        "新华",
        "城关",
        "中山",
        "红旗",
        "长安",
        "城区",
        "郊区",
        "矿区",
        "市中",
        "东区",
        "西区",
        "南区",
        "北区",
        "白云",
        "新城",
        "开发",
        "高新",
        "向阳",
        "建设",
        "胜利",
        "前进",
        "人民",
        "永定",
        "东风",
        "团结",
        "铁东",
        "铁西",
        "友好",
        "解放",
        "朝阳",
        "光明",
        "新兴",
        "华龙",
        "青山",
        "南山",
        "北山",
        "东山",
        "西山",
        "江南",
        "江北",
        "河东",
        "河西",
        "城东",
        "城西",
        "城南",
        "城北",
        "新区",
        "清河",
        "清水",
        "平安",
        "东方",
        "文化",
        "金山",
        "宝山",
        "长寿",
        "双桥",
        "大通",
        "先进",
        "兴业",
        "龙湖",
        "万达",
        "七星",
        "三江",
        "五华",
        "五峰",
        "仙游",
        "长江",
        "黄河",
        "珠江",
        "吉利",
        "太和",
        "永和",
        "和顺",
        "合作",
        "新民",
        "通江",
        "集安",
        "瑞金",
        "高州",
        "城步",
        "共和",
        "华容",
    ]
)


@dataclass(frozen=True)
class Place:
    code: str | None  # 6-digit 区划代码 (9 digits for a town); None for a zone
    name: str  # as registered: 大渡口区, 重庆高新技术产业开发区
    level: str  # province | city | county | zone
    parent: str | None  # the code of the region it lies in
    short: str  # 大渡口, 重庆高新区
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The code, or for a zone its name: what identifies it."""
        return self.code or self.name


def short_name(name: str) -> str:
    """大渡口区 → 大渡口, 秀山土家族苗族自治县 → 秀山, 广西壮族自治区 → 广西, 重庆市 → 重庆,
    成都高新技术产业开发区 → 成都高新区; a name that would lose all but one character stays whole."""
    for long, short in ZONE_SHORT.items():
        if name.endswith(long) and len(name) > len(long):
            return name[: -len(long)] + short
    stripped = _SUFFIX.sub("", name)
    return stripped if len(stripped) >= 2 else name


# The letter a host name adds for a region's kind (cxs: 楚雄市).
_KIND_LETTER = {"市": "s", "县": "x", "区": "q", "旗": "q", "州": "z"}
# Labels of host names that are a bureau's or a site's, not a region's first letters (tjj 统计局, fgw 发改委 …).
_HOST_WORDS = frozenset(
    [
        "www",
        "gov",
        "tjj",
        "fgw",
        "gxj",
        "jxj",
        "jxw",
        "sww",
        "swj",
        "zsj",
        "czj",
        "kjj",
        "rsj",
        "fzggw",
        "zwgk",
        "xxgk",
        "news",
        "wap",
        "app",
        "cms",
        "web",
        "portal",
        "stats",
        "zsb",
        "zsyz",
        "tzcj",
        "sjj",
        "scjg",
        "mzj",
        "jyj",
        "wjw",
        "zjj",
        "nyj",
        "ggzy",
        "ggfw",
        "rmzf",
        "zfxxgk",
        "jkq",
        "gxq",
        "kfq",
        "bbs",
    ]
)


class Gazetteer:
    """Every place, found by code, by full name, by short name or alias."""

    def __init__(
        self,
        places: list[Place],
        pinyin: dict[str, list[str]] | None = None,
        initials: dict[str, list[str]] | None = None,
    ):
        self.places = places
        self.by_key = {place.key: place for place in places}
        # huizhou → [惠州市]: the pinyin of short names, for the host names of government sites
        self.by_pinyin: dict[str, list[Place]] = {}
        # xiangyin → 湘阴县: a name's usual reading (region_pinyin.csv gives it first), which beats another
        # name's rarer one (湘潭 can be read xiangyin too)
        self.usual_pinyin: dict[str, str] = {}
        for code, readings in (pinyin or {}).items():
            self.usual_pinyin[code] = readings[0]
            for reading in readings:
                self.by_pinyin.setdefault(reading, []).append(self.by_key[code])
        self.by_initials = self._initials_index(initials or {})
        self.by_name: dict[str, list[Place]] = {}
        for place in places:
            for name in {place.name, place.short, *place.aliases}:
                self.by_name.setdefault(name, []).append(place)

    @classmethod
    def load(cls, folder: Path = DATA) -> "Gazetteer":
        return _load(str(folder))

    def get(self, key: str | None) -> Place | None:
        return self.by_key.get(key) if key else None

    def ancestors(self, place: Place) -> list[Place]:
        """The regions a place lies in, nearest first: 大渡口区 → [重庆市]."""
        chain, seen = [], set()
        parent = self.get(place.parent)
        while parent is not None and parent.key not in seen:
            chain.append(parent)
            seen.add(parent.key)
            parent = self.get(parent.parent)
        return chain

    def within(self, place: Place, region: Place | None) -> bool:
        """Whether a place is the region or lies in it."""
        return region is not None and (place == region or region in self.ancestors(place))

    def names(self) -> dict[str, list[Place]]:
        """Every name a text may use for a place: full names always, short names and aliases unless they
        are ordinary words."""
        return {
            name: places
            for name, places in self.by_name.items()
            if name not in COMMON_WORDS or any(name == p.name for p in places)
        }

    def resolve(self, name: str, near: Place | None = None) -> Place | None:
        """The place a name stands for: the only one, or among several the one nearest to `near` (in
        it, or in the same city or province), else the one of highest level; None if nothing fits."""
        candidates = self.by_name.get(name, [])
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        if near is not None:
            for scope in [near, *self.ancestors(near)]:
                inside = [p for p in candidates if self.within(p, scope)]
                if len(inside) == 1:
                    return inside[0]
        exact = [p for p in candidates if p.name == name]
        if len(exact) == 1:
            return exact[0]
        ranked = sorted(candidates, key=lambda p: LEVELS.index(p.level))
        if LEVELS.index(ranked[0].level) < LEVELS.index(ranked[1].level):
            return ranked[0]
        return None

    def _initials_index(self, initials: dict[str, list[str]]) -> dict[str, list[Place]]:
        """smx → [三门峡市], fzmq → [闽清县] (福州's 闽清), cxs → the 市 whose short name is 楚雄 …: the first letters
        of a short name, alone, with the letter of its kind (市 s, 县 x, 区 q), or after its parent's."""
        index: dict[str, list[Place]] = {}
        for code, forms in initials.items():
            place = self.by_key[code]
            parent = self.get(place.parent)
            kind = _KIND_LETTER.get(place.name[-1], "")
            parents = initials.get(parent.code, []) if parent is not None and parent.code else []
            for form in forms:
                for key in {form, form + kind, *(above + form for above in parents)}:
                    if len(key) >= 3:  # two letters (fl, zs) stand for too many places
                        index.setdefault(key, []).append(place)
        return index

    def from_host(self, host: str) -> Place | None:
        """The region a web site's host name spells (gxj.huizhou.gov.cn → 惠州市, www.jiangjin.gov.cn →
        江津区; or by first letters, fzmq.gov.cn → 闽清县): the most specific of the host's labels that spell one
        region's short name only."""
        found = []
        government = host.lower().endswith(".gov.cn")  # first letters only there: elsewhere bbs is a forum
        for label in host.lower().split("."):
            places = self.by_pinyin.get(label, [])
            if not places and government and label not in _HOST_WORDS:
                places = self.by_initials.get(label, [])
            found.extend(p for p in self._one_spelled(label, places) if p.short not in COMMON_WORDS)  # xinhua: news
        return max(found, key=lambda p: LEVELS.index(p.level), default=None)

    def _one_spelled(self, label: str, places: list[Place]) -> list[Place]:
        """Of the places a host label spells: the one whose usual reading it is (xiangyin: 湘阴, not 湘潭 read
        rarely so), else the one of highest level if it is alone there (suzhou: 苏州市 and 宿州市, neither), else none."""
        if len(places) <= 1:
            return places
        usual = [p for p in places if self.usual_pinyin.get(p.code) == label]
        if len(usual) == 1:
            return usual
        ranked = sorted(places, key=lambda p: LEVELS.index(p.level))
        return ranked[:1] if LEVELS.index(ranked[0].level) < LEVELS.index(ranked[1].level) else []


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@cache
def _load(folder: str) -> Gazetteer:
    root = Path(folder)
    aliases_file = root / "region_aliases.csv"
    aliases = (
        {row["code"]: tuple(row["aliases"].split(";")) for row in _read(aliases_file)} if aliases_file.exists() else {}
    )
    places = [
        Place(
            row["code"],
            row["name"],
            row["level"],
            row["parent_code"] or None,
            short_name(row["name"]),
            aliases.get(row["code"], ()),
        )
        for row in _read(root / "regions.csv")
    ]
    for row in _read(root / "zones.csv"):
        aliases = tuple(a for a in row["aliases"].split(";") if a)
        places.append(Place(None, row["name"], ZONE, row["parent_code"] or None, row["short_name"], aliases))
    towns = root / "towns.csv"
    if towns.exists():
        # 镇, 乡, 街道 by full name only: their short names (长安, 太平) are ordinary words or other places
        places += [Place(row["code"], row["name"], TOWN, row["code"][:6], row["name"]) for row in _read(towns)]
    pinyin = root / "region_pinyin.csv"
    rows = _read(pinyin) if pinyin.exists() else []
    readings = {row["code"]: row["pinyin"].split("|") for row in rows}
    initials = {row["code"]: row["initials"].split("|") for row in rows if row.get("initials")}
    return Gazetteer(places, readings, initials)
