"""Whose figure it is: the region, the industry or cluster, or the firm or park a figure in a sentence is of.

A figure's subject is, in this order of preference: what its own clause names before the indicator (a
region, then an industry, firm or park: 全市规上工业总产值, 重庆软件业务收入, 成都高新区营收); a configured
subject named before it in the sentence (the platform's clusters, enterprises, parks); the paragraph's
topic; the section heading's; the district (the document's region) when the sentence or paragraph names
it. A configured cluster stands for the document's region only: 重庆市新材料产业 is the city's industry,
not the district's cluster of that name. A figure of a place the rules cannot name (全国, 全球) is not read.
"""

import re
from dataclasses import dataclass, replace

from chanye.lib.gazetteer import COUNTY, TOWN, ZONE, ZONE_SHORT, Place

from .context import MULTI, eligible
from .industries import PARK_KINDS, Subject, code_of, industry_key, is_parks, read_subject
from .places import inside_what_it_holds
from .subjects import CLUSTER, DISTRICT, ENTERPRISE, ORG, PARK, Entity

# Between the district and an indicator that is the district's own figure: 全区规上工业增加值.
_DISTRICT_OWNS = re.compile(r"(?:(?:规上|规模以上|限上|限额以上)(?:工业)?)?")
# What a district does in a clause whose subject it is: 全区共引进…, 累计签约…
_ACTS = re.compile(r"(?:共|累计|新|先后|还|已|共计)*(?:引进|引入|招引|签约|实现|完成|新增|落地|组织|开展)")
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
    "高新区",
    "经开区",
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


# Words that make a figure's subject a part of the whole: 规上工业总产值, 高新技术企业2472家.
SCOPE = re.compile(
    r"规上|规模以上|限上|限额以上|重点|龙头|骨干|上市|新引进|新增|新注册|专精特新|小巨人|高新技术|科技型|外资|民营|国有"
    r"|大型|中型|小型|小微"
)
# A clause that names no subject of its own, only what the sentence's subject did: 实现利润总额….
_ONLY_VERBS = re.compile(
    r"(?:同时|其中|另外|此外|并|且|还|共|累计|全年|分别|已|已经)*(?:实现|完成|达到|达|为|录得|创造|上缴|缴纳|入库)?了?"
    # what a tally of investment promotion goes on with: [引进省外]到位资金, [项目]协议总投资
    r"(?:(?:引进|引入|招引)?(?:省外|市外|境外|国内)|项目|招商引资)?"
)


# Indicators only a whole region has: in a statistics bulletin they are its region's even when no subject is written.
_REGIONS_OWN = {"gdp", "fiscal_revenue", "retail_sales", "foreign_trade", "foreign_capital"}
# What joins a subject to the time after it: 龙湖集团以2022年…, 荣昌在2018年…
_BEFORE_TIME = re.compile(r"[以在于从，,]+$")


def _lead_subject(lead: str, phrase: str, written: str) -> Subject | None:
    """A subject standing before the clause's time, when nothing but verbs stands after it."""
    if not lead or not _ONLY_VERBS.fullmatch(phrase.strip("，,；; ")):
        return None
    return read_subject(lead, written)


# What a holder of firms counted after it does (集聚27家规上企业), and an aside after its name (（基地）).
_HOLDS = re.compile(r"(?:（[^（）]{1,8}）|\([^()]{1,8}\))?(?:共|已|累计)?(?:集聚|聚集|汇聚|拥有|共有)了?$")


def _holder(phrase: str) -> Subject | None:
    """The industry or park that holds the firms counted after it: 生物基特色产业集群（基地）集聚27家规上企业."""
    holds = _HOLDS.search(phrase)
    return read_subject(phrase[: holds.start()]) if holds and holds.start() > 0 else None


def _in_place(subject: Subject | None, text: str, at: int, region: Place | None) -> Subject | None:
    """永川区大数据产业园: a park's name takes in the place written right before it. So does a kind of park
    after a county's or a zone's name (乌兰工业园, 格尔木工业园): that place's park, not its parks together as
    after a city's or province's (芜湖市开发区, 全省工业园区)."""
    if subject is None or region is None:
        return subject
    if subject.entity_kind != "park" and is_parks(subject):
        name = _written_before(text, at, region) if region.level in (COUNTY, ZONE, TOWN) else None
        if name is None:
            return subject
        park = _PARK_KIND_HEAD.match(subject.industry).group()  # 工业园[工业]总产值: the park, not its 工业
        return Subject(entity=name + park, entity_kind="park")
    if subject.entity_kind != "park" or subject.entity[:1].isdigit():
        return subject  # 湖南省[22家高新技术产业开发区]: parks counted are not one named after the place
    name = _written_before(text, at, region)
    return subject if name is None else replace(subject, entity=name + subject.entity)


def _written_before(text: str, at: int, region: Place) -> str | None:
    """The region's name (full, short or an alias) as written right before `at`, or None."""
    return next(
        (name for name in (region.name, region.short, *region.aliases) if name and text.endswith(name, 0, at)), None
    )


# A sentence's opening clause that is an industry and what it does: 航空制造产业加速蓄势[，].
_OPENING_INDUSTRY = re.compile(
    r"(?:(?:19|20)\d{2}年[^，。；]{0,6}[，,])?(?P<industry>[\u4e00-\u9fff]{2,10}?(?:产业集群|产业|行业|制造业))"
    r"(?:加速|加快|持续|稳步|保持|不断|快速|蓬勃|迅速|强势|逆势)[^，。；\d]{0,8}[，,]"
)
# Firms above the scale opening a sentence (after its time and the region's whole): 全区规模以上工业企业实现….
_OPENING_FIRMS = re.compile(
    r"[，,]?(?:全(?:省|市|区|县|州))?(?P<firms>(?:规模以上|规上)[\u4e00-\u9fff]{0,6}?企业)(?:累计|共)?(?:实现|完成)"
)
# Indicators whose 工业 is their own word (industrial output, value added), not an industry of its own.
_INDUSTRIAL = ("工业增加值", "工业总产值", "工业产值")
# A sentence's parts after a semicolon: each may open with a place of its own (合阳经开区…；澄城经开区…).
_SEGMENT_BREAK = re.compile(r"[；;]")
# What may stand before the place a part of a sentence opens with: a comma, where the words come from.
_SAID_FIRST = re.compile(r"[，, ]*(?:(?:据悉|据了解|据统计|另外|此外|同时)[，, ]*)?")
# A city's counties taken together (县域地区, 县域经济): a part of the city the rules cannot name.
_COUNTIES_TOGETHER = re.compile(r"县域(?:地区|经济)")
# A park's name opening a part of a sentence, one the gazetteer may not know (姜谭经开区符合…).
_PARK_OPENING = re.compile(rf"[\u4e00-\u9fff]{{2,8}}?(?:{PARK_KINDS})")
# What a figure's clause says before it when the place opening its part of the sentence is its subject.
_HAS_ONLY = re.compile(r"(?:现有|拥有|共有|有)?" + _ONLY_VERBS.pattern)
# A park pointed back to, and a park's name after its place's.
_THIS_PARK = re.compile(r"(?:整个|该|全|本)?园区内?")
_PARK_KIND_HEAD = re.compile(rf".*?(?:{PARK_KINDS})")
_PARK_AFTER_PLACE = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{PARK_KINDS})")


@dataclass(frozen=True)
class Owner:
    """Whose a figure is: the configured entity it resolved to (or None), how, and where it stands."""

    entity: Entity | None
    factor: float
    how: str
    written: str
    end: int
    region: Place | None = None
    subject: Subject | None = None


class SubjectReading:
    """The subject part of SentenceReader (metrics.py): needs its doc, para, sentence, mentions, indicators."""

    def _owner(self, position: int, indicator_at: int) -> Owner | None:
        """Whose the figure at `position` (its indicator at `indicator_at`) is: see the module."""
        clause_start = self.sentence.clause_start(indicator_at)
        region, start = self._clause_region(clause_start, indicator_at)
        where = region or self.doc.region
        if _COUNTIES_TOGETHER.search(self.text, self.sentence.start, indicator_at) and not (
            where is not None and where.level == COUNTY
        ):
            return None  # 前三季度县域地区第一产业增加值…: a city's counties together, a part the rules cannot name
        named = [m for m in self.mentions if start <= m.start and m.end <= indicator_at and m.entity.kind != DISTRICT]
        times = self.para.times_within(start, indicator_at)
        # 龙湖集团以2022年营业收入2505亿元: the subject may stand before the time, and nothing after it
        lead = _BEFORE_TIME.sub("", self.text[start : times[0].start]) if times else ""
        for point in times:
            start = max(start, point.ref.end)
        for target in self.doc.targets.within(start, indicator_at):
            start = max(start, target.end)  # 力争在“十三五”末[开发区]实现…: the year aimed at is no part of the subject
        old = self._subject(position, indicator_at)
        end = min(position, indicator_at)  # 200多家企业: the subject stands before the count
        written = self._indicator_text(indicator_at) if indicator_at <= position else ""
        other_region = region is not None and region != self.doc.region
        if other_region:
            # Another region's figure: its industry as written, even where the platform has a cluster of that name.
            phrase = self.text[start:end]
            subject = read_subject(phrase, written) or _lead_subject(lead, phrase, written)
            subject = self._park_named(_in_place(subject, self.text, start, region), start)
            firm = [m for m in named if m.entity.kind in (ENTERPRISE, ORG)]
            entity = firm[-1].entity if firm else None
            return Owner(entity, 0.9, "句内·其他区域", phrase, indicator_at, region, subject)
        if named:
            start = max(start, named[-1].end)
        phrase = self.text[start:end]
        subject = (read_subject(phrase, written) or _lead_subject(lead, phrase, written)) if not named else None
        if subject is None and not named and position < indicator_at:
            subject = _holder(phrase)  # 生物基特色产业集群（基地）集聚[27家规上企业]
        subject = self._park_named(_in_place(subject, self.text, start, region), start)
        earlier = getattr(self, "last_owner", None)
        head, after_semicolon = self._segment_head(indicator_at)
        if subject is not None and not phrase.strip() and earlier is not None and is_parks(earlier[1].subject):
            subject = None  # 全市开发区实现经营收入…；工业总产值…: the parks' 工业总产值, not 工业 in general
        if (
            subject is not None
            and written in _INDUSTRIAL
            and _ONLY_VERBS.fullmatch(phrase.strip("，,；; "))
            and earlier is not None
            and earlier[1].subject is not None
            and earlier[1].subject.industry
            and self._last_indicator_text() in _INDUSTRIAL
        ):
            # 规模以上高新技术产业完成工业总产值2777.04亿元，实现工业增加值641.47亿元: 工业 is the indicator's own word,
            # the industry of the figure before goes on (not after a sibling sector's: 农林牧渔业增加值…；工业增加值…)
            subject = None
        if (
            subject is not None
            and written in _INDUSTRIAL
            and region is None
            and (_ONLY_VERBS.fullmatch(phrase.strip("，,；; ")) or SCOPE.fullmatch(phrase.strip("，,；; ")))
            and earlier is not None
            and earlier[0] < self.sentence.clause_of(indicator_at)
            and earlier[1].subject is not None
            and earlier[1].subject.entity_kind == "park"
        ):
            # 园区…实现销售收入273469万元；完成工业增加值49772万元 (保山产业园区实现工业总产值…；规模以上工业总产值…): the
            # park's 工业, not the region's
            return replace(earlier[1], subject=replace(earlier[1].subject, industry=subject.industry))
        group = self._group_of_projects(clause_start) if subject is None and not named and region is None else None
        if group is not None and _ONLY_VERBS.fullmatch(phrase.strip("，,；; ")):
            # 化工类项目6个，完成到位资金4.37亿元; 二产项目22个，协议资金43.4亿元: the money of that group of projects
            where = group[1] or self.para.region or self.para.last_region or self.doc.region
            return Owner(None, 0.8, "项目类别", group[0], start, where, Subject(industry=group[0]))
        if (
            subject is None
            and not named
            and region is None
            and earlier is not None
            and earlier[0] < self.sentence.clause_of(indicator_at)
            and not (head is not None and earlier[1].region != head)
            and not self._opens_with_other_park(earlier[0], indicator_at)
            and (_ONLY_VERBS.fullmatch(phrase.strip("，,；; ")) or SCOPE.match(phrase.strip("，,；; ")))
        ):
            # …规上工业企业实现营业收入982.2亿元，同比增长16%，实现利润总额65.1亿元: the clause goes on
            # with the subject of the sentence's figure before it (…，高新技术企业达到2472家: and its kind of firm).
            return earlier[1]
        if subject is not None and not phrase.strip() and old is not None and old[0].kind != DISTRICT:
            subject = None  # 力争全年工业总产值…: the topic's 工业总产值, not 工业 in general
        if subject is None and not named and region is None and self._zone_said_as_park(phrase):
            # 1-4月份园区营业总收入实现79.5亿元 in 海口国家高新区's report: the park is the zone the text is about
            return Owner(None, 0.85, "园区（本区）", "", start, self.doc.region, None)
        said = region  # named by the clause itself
        region = region or (head if after_semicolon else None) or self.para.region or self.para.last_region
        region = region or self.doc.region
        if subject is not None and subject.industry and region == self.doc.region:
            cluster = self._configured_cluster(subject.industry, old)
            if cluster is not None:  # 生物医药 in the district's own text: its cluster 大健康生物医药
                factor = old[1] if old is not None and old[0] == cluster else 0.9
                return Owner(cluster, factor, "句内（集群名）", subject.industry, start, region, None)
        if subject is not None:
            # An industry, firm or park written right before the indicator is whose the figure is, within
            # the region named before it (the district: 全区规上工业增加值), whatever the paragraph is about.
            district = old[0] if old is not None and old[0].kind == DISTRICT else None
            return Owner(district, old[1] if district else 0.9, "句内（开放）", "", start, region, subject)
        topic = self._sentence_opens_with(indicator_at, phrase)
        if topic is not None and (old is None or old[2] in ("区", "小标题")):
            return Owner(None, 0.85, "句首主语", "", start, region, topic)
        heading = self.doc.heading_subject
        if heading is not None and (old is None or old[2] in ("区", "小标题")):
            return Owner(None, 0.75, "小标题", "", start, region, heading)
        if (
            head is not None
            and head != self.doc.region
            and (after_semicolon or head.level == ZONE)
            and _HAS_ONLY.fullmatch(phrase.strip("，,；; "))
        ):
            # 合阳经开区…，重点发展…产业，现有企业39户；澄城经开区…，现有企业103户: the place the part of the sentence
            # opens with (up to its semicolon) is what its figures naming nothing else are of
            return Owner(None, 0.85, "分句段首地区", "", start, head, None)
        if old is not None:
            if old[2] in ("区", "文中地区") and not _whole_region_phrase(phrase, self._indicator_key(indicator_at)):
                return None  # 湘商回归[到位资金], 主会场集中[签约项目], 培育…龙头[企业]: a part of the region the rules cannot name
            return Owner(*old, region, None)
        if said is not None and (_ONLY_VERBS.fullmatch(phrase.strip("，,；; ")) or SCOPE.search(phrase)):
            # 前三季度，该市实现地区生产总值…, 该市入库科技型中小企业…: the clause names its region (该市 pointing
            # back) and nothing else, or a kind of firm the figure's reader says
            return Owner(None, 0.9, "句内（地区）", "", start, said, None)
        return None

    def _after_opening_time(self, start: int, end: int) -> int:
        """Where the words of [start, end) begin after a time that opens them (1—6月份，…; 2024年，…), else `start`."""
        opening = next((p for p in self.para.times_within(start, end) if p.start == start), None)
        return opening.ref.end if opening is not None else start

    def _last_indicator_text(self) -> str:
        """The indicator as written of the sentence's last figure, or ""."""
        figures = getattr(self, "figures", None)
        return figures[-1].fact.extra.get("indicator_text", "") if figures else ""

    def _segment_head(self, at: int) -> tuple[Place | None, bool]:
        """The place a part of the sentence opens with, after a semicolon (or the sentence's start) and its time:
        合阳经开区符合…，现有企业39户；[澄城经开区]符合…，现有企业103户; and whether a semicolon opens that part."""
        semicolon = self._last_semicolon(at)
        start = semicolon.end() if semicolon is not None else self.sentence.start
        after_semicolon = semicolon is not None
        start = _SAID_FIRST.match(self.text, self._after_opening_time(start, at)).end()  # 据悉，…
        named = self.doc.places.within(start, at)
        opening = named[0].place if named and named[0].start == start and named[0].end < at else None
        return opening, after_semicolon and opening is not None

    def _opens_with_other_park(self, earlier_clause: int, at: int) -> bool:
        """…，现有企业103户；姜谭经开区符合…，现有企业107户: a part after a semicolon opening with a park's name (one the
        gazetteer does not know) speaks of that park, not of the subject of a figure before the semicolon."""
        semicolon = self._last_semicolon(at)
        if semicolon is None or self.sentence.clause_of(semicolon.start()) < earlier_clause:
            return False
        start = semicolon.end()
        return bool(_PARK_OPENING.match(self.text, start, self.sentence.clause_end(start)))

    def _last_semicolon(self, at: int):
        """The last semicolon of the sentence before `at` (the start of the part `at` stands in), or None."""
        return next(reversed(list(_SEGMENT_BREAK.finditer(self.text, self.sentence.start, at))), None)

    def _group_of_projects(self, clause_start: int) -> tuple[str, Place | None] | None:
        """The group a tally of projects counts, when the clause before this one is nothing but that tally: 化工类
        (化工类项目6个), 二产 (二产项目22个), 重大工业 (重大工业项目8个)."""
        index = self.sentence.clause_of(clause_start)
        if index < 1:
            return None
        previous = self.sentence.clause_starts[index - 1]
        region, after_region = self._clause_region(previous, clause_start)  # 海西州[化工类项目6个]
        tally = _GROUP_TALLY.fullmatch(self.text[after_region:clause_start].rstrip("，,；;"))
        return (tally["group"], region) if tally else None

    def _zone_said_as_park(self, phrase: str) -> bool:
        """园区, 该园区, 整个园区 in the text of a zone (a 高新区, 开发区 the gazetteer knows as a region)."""
        zone = self.doc.region
        if zone is None or not (zone.level == ZONE or zone.name.endswith(_ZONE_KINDS)):
            return False  # a zone the 区划代码 lists as a county (拉萨经济技术开发区 540172) is a zone too
        park = _THIS_PARK.match(phrase.strip("，,；; "))  # 2017年园区实现地区生产总值…: and only verbs after it
        return park is not None and bool(_ONLY_VERBS.fullmatch(phrase.strip("，,；; ")[park.end() :]))

    def _sentence_opens_with(self, indicator_at: int, phrase: str) -> Subject | None:
        """新材料产业加快转型升级，营收超过1100亿元: an industry the sentence opens with, in a clause of its own, is
        what a figure of a later clause naming nothing else is of."""
        if self.sentence.clause_of(indicator_at) == 0 or not _ONLY_VERBS.fullmatch(phrase.strip("，,；; ")):
            return None
        opening = _OPENING_INDUSTRY.match(self.text, self.sentence.start, indicator_at)
        if opening is not None and self.sentence.clause_of(opening.end() - 1) >= self.sentence.clause_of(indicator_at):
            return None  # the industry's own clause: what is written before the indicator says it
        if opening is None:
            return self._opening_firms(indicator_at)
        return read_subject(opening["industry"])

    def _opening_firms(self, indicator_at: int) -> Subject | None:
        """1—6月份，全区规模以上工业企业实现利税27.56亿元，…；实现利润20.98亿元: the firms the sentence opens with, their
        first figure one the catalogue does not keep, are what a later clause's figure is of."""
        start = self._after_opening_time(self.sentence.start, indicator_at)
        firms = _OPENING_FIRMS.match(self.text, start, indicator_at)
        if firms is None or self.sentence.clause_of(firms.end() - 1) >= self.sentence.clause_of(indicator_at):
            return None
        return read_subject(firms["firms"])

    def _park_named(self, subject: Subject | None, at: int) -> Subject | None:
        """整个园区, 该园区, 园区: the park the text last named by its place (遂川工业园区成立于…。目前整个园区落户企业297家)."""
        if subject is None or subject.entity_kind != "park" or not _THIS_PARK.fullmatch(subject.entity):
            return subject
        named = [(m.start, m.end) for m in self.doc.places.within(0, at)]
        named += [(m.start, m.end) for m in self.doc.mentions.within(0, at) if m.entity.kind == DISTRICT]
        for start, end in sorted(named, key=lambda span: span[1], reverse=True):
            park = _PARK_AFTER_PLACE.match(self.text, end)
            if park is not None and park.end() <= at:
                return replace(subject, entity=self.text[start : park.end()])
        return subject

    def _whole(self, word: str, at: int) -> Place | None:
        """全市, 全区, 我县: the region the text is speaking of when it is of that level (a paragraph about
        青岛 in a report on 山东 says 全市 for 青岛), else the document's, or the one above it of that level.
        该镇, 该区 point back: the last region of that level named before them (东莞's report on 长安镇)."""
        finder = self.doc.finder
        if word.startswith("该") or word.endswith("镇"):
            named = [m.place for m in self.doc.places.within(0, at) if finder.fits(word, m.place)]
            if named:
                return named[-1]
        for about in (self.para.region, self.doc.speaking_of):
            if about is not None and finder.fits(word, about):
                return about
        return finder.whole_region(word, self.doc.region)

    def _indicator_text(self, at: int) -> str:
        return next((m.text for m in self.indicators if m.start == at), "")

    def _configured_cluster(self, industry: str, old) -> Entity | None:
        """The platform's cluster an industry written in its own region's text is: the paragraph's topic
        cluster when one name holds the other (服务业, 现代服务业), else the only cluster whose name holds it."""
        key = industry_key(industry)
        if len(key) < 2:
            return None
        if old is not None and old[0].kind == CLUSTER and (key in old[0].name or old[0].name in key):
            return old[0]
        clusters = {e for e in self.doc.clusters if key in e.name or e.name in key}
        return clusters.pop() if len(clusters) == 1 else None

    def _clause_region(self, clause_start: int, indicator_at: int) -> tuple[Place | None, int]:
        """The region the clause names before the indicator (its last), and where that name ends."""
        region, end = None, clause_start
        configured = [(m.start, m.end) for m in self.mentions if m.entity.kind != DISTRICT]
        for mention in self.doc.places.within(clause_start, indicator_at):
            if inside_what_it_holds(self.text, mention.start):
                continue  # 沈阳市县域地区（包含康平县、法库县、新民市）实现…: what the subject holds, not the subject
            if mention.end <= indicator_at and not any(a < mention.end and mention.start < b for a, b in configured):
                region, end = mention.place, mention.end
        for mention in self.doc.wholes.within(clause_start, indicator_at):
            if mention.end > end and mention.end <= indicator_at:
                region, end = self._whole(mention.text, mention.start), mention.end
        for mention in self.mentions:
            if (
                mention.entity.kind == DISTRICT
                and clause_start <= mention.start
                and end <= mention.start < indicator_at
            ):
                region, end = self.doc.region, mention.end
        return region, end

    def _other_place(self, start: int, end: int) -> bool:
        if end <= start:
            return False
        districts = [(m.start, m.end) for m in self.mentions]  # 河西经开区 configured: not another place
        districts += [(m.start, m.end) for m in self.doc.places.within(start - 12, end)]  # named: a region
        districts += [(m.start, m.end) for m in self.doc.wholes.within(start - 3, end)]
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
        if self.doc.bulletin and self.doc.district and self._regions_own(indicator_at):
            # 全年实现地区生产总值5604155万元 in 袁州区's 统计公报: a bulletin's region-wide figures name nobody
            return Entity(DISTRICT, self.doc.district), 0.8, "公报", "", self.sentence.start
        if self.doc.district_named and self.doc.district and self._regions_own(indicator_at):
            # 万源…。到2035年，地区生产总值突破600亿元: a figure only a whole region has, naming nobody, in a text that has
            # named its region (its title included), is that region's
            return Entity(DISTRICT, self.doc.district), 0.8, "文中地区", "", self.sentence.start
        return None

    def _indicator_key(self, indicator_at: int | None) -> str | None:
        return next((m.indicator.key for m in self.indicators if m.start == indicator_at), None)

    def _regions_own(self, indicator_at: int | None) -> bool:
        """An indicator only a whole region has (地区生产总值, 一般公共预算收入, 社会消费品零售总额 …)."""
        return self._indicator_key(indicator_at) in _REGIONS_OWN


# What may stand between a region (or the time) and the indicator of a figure of the region as a whole: verbs and
# the words of investment promotion (全区[招商引资]到位资金, [共]签约项目, [实现]地区生产总值), else nothing.
_WHOLE_REGION_WORDS = re.compile(
    r"(?:同时|其中|另外|此外|并|且|还|共|共计|累计|全年|已|已经|正式|新入统|招商引资|招商|外贸|对外|上报"
    r"|新增|新签约|新签|签约|新引进|引进"
    r"|(?:\d+|[一二三四五六七八九十百千]+)?(?:亿|千万|万)元(?:及)?以上)*"  # 招商引资[亿元以上]签约项目: a size class of all
    r"(?:实现|完成|达到|达|为|录得|创造|上缴|缴纳|入库|有|拥有)?了?"
    r"(?:(?:引进|引入|招引)?(?:省外|市外|州外|县外|境外|国内)|项目)?"
)
# A kind of firm counted as the region's: 高新技术[企业], 国家高新技术[企业], 规上[企业].
_FIRM_KIND = re.compile(rf"(?:国家级|国家|省级以上|省级|市级以上|市级)?(?:{SCOPE.pattern})+")
_FIRMS_LEAD = re.compile(r"^(?:共有|拥有|现有|共|有|累计|已|实现|达到)+")
# A clause that only counts a group of projects: 化工类项目6个, 二产项目22个, 装备制造类4个.
_GROUP_TALLY = re.compile(
    r"(?:其中)?[州市县区盟旗]?(?P<group>[\u4e00-\u9fff、]{1,12}?类等?|[一二三]产|(?:重大|重点)?(?:工业|农业|服务业|文旅|商贸|科技))(?:项目)?\d+个"
)
_FIRMS_VERB = re.compile(r"集聚|认定|培育|形成|吸引|引进|新|累计|打造|的|为")
_NAMED_BEFORE_BRACKET = re.compile(r"[\u4e00-\u9fff]{2,8}[（(]$")
_BRACKETED = re.compile(r"[（(][^（()）]{0,20}[）)]|[\s，,；;“”\"]")


def _firm_kind(phrase: str) -> bool:
    """高新技术, 国家高新技术, 农业龙头, 国内行业龙头: a kind of firm, after a few words that are no verb (集聚, 培育, 新认定 …
    say the firms gathered or grown, not those there are)."""
    kind = _FIRM_KIND.search(phrase)
    if kind is None or kind.end() != len(phrase):
        return False
    lead = phrase[: kind.start()]
    return len(lead) <= 4 and not _FIRMS_VERB.search(lead)


def _whole_region_phrase(phrase: str, indicator: str | None) -> bool:
    """Whether the words before an indicator leave the figure the region's as a whole (see _WHOLE_REGION_WORDS)."""
    # 地区生产总值(GDP): the indicator named in full before the short name in brackets that the figure follows
    phrase = _BRACKETED.sub("", _NAMED_BEFORE_BRACKET.sub("", phrase))
    if indicator in ("enterprises", "above_scale_enterprises") and _firm_kind(_FIRMS_LEAD.sub("", phrase)):
        return True
    return bool(_WHOLE_REGION_WORDS.fullmatch(phrase))


def _is_the_zone(park: str | None, region: Place | None) -> bool:
    """Whether a park's name is the name, short or long, of the zone that is the figure's region."""
    if not park or region is None or region.level != ZONE:
        return False
    kinds = _ZONE_KIND_IN_FULL.get(park, (park,))
    return any(
        park == name or ((len(park) >= 4 or park in _ZONE_KINDS) and name.endswith(kinds))
        for name in (region.name, region.short, *region.aliases)
        if name
    )


# A zone's kind as news shortens it, and as the zone's full name writes it (雅安经济开发区 is the 经开区 of its text).
_ZONE_KIND_IN_FULL = {
    short: (short, *(full for full, its_short in ZONE_SHORT.items() if its_short == short))
    for short in set(ZONE_SHORT.values())
}


# A zone's kind said alone in the zone's own text (2020年示范区新招引…项目109个): the zone itself, as 全区 is.
_ZONE_KINDS = ("示范区", "试验区", "实验区", "新区", "开发区", "高新区", "经开区")


def owner_fields(owner: Owner) -> dict:
    """The fields of a Fact that say whose it is: the readable subject, the configured cluster or
    enterprise, the region, the industry or entity as written, and whether the platform has it."""
    entity, subject, region = owner.entity, owner.subject, owner.region
    industry = subject.industry if subject else (entity.name if entity and entity.kind == CLUSTER else None)
    code = subject.industry_code if subject else (code_of(entity.name) if industry else None)
    named = subject.entity if subject else None
    kind = subject.entity_kind if subject else None
    if named is None and entity is not None and entity.kind in (ENTERPRISE, ORG, PARK):
        named, kind = entity.name, "park" if entity.kind == PARK else "enterprise"
    if kind == "park" and _is_the_zone(named, region):
        named = kind = None  # 火炬开发区全年地区生产总值…: the zone is the figure's region, not a park inside it
    if industry in _ZONE_KINDS and _is_the_zone(industry, region):
        industry = code = None  # 经开区营业收入… in 雅安经济开发区's own text: the zone's, not its parks' together
    district = entity is not None and entity.kind == DISTRICT
    where = region.name if region else (entity.name if district else "")
    if entity is not None and not district and subject is None:
        readable = entity.name
    elif named:
        readable = named
    elif district and not industry:
        readable = entity.name
    else:  # 江津区规上工业, 重庆市新材料产业, 重庆市
        readable = f"{where}{industry or ''}"
    return {
        "subject": readable,
        "cluster": entity.name if entity is not None and entity.kind == CLUSTER and subject is None else None,
        "enterprise": entity.name if entity is not None and entity.kind == ENTERPRISE and subject is None else None,
        "region": region,
        "industry": industry,
        "industry_code": code,
        "entity": named,
        "entity_kind": kind,
        "resolved": (entity is not None and entity.kind in (CLUSTER, ENTERPRISE, PARK) and subject is None)
        or (industry is None and named is None and region is not None),
    }
