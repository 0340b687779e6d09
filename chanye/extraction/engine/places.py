"""Where a figure is: the regions a text names, the region the text itself is about, and the words
(全区, 全市, 我市, 本县) that stand for a region.

Regions come from the gazetteer (chanye.lib.gazetteer: the 统计用区划代码 and the zones beside it): any
province, city, county, 新区, 开发区 or 高新区 by its full name, or by its short name (江津, 两江新区,
重庆高新区) unless the short name is an ordinary word. A zone the gazetteer does not list is read by its
form, a place name before 高新区 / 经开区 / 开发区 / 新区 / 园区 (成都高新区, 长沙经开区). The document's
own region is the one its title, dateline and opening name most; 全区 / 全市 / 我市 / 本县 are that region
or, where the level differs (全市 in a district's report), the region above it of that level.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from ahocorasick_rs import AhoCorasick, MatchKind

from chanye.lib.gazetteer import CITY, COUNTY, PROVINCE, TOWN, ZONE, Gazetteer, Place

from .timeexpr import opening_time_end

# Words for "the region this text is about, at this level".
WHOLE = re.compile(
    r"(?:全|我|本|该|各)(?P<level>省|市|区|县|州|镇)(?![长委级民属辖场区域内外直])"
    # 该经开区, 该开发区: the zone named before (2022年，该经开区新签约项目60个)
    r"|该(?:经开|开发|高新|示范|试验|实验)(?P<zone>区)"
)
_LEVEL_OF = {"省": {PROVINCE}, "市": {CITY}, "州": {CITY}, "区": {COUNTY, ZONE}, "县": {COUNTY}, "镇": {TOWN}}
# Zones written by their form: a place's name, a few words of its own (航空港), then the kind of zone.
_ZONE_KIND = re.compile(
    r"高新技术产业开发区|经济技术开发区|经济综合实验区|综合实验区|综合保税区|高新区|经开区|开发区|新区|自贸区|综保区"
    r"|实验区|试验区|示范区|合作区|保税区"
)
# Between the place and the kind: 郑州[航空港]经济综合实验区, or another name in brackets: 长丰[(双凤)]经开区.
_ZONE_WORDS = re.compile(r"[\u4e00-\u9fff]{0,4}|[(（][\u4e00-\u9fff]{2,4}[)）]")
_NOT_ZONE_WORD = re.compile(r"[的和与及在是为对从向将等、]")
# Characters after a place name that make it part of another word: 重庆大学, 江津白酒, 成都银行.
_NOT_AFTER = ("大学", "银行", "日报", "晚报", "电视", "广播", "路", "街", "大道", "站", "机场", "港", "号", "人", "籍")
# A one-character name's suffix that is the first character of a word (城市和县域, 以县城为依托): 和县, 萧县 are no
# places there.
_SUFFIX_IN_A_WORD = frozenset({"县域", "县城", "区域", "市场", "市民"})
# At the head of a title, where a county's short name is read from any province, these after it too
# (成都市 is the city's own name; 江津大…, 江津日…: not enough to say it is a place).
_NOT_AFTER_IN_TITLE = (*_NOT_AFTER, "市", "区", "县", "省", "大", "日", "晚")


# An open bracket that lists what a subject holds, up to a place: the place is inside it (沈阳市县域地区（包含康平县、
# 法库县、新民市）实现…; 我区完成情况（包括铜仁高新区）签约项目108个), not the subject.
_IN_WHAT_IT_HOLDS = re.compile(r"（(?:包含|包括|含|即)[^）]*$")


def inside_what_it_holds(text: str, at: int) -> bool:
    """Whether the place at `at` stands inside a bracket listing what the subject before it holds."""
    return bool(_IN_WHAT_IT_HOLDS.search(text, max(0, at - 30), at))


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


@dataclass(frozen=True)
class WholeMention:
    """全区, 全市, 我市: the document's region, or the one above it of the level the word names."""

    start: int
    end: int
    text: str
    level: str


class Places:
    """The gazetteer's names, found longest first (重庆高新区 before 重庆)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.names = gazetteer.names()
        # One automaton of every name of two characters or more, leftmost-longest: the text is read once,
        # in the automaton's compiled code, where a scan in Python looked up two characters at each position.
        self._patterns = [name for name in self.names if len(name) >= 2]
        self._automaton = AhoCorasick(self._patterns, matchkind=MatchKind.LeftmostLongest)
        self._last: tuple[str, list[tuple[int, int]]] | None = None

    @classmethod
    def load(cls) -> "Places":
        return _places()

    def mentions(self, text: str, near: Place | None = None) -> list[PlaceMention]:
        """Regions the text names. A county's short name (江津, 上高) is read only in a text about its own
        province: elsewhere two characters are too often part of other words (规模以上高新技术)."""
        found = []
        province = self.province(near)
        title_opens = opening_time_end(text)  # 今年前8个月萧山经济…: the title's place after its time
        for start, end in self.find_names(text):
            name = text[start:end]
            if text.startswith(_NOT_AFTER, end) and self.names[name][0].name != name:
                continue
            if len(name) == 2 and text[end - 1 : end + 1] in _SUFFIX_IN_A_WORD:
                continue  # 城市和县域: 和县 is no place there, 县 is part of 县域
            written_in = found[-1].place if found and found[-1].end == start else None  # 安徽[庐江]
            place = self.gazetteer.resolve(name, written_in or near)
            if place is None:
                continue
            if (
                name != place.name
                and place.level == COUNTY
                and self.province(place) != province
                and not (start == title_opens and not text.startswith(_NOT_AFTER_IN_TITLE, end))
                and not (written_in is not None and self.gazetteer.within(place, written_in))
                and not text.startswith("全" + place.name[-1], end)
            ):
                continue  # but a title that opens with it (云霄第三季度17个项目签约), its province or city
                # written right before it (安徽庐江), or its whole after it (缙云全县上下) says it is that county
            found.append(PlaceMention(start, end, name, place))
        for zone in self._zones(text, near):
            # a zone's name holds its place's (北京经开区 holds 北京): the zone is what the text names
            crossing = [m for m in found if m.start < zone.end and zone.start < m.end]
            inside = [m for m in crossing if zone.start <= m.start and m.end <= zone.end]
            if len(inside) != len(crossing) or any(m.end == zone.end for m in inside):
                continue  # a name across its edge, or the gazetteer knows it by this name (重庆高新区)
            found = [m for m in found if m not in inside]
            found.append(zone)
        return self._most_specific(sorted(found, key=lambda m: m.start))

    def _most_specific(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """天津滨海新区, 重庆市江津区: a place written right before one that lies in it only says where that one
        is; the text names the inner one."""
        return [
            m
            for m, after in zip(found, [*found[1:], None], strict=False)
            if not (after is not None and after.start == m.end and self.gazetteer.within(after.place, m.place))
        ]

    def _zones(self, text: str, near: Place | None) -> list[PlaceMention]:
        """Zones the gazetteer does not list, read by their form: a place's name, up to four words of the
        zone's own, and the kind of zone (北京经开区, 长沙经开区, 郑州航空港实验区)."""
        zones = []
        for kind in _ZONE_KIND.finditer(text):
            zone = self._zone_before(text, kind.start(), kind.end(), near)
            if zone is not None and not (zones and zones[-1].end > zone.start):
                zones.append(zone)
        return zones

    def _zone_before(self, text: str, kind_start: int, kind_end: int, near: Place | None) -> PlaceMention | None:
        for start in range(max(0, kind_start - 8), kind_start - 1):
            words = text[start:kind_start]
            for length in range(min(len(words), 9), 1, -1):
                if words[:length] not in self.gazetteer.by_name:  # 长沙 too: the zone form says it is a place
                    continue
                place = self.gazetteer.resolve(words[:length], near)
                own = words[length:]
                if place is None or place.level == TOWN or not _ZONE_WORDS.fullmatch(own):
                    continue
                if _NOT_ZONE_WORD.search(own):
                    continue
                if (
                    own in ("", "市", "省")
                    and text[kind_start:kind_end] == "开发区"
                    and place.level in (CITY, PROVINCE)
                ):
                    continue  # 芜湖市开发区: a city's development zones together, not one of them
                name = text[start:kind_end]
                return PlaceMention(start, kind_end, name, Place(None, name, ZONE, place.key, name))
        return None

    def find_names(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each name in the text, leftmost first, the longest where several start at one
        place, none overlapping (as a regular expression of the names longest first would find them).
        The last text's are kept: extraction reads a text's places twice (once near the platform's region,
        once near the text's own)."""
        last = self._last  # one read: another thread may replace it (the tuple is replaced whole)
        if last is None or last[0] is not text:
            last = self._last = (text, self._scan(text))
        return last[1]

    def _scan(self, text: str) -> list[tuple[int, int]]:
        if not text:
            return []
        return [(start, end) for _index, start, end in self._automaton.find_matches_as_indexes(text)]

    def province(self, place: Place | None) -> Place | None:
        if place is None:
            return None
        chain = [place, *self.gazetteer.ancestors(place)]
        return next((p for p in chain if p.level == PROVINCE), None)

    def source_region(self, source: str) -> Place | None:
        """The region a document's source says it is from: a region named in the publisher (江津日报,
        惠州市工业和信息化局), else the host name of its address (gxj.huizhou.gov.cn). Used when the text
        itself names none: a bureau's note says only 全市."""
        if not source:
            return None
        words, _, address = source.partition("http")
        named = [self.gazetteer.resolve(words[start:end]) for start, end in self.find_names(words)]
        named = [place for place in named if place is not None]
        if named:
            return max(named, key=_specificity)
        host = urlsplit("http" + address).hostname if address else None
        return self.gazetteer.from_host(host) if host else None

    def wholes(self, text: str) -> list[WholeMention]:
        return [WholeMention(m.start(), m.end(), m.group(), m["level"] or m["zone"]) for m in WHOLE.finditer(text)]

    def fits(self, word: str, place: Place) -> bool:
        """Whether 全市 / 全区 / 全县 … can be said of this region (该经开区 of a zone only)."""
        levels = {ZONE} if len(word) > 2 else _LEVEL_OF[word[-1]]
        return place.level in levels or (word.endswith("市") and place.name.endswith("市"))

    def whole_region(self, word: str, document: Place | None) -> Place | None:
        """The region 全区 / 全市 / 本县 stands for in a document about `document`."""
        if document is None:
            return None
        levels = _LEVEL_OF[word[-1]]
        for place in [document, *self.gazetteer.ancestors(document)]:
            if place.level in levels:
                return place
            if word.endswith("市") and place.level == PROVINCE and place.name.endswith("市"):
                return place  # 重庆市, 北京市: a municipality is the city its districts call 全市
        return document if word.endswith(("区", "县")) else None

    @staticmethod
    def document_region(mentions: list[PlaceMention], title_end: int, opening_end: int) -> Place | None:
        """The region a text is about: named in its title, else most often in its opening, else in the
        whole text; the most specific of those tied."""
        for end in (title_end, opening_end, None):
            counts = Counter(m.place for m in mentions if end is None or m.end <= end)
            if counts:
                top = max(counts.values())
                tied = [p for p, n in counts.items() if n == top]
                return max(_of_one_city(tied), key=_specificity)
        return None


def _of_one_city(tied: list[Place]) -> list[Place]:
    """Of places named as often as each other, the districts and counties of one city when two or more of them
    are (古塔区、松山新区、滨海新区和凌河区分别增长…: 锦州's; 松山新区 and 滨海新区 are also names elsewhere)."""
    cities = Counter(p.code[:4] for p in tied if p.code and p.level == COUNTY)
    if not cities:
        return tied
    city, named = cities.most_common(1)[0]
    return [p for p in tied if p.code and p.code[:4] == city] if named >= 2 else tied


def _specificity(place: Place) -> int:
    return {PROVINCE: 0, CITY: 1, COUNTY: 2, ZONE: 3, TOWN: 4}[place.level]


@cache
def _places() -> Places:
    return Places(Gazetteer.load())
