"""What a sentence is read with: its tokens, the paragraph's time line and topic, the heading's topic."""

import bisect
import datetime
import re
from dataclasses import dataclass, field

from chanye.lib.gazetteer import Place

from .amounts import Amount, Growth
from .indicators import IndicatorMention
from .subjects import CLUSTER, DISTRICT, ENTERPRISE, ORG, PARK, Entity, Mention
from .text import Paragraph, Sentence, Working
from .timeexpr import TargetRef, TimeRef

MULTI = Entity("multi", "")  # a sentence that names several clusters at once: no single topic

# Words before a company's name that make it an object, not the subject: 引进了东华软件.
OBJECT_VERBS = (
    "引进",
    "引入",
    "培育",
    "吸引",
    "招引",
    "走访",
    "服务",
    "支持",
    "帮助",
    "带动",
    "以",
    "对",
    "向",
    "与",
    "和",
    "同",
    "为",
)


class Sorted:
    """Tokens sorted by start, sliced by range."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda item: item.start)
        self.starts = [item.start for item in self.items]

    def within(self, start: int, end: int) -> list:
        return self.items[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]


@dataclass
class Document:
    working: Working
    published: datetime.date | None
    district: str
    mentions: Sorted
    indicators: Sorted
    amounts: Sorted
    growths: Sorted
    targets: Sorted
    futures: Sorted
    consumed: set = field(default_factory=set)  # start offsets of amounts an event rule has used
    heading_topic: Entity | None = None
    heading_subject: object = None  # an industry a heading names (生物医药和大健康), for figures under it
    last_indicator: object = None  # the indicator of the last figure (a bullet line may go on with it)
    region: Place | None = None  # the region the document is about: 全区 and the district's figures are its
    home: Place | None = None  # the platform's own region: configured subjects stand for it only
    places: "Sorted | None" = None  # regions named in the text (PlaceMention)
    wholes: "Sorted | None" = None  # 全区, 全市, 我市 … (WholeMention)
    finder: object = None  # the Places that found them, to resolve 全市 against the document's region
    clusters: frozenset = frozenset()  # the configured clusters (Entity), to resolve an industry by its name
    speaking_of: Place | None = None  # the region the text last opened a sentence with: 全市 may go on to mean it
    plan_years: set = field(default_factory=set)  # the target years the text has named so far (到2027年)
    bulletin: bool = False  # a statistics bulletin by its title (统计公报): a figure naming nobody is its region's
    district_named: bool = False  # the text has named its region so far (its title and headings included)

    @property
    def text(self) -> str:
        return self.working.text

    def evidence(self, sentence: Sentence) -> tuple[str, tuple[int, int]]:
        start, end = self.working.span(sentence.start, sentence.end)
        return self.working.original[start:end], (start, end)


@dataclass(frozen=True)
class TimePoint:
    start: int
    ref: TimeRef
    sentence: int  # index of the sentence in the paragraph where it was said (-1: an earlier paragraph)
    carried: str = (
        ""  # "" said here; SAME_PERIOD: 同期/其中 took an earlier paragraph's; EARLIER: the article's only period
    )


SAME_PERIOD, EARLIER = "同期", "前段"
# A paragraph that opens by referring to the period of the one before: 同期，…; 其中，…
_SAME_PERIOD = re.compile(r"^(?:同期|同一时期|其中)(?![比相内])")


@dataclass
class ParagraphContext:
    paragraph: Paragraph
    timeline: list[TimePoint]
    topic: Entity | None = None
    topic_sentence: int = -1
    sentence_index: int = 0
    district_named: bool = False
    region: Place | None = None  # a region the paragraph is about (its sentences open with it): 全市 is it
    last_region: Place | None = None  # the region of the paragraph's last figure: the next one's, unless said
    plan_year: int | None = None  # the target year a sentence of the paragraph ended in: the next ones' too

    def __post_init__(self):
        self.starts = [point.start for point in self.timeline]

    def time_at(self, position: int) -> TimePoint | None:
        index = bisect.bisect_right(self.starts, position) - 1
        return self.timeline[index] if index >= 0 else None

    def times_within(self, start: int, end: int) -> list[TimePoint]:
        return self.timeline[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]


def build_timeline(paragraph: Paragraph, times: list[TimeRef]) -> list[TimePoint]:
    """The time in force at each point of a paragraph. A span the text has not finished (今年全年 in
    December, 今年以来) does not replace a definite period said earlier in the same sentence:
    “今年1-11月，全区新材料产业全年实现营收59亿元” is a 1-11月 figure."""
    timeline: list[TimePoint] = []
    sentence_starts = [sentence.start for sentence in paragraph.sentences]
    for ref in times:
        if ref.kind == "compare":
            continue
        sentence = max(bisect.bisect_right(sentence_starts, ref.start) - 1, 0)
        current = timeline[-1] if timeline else None
        if (
            ref.kind in ("open", "future")
            and current is not None
            and current.sentence == sentence
            and current.ref.kind in ("period", "point", "now")
        ):
            continue
        timeline.append(TimePoint(ref.start, ref, sentence))
    return _after_lists(paragraph, timeline)


# What joins the periods of a list: 一季度、上半年、前三季度和全年…分别为.
_LIST_JOINS = ("、", "和", "及", "与", "以及", "，")


def _after_lists(paragraph: Paragraph, timeline: list[TimePoint]) -> list[TimePoint]:
    """A list of periods (一季度、上半年、前三季度和全年GDP增速分别为…) dates only the figures it lists: after
    its sentence the period said before the list is in force again, not the list's last one."""
    text, offset = paragraph.text, paragraph.start
    kept: list[TimePoint] = []
    index = 0
    while index < len(timeline):
        run = _list_run(text, offset, timeline, index)
        kept.extend(timeline[index : index + run])
        if run >= 2 and index > 0:
            before = timeline[index - 1]
            end = paragraph.sentences[timeline[index].sentence].end
            if end < paragraph.end and (index + run == len(timeline) or timeline[index + run].start > end):
                kept.append(TimePoint(end, before.ref, before.sentence, before.carried))
        index += run
    return kept


def _list_run(text: str, offset: int, timeline: list[TimePoint], index: int) -> int:
    """How many time points from `index` on are one list (joined by 、 和 及 …, within one sentence)."""
    run = 1
    while index + run < len(timeline):
        previous, current = timeline[index + run - 1], timeline[index + run]
        between = text[previous.ref.end - offset : current.ref.start - offset]
        if current.sentence != previous.sentence or between not in _LIST_JOINS:
            break
        run += 1
    return run


class PeriodHistory:
    """The periods the body of an article has named so far, to lend to a paragraph that names none.

    A paragraph that opens with 同期 (or 其中) takes the last period of the paragraphs before it. A
    paragraph that names no time at all takes the article's period only while every period named so far
    is the same one (一季度 … 截至3月底 …): the report of one period, whose later paragraphs need not
    repeat it; or while the only other one named is its last month (1-10月 with 10月份). Lent periods are
    for flows only (a level without a date keeps its own rule) and lower the confidence (see facts.py)."""

    def __init__(self):
        self.last: TimeRef | None = None
        self.periods: set[tuple] = set()
        self.said: dict[tuple, TimeRef] = {}  # each finished period named, by (year, first month, last month)

    def lend(self, paragraph: Paragraph, times: list[TimeRef]) -> TimePoint | None:
        if self.last is None:
            return None
        if _SAME_PERIOD.match(paragraph.text):
            return TimePoint(paragraph.start, self.last, -1, SAME_PERIOD)
        said = [t for t in times if t.kind != "compare"]
        report = self.last if len(self.periods) == 1 else self._cumulative()
        if report is not None and (not said or _opens_without_time(paragraph, said[0])):
            # the paragraph's own times hold from where they are said: the lent one only before the first
            return TimePoint(paragraph.start, report, -1, EARLIER)
        return None

    def _cumulative(self) -> TimeRef | None:
        """The report's period when the only other named is its last month (1-10月 with 10月份, the month's
        own figures): the span from January to that month. Two spans from January (上半年 and 1-5月) leave
        it unknown which one is meant."""
        if len(self.periods) != 2 or any(key[0] == "unfinished" for key in self.periods):
            return None
        span, month = sorted(self.periods, key=lambda key: key[1])
        if span[0] != month[0] or span[1] != 1 or month[1:] != (span[2], span[2]):
            return None
        return self.said.get(span)

    def add(self, times: list[TimeRef], figures: bool = True) -> None:
        """`figures`: whether the paragraph holds any figure or rate. One that holds none says what period the report
        is of by the first it names (2025年，浦东经济社会发展稳中有进。): its later times (…延续了上半年稳定恢复的良好
        趋势) and an unfinished span (今年以来，…全面贯彻落实…) date nothing, and leave the report's period lendable."""
        if not figures:
            times = [ref for ref in times if ref.kind not in ("open", "future")][:1]
        for ref in times:
            if ref.kind == "period" and ref.period is not None:
                key = (ref.period.year, ref.period.start, ref.period.end)
                self.periods.add(key)
                self.said.setdefault(key, ref)
                self.last = ref
            elif ref.kind == "point" and ref.as_at and ref.month_end and ref.period is not None:
                key = (ref.period.year, 1, ref.period.end)  # 截至3月底 = 1-3月
                self.periods.add(key)
                self.said.setdefault(key, ref)
                self.last = ref
            elif ref.kind in ("open", "future"):
                self.periods.add(("unfinished", ref.start))  # 今年以来, 全年: not one finished period


def _opens_without_time(paragraph: Paragraph, first: TimeRef) -> bool:
    """从三次产业看，第一产业增加值124亿元，增长6.3%…。截至10月10日，…: the paragraph's first sentence names no time,
    the first it names is of a later sentence."""
    return bool(paragraph.sentences) and first.start >= paragraph.sentences[0].end


def eligible(doc: Document, sentence: Sentence, mention: Mention) -> bool:
    """Can this mention be the subject of a figure after it? Not when it is one of a list
    (A、B、C等) or, for a company or park, the object of a verb (引进了东华软件)."""
    text = doc.text
    if mention.entity.kind == DISTRICT:
        return False
    after = text[mention.end : mention.end + 1]
    before = text[mention.start - 1 : mention.start] if mention.start else ""
    if after == "、" or before == "、" or text.startswith("等", mention.end):
        return False
    if mention.entity.kind in (ENTERPRISE, ORG, PARK):
        prefix = text[sentence.clause_start(mention.start) : mention.start]
        if any(prefix.endswith((verb, verb + "了")) for verb in OBJECT_VERBS):
            return False
    return True


def sentence_topic(doc: Document, sentence: Sentence) -> Entity | None:
    """What a sentence leaves as the paragraph's topic: its last subject-like mention, MULTI if it only
    lists several clusters, None if it names no subject."""
    mentions = doc.mentions.within(sentence.start, sentence.end)
    good = [m for m in mentions if eligible(doc, sentence, m)]
    if good:
        return good[-1].entity
    listed = {m.entity for m in mentions if m.entity.kind == CLUSTER}
    return MULTI if len(listed) >= 2 else None


def heading_topic(doc: Document, paragraph: Paragraph) -> Entity | None:
    entities = {m.entity for m in doc.mentions.within(paragraph.start, paragraph.end) if m.entity.kind != DISTRICT}
    return next(iter(entities)) if len(entities) == 1 else None


__all__ = [
    "EARLIER",
    "MULTI",
    "SAME_PERIOD",
    "Amount",
    "Document",
    "Growth",
    "IndicatorMention",
    "ParagraphContext",
    "PeriodHistory",
    "Sorted",
    "TargetRef",
    "TimePoint",
    "build_timeline",
    "eligible",
    "heading_topic",
    "sentence_topic",
]
