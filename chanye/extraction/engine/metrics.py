"""Metrics (a figure of a subject for a period) and targets (a figure for a future year).

A sentence is read left to right. An amount becomes a figure when an indicator of a compatible unit
stands before it in the same clause (营收92.2亿元), right after it (40多家影视企业), or in an earlier
clause that the amount's clause merely continues (营收增长5%，达到92亿元). Its subject is the last
configured subject named before it in the sentence, else the paragraph's topic, else the section
heading's, else the district. Its period is the time in force at that point of the paragraph.
After 到2025年 / 预计到… the figures are targets for that year until the sentence ends or a finished
period is named; after 将, 预计, 建成后… without a year they are forecasts and are not read.
"""

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from chanye.lib.gazetteer import ZONE

from .amounts import is_round_level
from .context import EARLIER, Document, ParagraphContext, TimePoint
from .facts import Fact
from .indicators import EXTRA_PATTERNS, NEW_ONES, NOUN_AFTER_COUNT, Catalogue, IndicatorMention
from .industries import INDICATOR_INDUSTRY, PARK_KINDS, Subject, read_subject
from .lists import LIST_LEAD, LIST_SEPARATOR, LIST_START, Figure, ListReading
from .periods_of import NEEDS_DATE, period_for
from .subject_reader import SCOPE, Owner, SubjectReading, owner_fields
from .subjects import DISTRICT
from .text import Sentence
from .timeexpr import UNDATED

# Between a tally of projects and their money: 签约项目17个[，计划总投资]44.8亿元.
_TALLY_HOW = "所签项目的总投资"
_TALLY_MONEY = re.compile(
    r"(?:[^，,、；。\d]{0,8}?项目)?[，,、]?(?:计划|协议|合同)?(?:总投资额?|投资总额|总投资金额|投资额)(?:约|达到?|超|近|逾|为)?"
)
# A part of the last figure's whole, with a verb and no indicator: 其中电子信息产业完成[4110.5亿元].
_PART_GOES_ON = re.compile(
    r"(?:其中)[，,：:]?[\u4e00-\u9fff]{2,12}?(?:产业|行业|制造业|工业|产业集群)(?:完成|实现|达到?|为)了?"
)
# An industry and its figure, after a figure of another industry in the same sentence: 第二产业[5354.63亿元].
_SIBLING = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:产业|行业|制造业|工业|服务业)(?:完成|实现|达到?|为)?了?")
# A sector of the economy, then at most a verb, after the region's product: 第一产业完成[13.3亿元], 其中工业完成[37.7亿元].
_SECTOR_OF_GDP = re.compile(r"(?:分产业看)?(?:其中)?(?:第[一二三]产业|工业|建筑业)(?:完成|实现|为)了?")
# After a region's name, at most a verb before its amount: 南京市[]8316.92亿元, 无锡市[达]7105.67亿元.
_PLACE_VERB = re.compile(r"\s*(?:完成|实现|达到?|为)?了?\s*")
# A park and its figure, after a figure of another park in the same sentence: 广丰经济开发区[325.44亿元].
_SIBLING_PARK = re.compile(rf"[\u4e00-\u9fff]{{2,12}}?(?:{PARK_KINDS})(?:完成|实现|达到?|为)?了?")
# The estimate of a whole year (预计全年完成…): in an undated review, the figure of the year its paragraph names.
_ESTIMATE_OF_YEAR = re.compile(r"预计(?:今年|本年)?全年")
# Indicators of a region as a whole: an industry named in an earlier clause is not theirs.
_REGION_WIDE = frozenset(
    ["gdp", "foreign_trade", "exports", "fiscal_revenue", "retail_sales", "foreign_capital", "investment"]
)
# A clause that gives a year's target by how much of it is done: 完成全年43亿元目标任务的34.82%, 完成年度目标任务7600亿元的
# 104.7%, 完成全年目标560亿元的97%, 完成州政府下达任务数132.63亿元的90.8%. The amount is the target's.
_DONE_OF_TARGET = re.compile(
    r"[，,；;]?(?:已)?完成(?:了)?(?:全年|年度|本年度|今年)?(?:州政府|市政府|省政府|市|省|州|县|区)?(?:下达的?)?"
    r"(?:目标任务数?|目标|任务数?|计划)?(?P<amount>[\d.]+(?:万亿|亿|万)?元)(?:的)?(?:目标任务|年度目标|目标|任务)?的(?P<share>[\d.]+)%"
)
# The tallies of investment promotion: a region's, or an industry's when their own part of the sentence names it
# (and a size class of them is a part of the whole tally: extract._without_size_classes).
TALLIES = frozenset(["projects_introduced", "contract_investment", "funds_in_place"])
# A bullet line that gives only a year and a level: the indicator is the line's above.
_BULLET = re.compile(r"(?:到|至)?(?:19|20)\d{2}年(?:底|末)?(?:达到|达|突破|超过|实现|力争达到)?")
# A clause that only says how a rate is computed, between a figure and its growth.
# A clause that only ranks the figure (总量排名全市第3位), there too: 2021年生产总值752.14亿元，总量排名全市第3位，
# 按可比价格计算，比上年增长6.2%.
_BASIS = re.compile(
    r"[，,]?(?:按|以)(?:可比价格?|不变价格?|现价)(?:计算)?|（[^）]{0,12}下同）|[，,]?扣除价格因素"
    r"|[，,](?:总量|规模|总额)?(?:排名|位居|位列|居)[^，。；\d]{0,6}第[一二三四五六七八九十\d]{1,3}位?(?=[，,])"
    # and one that gives its share: 第二产业实现增加值280.5亿元，占GDP比重61.8%，增加值增长6.8%
    r"|[，,]占[^，。；\d]{0,12}?(?:比重|的)(?:为|达|达到)?[\d.]+%(?=[，,])"
    # and how far along the year's plan it is: …255.53亿元，完成了全年计划的93%，超出时序9.9个百分点，同比增速达到了39.2%
    r"|[，,]完成了?(?:全年|年度)?(?:计划|目标|任务)的[\d.]+%(?=[，,])"
    r"|[，,](?:超出|超过|快于|高于|低于|慢于)(?:时序|序时)(?:进度)?[\d.]+个百分点(?=[，,])"
)
# A plan's clause going on with the level of the indicator before it: 力争达到880亿元.
_AIMS = re.compile(r"(?:力争|争取|确保|努力)(?:达到|达|突破|超过|实现)")
_VERB_BEFORE = re.compile(r"(?:达到|达|为|实现|突破|至|超过|超|完成)了?$")
_CONTINUES = re.compile(r"^(?:已|已经|累计|共|共计|总计|合计|全年)?(?:达到|达|为|实现|突破|至|超过|超|完成)?了?$")
# A group of firms apart from the subject's whole (重点企业, 50户龙头企业): its figures are not the subject's.
_GROUP_OF_FIRMS = re.compile(
    r"(?:重点|龙头|骨干|上市|专精特新|小巨人|高新技术|科技型|外资|民营|国有|成长|百强|大型|中型|小型|小微|中小)"
    r"[^，。；\d]{0,4}?企业"
)
# A part of the subject, not the subject: “其中，软件和信息服务业营收30亿元”, “产业中的软件企业”.
_PART_OF = re.compile(r"其中|中的|旗下|下属|以外|之外")
# Parts of a region written as the actor of its figure when the region itself is only named earlier in the
# paragraph (2022年，重点园区实现税收收入…; 浙江特色小镇完成固定资产投资…; 产业集群规上企业营业收入…).
_COLLECTIVE = re.compile(r"园区|小镇|集群|产业园|基地")
# Indicators that are themselves a part of a population: “其中规上企业156家” is the subject's own count.
_NAMES_ITS_PART = ("above_scale_enterprises", "exports", "tax")  # 其中规上企业156家; 其中出口3019.6亿元; 其中税收收入…
# …其中规上企业156家; 其中，实现出口总额1895.7亿元: the part named by the indicator, its verb before it or not.
_THEREOF = re.compile(r"其中[，,：:]?(?:实现|完成|达到?)?了?$")
# Between the level a figure rose from and the level it rose to: 由2015年的571亿元[提高到2020年的]895亿元.
_FROM_TO = re.compile(
    r"[，,]?(?:提高|增加|增长|上升|扩大|跃升|攀升|发展|下降|减少|降低)(?:到|至)了?(?:(?:19|20)\d{2}年(?:底|末)?的?)?"
)
# Between a threshold and the exact figure after it: 突破4000亿元[，达]4174.5亿元.
_THEN_EXACT = re.compile(r"[，,、]\s*(?:达到|达|为|至)")


# New firms of a kind counted, then the total of each kind there now: 新增[规上工业企业28家]，总数达126家.
_NEW_FIRMS = re.compile("(?:" + "|".join(NEW_ONES) + ")")
_FIRMS_COUNTED = re.compile(r"(?P<kind>[^，,。；;、\d]{1,14}?企业)\d[^，,。；;、]*")
_ABOVE_SCALE_FIRMS = re.compile(EXTRA_PATTERNS["above_scale_enterprises"])
_TOTAL_NOW = re.compile(r"(?:总数|总量|总计|累计)(?:已经?)?(?:达到?|为|拥有|有|超过)?了?")


def _firms_kind(kind: str) -> Subject:
    """The kind of firm a total is of, as the figure's industry: 规上工业企业 as the engine reads it elsewhere
    (工业), a kind said with a scope word as written (国家级高新技术企业), else the industry before 企业 (软件)."""
    if _ABOVE_SCALE_FIRMS.fullmatch(kind):
        return read_subject("", kind) or Subject()
    if SCOPE.search(kind):
        return Subject(industry=kind)
    return read_subject(kind[:-2]) or Subject(industry=kind[:-2])


# Between the last of several figures and the rates said of them all: …2757亿元[，]同比分别增长26.3%和27.5%.
_RIGHT_AFTER = re.compile(r"[，,]?")


# Partners named one after another right before their count (与A、B、C4家企业…): the names, then the number.
_PARTNERS_NAMED = re.compile(r"与[^，。；]{2,80}、[^，。；、\d]{2,30}$")
# A class of firms by their size or rank: 亿元工业企业, 产值过亿元企业, 世界500强企业, 百强企业.
_SIZE_CLASS = re.compile(r"[亿万]元|过亿|超亿|\d+强|百强|千强")


def _of_a_park(fact: Fact) -> bool:
    """A figure of a park, named as one or as the zone the gazetteer knows it as (上饶经济技术开发区)."""
    return fact.entity_kind == "park" or (fact.region is not None and fact.region.level == ZONE and not fact.industry)


# Words before a kind of firm that belong to its name: 国家高新技术企业, 市级专精特新企业.
_RANK = re.compile(r"(?:国家级|国家|省级|市级|区级)$")


def _population(text: str, scope_at: int, mention: IndicatorMention) -> str | None:
    """The kind of firm a count is of (高新技术企业, 科技型中小企业, 上市企业) from its scope word to the
    indicator; None for new ones (新增…企业: a flow, not a level)."""
    population = text[scope_at : mention.end]
    if population.startswith(NEW_ONES) or not population.endswith("企业"):
        return None
    rank = _RANK.search(text[max(0, scope_at - 3) : scope_at])
    return (rank.group() if rank else "") + population


def _part_of_a_year_undated(point) -> bool:
    """上半年, 1-5月, 一季度 in an undated text: a finished period the text states, but for its year (a report
    comes out after the months it reports; 今年, 目前 are not of this kind)."""
    return point.ref.kind == UNDATED and point.ref.part_of_year


def _has_period(fact: Fact) -> bool:
    """A period read, or one the text states that waits for the document's date (上半年 in an undated report):
    a rate without a figure is kept only with its period."""
    return fact.period is not None or fact.needs_date


class SentenceReader(ListReading, SubjectReading):
    def __init__(self, doc: Document, para: ParagraphContext, sentence: Sentence, index: int):
        self.doc, self.para, self.sentence, self.index = doc, para, sentence, index
        self.text = doc.text
        self.mentions = doc.mentions.within(sentence.start, sentence.end)
        self.indicators = doc.indicators.within(sentence.start, sentence.end)
        self.used: set[int] = set()  # indicator starts already given to a figure
        self.figures: list[Figure] = []
        self.facts: list[Fact] = []

    # -- the walk ----------------------------------------------------------------------------

    def read(self) -> list[Fact]:
        s = self.sentence
        tokens = []
        for target in self.doc.targets.within(s.start, s.end):
            tokens.append((target.start, 0, "target", target))
        for point in self.para.times_within(s.start, s.end):
            tokens.append((point.start, 1, "time", point))
        for future in self.doc.futures.within(s.start, s.end):
            tokens.append((future.start, 2, "future", future))
        for amount in self.doc.amounts.within(s.start, s.end):
            tokens.append((amount.start, 4, "amount", amount))
        for growth in self.doc.growths.within(s.start, s.end):
            tokens.append((growth.start, 5, "growth", growth))
        tokens.sort(key=lambda token: token[:2])
        self.target_year, self.in_target = None, False
        if self.para.plan_year is not None and not [p for p in self.para.times_within(s.start, s.end) if not p.carried]:
            # 到2027年，…。其中，新型显示…营业收入分别达到5000亿元以上: the paragraph's plan goes on
            self.target_year, self.in_target = self.para.plan_year, True
        self.future = False
        for _, _, kind, token in tokens:
            getattr(self, "_" + kind)(token)
        if self.in_target and self.target_year is not None:
            self.para.plan_year = self.target_year
        # A period lent by an earlier paragraph is kept only for a figure with a 同比 rate: the rate says
        # that it is a statistic of a reporting period, and the article has named only one.
        self.facts = [f for f in self.facts if not (f.extra.pop("lent_period", False) and f.yoy_pct is None)]
        return self.facts

    def _target(self, target):
        if self._estimate_of_year_said(target):
            return
        self.target_year, self.in_target = target.year, True  # a year of None: 今年 in an undated text
        self.future = False
        if target.year is not None:
            self.doc.plan_years.add(target.year)

    def _estimate_of_year_said(self, target) -> bool:
        """2022年，县政府…取得新成效。预计全年完成地区生产总值164亿元 in an undated report: the estimate of the year the
        paragraph has named (a review written as the year closed), read as that year's figure, as 预计 is of a
        finished period in a dated text."""
        if target.year is not None or self.doc.published is not None:
            return False
        if not _ESTIMATE_OF_YEAR.fullmatch(self.text, target.start, target.end):
            return False
        point = self.para.time_at(target.start)
        year = point.ref.period if point is not None and point.ref.kind == "period" else None
        return year is not None and (year.start, year.end) == (1, 12)

    def _time(self, point: TimePoint):
        if point.carried:
            return  # a period lent by an earlier paragraph is not said here: it ends no target
        if point.ref.kind in ("period", "point"):
            self.future = False
            self.target_year, self.in_target = None, False
        elif point.ref.kind == "future":
            self.future = True

    def _future(self, token):
        point = self.para.time_at(token.start)
        if self.text.startswith("预计", token.start) and point is not None and point.ref.kind == "period":
            return  # 2025年…预计地区生产总值1.88万亿元: an estimate of a finished period, not a plan
        self.future = True
        if self.text[token.start : token.end].endswith("后") or self.text.startswith("届时", token.start):
            # 预计今年投产，投产后可新增年产值8亿元: what a plant will add, not a target of the subject
            self.target_year, self.in_target = None, False
        elif not self.in_target and self._plan_year_lent():
            # 到2027年，…培育打造成为世界一流产业。/ 为此，将在十大产业实施攀登行动，…营业收入分别达到5000亿元以上:
            # a plan's later paragraph without a time of its own goes on with the only year the plan has named
            self.target_year, self.in_target = next(iter(self.doc.plan_years)), True

    def _plan_year_lent(self) -> bool:
        said = [p for p in self.para.timeline if not p.carried]
        return len(self.doc.plan_years) == 1 and not said

    def _amount(self, amount):
        if amount.start in self.doc.consumed or amount.unit == "%" or self._threshold(amount):
            return
        if is_round_level(amount) and not self.in_target:
            return  # 产值首超千亿元, 营收超千亿元的园区5个: a threshold passed; in a plan (形成…超千亿元的产业集群) a target
        if self._each_amount(amount) or self._totals_after_new_firms(amount) or self._years_target(amount):
            return
        found = self._indicator_for(amount)
        if found is None:
            return
        indicator, how, factor = found
        if self.in_target:
            self._make(amount, indicator, "target", how, factor)
        elif not self.future or how == _TALLY_HOW:  # 签约项目30个、计划投资额267.8亿元: what the signed plan to invest
            self._make(amount, indicator, "metric", how, factor)

    def _totals_after_new_firms(self, amount) -> bool:
        """新增规上工业企业28家，总数达126家; 新增战略性新兴产业企业3家、国家级高新技术企业31家，总数44家、88家: the
        new ones are a flow the catalogue does not keep, but the totals after them are the level of each kind of
        firm, in the order the kinds were listed."""
        if self.in_target or self.future or amount.unit not in ("家", "户"):
            return False
        clause_start = self.sentence.clause_start(amount.start)
        if not _TOTAL_NOW.fullmatch(self.text, clause_start, amount.start):
            return False
        new = list(_NEW_FIRMS.finditer(self.text, self.sentence.start, clause_start))
        if not new:
            return False
        kinds = [m["kind"] for m in _FIRMS_COUNTED.finditer(self.text, new[-1].end(), clause_start)]
        totals = [a for a in self._amount_run(amount) if a.unit in ("家", "户")]
        if len(kinds) != len(totals):
            return False
        # the kind of firm is written, as an industry before its indicator is: the region is the one in force
        base = self._owner(amount.start, amount.start)
        region = base.region if base is not None else self.para.region or self.para.last_region or self.doc.region
        district = (
            base.entity if base is not None and base.entity is not None and base.entity.kind == DISTRICT else None
        )
        for kind, total in zip(kinds, totals, strict=True):
            mention = next(reversed(Catalogue.load().mentions(kind)), None)
            if mention is None or mention.indicator.kind != "stock":
                continue
            owner = Owner(district, 0.8, "新增后的总数", kind, total.start, region, _firms_kind(kind))
            position = IndicatorMention(total.start, total.start, kind, mention.indicator)
            fact = self._fact(total.start, position, "metric", total, None, "新增后的总数", owner=owner)
            self.doc.consumed.add(total.start)
            if fact is not None:
                self._keep(fact, total.end, total.start)
        return True

    def _years_target(self, amount) -> bool:
        """…到位资金累计完成14.98亿元，完成全年43亿元目标任务的34.82%; 完成年度目标任务7600亿元的104.7%: the year's target of
        a figure before it in the sentence, said with how much of it is done: a target of that figure's year, whose it
        is. The figure is the one the share says (14.98 / 43 = 34.84 %): the arithmetic names it, not its place."""
        if self.in_target:
            return False
        completion = _DONE_OF_TARGET.match(self.text, self.sentence.clause_start(amount.start))
        if completion is None or completion.start("amount") != amount.start or not amount.value:
            return False
        try:
            share = Decimal(completion["share"])
        except InvalidOperation:  # 1.2.3%: no share
            return False
        done = next(
            (
                figure.fact
                for figure in reversed(self.figures)
                if figure.fact.kind == "metric"
                and figure.fact.value is not None
                and figure.fact.unit == amount.unit
                and figure.fact.period is not None
                and abs(figure.fact.value / amount.value * 100 - share) <= 1
            ),
            None,
        )
        if done is None:
            return False
        target = replace(
            done,
            kind="target",
            value=amount.value,
            approx=bool(amount.qualifier),
            qualifier=amount.qualifier,
            period=None,
            yoy_pct=None,
            target_year=done.period.year,
            extra={**done.extra, "subject_how": "完成目标的比例"},
        )
        self.doc.consumed.add(amount.start)
        self._keep(target, amount.end, amount.start)
        return True

    def _threshold(self, amount) -> bool:
        """工业总产值突破4000亿元，达4174.5亿元: the round threshold passed, when the exact figure follows."""
        if amount.qualifier != "超":  # 突破, 超过, 超 (the amount holds its qualifier)
            return False
        later = [a for a in self.doc.amounts.within(amount.end, self.sentence.end) if a.start >= amount.end]
        return (
            bool(later)
            and later[0].unit == amount.unit
            and bool(_THEN_EXACT.fullmatch(self.text, amount.end, later[0].start))
        )

    def _growth(self, growth):
        if self.in_target or self.future:
            return
        if growth.each:
            listed = getattr(self, "listed", [])
            if len(listed) == len(growth.each) and all(f.fact.yoy_pct is None for f in listed):
                for figure, rate in zip(listed, growth.each, strict=True):  # 分别下降9%、26.3%、3.9%
                    self._attach(figure.fact, replace(growth, pct=rate))
                self.listed = []
                return
            if not self._rates_of_figures_before(growth) and not self._places_then_rates(growth):
                self._each_growth(growth)
            return
        clause = self.sentence.clause_of(growth.start)
        last = self.figures[-1] if self.figures else None
        if (
            last is not None
            and last.fact.kind == "metric"
            and last.fact.yoy_pct is None
            and clause - last.clause - self._basis_clauses(last.amount_end, growth.start) <= 1
            and not any(
                last.amount_end <= m.start < growth.start and not self._in_basis(m.start, last.amount_end, growth.start)
                for m in self.indicators
                if m.start not in self.used and m.indicator.key != last.fact.indicator  # 增加值增长6.8%: its own
            )
        ):
            self._attach(last.fact, growth)
            return
        indicator = self._indicator_before(growth.start, max_gap=2)
        if indicator is None:
            return
        fact = self._fact(growth.start, indicator, "metric", None, None, "紧接增速")
        if fact is not None and self._attach(fact, growth):
            self.used.add(indicator.start)
            self._keep(fact, growth.start, growth.start)

    def _rates_of_figures_before(self, growth) -> bool:
        """财政总收入4792亿元，一般公共预算收入2757亿元，同比分别增长26.3%和27.5%: the rates, right after as many
        amounts, are theirs in order (each to the figure its amount became, if it became one)."""
        amounts = self.doc.amounts.within(self.sentence.start, growth.start)[-len(growth.each) :]
        if len(amounts) != len(growth.each) or not _RIGHT_AFTER.fullmatch(self.text, amounts[-1].end, growth.start):
            return False
        by_end = {figure.amount_end: figure.fact for figure in self.figures}
        for amount, rate in zip(amounts, growth.each, strict=True):
            fact = by_end.get(amount.end)
            if fact is not None and fact.kind == "metric" and fact.yoy_pct is None:
                self._attach(fact, replace(growth, pct=rate))
        return True

    def _each_growth(self, growth):
        """批发业、零售业、餐饮业增加值分别增长10.5%、9.8%、8.7%: one growth-only figure for each thing listed,
        when there are as many things as rates."""
        indicator = self._indicator_before(growth.start, max_gap=2)
        if indicator is None:
            return
        listed = LIST_START.split(self.text[self.sentence.start : indicator.start])[-1]
        items = [read_subject(LIST_LEAD.sub("", item)) for item in LIST_SEPARATOR.split(listed)]
        if len(items) != len(growth.each) or any(item is None or item.industry is None for item in items):
            return
        region = self._clause_region(self.sentence.clause_start(indicator.start), indicator.start)[0]
        region = region or self.para.region or self.para.last_region or self.doc.region
        for item, rate in zip(items, growth.each, strict=True):
            owner = Owner(None, 0.85, "分别（列举）", item.industry, growth.start, region, item)
            fact = self._fact(growth.start, indicator, "metric", None, None, "分别增长", owner=owner)
            if fact is not None and self._attach(fact, replace(growth, pct=rate)):
                self._keep(fact, growth.end, growth.start)
        self.used.add(indicator.start)

    def _in_basis(self, position: int, start: int, end: int) -> bool:
        """Whether a word between a figure and its growth lies in a clause that only ranks the figure or gives
        its share (占GDP比重61.8%: GDP there is not another figure's indicator)."""
        return any(m.start() <= position - start < m.end() for m in _BASIS.finditer(self.text[start:end]))

    def _basis_clauses(self, start: int, end: int) -> int:
        """Clauses between a figure and its growth that only say how the growth is computed
        (按可比价格计算, （人民币，下同）): they do not part the growth from its figure."""
        text = self.text[start:end]
        return len(_BASIS.findall(text))

    # -- indicators --------------------------------------------------------------------------

    def _indicator_before(self, position: int, max_gap: int | None = None) -> IndicatorMention | None:
        clause_start = self.sentence.clause_start(position)
        candidates = [
            m for m in self.indicators if clause_start <= m.start and m.end <= position and m.start not in self.used
        ]
        if not candidates:
            return None
        best = max(candidates, key=lambda m: (m.end, m.end - m.start))
        if any(best.end <= a.start < position for a in self.doc.amounts.within(clause_start, position)):
            return None
        if max_gap is not None and position - best.end > max_gap:
            return None
        return best

    def _names_counted(self, amount) -> bool:
        """…等十余家企业, and 与国中（青岛）能源、四川中财经能源、大庆油田…4家企业代表进行了签约: a count of the firms the
        sentence has just named (as partners of the one it speaks of), not of the firms the region has."""
        return self.text.endswith("等", 0, amount.start) or bool(
            _PARTNERS_NAMED.search(self.text, self.sentence.start, amount.start)  # 、 parts clauses: the sentence
        )

    def _tally_after_an_industrys_part(self, mention: IndicatorMention, owner) -> bool:
        """Whether a tally of investment promotion follows, in a part of the sentence of its own (after a semicolon),
        the industry an earlier part named, and names no subject itself: an industry's figures end at the semicolon."""
        if mention.indicator.key not in TALLIES or owner.subject is None or owner.subject.entity is not None:
            return False
        semicolon = self._last_semicolon(mention.start)
        return bool(owner.subject.industry) and semicolon is not None and owner.end <= semicolon.start()

    def _industry_just_before(self, mention: IndicatorMention) -> bool:
        """完成工业固定资产投资45.4亿元: the investment its own clause gives an industry (a word in 业) is that industry's."""
        return (
            mention.indicator.key == "investment"
            and "业" in self.text[self.sentence.clause_start(mention.start) : mention.start]
        )

    def _place_alone(self, start: int, end: int) -> bool:
        """Whether [start, end) is a region's name and at most a verb (南京市, 无锡市达): a clause that only says whose the
        amount after it is."""
        named = self.doc.places.within(start, end)
        return (
            len(named) == 1
            and not self.text[start : named[0].start].strip()
            and bool(_PLACE_VERB.fullmatch(self.text, named[0].end, end))
        )

    def _tally_investment(self, amount) -> IndicatorMention | None:
        """共签约招商项目17个，计划总投资44.8亿元: after a tally of projects, their 总投资 is the tally's contract
        investment (elsewhere 总投资 is one project's, which the project rule reads)."""
        last = self.figures[-1] if self.figures else None
        if last is None or last.fact.indicator != "projects_introduced" or amount.unit != "元":
            return None
        if not _TALLY_MONEY.fullmatch(self.text, last.amount_end, amount.start):
            return None
        indicator = Catalogue.load().indicators.get("contract_investment")
        return IndicatorMention(amount.start, amount.start, "总投资", indicator) if indicator else None

    def _risen_from(self, amount) -> IndicatorMention | None:
        """地区生产总值由2015年的571亿元提高到2020年的895亿元: the level a figure rose to is of the indicator of
        the level it rose from (the amount just before it)."""
        earlier = self.doc.amounts.within(self.sentence.start, amount.start)
        if not earlier or not _FROM_TO.fullmatch(self.text[earlier[-1].end : amount.start]):
            return None
        last = self.figures[-1] if self.figures else None
        if last is not None and last.amount_end == earlier[-1].end and last.fact.kind == "metric":
            return next((m for m in self.indicators if m.indicator.key == last.fact.indicator), None)
        return self._indicator_before(earlier[-1].start)

    def _indicator_for(self, amount) -> tuple[IndicatorMention, str, float] | None:
        if self.text[: amount.start].endswith(("由", "从")) and _FROM_TO.match(self.text, amount.end):
            return None  # 市场主体由1.6万户增加至2020年的12.3万户: the level it rose from has no date of its own
        before = self._indicator_before(amount.start)
        if before is not None and before.indicator.accepts(amount.unit):
            return before, "指标在前", 1.0
        risen = self._risen_from(amount)
        if risen is not None and risen.indicator.accepts(amount.unit):
            return risen, "由…到…", 0.9
        tally = self._tally_investment(amount)
        if tally is not None:
            return tally, _TALLY_HOW, 0.9
        lead = self.text[self.sentence.clause_start(amount.start) : amount.start]
        carried = self.doc.last_indicator
        if (
            before is None
            and carried is not None
            and _PART_GOES_ON.fullmatch(lead)
            and carried.indicator.accepts(amount.unit)
        ):
            # 工业总产值达4174.5亿元。其中电子信息产业完成4110.5亿元: the part's figure of the indicator just given
            return (
                IndicatorMention(amount.start, amount.start, carried.text, carried.indicator),
                "其中（上一指标）",
                0.85,
            )
        if (
            before is None
            and carried is not None
            and self.figures
            and self.figures[-1].fact.industry
            and _SIBLING.fullmatch(lead)
            and carried.indicator.accepts(amount.unit)
        ):
            # 第一产业增加值620.36亿元，同比增长1.3%；第二产业5354.63亿元: the next industry, the same indicator
            return IndicatorMention(amount.start, amount.start, carried.text, carried.indicator), "同上（并列）", 0.85
        if before is None and carried is not None and carried.indicator.key == "gdp" and _SECTOR_OF_GDP.fullmatch(lead):
            # 地区生产总值全年完成116.5亿元，…，分产业看，第一产业完成13.3亿元: a sector's part of the product, its
            # value added
            value_added = Catalogue.load().indicators.get("value_added")
            if value_added is not None and value_added.accepts(amount.unit):
                return (
                    IndicatorMention(amount.start, amount.start, "增加值", value_added),
                    "三次产业（地区生产总值）",
                    0.85,
                )
        if (
            before is None
            and carried is not None
            and self.figures
            and _of_a_park(self.figures[-1].fact)
            and _SIBLING_PARK.fullmatch(lead)
            and carried.indicator.accepts(amount.unit)
        ):
            # 上饶经济技术开发区主营业务收入494.82亿元，…；广丰经济开发区325.44亿元: the next park, the same indicator
            return IndicatorMention(amount.start, amount.start, carried.text, carried.indicator), "同上（并列）", 0.85
        if (
            before is None
            and carried is not None
            and self.figures
            and self.figures[-1].fact.region is not None
            and not (self.figures[-1].fact.industry or self.figures[-1].fact.entity)
            and self._place_alone(self.sentence.clause_start(amount.start), amount.start)
            and carried.indicator.accepts(amount.unit)
        ):
            # 苏州市地区生产总值11458.4亿元，南京市8316.92亿元，无锡市7105.67亿元: the next region, the same indicator
            return (
                IndicatorMention(amount.start, amount.start, carried.text, carried.indicator),
                "同上（并列地区）",
                0.85,
            )
        if (
            before is None
            and carried is not None
            and _BULLET.fullmatch(lead)
            and carried.indicator.accepts(amount.unit)
        ):
            # 主营业务收入2017年达到2400亿元左右 / 2020年达到3800亿元左右: the line goes on with the indicator above
            return carried, "上一行的指标", 0.85
        clause_end = self.sentence.clause_end(amount.start)
        for mention in self.indicators:
            if (
                amount.end <= mention.start <= amount.end + 8
                and mention.end <= clause_end
                and mention.text in NOUN_AFTER_COUNT
                and mention.start not in self.used
                and mention.indicator.accepts(amount.unit)
                and not any(
                    amount.end <= a.start < mention.start for a in self.doc.amounts.within(amount.end, mention.start)
                )
            ):
                return mention, "指标在后", 0.9
        clause_start = self.sentence.clause_start(amount.start)
        prefix = self.text[clause_start : amount.start]
        if not _CONTINUES.match(prefix) and _VERB_BEFORE.search(prefix):
            prefix = self._after_time(clause_start, amount.start)  # 1-4月份实现10.8亿元: the verb after a time
        if _CONTINUES.match(prefix) or (self.in_target and _AIMS.fullmatch(prefix)):
            earlier = [m for m in self.indicators if m.end <= clause_start and m.start not in self.used]
            if earlier:
                pending = earlier[-1]
                # 地区生产总值年均增长8%左右，力争达到880亿元: a rate said between is no level of its own
                between = [
                    a
                    for a in self.doc.amounts.within(pending.end, amount.start)
                    if not self._threshold(a) and a.unit != "%"
                ]
                if not between and pending.indicator.accepts(amount.unit):
                    # 营收增长5%，达到92亿元: the growth-only figure of that indicator takes the value
                    return pending, "指标在前一分句", 0.9
        for figure in reversed(self.figures):  # the growth came first: 营收同比增长5%，达92亿元
            fact = figure.fact
            if fact.value is None and fact.kind == "metric" and _CONTINUES.match(prefix):
                mention = next((m for m in self.indicators if m.indicator.key == fact.indicator), None)
                if mention is not None and mention.indicator.accepts(amount.unit):
                    fact.value, fact.unit, fact.qualifier, fact.approx = (
                        amount.value,
                        amount.unit,
                        amount.qualifier,
                        bool(amount.qualifier),
                    )
                    fact.extra["amount"] = amount.text
                    return None
            break
        return None

    def _after_time(self, clause_start: int, position: int) -> str:
        """The clause's words before `position`, after a time that opens it (…保持较快增长，[1-4月份]实现10.8亿元)."""
        return self.text[self._after_opening_time(clause_start, position) : position]

    # -- making facts ------------------------------------------------------------------------

    def _make(self, amount, mention: IndicatorMention, kind: str, how: str, factor: float):
        fact = self._fact(
            min(amount.start, mention.start) if how == "指标在后" else amount.start, mention, kind, amount, None, how
        )
        if fact is None:
            return
        fact.confidence *= factor
        self.used.add(mention.start)
        self.doc.last_indicator = mention
        self._keep(fact, amount.end, amount.start)

    def _fact(
        self, position: int, mention: IndicatorMention, kind: str, amount, growth, how: str, owner=None, point=None
    ) -> Fact | None:
        if mention.indicator.kind == "stock" and amount is not None and self._names_counted(amount):
            return None  # 安徽省外经建设集团、合肥国轩…等十余家企业: the firms just named, counted
        if mention.indicator.key == "enterprises" and _SIZE_CLASS.search(
            self.text, self.sentence.clause_start(mention.start), mention.start
        ):
            return None  # 亿元工业企业超过400家, 世界500强企业381家: a class of firms by size, not the firms there are
        if owner is None and how == _TALLY_HOW and getattr(self, "last_owner", None):
            owner = self.last_owner[1]  # 全市开发区新签约项目195个，总投资629.68亿元: the tally's subject
        owner = owner or self._owner(position, mention.start)
        if owner is None:
            return None
        if (
            mention.indicator.key in _REGION_WIDE
            and mention.text not in INDICATOR_INDUSTRY  # 餐饮收入: the part of 社零 it names is its own
            and owner.subject is not None
            and owner.subject.industry
            and owner.end <= self.sentence.clause_start(mention.start)
            and not self._industry_just_before(mention)
        ):
            # 规模以上工业总产值1.39万亿元，外贸进出口总额2.76万亿元: the region's trade, not its industry's (and
            # 10个国家级经开区完成规上工业总产值…，实现进出口总额…: the parks' trade, not their industry's; 规模以上工业
            # 总产值3790亿元，固定资产投资120.2亿元: the region's investment)
            if owner.subject.entity is None:
                owner = replace(owner, subject=None, written="")
            else:
                owner = replace(owner, subject=replace(owner.subject, industry=None, industry_code=None))
        if self._tally_after_an_industrys_part(mention, owner):
            # 高技术产业增加值同比增长7.6%，占全市比重超4成；签约项目76个: the region's tally, not the industry's
            owner = replace(owner, subject=None, written="")
        self.last_owner = (self.sentence.clause_of(mention.start), owner)
        self.para.last_region = owner.region
        entity, subject_how, subject_end = owner.entity, owner.how, owner.end
        between = self.text[max(subject_end, self.sentence.start) : min(mention.start, position)]
        if mention.indicator.key in _NAMES_ITS_PART:
            # …集聚企业400家，其中规上企业156家 (其中进口完成2226亿元；出口完成3019.6亿元): the indicator itself names the part
            between = _THEREOF.sub("", between).replace("其中", "")
        if owner.subject is None and _PART_OF.search(between):
            return None  # the figure is of a part the rules cannot name
        figure_at = min(mention.start, position)
        windows = [(max(subject_end, self.sentence.clause_start(figure_at)), figure_at)]
        if subject_how == "句内":
            windows.append((self.sentence.clause_start(subject_end - 1), subject_end))
        if any(self._other_place(a, b) for a, b in windows):
            return None  # 全国规模以上工业…: a figure of a place the platform does not keep
        if subject_how == "区" and _COLLECTIVE.search(self.text, *windows[0]):
            return None  # 重点园区实现税收收入…: the region's parks (towns, clusters), which the rules cannot name
        indicator = mention.indicator
        confidence = (0.95 if kind == "metric" else 0.9) * owner.factor
        period = open_year = None
        needs_date = kind == "target" and self.target_year is None
        extra = {"indicator_text": mention.text, "indicator_how": how, "subject_how": subject_how}
        if owner.written and (entity is None or owner.written != entity.name):
            extra["subject_text"] = owner.written
        if kind == "metric":
            point = point or self.para.time_at(position)
            found = period_for(point, indicator.kind, self.index, self.doc.published)
            if found is None:
                return None
            period, open_year, period_factor, period_how = found
            confidence *= period_factor
            needs_date = period_how.endswith(NEEDS_DATE)
            extra["period_how"] = period_how
            if point is not None and point.carried == EARLIER:
                extra["lent_period"] = True
        clause_start = self.sentence.clause_start(mention.start)
        clause = self.text[clause_start : mention.start]
        scope = SCOPE.search(clause)
        if scope and indicator.key not in ("above_scale_enterprises",):
            if indicator.kind == "stock":
                population = _population(self.text, clause_start + scope.start(), mention)
                if population is None or position < mention.start:
                    # 新增专精特新企业3家: new ones, a flow the catalogue does not keep; 50户重点企业实现产值…:
                    # the size of a group the sentence goes on to speak of
                    return None
                # 高新技术企业达到2472家: a count of that kind of firm, said as the figure's industry
                owner = replace(owner, subject=replace(owner.subject or Subject(), industry=population))
                extra["population"] = population
            elif owner.subject is None and _GROUP_OF_FIRMS.search(clause):
                return None  # 50户重点企业实现产值…: the figure of a group of firms the rules cannot name
            else:
                extra["scope"] = scope.group()  # 规上工业总产值: the usual basis of the statistic, but say so
                confidence *= 0.7
        if amount is not None:
            extra["amount"] = amount.text
        evidence, span = self.doc.evidence(self.sentence)
        return Fact(
            kind=kind,
            **owner_fields(owner),
            indicator=indicator.key,
            value=amount.value if amount else None,
            unit=amount.unit if amount else indicator.unit,
            approx=bool(amount and amount.qualifier),
            qualifier=amount.qualifier if amount else "",
            period=period,
            open_year=open_year,
            yoy_pct=None,
            target_year=self.target_year if kind == "target" else None,
            needs_date=needs_date,
            projects=None,
            evidence=evidence,
            span=span,
            confidence=confidence,
            extra=extra,
        )

    def _attach(self, fact: Fact, growth) -> bool:
        if not growth.yoy:
            point = self.para.time_at(growth.start)
            definite = point is not None and (
                point.ref.kind == "period"
                or (point.ref.kind == "point" and point.ref.as_at and point.ref.month_end)
                or _part_of_a_year_undated(point)
            )
            if not definite or not _has_period(fact):
                return False  # 增长10%: without 同比 and a finished period it may be any comparison
            fact.confidence *= 0.8
            fact.extra["growth_how"] = "未写“同比”"
        elif fact.value is None:
            point = self.para.time_at(growth.start)
            stated = point is not None and (point.ref.kind in ("period", "point") or _part_of_a_year_undated(point))
            if not stated or not _has_period(fact):
                return False
        fact.yoy_pct = growth.pct
        fact.extra["growth"] = growth.text
        return True
