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
from dataclasses import dataclass

from chanye.lib.periods import Period

from .context import EARLIER, MULTI, SAME_PERIOD, Document, ParagraphContext, TimePoint, eligible
from .facts import Fact
from .indicators import NOUN_AFTER_COUNT, IndicatorMention
from .subjects import CLUSTER, DISTRICT, ENTERPRISE, Entity
from .text import Sentence

_CONTINUES = re.compile(r"^(?:已|已经|累计|共|共计|总计|合计|全年)?(?:达到|达|为|实现|突破|至|超过|超|完成)?了?$")
_SCOPE = re.compile(
    r"规上|规模以上|限上|限额以上|重点|龙头|骨干|上市|新引进|新增|新注册|专精特新|小巨人|高新技术|科技型|外资|民营|国有"
)
# A part of the subject, not the subject: “其中，软件和信息服务业营收30亿元”, “产业中的软件企业”.
_PART_OF = re.compile(r"其中|中的|旗下|下属|以外|之外")
# Between the district and an indicator that is the district's own figure: 全区规上工业增加值.
_DISTRICT_OWNS = re.compile(r"(?:(?:规上|规模以上|限上|限额以上)(?:工业)?)?")
# What a district does in a clause whose subject it is: 全区共引进…, 累计签约…
_ACTS = re.compile(r"(?:共|累计|新|先后|还|已|共计)*(?:引进|引入|招引|签约|实现|完成|新增|落地|组织|开展)")
# Indicators that are themselves a part of a population: “其中规上企业156家” is the subject's own count.
_NAMES_ITS_PART = ("above_scale_enterprises",)
_THEREOF = re.compile(r"其中[，,：:]?$")
# Another place than the district: 全市, 全国, 重庆市, 九龙坡区… (not 园区, 景区, 示范区…).
_PLACE = re.compile(r"(?:全|我|本)(?:市|省|国|县)|全球|[\u4e00-\u9fff]{2}(?:省|市|县|区)(?![级场民委长])")
_PLACE_THEN = (
    "规上",
    "规模以上",
    "限上",
    "工业",
    "服务业",
    "实现",
    "完成",
    "累计",
    "共",
    "有",
    "企业",
    "地区生产总值",
    "GDP",
    "的",
    "经济",
    "产业",
    "全年",
    "上半年",
    "前三季度",
    "1-",
)
_NOT_PLACE = (
    "园区",
    "景区",
    "城区",
    "社区",
    "示范区",
    "片区",
    "辖区",
    "功能区",
    "开发区",
    "核心区",
    "集聚区",
    "先行区",
    "试验区",
    "工业区",
    "产业区",
    "聚集区",
    "承载区",
    "保税区",
    "新城区",
    "都市",
    "城市",
    "超市",
    "上市",
    "门市",
    "夜市",
    "集市",
    "股市",
    "楼市",
    "车市",
    "县区",
    "市区",
    "该区",
    "全区",
    "我区",
    "本区",
)


@dataclass
class _Figure:
    fact: Fact
    amount_end: int
    clause: int


def level_at(period: Period) -> Period:
    """A level (stock) is stated for the end of the month its time names: 截至11月底, 目前, 12月13日."""
    return Period.month_end(period.year, period.end)


def period_for(
    point: TimePoint | None, kind: str, sentence_index: int, published
) -> tuple[Period | None, int | None, float, str] | None:
    """(period, open year, confidence factor, how) for an indicator of kind flow/stock, or None: no usable
    period. The open year is set, and the period None, for a span from January whose end is not said."""
    now = level_at(Period.point(published))
    if point is None:
        return (now, None, 0.65, "no time named: publication date") if kind == "stock" else None
    ref = point.ref
    if point.carried == EARLIER:
        if kind == "stock":
            return period_for(None, kind, sentence_index, published)
        carried, how = 0.75, f"“{ref.text}”（前段，全文唯一时期）"
    elif point.carried == SAME_PERIOD:
        carried, how = 0.85, f"“{ref.text}”（同期，前段）"
    else:
        carried = 0.9 if point.sentence < sentence_index else 1.0
        how = f"“{ref.text}”" + ("（前句）" if carried < 1 else "")
    if ref.kind == "period":
        if kind == "stock":
            return level_at(ref.period), None, 0.95 * carried, how + " → 期末时点"
        return ref.period, None, carried, how
    if ref.kind == "point":
        if kind == "stock":
            return level_at(ref.period), None, carried, how
        if ref.month_end and ref.as_at:  # 截至11月底营收 = 1-11月; 去年底营收 = 去年全年
            year, end = ref.period.year, ref.period.end
            ytd = Period.ytd(year, end) if end > 1 else Period.month(year, 1)
            return ytd, None, 0.95 * carried, how + " → 年初至该月累计"
        return None
    if ref.kind == "now":
        return (
            now if kind == "stock" else Period.month(now.year, now.end),
            None,
            (0.8 if kind == "stock" else 0.5) * carried,
            how + " → 刊发时点",
        )
    if ref.kind == "open":
        if kind == "stock":
            return now, None, 0.6 * carried, how + " → 刊发时点"
        return None, ref.period.year, 0.35 * carried, how + " → 止期未写明"
    if ref.kind == "vague":
        return (now, None, 0.65 * carried, how + " → 刊发时点") if kind == "stock" else None
    return None  # future


class SentenceReader:
    def __init__(self, doc: Document, para: ParagraphContext, sentence: Sentence, index: int):
        self.doc, self.para, self.sentence, self.index = doc, para, sentence, index
        self.text = doc.text
        self.mentions = doc.mentions.within(sentence.start, sentence.end)
        self.indicators = doc.indicators.within(sentence.start, sentence.end)
        self.used: set[int] = set()  # indicator starts already given to a figure
        self.figures: list[_Figure] = []
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
        self.target_year = None
        self.future = False
        for _, _, kind, token in tokens:
            getattr(self, "_" + kind)(token)
        # A period lent by an earlier paragraph is kept only for a figure with a 同比 rate: the rate says
        # that it is a statistic of a reporting period, and the article has named only one.
        self.facts = [f for f in self.facts if not (f.extra.pop("lent_period", False) and f.yoy_pct is None)]
        return self.facts

    def _target(self, target):
        self.target_year = target.year
        self.future = False

    def _time(self, point: TimePoint):
        if point.carried:
            return  # a period lent by an earlier paragraph is not said here: it ends no target
        if point.ref.kind in ("period", "point"):
            self.future = False
            self.target_year = None
        elif point.ref.kind == "future":
            self.future = True

    def _future(self, token):
        self.future = True
        if self.text[token.start : token.end].endswith("后") or self.text.startswith("届时", token.start):
            # 预计今年投产，投产后可新增年产值8亿元: what a plant will add, not a target of the subject
            self.target_year = None

    def _amount(self, amount):
        if amount.start in self.doc.consumed or amount.unit == "%":
            return
        found = self._indicator_for(amount)
        if found is None:
            return
        indicator, how, factor = found
        if self.target_year is not None:
            self._make(amount, indicator, "target", how, factor)
        elif not self.future:
            self._make(amount, indicator, "metric", how, factor)

    def _growth(self, growth):
        if self.target_year is not None or self.future:
            return
        clause = self.sentence.clause_of(growth.start)
        last = self.figures[-1] if self.figures else None
        if (
            last is not None
            and last.fact.kind == "metric"
            and last.fact.yoy_pct is None
            and clause - last.clause <= 1
            and not any(last.amount_end <= m.start < growth.start for m in self.indicators if m.start not in self.used)
        ):
            self._attach(last.fact, growth)
            return
        indicator = self._indicator_before(growth.start, max_gap=2)
        if indicator is None:
            return
        fact = self._fact(growth.start, indicator, "metric", None, None, "紧接增速")
        if fact is not None and self._attach(fact, growth):
            self.used.add(indicator.start)
            self.facts.append(fact)
            self.figures.append(_Figure(fact, growth.start, clause))

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

    def _indicator_for(self, amount) -> tuple[IndicatorMention, str, float] | None:
        before = self._indicator_before(amount.start)
        if before is not None and before.indicator.accepts(amount.unit):
            return before, "指标在前", 1.0
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
        if _CONTINUES.match(prefix):
            earlier = [m for m in self.indicators if m.end <= clause_start and m.start not in self.used]
            if earlier:
                pending = earlier[-1]
                between = self.doc.amounts.within(pending.end, amount.start)
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

    # -- making facts ------------------------------------------------------------------------

    def _make(self, amount, mention: IndicatorMention, kind: str, how: str, factor: float):
        fact = self._fact(
            min(amount.start, mention.start) if how == "指标在后" else amount.start, mention, kind, amount, None, how
        )
        if fact is None:
            return
        fact.confidence *= factor
        self.used.add(mention.start)
        self.facts.append(fact)
        self.figures.append(_Figure(fact, amount.end, self.sentence.clause_of(amount.start)))

    def _fact(self, position: int, mention: IndicatorMention, kind: str, amount, growth, how: str) -> Fact | None:
        subject = self._subject(position, mention.start)
        if subject is None:
            return None
        entity, subject_factor, subject_how, written, subject_end = subject
        between = self.text[max(subject_end, self.sentence.start) : min(mention.start, position)]
        if mention.indicator.key in _NAMES_ITS_PART:
            # …集聚企业400家，其中规上企业156家: the indicator itself names the part
            between = _THEREOF.sub("", between)
        if _PART_OF.search(between):
            return None  # the figure is of a part the rules cannot name
        figure_at = min(mention.start, position)
        windows = [(max(subject_end, self.sentence.clause_start(figure_at)), figure_at)]
        if subject_how == "句内":
            windows.append((self.sentence.clause_start(subject_end - 1), subject_end))
        if any(self._other_place(a, b) for a, b in windows):
            return None  # 全市规上工业总产值…, 重庆市新材料产业营收…: a figure of another place
        indicator = mention.indicator
        confidence = (0.95 if kind == "metric" else 0.9) * subject_factor
        period = open_year = None
        extra = {"indicator_text": mention.text, "indicator_how": how, "subject_how": subject_how}
        if written and written != entity.name:
            extra["subject_text"] = written
        if kind == "metric":
            point = self.para.time_at(position)
            found = period_for(point, indicator.kind, self.index, self.doc.published)
            if found is None:
                return None
            period, open_year, period_factor, period_how = found
            confidence *= period_factor
            extra["period_how"] = period_how
            if point is not None and point.carried == EARLIER:
                extra["lent_period"] = True
        scope = _SCOPE.search(self.text[self.sentence.clause_start(mention.start) : mention.start])
        if scope and indicator.key not in ("above_scale_enterprises",):
            if indicator.kind == "stock":
                return None  # 上市企业5家, 新增专精特新企业3家: a count of another population
            extra["scope"] = scope.group()  # 规上工业总产值: the usual basis of the statistic, but say so
            confidence *= 0.7
        if amount is not None:
            extra["amount"] = amount.text
        evidence, span = self.doc.evidence(self.sentence)
        return Fact(
            kind=kind,
            subject=entity.name,
            cluster=entity.name if entity.kind == CLUSTER else None,
            enterprise=entity.name if entity.kind == ENTERPRISE else None,
            indicator=indicator.key,
            value=amount.value if amount else None,
            unit=amount.unit if amount else indicator.unit,
            approx=bool(amount and amount.qualifier),
            qualifier=amount.qualifier if amount else "",
            period=period,
            open_year=open_year,
            yoy_pct=None,
            target_year=self.target_year if kind == "target" else None,
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
                point.ref.kind == "period" or (point.ref.kind == "point" and point.ref.as_at and point.ref.month_end)
            )
            if not definite or fact.period is None:
                return False  # 增长10%: without 同比 and a finished period it may be any comparison
            fact.confidence *= 0.8
            fact.extra["growth_how"] = "未写“同比”"
        elif fact.value is None:
            point = self.para.time_at(growth.start)
            if point is None or point.ref.kind not in ("period", "point") or fact.period is None:
                return False
        fact.yoy_pct = growth.pct
        fact.extra["growth"] = growth.text
        return True

    # -- subjects ----------------------------------------------------------------------------

    def _other_place(self, start: int, end: int) -> bool:
        if end <= start:
            return False
        districts = [(m.start, m.end) for m in self.mentions]  # 河西经开区 configured: not another place
        for match in _PLACE.finditer(self.text, start, end):
            word = match.group()
            if any(word.endswith(other) for other in _NOT_PLACE):
                continue
            if any(a < match.end() and match.start() < b for a, b in districts):
                continue
            if self._place_is_subject(match.end()):
                return True
        return False

    def _place_is_subject(self, at: int) -> bool:
        """全市规上工业…, 九龙坡区实现营收…, 重庆市新材料产业…: the place is what the figure is of;
        接待全国各地剧组, 在全市率先: it is not."""
        if self.text.startswith(_PLACE_THEN, at):
            return True
        return any(m.start == at for m in self.mentions) or any(m.start == at for m in self.indicators)

    def _district_acts(self, before, indicator_at: int):
        """今年全区共组织开展招商活动46场，引进项目58个: the district is the subject of its clause (only a
        time before it) and the figure is what it did, in that clause or in one that starts with the verb."""
        text = self.text
        for m in reversed(before):
            if m.entity.kind != DISTRICT or m.end > indicator_at:
                continue
            clause_start = self.sentence.clause_start(m.start)
            position = clause_start
            for point in self.para.times_within(clause_start, m.start):
                if point.start == position and not point.carried:
                    position = point.ref.end
            if position != m.start or re.search("[；;]", text[m.end : indicator_at]):
                return None
            figure_clause = self.sentence.clause_start(indicator_at)
            return m if _ACTS.match(text, m.end if figure_clause == clause_start else figure_clause) else None
        return None

    def _subject(self, position: int, indicator_at: int | None = None) -> tuple[Entity, float, str, str, int] | None:
        """(subject, confidence factor, how, as written, where its mention ends)."""
        before = [m for m in self.mentions if m.end <= position]
        good = [m for m in before if eligible(self.doc, self.sentence, m)]
        if good:
            return good[-1].entity, 1.0, "句内", good[-1].text, good[-1].end
        district_here = any(m.entity.kind == DISTRICT for m in before)
        if indicator_at is not None and self.doc.district:
            # 全区规上工业增加值…: the district written right before the indicator is what the figure is
            # of, whatever the paragraph or the heading is about.
            for m in before:
                if (
                    m.entity.kind == DISTRICT
                    and m.end <= indicator_at
                    and _DISTRICT_OWNS.fullmatch(self.text, m.end, indicator_at)
                ):
                    return Entity(DISTRICT, self.doc.district), 0.9, "区（紧接指标）", "", m.end
            acting = self._district_acts(before, indicator_at)
            if acting is not None:
                return Entity(DISTRICT, self.doc.district), 0.9, "区（分句主语）", "", acting.end
        penalty = 0.8 if district_here else 1.0
        topic = self.para.topic
        if topic is not None and topic is not MULTI:
            return topic, 0.85 * penalty, "段内前文", "", self.sentence.start
        if topic is None and self.doc.heading_topic is not None:
            return self.doc.heading_topic, 0.75 * penalty, "小标题", "", self.sentence.start
        if (district_here or self.para.district_named or topic is MULTI) and self.doc.district:
            district_end = max((m.end for m in before if m.entity.kind == DISTRICT), default=self.sentence.start)
            return Entity(DISTRICT, self.doc.district), 0.9, "区", "", district_end
        return None
