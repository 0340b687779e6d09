"""extract(): the engine's entry point."""

import datetime
import functools
import re

from chanye.lib.gazetteer import ZONE, Place

from .amounts import Mask, find_amounts, find_growths, find_points
from .context import Document, ParagraphContext, PeriodHistory, Sorted, build_timeline, heading_topic, sentence_topic
from .events import designation, listing, project, signing
from .facts import Fact
from .indicators import Catalogue
from .industries import Subject, code_of, read_subject
from .metrics import TALLIES, SentenceReader
from .places import Places, inside_what_it_holds
from .subjects import DISTRICT, Lexicon, Subjects, declared_names
from .text import Working
from .timeexpr import FUTURE, UNDATED, find_targets, find_times


class _Span:
    def __init__(self, start, end):
        self.start, self.end = start, end


def extract(text: str, published: datetime.date | None, subjects: Subjects, *, source: str = "") -> list[Fact]:
    """Facts of cleaned Chinese text published on the given date, in the order of the text.

    text is best the output of chanye.archive.engine.pipeline.clean (one paragraph a line); any
    text works. Spans and evidence refer to the text as passed in. Without a date, the figures whose
    period the text states are read as usual; those whose period depends on the date (今年, 去年底,
    目前) come with no period and `needs_date`. `source` is the document's publisher and/or address (江津日报,
    http://gxj.huizhou.gov.cn/…): the region it names is the text's when the text names none."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if published is not None and not isinstance(published, datetime.date):
        raise TypeError(f"published must be a datetime.date or None, not {type(published).__name__}")
    if isinstance(published, datetime.datetime):
        published = published.date()
    working = Working(text)
    w = working.text
    finder = Places.load()
    home = finder.gazetteer.resolve(subjects.district) if subjects.district else None
    lexicon = Lexicon.build(subjects)
    configured = _configured_mask(w, lexicon)
    origin = finder.source_region(source)  # where the publisher or the site is: the text's, unless it says
    places = [p for p in finder.mentions(w, origin or home) if not configured.hits(p.start, p.end)]
    # A district the gazetteer does not know (an invented one of the synthetic sets) is taken as given.
    wholes = finder.wholes(w)
    region = home
    if home is not None or not subjects.district:
        region = document_region(places, working, _fallback(finder, origin, home, wholes), wholes)
    region = _bare_zone(working, region, origin, places) or region
    # A text that names no place, no subject of the platform and comes from no known source is taken as the
    # platform's own district only by assumption: in real articles from elsewhere that guess is mostly wrong,
    # so its figures say so and wait for an officer to confirm the region (see _region_assumed).
    assumed = home is not None and region == home and origin is None and not places and not configured.hits(0, len(w))
    if region is not None and home is not None and not finder.gazetteer.within(region, home):
        # An article about another region: the platform's clusters and parks are not its subjects
        # (enterprises are named uniquely, wherever they are).
        subjects = subjects.but(clusters={}, district=region.name, parks={})
        lexicon = Lexicon.build(subjects)
    elif region is not None and region != home:
        subjects = subjects.but(district=region.name)
        lexicon = Lexicon.build(subjects)
    if region is not None and region != home:  # the short names of the document's own province now count
        configured = _configured_mask(w, lexicon)
        places = [p for p in finder.mentions(w, region) if not configured.hits(p.start, p.end)]
    lexicon = lexicon.with_names(declared_names(w, lexicon))
    points = find_points(w)
    growths = find_growths(w, points)
    targets = find_targets(w, published)
    blocked = points + [(g.start, g.end) for g in growths] + [m.span() for m in _INCLUDING.finditer(w)]
    doc = Document(
        working=working,
        published=published,
        district=subjects.district,
        mentions=Sorted(lexicon.mentions(w)),
        indicators=Sorted(Catalogue.load().mentions(w)),
        amounts=Sorted(find_amounts(w, blocked)),
        growths=Sorted(growths),
        targets=Sorted(targets),
        futures=Sorted(_Span(*m.span()) for m in FUTURE.finditer(w)),
        region=region,
        home=home,
        places=Sorted(places),
        wholes=Sorted(wholes),
        finder=finder,
        clusters=lexicon.clusters(),
        bulletin=_is_bulletin(working),
    )
    # the years aimed at, and the times of a document's title, are no periods of the figures
    not_periods = Mask(len(w), [(t.start, t.end) for t in targets] + [m.span() for m in _BOOK_TITLE.finditer(w)])
    title_year, published = _title_year(working, published)
    if published is None and title_year is None:
        title_year = _only_year(working)
    facts: list[Fact] = []
    history = PeriodHistory()
    for paragraph in working.paragraphs():
        if paragraph.heading:
            doc.district_named = doc.district_named or _names_district(doc, paragraph.start, paragraph.end)
            topic = heading_topic(doc, paragraph)
            subject = heading_subject(paragraph.text) if topic is None else None
            if topic is not None or subject is not None or not _PART_OF_SECTION.search(paragraph.text.strip()):
                doc.heading_topic, doc.heading_subject = topic, subject
            continue
        times = [
            t
            for t in find_times(paragraph.text, published, paragraph_year=title_year, offset=paragraph.start)
            if not not_periods.hits(t.start, t.end)
        ]
        timeline = build_timeline(paragraph, times)
        lent = history.lend(paragraph, times)
        if lent is not None:
            timeline.insert(0, lent)
        figures = doc.amounts.within(paragraph.start, paragraph.end) or doc.growths.within(
            paragraph.start, paragraph.end
        )
        history.add(times, figures=bool(figures))
        para = ParagraphContext(paragraph, timeline)
        for index, sentence in enumerate(paragraph.sentences):
            para.sentence_index = index
            for rule in (signing, project, listing, designation):
                facts.extend(rule(doc, para, sentence))
            opening = paragraph_region(doc, sentence)
            if opening is not None:
                para.region = doc.speaking_of = opening
            if not _STANDARD.search(w, sentence.start, sentence.end):
                facts.extend(SentenceReader(doc, para, sentence, index).read())
            topic = sentence_topic(doc, sentence)
            if topic is not None:
                para.topic, para.topic_sentence = topic, index
            if _names_district(doc, sentence.start, sentence.end):
                para.district_named = True
        doc.district_named = doc.district_named or para.district_named
    paragraphs = working.paragraphs()
    title_end = paragraphs[0].end if paragraphs and len(paragraphs) > 1 else 0
    facts = _deduplicated(_without_headline_repeats(facts, working.span(0, title_end)[1] if title_end else 0))
    facts = _growth_joined(_without_size_classes(facts))
    return _region_assumed(facts, home, finder.gazetteer) if assumed else facts


# A title that opens with a kind of zone and no place (高新区发展态势良好…, 经开区2022年…): the zone of the place the
# source is from.
_BARE_ZONE = re.compile(r"^(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区)")


def _bare_zone(working: Working, region, origin, places) -> Place | None:
    """太仓日报 on 高新区: a text whose title names a zone by its kind only, and no place, from a source in a county
    or city, is about that place's zone (太仓高新区), a region of its own as the zones the gazetteer lists are."""
    paragraphs = working.paragraphs()
    if origin is None or origin.level not in ("county", "city") or not paragraphs or region != origin:
        return None
    title = paragraphs[0]
    kind = _BARE_ZONE.match(title.text)
    if kind is None or any(p.start < title.end for p in places):
        return None
    name = origin.short + kind.group()
    return Place(None, name, ZONE, origin.key, name)


def _names_district(doc: Document, start: int, end: int) -> bool:
    return any(m.entity.kind == DISTRICT for m in doc.mentions.within(start, end))


def _region_assumed(facts: list[Fact], home, gazetteer) -> list[Fact]:
    """The figures of the platform's district (全区) or of its city (全市) in a text that never names a place:
    said to be assumed, and below the confidence of bulk acceptance (one part assumed, see facts.py)."""
    for fact in facts:
        if fact.region is not None and gazetteer.within(home, fact.region):
            fact.region_assumed = True
            fact.confidence *= 0.75
    return facts


def _configured_mask(text: str, lexicon) -> Mask:
    """Where the platform's own subjects are named (河西经开区 configured is not a place of the gazetteer)."""
    return Mask(len(text), ((m.start, m.end) for m in lexicon.mentions(text) if m.entity.kind != DISTRICT))


def _title_year(working: Working, published: datetime.date | None) -> tuple[int | None, datetime.date | None]:
    """The year a title states for the report's period (2021年1-10月嘉定区经济运行情况简析; the title is one of
    the first short lines): the body's months without a year (1-10月) are of it, whatever the page's date
    says. A report cannot appear before the end of the months it reports, so a page dated earlier
    (2021-10-20) is read as of the day after them."""
    for paragraph in working.paragraphs()[:3]:
        if len(paragraph.text) > 60 or "。" in paragraph.text:
            continue  # a title is a short line, not a sentence
        for ref in find_times(paragraph.text, None):
            period = ref.period
            months = any(word in ref.text for word in ("月", "季", "半年")) or bool(
                _ANNUAL_REPORT.search(paragraph.text)
            )
            if ref.explicit_year and ref.kind == "period" and period is not None and period.day is None and months:
                if published is not None and period.start == 1 and published <= period.end_date:
                    published = period.end_date + datetime.timedelta(days=1)
                return ref.year, published
    return None, published


def _only_year(working: Working) -> int | None:
    """The year an undated text states for the periods it names without one: 2016年1—7月全省工业园区发展情况显示…
    / 1-7月，全市…; …举行的2021年浙江省一季度经济运行情况发布会 / 一季度浙江第一产业增加值…. Only when the text
    writes one year, and every period it names without a year lies within one it has named with that year (a
    period outside them needs the publication date: 进入2022年… does not date 一季度; a day's date is an event's)."""
    if not _WRITTEN_YEAR.search(working.text):
        return None
    dated, undated = set(), set()
    for paragraph in working.paragraphs():
        for ref in find_times(paragraph.text, None):
            if _DAY.search(ref.text):
                continue  # 7月18日…召开发布会: the day of an event the text tells, not a period of its figures
            if ref.kind == UNDATED and (span := _span_of(ref.text)) is not None:
                undated.add(span)  # 今年7月, 目前 need the date whatever the text writes
            elif ref.period is not None and ref.kind in ("period", "point") and ref.year is not None:
                dated.add((ref.year, ref.period.start, ref.period.end))
    years = {year for year, _, _ in dated}
    if len(years) != 1 or not undated:
        return None
    year = years.pop()
    # each named with the year, or within a part of it so named (二季度 in a text on 2025年上半年); a year alone dates
    # nothing inside it (进入2022年… 一季度; 2024年湖南省村晚… 1-8月)
    within = all(
        any((s, e) == (start, end) or (s <= start and end <= e and (s, e) != (1, 12)) for _, s, e in dated)
        for start, end in undated
    )
    return year if within else None


_DAY = re.compile(r"\d{1,2}月\d{1,2}日")
# A year written out (2016年): an undated text without one dates nothing.
_WRITTEN_YEAR = re.compile(r"(?:19|20)\d{2}年")


@functools.cache
def _span_of(text: str) -> tuple | None:
    """The months of a time written without a year (一季度 → 1-3, 1-7月 → 1-7), or None."""
    refs = find_times(text, None, paragraph_year=2000)
    period = refs[0].period if refs else None
    return (period.start, period.end) if period is not None else None


# A heading that is a part of its section, not a new subject: the industry above it still holds
# (生物医药和大健康 / 主营业务收入达3800亿 / 目标 / 主营业务收入2017年达到2400亿元左右).
_PART_OF_SECTION = re.compile(r"^(?:发展|主要|总体|近期|远期|阶段性)?(?:目标|指标|目标任务|任务)$|\d(?:万亿|亿|万)")
_HEADING_PARTS = re.compile(r"和|及|与|、")
_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}[、.．])\s*")


def heading_subject(text: str):
    """The industry a heading names: as a subject phrase (现代物流业), or a short heading whose parts are
    industries of the classification (生物医药和大健康: 生物医药 is one)."""
    text = _ORDINAL.sub("", text.strip())  # 1.高端装备产业集群, （二）现代物流
    subject = read_subject(text)
    if subject is not None and subject.industry and (len(subject.industry) > 16 or re.search(r"\d", subject.industry)):
        return None  # 光谷平均每日诞生企业近百家GDP逾六成来自高新产业: a title's sentence, not an industry's name
    if subject is not None or len(text) > 10 or not re.fullmatch(r"[\u4e00-\u9fff]+", text):
        return subject
    codes = [code_of(part) for part in _HEADING_PARTS.split(text) if part]
    first = next((code for code in codes if code), None)
    return Subject(industry=text, industry_code=first) if first else None


def _is_bulletin(working: Working) -> bool:
    """A statistics bulletin by its title (2022年宜春市袁州区国民经济和社会发展统计公报)."""
    paragraphs = working.paragraphs()
    return bool(paragraphs) and "统计公报" in paragraphs[0].text


# A year's report by its title (2019年交城县国民经济和社会发展统计公报): its 全年 is that year.
_ANNUAL_REPORT = re.compile(r"统计公报|国民经济和社会发展|年报|经济运行|年度报告")

# A part said in brackets (含现场签约5个项目; 其中…): never the figure the sentence reports.
_INCLUDING = re.compile(r"[（(](?:含|包含|包括|其中)[^（()）]{1,40}[）)]")
# A sentence that sets a standard (划定标准为：…产值1000亿元以上): its amounts are thresholds, not figures.
_STANDARD = re.compile(r"标准(?:为|是)|(?:认定|申报|入库)条件")
# A document's title (《贵州省2015年全年和2016年第一季度高新技术产业发展报告》): its times name the document,
# they are no period of the figures around it.
_BOOK_TITLE = re.compile(r"《[^《》]{1,60}》")
_ADDRESSEES = re.compile(r"^各[^。]{2,120}[:：]\s*$")
_QUOTED = re.compile(r"“[^”]{0,40}”|《[^》]{0,40}》")


def _fallback(finder, origin, home, wholes):
    """The region of a text that names none: its source's; but a text saying 全区 from a source above
    the platform's district (重庆日报 on 大渡口) is the district's."""
    says_district = any(w.level in ("区", "县") for w in wholes)
    if origin is None or (
        says_district
        and origin.level in ("province", "city")
        and home is not None
        and finder.gazetteer.within(home, origin)
    ):
        return home
    return origin


def document_region(places, working: Working, fallback, wholes):
    """The region the text is about: named in its title (its first line), else its opening, else most
    often; a name inside a quoted title (“重庆市环保科技园”) does not count; else `fallback` (the region of
    its source, else the platform's own). A text that says 全区 or 全县 is about a district: when the only
    places it names are above one, it is about the fallback district."""
    quoted = Mask(len(working.text), (m.span() for m in _QUOTED.finditer(working.text)))
    # an official notice's addressees (各区县人民政府，盐城经济技术开发区管委会：) are not what it is about
    addressed = [(p.start, p.end) for p in working.paragraphs()[:4] if _ADDRESSEES.match(p.text)]
    places = [p for p in places if not any(a <= p.start < b for a, b in addressed)]
    wholes = [w for w in wholes if not any(a <= w.start < b for a, b in addressed)]
    # inside a quotation when both its ends are (quotations never touch: their marks stand between)
    places = [p for p in places if not (quoted.hits(p.start, p.start + 1) and quoted.hits(p.end - 1, p.end))]
    # 我区完成情况（包括铜仁高新区）: what the text's region holds, not the region
    places = [p for p in places if not inside_what_it_holds(working.text, p.start)]
    paragraphs = working.paragraphs()
    title_end = paragraphs[0].end if paragraphs else 0
    region = Places.document_region(places, title_end, min(len(working.text), 300))
    says_district = any(w.level in ("区", "县") for w in wholes)
    above = region is not None and region.level in ("province", "city")
    named_district = any(p.place.level in ("county", "zone") for p in places)
    if (
        above
        and says_district
        and fallback is not None
        and fallback.level in ("county", "zone")
        and not named_district
        and Places.load().gazetteer.within(fallback, region)
    ):
        # 重庆日报 on 大渡口: names 重庆 only, says 全区; but 巴彦淖尔's 全区 (内蒙古) says nothing of a district
        return fallback
    return region or fallback


def paragraph_region(doc: Document, sentence) -> Place | None:
    """A region named at the head of a sentence (after its time words): what the paragraph is about from
    there on (上半年，青岛市生产总值…; 全市… then means 青岛)."""
    head_end = sentence.clause_starts[1] if len(sentence.clause_starts) > 1 else sentence.end
    for clause_start in sentence.clause_starts[:2]:
        end = head_end if clause_start == sentence.start else sentence.clause_end(clause_start)
        named = list(doc.places.within(clause_start, min(end, clause_start + 12)))
        named = [
            m
            for m in named
            if not _MEDIA_AFTER.match(doc.text, m.end)
            and not _ORGAN_AFTER.match(doc.text, m.end)
            and not _filed_from(doc, m)
            and not doc.text.endswith(_ACCORDING_TO, clause_start, m.start)
            and not inside_what_it_holds(doc.text, m.start)
        ]
        if named:
            return named[0].place
    return None


# Before a place's name at a sentence's head: whose accounting the figures follow (根据[深圳市]地区生产总值统一核算结果，
# …我区地区生产总值为…), not what the paragraph is about.
_ACCORDING_TO = ("根据", "按照", "依据")


# After a place's name, the rest of a government body's (西安市[发展改革委网站公布]陕西省上半年…): who says it, not
# what the paragraph is about.
_ORGAN_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:委员会|发展改革委|发改委|经信委|统计局|商务局|人民政府|政府|新闻办)"
)


# After a place's name, a dateline's date: 人民网成都10月19日电, 德阳讯.
_DATELINE_AFTER = re.compile(r"(?:\d{1,2}月\d{1,2}日)?(?:电|讯)")


def _filed_from(doc: Document, mention) -> bool:
    """人民网成都10月19日电 in a report on 四川's figures, 中评社北京7月19日电/据江西日报报导 in one on 江西's: a dateline names
    where the story was filed, not what the paragraph is about (unless it is the region the text is about)."""
    return bool(_DATELINE_AFTER.match(doc.text, mention.end)) and doc.region is not None and mention.place != doc.region


# After a place's name, the rest of a medium's (四川[经济网]德阳讯, 重庆[日报]讯): the place is the paper's, not what the
# paragraph is about (its dateline says that: 德阳讯).
_MEDIA_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:网|日报|晚报|商报|报社|电视台|广播电视台|新闻)")


def _without_headline_repeats(facts: list[Fact], title_end: int) -> list[Fact]:
    """A title's figure that the body gives again (成都高新区前三季度GDP超2000亿元 / …实现地区生产总值2034.2亿元) is
    the body's, rounded: the title's is left out when the body has a figure of the same subject, indicator
    and period."""
    said = {(f.subject, f.indicator, f.month_span()) for f in facts if f.kind == "metric" and f.span[0] >= title_end}
    return [
        f
        for f in facts
        if not (f.kind == "metric" and f.span[0] < title_end and (f.subject, f.indicator, f.month_span()) in said)
    ]


def _growth_joined(facts: list[Fact]) -> list[Fact]:
    """A figure given in one place and its growth in another (分市州看…黔南1310.35亿元… / 在同比增速方面…黔南增长9.8%):
    the growth-only figure of the same subject, indicator and period is the figure's rate, when there is one
    figure it can be."""

    def same(fact: Fact) -> tuple:
        return fact.subject, fact.indicator, fact.month_span()

    levels: dict[tuple, list[Fact]] = {}
    for fact in facts:
        if fact.kind == "metric" and fact.value is not None and None not in fact.month_span():
            levels.setdefault(same(fact), []).append(fact)
    joined = set()
    for fact in facts:
        if fact.kind != "metric" or fact.value is not None or fact.yoy_pct is None:
            continue
        candidates = levels.get(same(fact), [])
        if len(candidates) == 1 and candidates[0].yoy_pct is None:
            level = candidates[0]
            level.yoy_pct = fact.yoy_pct
            level.extra["growth"] = fact.extra.get("growth")
            level.extra["growth_at"] = list(fact.span)
            joined.add(id(fact))
    return [f for f in facts if id(f) not in joined]


# Projects of a size class (亿元以上项目, 10亿元及以上的项目), and the tallies that can be of them.
_SIZE_CLASS_OF_PROJECTS = re.compile(r"(?:亿|千万|万)元?(?:及)?以上[^，。；]{0,10}项目")


def _of_a_size_class(fact: Fact) -> bool:
    """The sentence names a size class of projects before the figure (新签约亿元以上项目1323个)."""
    at = fact.evidence.find(fact.extra.get("amount") or "\0")
    return bool(_SIZE_CLASS_OF_PROJECTS.search(fact.evidence, 0, at if at >= 0 else len(fact.evidence)))


def _without_size_classes(facts: list[Fact]) -> list[Fact]:
    """2024年，全省签约项目3132个…。新签约亿元以上项目1323个: after the tally of the whole, the projects of a size
    class and their money are a part of it, not the region's figure. A size class the text gives no whole
    of before it (荆州市新引进亿元以上项目524个) is the tally the article reports, and the classes after it are
    its parts (全省亿元以上在建项目5114个…；全省新建10亿元以上项目315个)."""
    wholes, kept = set(), []
    for fact in facts:
        if fact.kind != "metric" or fact.indicator not in TALLIES or fact.value is None:
            kept.append(fact)
            continue
        key = (fact.indicator, fact.region, fact.period, fact.industry, fact.entity)
        if key in wholes and _of_a_size_class(fact):
            continue
        wholes.add(key)
        kept.append(fact)
    return kept


def _deduplicated(facts: list[Fact]) -> list[Fact]:
    """The same statement twice (a lead repeating a paragraph) is one fact; the other places are kept in extra."""
    kept: dict[tuple, Fact] = {}
    for fact in facts:
        key = fact.key()
        if key in kept:
            first = kept[key]
            first.extra.setdefault("also_at", []).append(list(fact.span))
            first.confidence = max(first.confidence, fact.confidence)
            if first.period is None and first.open_year is None and fact.kind != "metric":
                first.period, first.open_year = fact.period, fact.open_year
        else:
            kept[key] = fact
    return list(kept.values())
