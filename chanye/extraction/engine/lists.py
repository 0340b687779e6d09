"""Figures given as lists: several things and as many amounts (化工、医药、家居分别实现产值156.2亿元、28.3亿元、39亿元),
one amount said of each (航空航天、轨道交通产业营业收入分别达到3000亿元以上), several periods and their amounts
(2020年、2021年…产值398.8亿元、579.33亿元). Part of the sentence reader (metrics.SentenceReader)."""

import itertools
import re
from dataclasses import dataclass, replace

from chanye.lib.units import parse_amount

from .facts import Fact
from .indicators import IndicatorMention
from .industries import INDICATOR_INDUSTRY, INDUSTRY_END, Subject, code_of, read_subject
from .subject_reader import Owner

# A list of things before the indicator they share: 批发业、零售业和餐饮业增加值.
LIST_START = re.compile(r"[，,；;：:。]")
LIST_SEPARATOR = re.compile(r"、|和|及|与")
LIST_LEAD = re.compile(r"^(?:其中|分行业看|分产业看|从行业看|全区|全市|全县|全省|全州|全盟)+")
# After a list of industries, before their indicator: 化工、医药、家居[分别实现]产值, 材料产业[实现规模工业]产值.
_LIST_VERB = re.compile(r"分别|实现|完成|达到")
# The end of what stands between an indicator and the amounts it lists: 营收连续跨越两个千亿级台阶，[分别达到]7655亿元.
_EACH_VERBS = r"(?:为|是|达到?|实现|完成|突破|超过?)?了?"
_EACH_TAIL = re.compile(rf"(?:分别|均){_EACH_VERBS}$")
# A count of the things listed, with their kind: 石化能源新材料、电子信息[两大产业集群].
# The kind may carry words of its own after 大 (装备制造业、生物医药[两大主导产业], 五大特色优势产业).
_COUNTED_KIND = re.compile(
    r"[两二三四五六七八九十\d]{1,2}(?:[大个项类](?:[\u4e00-\u9fff]{0,4}?))?(?P<kind>产业集群|产业链|产业|集群|行业|领域)$"
)
_WORDS_ONLY = re.compile(r"[\u4e00-\u9fff]{2,16}")
# Between the indicator of a listed set and its amounts: 产值分别达6000亿元、8500亿元.
_EACH_LEAD = re.compile(rf"(?:分别|均)?{_EACH_VERBS}")


# Before a list of regions (其中, 全省) and between it and the indicator they share (的, 两市): nothing else.
_PLACES_LEAD = re.compile(r"(?:其中|分地区看|分市州看|从地区看|分区域看)?")
_PLACES_TAIL = re.compile(r"(?:[两二三四五六七八九十\d]{1,2}(?:个)?(?:市|州|县|区|市州|县区|区县|县市区))?(?:的)?")


# Where a part of a sentence begins (；), and the words that hand its regions their amounts (，分别为).
_PART_BREAK = re.compile(r"[；;]")
_CLAUSE_OPENING = re.compile(r"[，,：:]")
_EACH_AFTER_PLACES = re.compile(r"[，,]\s*(?:分别为|分别是|分别达到?|分别实现|依次为)")


# The three sectors numbered once: 第一、二、三产业, 第二、三产业.
_ORDINAL_SECTORS = re.compile(r"第[一二三](?:、第?[一二三])+(?P<tail>产业|次产业)")
# As many things as listed, counted right before the indicator they each reach: 食品、纺织、装备制造[3个]主营业务收入超千亿元.
_COUNT_OF_LISTED = re.compile(r"(?P<n>[两二三四五六七八九十]|\d{1,2})个$")
_FORMED = re.compile(r"^(?:形成|打造|培育|建成|壮大)")


@dataclass
class Figure:
    """A fact of the sentence and where its figure ends: a growth right after it may be its."""

    fact: Fact
    amount_end: int
    clause: int


def listed_industries(listed: str, said_to_be: bool = False) -> list:
    """The industries of a list (化工、医药、家居; 石化能源新材料、电子信息两大产业集群), each a Subject, or [] when
    it is not a list of industries: every item words only, at least half of them industries by name (or, when
    the text says they are industries, 食品、纺织服装制鞋、装备制造3个…产业集群, any words)."""
    listed = LIST_LEAD.sub("", listed)
    if ordinals := _ORDINAL_SECTORS.fullmatch(listed):
        # 第一、二、三产业: 第一产业, 第二产业 and 第三产业 (not three 产业 counted)
        tail = ordinals["tail"]
        listed = "、".join(f"第{number}{tail}" for number in re.findall("[一二三]", listed[: -len(tail)]))
    counted = _COUNTED_KIND.search(listed) if not ordinals else None
    ending = counted["kind"] if counted else ""
    if counted:
        listed = listed[: counted.start()]
    names = [
        item + ending if ending and not item.endswith(ending) and not INDUSTRY_END.search(item) else item
        for item in LIST_SEPARATOR.split(listed)
    ]  # 装备制造业 stays as it is: an industry by its own ending
    if len(names[-1]) > 2 and all(len(name) == 1 for name in names[:-1]):
        names = [name + names[-1][1:] for name in names[:-1]] + names[-1:]  # 轻、重工业: 轻工业 and 重工业
    if len(names) < 2 or not all(_WORDS_ONLY.fullmatch(name) for name in names):
        return []
    shared = INDUSTRY_END.search(names[-1])  # 航空航天、轨道交通、生物医药产业: the ending is said once, of all
    subjects = [
        read_subject(name) or (Subject(industry=name, industry_code=code_of(name)) if code_of(name) or shared else None)
        for name in names
    ]
    if sum(subject is not None for subject in subjects) * 2 < len(subjects) and not said_to_be:
        return []
    return [
        subject or Subject(industry=name, industry_code=None) for subject, name in zip(subjects, names, strict=True)
    ]


class ListReading:
    """The list rules of the sentence reader; the reader gives _fact, _indicator_before, indicators, used."""

    def _keep(self, fact: Fact, end: int, at: int) -> Figure:
        """A fact the sentence gives, and where its figure ends (a growth after it may be its)."""
        figure = Figure(fact, end, self.sentence.clause_of(at))
        self.facts.append(fact)
        self.figures.append(figure)
        return figure

    def _each_amount(self, amount) -> bool:
        """化工、医药、家居分别实现产值156.2亿元、28.3亿元、39亿元: one figure for each thing listed, when there are
        as many things as amounts (or one amount said of each: 航空航天、轨道交通产业营业收入分别达到3000亿元); the
        rates listed after them (分别下降9%、26.3%、3.9%) go to them in order. A list of periods likewise."""
        run = self._amount_run(amount)
        if self._places_then_amounts(run):
            return True
        indicator = self._indicator_before(amount.start, max_gap=None) or self._listed_indicator(amount)
        if indicator is None or not all(indicator.indicator.accepts(a.unit) for a in run):
            return False
        lead = self.text[indicator.end : amount.start]
        each = _EACH_LEAD.fullmatch(lead) or (_EACH_TAIL.search(lead) and not re.search(r"\d", lead))
        counted = _COUNT_OF_LISTED.search(self.text, self.sentence.start, indicator.start)
        if not each or (len(run) < 2 and not ("分别" in lead or lead.startswith("均") or counted)):
            return False
        head = self.text[self.sentence.start : indicator.start]
        start = self.sentence.start + len(head) - len(LIST_START.split(head)[-1])
        places = self._listed_places(start, indicator.start)
        if len(places) >= 2 and (len(run) == len(places) or len(run) == 1):
            return self._each_place(places, run * len(places) if len(run) == 1 else run, indicator)
        named = [m for m in self.doc.places.within(start, start + 3) if m.end <= indicator.start]
        region = named[0].place if named else None
        if named:  # 惠州[石化能源新材料、电子信息两大产业集群]: the place names whose they are, not one of them
            start = named[0].end
        listed = _LIST_VERB.split(self.text[start : indicator.start])[0]  # 材料产业[实现规模工业]产值
        if listed == self.text[start : indicator.start]:
            listed += INDICATOR_INDUSTRY.get(indicator.text, "")  # 轻工业、重[工业增加值]: the last item's ending
        if counted:  # 形成食品、纺织服装制鞋、装备制造[3个]主营业务收入超千亿元的产业集群: the count says each
            listed = _FORMED.sub("", listed[: len(listed) - len(counted.group())])
        items = listed_industries(listed, said_to_be=counted is not None)
        if counted and len(items) != parse_amount(counted.group())[0]:
            return False
        if len(run) == 1 and len(items) >= 2:
            run = run * len(items)  # 分别达到3000亿元, 均突破100亿元: that level for each
        if len(items) != len(run):
            return len(run) >= 2 and self._each_period(run, indicator)
        # 前4个月，全省引资结构呈现新变化：第一、二、三产业分别到位资金…: the region the sentence names before the list
        region = region or self._clause_region(self.sentence.start, start)[0]
        region = region or self.para.region or self.para.last_region or self.doc.region
        kind = "target" if self.in_target else "metric"
        if self.future and not self.in_target:
            return True
        owners = [
            Owner(None, 0.85, "分别（列举）", item.industry, figure.start, region, item)
            for item, figure in zip(items, run, strict=True)
        ]
        return self._one_for_each(owners, run, indicator, kind, "分别（列举）")

    def _listed_places(self, start: int, end: int, tail: bool = True) -> list:
        """黔南、铜仁、六盘水[地区生产总值]: the regions of a list that is nothing but their names (after a lead
        such as 其中), right before the indicator they share (or, without `tail`, followed by anything); [] otherwise."""
        named = [m for m in self.doc.places.within(start, end) if m.end <= end]
        if len(named) < 2 or not _PLACES_LEAD.fullmatch(self.text, start, named[0].start):
            return []
        listed = [named[0]]
        for mention in named[1:]:
            if self.text[listed[-1].end : mention.start] not in ("、", "和", "及", "与"):
                break
            listed.append(mention)
        if len(listed) < 2 or (tail and (listed != named or not _PLACES_TAIL.fullmatch(self.text, named[-1].end, end))):
            return []
        return [m.place for m in listed]

    def _places_then_amounts(self, run: list) -> bool:
        """…遵义地区生产总值3037.87亿元…；黔南、铜仁、六盘水位于1000亿元至1500亿元之间，分别为1310.35、1098.90、1081.33亿元:
        a part of the sentence that opens with as many regions as there are amounts after its 分别为, the indicator
        the sentence's last one before it."""
        if len(run) < 2 or self.in_target or self.future:
            return False
        part_start = self._part_start(run[0].start)
        lead = _EACH_AFTER_PLACES.search(self.text, part_start, run[0].start)
        if lead is None or lead.end() != run[0].start:
            return False
        places = self._listed_places(self._list_start(part_start, lead.start()), lead.start(), tail=False)
        if len(places) != len(run):
            return False
        indicator = self._last_indicator_before(part_start)
        if indicator is None or not all(indicator.indicator.accepts(a.unit) for a in run):
            return False
        return self._each_place(places, run, indicator)

    def _part_start(self, end: int) -> int:
        """Where the part of the sentence (after its last ；) that reaches `end` begins."""
        breaks = [m.end() for m in _PART_BREAK.finditer(self.text, self.sentence.start, end)]
        return breaks[-1] if breaks else self.sentence.start

    def _last_indicator_before(self, end: int) -> IndicatorMention | None:
        """The sentence's last indicator that ends before `end`: the one a list of regions after it goes on with."""
        before = [m for m in self.indicators if self.sentence.start <= m.start and m.end <= end]
        return before[-1] if before else None

    def _list_start(self, start: int, end: int) -> int:
        """Where the clause of the first region named in [start, end) begins (前三季度，[遵义、黔西南…])."""
        named = self.doc.places.within(start, end)
        if not named:
            return start
        breaks = [m.end() for m in _CLAUSE_OPENING.finditer(self.text, start, named[0].start)]
        return breaks[-1] if breaks else start

    def _places_then_rates(self, growth) -> bool:
        """遵义、黔西南、安顺地区生产总值比上年同期保持两位数增长，分别增长11.7%、11.5%、11.3%；铜仁、黔南、六盘水分别增长
        9.9%、9.8%、9.7%: a part of the sentence that opens with as many regions as rates, each a growth-only figure of
        the indicator it names, else of the sentence's last one before it."""
        if self.in_target or self.future:
            return False
        part_start = self._part_start(growth.start)
        places = self._listed_places(self._list_start(part_start, growth.start), growth.start, tail=False)
        if len(places) != len(growth.each):
            return False
        indicator = self._last_indicator_before(growth.start)
        if indicator is None or indicator.indicator.unit != "元":
            return False
        for place, rate in zip(places, growth.each, strict=True):
            owner = Owner(None, 0.85, "分别（列举地区）", "", growth.start, place, None)
            fact = self._fact(growth.start, indicator, "metric", None, None, "分别增长", owner=owner)
            if fact is not None and self._attach(fact, replace(growth, pct=rate)):
                self._keep(fact, growth.end, growth.start)
        return True

    def _each_place(self, places: list, run: list, indicator: IndicatorMention) -> bool:
        """One figure for each region listed, in order: 黔南、铜仁、六盘水地区生产总值分别为1310.35、1098.90、1081.33亿元."""
        if self.future and not self.in_target:
            return True
        kind = "target" if self.in_target else "metric"
        owners = [
            Owner(None, 0.85, "分别（列举地区）", "", figure.start, place, None)
            for place, figure in zip(places, run, strict=True)
        ]
        return self._one_for_each(owners, run, indicator, kind, "分别（列举地区）")

    def _one_for_each(self, owners: list, run: list, indicator: IndicatorMention, kind: str, how: str) -> bool:
        """A figure of each owner with its amount of the run, in order; the run's amounts are used up, and the
        figures made are the list its rates (分别增长…) go to."""
        group = []
        for owner, figure in zip(owners, run, strict=True):
            fact = self._fact(figure.start, indicator, kind, figure, None, how, owner=owner)
            self.doc.consumed.add(figure.start)
            if fact is not None:
                group.append(self._keep(fact, figure.end, figure.start))
        self.used.add(indicator.start)
        self.listed = group
        return True

    def _listed_indicator(self, amount) -> IndicatorMention | None:
        """营收连续跨越两个千亿级台阶，分别达到7655亿元和8209亿元: the indicator a clause before, when 分别 leads to
        the amounts."""
        before = [m for m in self.indicators if self.sentence.start <= m.start < m.end <= amount.start]
        best = max((m for m in before if m.start not in self.used), key=lambda m: m.end, default=None)
        if best is None:
            return None
        lead = self.text[best.end : amount.start]
        return best if len(lead) <= 20 and _EACH_TAIL.search(lead) and not re.search(r"\d", lead) else None

    def _each_period(self, run: list, indicator: IndicatorMention) -> bool:
        """2020年、2021年规上工业企业累计完成产值398.8亿元、579.33亿元: one figure for each period listed."""
        points = [p for p in self.para.times_within(self.sentence.start, indicator.start) if not p.carried]
        points = points[-len(run) :]
        if len(points) != len(run) or self.in_target or self.future:
            return False
        if any(
            self.text[a.ref.end : b.ref.start] not in ("、", "和", "及", "与") for a, b in itertools.pairwise(points)
        ):
            return False
        for point, each in zip(points, run, strict=True):
            fact = self._fact(each.start, indicator, "metric", each, None, "分别（各期）", point=point)
            self.doc.consumed.add(each.start)
            if fact is not None:
                self._keep(fact, each.end, each.start)
        self.used.add(indicator.start)
        return True

    def _amount_run(self, amount) -> list:
        """The amounts from this one on that are one list (156.2亿元、28.3亿元、39亿元 / 6000亿元和8500亿元)."""
        later = self.doc.amounts.within(amount.start, self.sentence.end)
        run = [later[0]] if later and later[0].start == amount.start else []
        for current in later[1:]:
            if self.text[run[-1].end : current.start] not in ("、", "和", "及", "与"):
                break
            run.append(current)
        return run
