"""Signings, projects, listings and designations: facts that are events rather than statistics.

Each rule reads one sentence and says what it used, so that a project's 总投资 is never read again
as a statistic. The rules are narrow on purpose: a listing needs an exchange or a board and no word
of intent (拟, 筹备, 冲刺…); a designation needs a verb of having got it (入选, 获评, 成功创建…) and a
title that looks like one (…名单, …称号, …基地, …等级); 创建 alone is an effort, not an award.
"""

import re

from chanye.lib.periods import Period
from chanye.lib.units import UnitError, parse_amount

from .context import EARLIER, Document, ParagraphContext
from .facts import Fact
from .subjects import CLUSTER, COMPANY_SUFFIX, DISTRICT, ENTERPRISE, ORG, PARK, Entity, district_aliases, trim_name
from .text import Sentence

_N = r"\d+|[一二两三四五六七八九十百]+"

# -- time of an event ----------------------------------------------------------------------------


def _when(para: ParagraphContext, position: int) -> tuple[Period | None, int | None, dict]:
    """When an event happened: (period, open year, {"when": as written}); an open span (今年以来) has
    only its year."""
    point = para.time_at(position)
    if point is None or point.carried == EARLIER:
        return None, None, {}  # the article's period is what its figures are for, not when an event was
    ref = point.ref
    if ref.kind in ("period", "point", "now") and ref.period is not None:
        return ref.period, None, {"when": ref.text}
    if ref.kind == "open" and ref.period is not None:
        if ref.period.start == ref.period.end:  # a month not yet over: the event happened in it
            return ref.period, None, {"when": ref.text}
        return None, ref.period.year, {"when": ref.text}
    return None, None, {}


def _fact(doc: Document, sentence: Sentence, **fields) -> Fact:
    evidence, span = doc.evidence(sentence)
    defaults = {
        "cluster": None,
        "enterprise": None,
        "indicator": None,
        "value": None,
        "unit": "",
        "approx": False,
        "qualifier": "",
        "period": None,
        "yoy_pct": None,
        "target_year": None,
        "projects": None,
        "extra": {},
    }
    defaults.update(fields)
    return Fact(evidence=evidence, span=span, **defaults)


def _money_after(doc: Document, sentence: Sentence, keyword: re.Pattern):
    """Money amounts whose preceding words (up to 8 characters, same clause) match keyword."""
    for amount in doc.amounts.within(sentence.start, sentence.end):
        if amount.unit != "元":
            continue
        lead = doc.text[max(sentence.clause_start(amount.start), amount.start - 8) : amount.start]
        if keyword.search(lead):
            yield amount


# -- signings ------------------------------------------------------------------------------------

_SIGN_COUNT = re.compile(
    rf"签约(?:了)?(?:各类|重点|招商|优质)?(?:项目)?(?P<n>{_N})(?:个|项)(?:项目)?"
    rf"|(?P<n2>{_N})(?:个|项)(?:[^，。；]{{0,8}})?项目(?:集中|成功|现场)?签约"
    rf"|签约(?:了)?[^，。；\d]{{2,24}}?项目(?P<n3>{_N})(?:个|项)"
)  # 签约金融科技、数字文创等项目13个
_EVENT_KIND = (
    r"(?:签约仪式|签约活动|签约大会|签约会|开工仪式|仪式|大会|推介会|推介活动|洽谈会|招商会|招商大会|投资大会|博览会|交易会"
    r"|对接会|恳谈会|峰会|论坛)"
)
_NOT_ONE_EVENT = r"(?![\d一二两三四五六七八九十]+[场次])"  # 举办招商推介会12场: many events, a tally
_EVENT_HELD = re.compile(rf"举行的(?P<ev>[^，。；]{{2,60}}?{_EVENT_KIND}){_NOT_ONE_EVENT}")
# 青山区举行2024年…集中签约活动, 北塘区在深圳举办数字经济专题招商会: the name is what follows the verb.
_EVENT_HOLD = re.compile(
    rf"(?:举行|举办|召开|开展|组织|主办|承办)了?(?P<ev>[^，。；“”的]{{2,60}}?{_EVENT_KIND}){_NOT_ONE_EVENT}"
)
_EVENT = re.compile(r"(?P<ev>[^，。；、“”在]{2,40}?(?:签约仪式|签约活动|签约大会|签约会))")
_SIGN_MONEY = re.compile(r"(?:投资|金额|资金)(?:额|总额)?(?:约|达到|达|超过|超|近|逾|共|为)?$")
# A tally of a period (上半年新签约项目7个), not one signing: the metric rules read it.
_TALLY = re.compile(r"新签约|累计签约|新签")
# The event a sentence has just told of (此次大会, 本次活动): what is signed there is a signing, not a tally.
_THIS_EVENT = re.compile(r"(?:此次|本次|本届)(?:[\u4e00-\u9fff]{0,6}?)(?:会|活动|仪式)")
# Words that point to an event held: the signing's own occasion (会上, 本次推介会, 活动现场, 东博会期间).
_EVENT_WORD = re.compile(
    r"会上|会议上|会期间|活动|现场|仪式|大会|推介会|博览会|洽谈会|恳谈会|论坛|峰会|本届|本次|集中签约"
)


# 2018年中国开封菊花文化节全市共签约73个招商项目: an occasion named, then what was signed at it.
_EVENT_THEN_SIGNED = re.compile(
    rf"(?P<ev>(?:19|20)\d{{2}}年?[^，。；、“”]{{2,30}}?(?:文化节|旅游节|艺术节|{_EVENT_KIND}))"
    r"(?:期间|上|中|现场)?[^，。；\d]{0,6}?签约"
)


def _event(text: str):
    return (
        _EVENT_HELD.search(text) or _EVENT_HOLD.search(text) or _EVENT.search(text) or _EVENT_THEN_SIGNED.search(text)
    )


def signing(doc: Document, para: ParagraphContext, sentence: Sentence) -> list[Fact]:
    text = sentence.text
    if "签约" not in text:
        return []
    count = _SIGN_COUNT.search(text)
    money = next(_money_after(doc, sentence, _SIGN_MONEY), None)
    if count is None and money is None:
        return []
    projects = None
    if count is not None:
        try:
            projects = int(parse_amount((count["n"] or count["n2"] or count["n3"]) + "个")[0])
        except UnitError:
            projects = None
    if projects is None and money is None:
        return []
    event = _event(text)
    name = event["ev"].lstrip("在于") if event else ""
    at = sentence.start + (event.start() if event else count.start() if count else 0)
    if not name and _is_tally(para, text, at):
        return []
    confidence = 0.85 if name else 0.68
    if not name and para.sentence_index > 0:
        # 9月10日，东岭区举行…开工仪式。现场集中签约项目21个…: the event of the sentence before
        before = para.paragraph.sentences[para.sentence_index - 1]
        event = _EVENT_HELD.search(before.text) or _EVENT_HOLD.search(before.text)
        if event is not None:
            name, at, confidence = event["ev"], before.start + event.start(), 0.8
    if not name and (projects is None or not _EVENT_WORD.search(text)):
        # 签约项目中，总投资45亿元的X项目…: no event and no count, the money is a project's; 能源专班签约项目2个，
        # 合同额22亿元: a tally of signed projects, not a signing held — a batch signing is an event the
        # sentence names or points to (本次推介会上, 会上, 活动现场).
        return []
    # The time of the signing is the one said before the event's name (2023年 in its name is not a date).
    period, open_year, when = _when(para, at)
    if money is not None:
        doc.consumed.add(money.start)
    if count is not None:
        for amount in doc.amounts.within(sentence.start + count.start(), sentence.start + count.end()):
            doc.consumed.add(amount.start)
    return [
        _fact(
            doc,
            sentence,
            kind="signing",
            subject=name or doc.district or "签约",
            value=money.value if money else None,
            unit="元" if money else "",
            approx=bool(money and money.qualifier),
            qualifier=money.qualifier if money else "",
            projects=projects,
            period=period,
            open_year=open_year,
            confidence=confidence,
            extra={"event": name, **({"investment": money.text} if money else {}), **when},
        )
    ]


def _is_tally(para: ParagraphContext, text: str, position: int) -> bool:
    """No event named, and a span of months said for it (上半年, 1-10月, 今年以来) or 新签约/累计签约."""
    if _TALLY.search(text):
        return True
    if _THIS_EVENT.search(text):
        return False  # 此次大会漳州开发区共签约8个项目: what was signed at the event just told of
    point = para.time_at(position)
    if point is None:
        return False
    if point.carried == EARLIER and _EVENT_WORD.search(text):
        return False  # 2019商洽会期间，省级集中签约…项目248个: the article's period lent, but an event is spoken of
    ref = point.ref  # a span lent by the paragraphs before (各专班…签约项目2个) is a tally's too
    return ref.kind in ("period", "open") and ref.period is not None and ref.period.start != ref.period.end


# -- projects ------------------------------------------------------------------------------------

_PROJECT_MONEY = re.compile(r"(?:总投资|计划总投资|计划投资|投资总额|总投资额|项目投资)(?:额)?(?:约|达|超|近|逾|为)?$")
# 投资60亿元的…产业园: a plain 投资 names a project's money only when the project's name follows with 的.
_PROJECT_MONEY_OF = re.compile(r"(?:投资额?|投资总额)(?:约|达|超|近|逾|为)?$")
_PROJECT_SUFFIX = re.compile(r"(?:项目|中心|基地|产业园|园区|工厂|厂房|生产线|工程|园|城|谷|港|综合体|总部|大厦|广场)$")
_NAME_STOP = re.compile(r"正式|开工|开建|动工|落地|签约|建成|投产|投用|启动|是|已|将|于|在|正|目前|当前|项目建设")


# A count right after the projects an amount with 以上 describes: the amount is the class's threshold.
_THRESHOLD_OF_A_CLASS = re.compile(r"[共计达有]{0,2}\d")


def project(doc: Document, para: ParagraphContext, sentence: Sentence) -> list[Fact]:
    facts = []
    plain = [a for a in _money_after(doc, sentence, _PROJECT_MONEY_OF) if doc.text.startswith("的", a.end)]
    for amount in sorted({*_money_after(doc, sentence, _PROJECT_MONEY), *plain}, key=lambda a: a.start):
        if amount.start in doc.consumed:
            continue
        name = ""
        if doc.text.startswith("的", amount.end):
            rest = doc.text[amount.end + 1 : sentence.clause_end(amount.end) + 1]
            rest = re.split(r"[，。；、！？]", rest)[0]
            # The name ends at its first 项目: “…轴承产业园项目和总投资约9亿元的…中心项目” names two projects,
            # “…热管理系统项目计划年内开工” one whose plan follows.
            first = rest.find("项目", 2)
            if first != -1:
                if _THRESHOLD_OF_A_CLASS.match(rest, first + 2) and amount.text.endswith("以上"):
                    continue  # 签订投资额3000万元以上的正式合同项目731个: the class counted, not a project's money
                rest = rest[: first + 2]
            stop = _NAME_STOP.search(rest, 2)
            name = rest[: stop.start()] if stop else rest
        else:
            lead = doc.text[sentence.clause_start(amount.start) : amount.start]
            match = re.search(
                r"(?P<name>[^，。；、]{2,40}?)项目[，,]?(?:总投资|计划总投资|计划投资|投资总额|总投资额)", lead
            )
            if match:
                name = trim_name(match["name"]) + "项目"
        name = name.strip('“”"')
        if not _PROJECT_SUFFIX.search(name) or len(name) < 4:
            continue
        name = re.sub(r"项目$", "", name)
        doc.consumed.add(amount.start)
        # Only the part of the sentence the project stands in: a list of events joined by ；
        # ("…项目正式开建；…上市；“重庆小面制品”入选…") names other clusters for other events.
        low, high = _semicolon_part(doc.text, sentence.start, sentence.end, amount.start)
        clusters = {m.entity for m in doc.mentions.within(low, high) if m.entity.kind == CLUSTER}
        period, open_year, when = _when(para, amount.start)
        facts.append(
            _fact(
                doc,
                sentence,
                kind="project",
                subject=name,
                cluster=next(iter(clusters)).name if len(clusters) == 1 else None,
                value=amount.value,
                unit="元",
                approx=bool(amount.qualifier),
                qualifier=amount.qualifier,
                period=period,
                open_year=open_year,
                confidence=0.8,
                extra={"project": name, "amount": amount.text, **when},
            )
        )
    return facts


# -- listings ------------------------------------------------------------------------------------

EXCHANGES = {
    "深圳证券交易所": "深圳证券交易所",
    "深交所": "深圳证券交易所",
    "上海证券交易所": "上海证券交易所",
    "上交所": "上海证券交易所",
    "北京证券交易所": "北京证券交易所",
    "北交所": "北京证券交易所",
    "香港联合交易所": "香港联合交易所",
    "香港交易所": "香港联合交易所",
    "港交所": "香港联合交易所",
    "联交所": "香港联合交易所",
    "纳斯达克": "纳斯达克",
    "纽约证券交易所": "纽约证券交易所",
    "纽交所": "纽约证券交易所",
}
BOARDS = ("创业板", "科创板", "主板", "中小板", "新三板", "创新层", "基础层")
_LISTED = re.compile(
    rf"(?P<ex>{'|'.join(sorted(EXCHANGES, key=len, reverse=True))})?(?P<board>{'|'.join(BOARDS)})?"
    r"(?:成功)?(?:发行)?(?:挂牌)?上市|(?:登陆|登录)(?P<ex2>{ex})?(?P<board2>{bd})".replace(
        "{ex}", "|".join(sorted(EXCHANGES, key=len, reverse=True))
    ).replace("{bd}", "|".join(BOARDS))
)
_LISTED_WORDS = ("上市", "登陆", "登录")
_INTENT = re.compile(r"拟|计划|准备|筹备|冲刺|申请|启动|辅导|递交|推动|支持|培育|力争|争取|将|有望|谋划|推进|后备")


def listing(doc: Document, para: ParagraphContext, sentence: Sentence) -> list[Fact]:
    if not any(word in sentence.text for word in _LISTED_WORDS):
        return []  # every match holds one of them: most sentences are not searched at every position
    facts = []
    for match in _LISTED.finditer(sentence.text):
        position = sentence.start + match.start()
        clause_start = sentence.clause_start(position)
        lead = doc.text[clause_start:position]
        exchange = match["ex"] or match["ex2"]
        board = match["board"] or match["board2"]
        if not exchange:
            found = re.search("|".join(sorted(EXCHANGES, key=len, reverse=True)), lead)
            exchange = found.group() if found else None
        if not exchange and not board:
            continue
        if _INTENT.search(lead):
            continue
        companies = [m for m in doc.mentions.within(clause_start, position) if m.entity.kind in (ENTERPRISE, ORG)]
        if companies:
            entity = companies[-1].entity
        else:
            name = trim_name(re.split(r"在|于|登陆|登录", lead)[0])
            if not COMPANY_SUFFIX.search(name):
                continue
            entity = Entity(ORG, name)
        period, open_year, when = _when(para, position)
        facts.append(
            _fact(
                doc,
                sentence,
                kind="listing",
                subject=entity.name,
                enterprise=entity.name if entity.kind == ENTERPRISE else None,
                period=period,
                open_year=open_year,
                confidence=0.9 if exchange else 0.8,
                extra={"exchange": EXCHANGES.get(exchange, exchange or ""), "board": board or "", **when},
            )
        )
    return facts


# -- designations ------------------------------------------------------------------------------

_VERBS = r"入选|跻身|入围|获评|被评为|评为|荣获|获批|获得|成功创建|创建成为|挂牌|被认定为|认定为|被命名为|命名为|列入|纳入|上榜"
_VERB = re.compile(_VERBS)
_SUFFIX = (
    "名单",
    "称号",
    "示范区",
    "示范基地",
    "示范园区",
    "示范企业",
    "示范项目",
    "基地",
    "景区",
    "集群",
    "等级",
    "奖",
    "荣誉",
    "认证",
    "许可证",
    "证书",
    "试点",
    "标杆",
    "品牌",
    "园区",
    "企业",
    "单位",
    "链主",
    "城市",
    "示范县",
    "示范点",
    "平台",
    "中心",
    "工作站",
    "实验室",
    "小镇",
    "街区",
    "工厂",
    "车间",
    "县",
    "区",
    "园",
)
_STRICT_SUFFIX = ("称号", "奖", "荣誉", "认证", "许可证", "证书", "等级", "奖项")
_STRICT_VERBS = ("获得", "荣获", "获批")
_NOT_YET = re.compile(r"争创|力争|争取|积极|正在|申报|冲刺|推动|将|拟|计划|有望|助力|支持|培育")
# Adverbs around a holder's name that are not part of it (先后, 成功, 已经 …入选), before it or after it.
_ADVERBS = "先后|相继|成功|已经|已|还|也|再次|首次|正式|均|被|又|顺利"
_LEAD = re.compile(
    rf"^(?:(?:今年以来|近年来|近年|今年|去年|目前|如今|当前|就在|同时|此外|另外|并|{_ADVERBS})"
    r"|(?:(?:19|20)\d{2}年)(?:\d{1,2}月)?(?:份)?)+"
)
_TRAIL = re.compile(
    rf"(?:{_ADVERBS}|连续|一举|接连|今年|去年|近日|日前|近期|年内|此前|(?:19|20)\d{{2}}年(?:\d{{1,2}}月份?)?|\d{{1,2}}月份?)+$"
)  # …产业园今年入选
# The declaration of a short name after the holder's full name: 云溪锂能科技股份有限公司（简称“云溪锂能”）入选….
_DECLARED = re.compile(r"（(?:以下)?(?:简称|下称|简称为)[^）]{1,20}）$")
_ASSESSMENT = re.compile(
    r"在(?P<ctx>[^，。；在]{2,40}?(?:评估|考核|评比|评选|评价|验收|检查|考评))中[，,]?"
    r"(?P<verb>获得|获评|被评为|荣获|评为|获)(?P<grade>[^，。；]{1,10}?(?:等级|等次|档次|称号|名次|奖))"
)
_IN_LIST = re.compile(
    r"在(?P<ctx>[^，。；在]{2,60}?名单)中[，,]?(?P<holder>[^，。；]{2,30}?)(?:榜上有名|上榜|入选|名列其中)"
)
_LEADER = re.compile(r"(?:是|成为|为)(?P<title>[^，。；是]{0,40}?链主)[”\"]?(?:企业|单位)")
_GENERIC = re.compile(
    r"(?:该|这家|此|本|其)?(?:企业|公司|集团|项目|园区|产业园|单位|平台|基地|品牌|产品)|我们|他们|其|该区|这里|这|它"
)
_ISSUER = re.compile(r"^(?P<issuer>[^“”，。；]{1,12}?(?:部|局|委|厅|办|院|政府|协会))(?:公布|发布|认定|评定)的?")


def _clean_title(title: str) -> str:
    title = re.sub(r"(?:等|之一|中|…|\.)+$", "", title.strip())
    return title.strip("，、 ")


def _plain(title: str) -> str:
    return re.sub(r"[“”\"‘’「」《》]", "", title)


class _Holder:
    def __init__(self, doc: Document, para: ParagraphContext, sentence: Sentence):
        self.doc, self.para, self.sentence = doc, para, sentence
        self.last: tuple[str, Entity | None] | None = None
        self.np: tuple[int, int] = (sentence.start, sentence.start)
        self.districts = set(district_aliases(doc.district))

    def of(self, np_start: int, np_end: int) -> tuple[str, Entity | None] | None:
        self.np = (np_start, np_end)
        text = self.doc.text[np_start:np_end]
        lead = _LEAD.match(text)
        offset = lead.end() if lead else 0
        trail = _TRAIL.search(text[offset:])
        end = offset + (trail.start() if trail else len(text) - offset)
        declared = _DECLARED.search(text[offset:end])
        if declared:
            end = offset + declared.start()
        np = text[offset:end]
        if not np:
            return self.last or self._sentence_subject(np_start)
        quoted = re.findall(r"“([^”]{2,20})”", np)
        if quoted:
            return quoted[-1], None
        mentions = [m for m in self.doc.mentions.within(np_start + offset, np_start + end) if m.end <= np_start + end]
        named = [m for m in mentions if m.entity.kind != DISTRICT]
        if named and named[-1].end == np_start + end:
            return named[-1].entity.name, named[-1].entity
        for alias in sorted(self.districts, key=len, reverse=True):
            if np.startswith(alias):
                rest = np[len(alias) :]
                if not rest:
                    return self.doc.district, Entity(DISTRICT, self.doc.district)
                np = rest
                break
        np = re.sub(r"^(?:区内企业|区内)", "", np)
        if named and np.endswith(named[-1].text):
            return named[-1].entity.name, named[-1].entity
        if _GENERIC.fullmatch(np):
            topic = self.para.topic  # 该企业入选…: the company the paragraph is about, if it is one
            if topic is not None and topic.kind in (ENTERPRISE, ORG, PARK):
                return topic.name, topic
            return None
        if 3 <= len(np) <= 20 and not re.search(r"[，。；]", np):
            return np, None
        return None

    def _sentence_subject(self, position: int):
        """The subject of the sentence's first clause (近年全区引进培育了…，…，相继获得…): 全区."""
        starts = [
            c
            for c in self.sentence.clause_starts
            if c < position and (c == self.sentence.start or self.doc.text[c - 1] in "，,；;：:")
        ]
        for clause_start in reversed(starts):
            text = self.doc.text[clause_start:position]
            lead = _LEAD.match(text)
            at = clause_start + (lead.end() if lead else 0)
            for mention in self.doc.mentions.within(at, at + 1):
                if mention.start == at:
                    entity = mention.entity
                    return (self.doc.district if entity.kind == DISTRICT else entity.name), entity
        return None


def designation(doc: Document, para: ParagraphContext, sentence: Sentence) -> list[Fact]:
    text = sentence.text
    if not (_VERB.search(text) or "榜上有名" in text or "链主" in text):
        return []
    holder = _Holder(doc, para, sentence)
    found: list[tuple] = []  # (position, title, holder, verb, issuer, holder's noun phrase span)
    taken: list[tuple[int, int]] = []

    def add(position, title, who, verb, issuer=""):
        title = _clean_title(title)
        if who is None or len(_plain(title)) < 2:
            return
        found.append((position, title, who, verb, issuer, holder.np))
        holder.last = who

    for match in _ASSESSMENT.finditer(text):
        position = sentence.start + match.start()
        add(
            position, match["ctx"] + match["grade"], holder.of(sentence.clause_start(position), position), match["verb"]
        )
        taken.append((match.start(), match.end()))
    for match in _IN_LIST.finditer(text):
        ctx = re.sub(r"^(?:今年|去年|近日|日前|(?:19|20)\d{2}年(?:\d{1,2}月)?)", "", match["ctx"])
        issuer = _ISSUER.match(ctx)
        if issuer:
            ctx = ctx[issuer.end() :]
        start = sentence.start + match.start("holder")
        add(
            sentence.start + match.start(),
            ctx,
            holder.of(start, start + len(match["holder"])),
            "榜上有名",
            issuer["issuer"] if issuer else "",
        )
        taken.append((match.start(), match.end()))
    for match in _LEADER.finditer(text):
        position = sentence.start + match.start()
        who = holder.of(sentence.clause_start(position), position)
        if who is not None and who[1] is not None and who[1].kind in (ENTERPRISE, ORG):
            add(position, _plain(match["title"]).replace("里的", "").replace("中的", ""), who, match.group()[:2])
            taken.append((match.start(), match.end()))
    for match in _VERB.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        position = sentence.start + match.start()
        clause_start = sentence.clause_start(position)
        if _NOT_YET.search(doc.text[clause_start:position]):
            continue
        verb = match.group()
        titles = _titles_after(text, match.end(), verb)
        if not titles:
            continue
        who = holder.of(clause_start, position)
        for title in titles:
            add(position, title, who, verb)
    facts = []
    seen = set()
    for position, title, (name, entity), verb, issuer, np in found:
        if (name, title) in seen:
            continue
        seen.add((name, title))
        cluster = _cluster_of(doc, para, np, entity)
        period, open_year, when = _when(para, position)
        extra = {"title": title, "verb": verb, **when}
        if issuer:
            extra["issuer"] = issuer
        facts.append(
            _fact(
                doc,
                sentence,
                kind="designation",
                subject=name,
                cluster=cluster,
                enterprise=entity.name if entity is not None and entity.kind == ENTERPRISE else None,
                period=period,
                open_year=open_year,
                confidence=0.7 if entity is not None or cluster else 0.6,
                extra=extra,
            )
        )
    return facts


def _titles_after(text: str, start: int, verb: str) -> list[str]:
    """The title after a verb, to the end of its clause (quotes kept whole), and the titles of the
    clauses that merely continue the list (…建设名单，农业农村部“…”建设名单)."""
    pieces = []
    position = start
    while position < len(text):
        piece, position = _until_clause_end(text, position)
        pieces.append(piece)
        if position < len(text) and text[position] in "，,":
            position += 1
            nxt, _after = _until_clause_end(text, position)
            if re.search(r"(?:名单|称号)$", nxt) and not _VERB.search(nxt) and len(nxt) <= 40:
                continue
        break
    titles = []
    for index, piece in enumerate(pieces):
        piece = _clean_title(piece)
        listed = re.fullmatch(r"((?:“[^”]{2,30}”)+)(?:等)?(?:称号|荣誉|名单)?", piece)
        if listed and index == 0:
            titles.extend(re.findall(r"“([^”]+)”", listed.group(1)))
            continue
        bare = _plain(piece).rstrip("。…")
        if not bare.endswith(_SUFFIX):
            if index == 0:
                return []
            continue
        if verb in _STRICT_VERBS and not bare.endswith(_STRICT_SUFFIX):
            if index == 0:
                return []
            continue
        titles.append(piece)
    return titles


def _until_clause_end(text: str, position: int) -> tuple[str, int]:
    depth = 0
    start = position
    while position < len(text):
        char = text[position]
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(0, depth - 1)
        elif depth == 0 and char in "，,；;。！？、：":
            break
        position += 1
    return text[start:position], position


def _semicolon_part(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The stretch of a sentence between the semicolons around `position`."""
    low = max(text.rfind("；", start, position), text.rfind(";", start, position)) + 1 or start
    highs = [i for i in (text.find("；", position, end), text.find(";", position, end)) if i != -1]
    return max(low, start), min(highs) if highs else end


def _cluster_of(doc: Document, para: ParagraphContext, np: tuple[int, int], entity: Entity | None) -> str | None:
    if entity is not None and entity.kind == CLUSTER:
        return entity.name
    np_start, np_end = np
    inside = [m for m in doc.mentions.within(np_start, np_end) if m.entity.kind == CLUSTER]
    if inside:
        return inside[-1].entity.name
    if entity is None or entity.kind == DISTRICT:
        topic = para.topic if para.topic is not None and para.topic.kind == CLUSTER else None
        topic = topic or (
            doc.heading_topic if doc.heading_topic is not None and doc.heading_topic.kind == CLUSTER else None
        )
        return topic.name if topic else None
    return None
