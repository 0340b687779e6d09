"""The facts the engine returns, and their JSON form for the `chanye extract` command.

confidence — how sure the rules are, from 0 to 1, meant for bulk acceptance in the review queue:
each kind starts from what its rule is worth on its own (a metric with subject, period and value in
one sentence 0.95, a target 0.9, a listing 0.9, a signing 0.85, a project 0.8, a designation 0.7) and
is multiplied down by every guess the rules had to make:
    subject from an earlier sentence of the paragraph ×0.85, from the section heading ×0.75,
    either of them while the sentence names only the district ×0.8; the district itself ×0.9 (also when
    written right before the indicator, 全区规上工业增加值, or as the subject of what it did, 全区…引进项目);
    period carried from an earlier sentence ×0.9, from an earlier paragraph by 同期/其中 ×0.85, or as the
    only period the article has named ×0.75 (a flow with a 同比 rate only); converted (截至11月底 read as 1-11月 for a flow,
    1-10月 read as end of October for a stock) ×0.95; "now" (目前, 至今) for a stock ×0.8, no time at
    all for a stock ×0.65, "now" for a flow ×0.5, a span whose end is not said (今年以来) ×0.35;
    a growth rate written without 同比 ×0.8; an indicator written after the count ×0.9;
    a sub-population (规上, 重点企业) ×0.7; the platform's district assumed in a text that names no place ×0.75.
So ≥ 0.8 means every part was written in the sentence itself (bulk-accept), 0.5–0.8 means one part
was carried or assumed (read the evidence), < 0.5 means the figure is real but its period is a guess.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal

from chanye.lib.gazetteer import Place
from chanye.lib.periods import Period

NEEDS_DATE_NOTE = "期间依赖发布日期，原文未载：请补充日期"
REGION_ASSUMED_NOTE = "原文未写地区，按本平台所在区推定：请确认地区"
KINDS = ("metric", "target", "signing", "project", "designation", "listing")


@dataclass
class Fact:
    kind: str  # metric | target | signing | project | designation | listing
    subject: str  # the configured name it resolved to, else as written
    cluster: str | None  # a configured cluster's name or None
    enterprise: str | None  # a configured enterprise's name or None
    indicator: str | None  # a catalogue key (revenue, output, enterprises, …) or None
    value: Decimal | None  # base units: 元 for money, plain number for counts; None when only growth is given
    unit: str  # 元, 家, 个, 户, 项, 吨 …
    approx: bool
    qualifier: str  # "", 多, 近, 超, 约, 余
    period: Period | None  # a flow's span, a stock's day (the end of its month), an event's time; None: none
    yoy_pct: Decimal | None
    target_year: int | None
    projects: int | None  # for signings: number of projects
    evidence: str  # the sentence, as in the text passed in
    span: tuple[int, int]  # [start, end) of the evidence sentence in the text passed in
    confidence: float  # 0-1, see the module docstring
    extra: dict = field(default_factory=dict)  # event, title, exchange/board, project, how it was read …
    open_year: int | None = None  # 今年以来: a span from January of this year whose end the text does not say
    region: Place | None = None  # the region the figure belongs to (a place of the gazetteer), None: unknown
    industry: str | None = (
        None  # the industry or cluster as written (大数据智能化产业, 规上工业), None: the whole region
    )
    industry_code: str | None = None  # its GB/T 4754-2017 or 战略性新兴产业 code, where one fits
    entity: str | None = None  # the enterprise, park or project the figure is about, None: none
    entity_kind: str | None = None  # enterprise | park | project
    resolved: bool = False  # whether the subject is a record of the platform (configured subjects)
    needs_date: bool = False  # its period (or target year) depends on a publication date the text lacks
    region_assumed: bool = False  # the region is the platform's district only because the text names none

    def region_json(self) -> dict | None:
        return {"name": self.region.name, "code": self.region.code} if self.region is not None else None

    @property
    def period_start(self) -> str | None:
        """The first month, "YYYY-MM", as the JSON contract writes it."""
        return self.month_span()[0]

    @property
    def period_end(self) -> str | None:
        """The last month, "YYYY-MM" (a stock: the month of its day), as the JSON contract writes it."""
        return self.month_span()[1]

    def month_span(self) -> tuple[str | None, str | None]:
        """The period as the JSON contract writes it: ("YYYY-MM", "YYYY-MM"); an open span has no end."""
        if self.period is not None:
            return self.period.month_span
        if self.open_year is not None:
            return f"{self.open_year}-01", None
        return None, None

    def to_json(self, *, full: bool = False) -> dict:
        """The fields of the CLI contract (+ confidence); full=True adds enterprise, qualifier and extra."""
        data = {
            "kind": self.kind,
            "subject": self.subject,
            "cluster": self.cluster,
            "indicator": self.indicator,
            "value": _number(self.value),
            "unit": self.unit,
            "approx": self.approx,
            "period": dict(zip(("start", "end"), self.month_span(), strict=True)),
            "yoy_pct": _number(self.yoy_pct),
            "target_year": self.target_year,
            "projects": self.projects,
            "evidence": self.evidence,
            "span": [self.span[0], self.span[1]],
            "confidence": round(self.confidence, 3),
            "region": self.region_json(),
            "industry": {"name": self.industry, "code": self.industry_code} if self.industry else None,
            "entity": {"name": self.entity, "kind": self.entity_kind} if self.entity else None,
            "resolved": self.resolved,
        }
        if self.region_assumed:
            data["region_assumed"] = True
        notes = [NEEDS_DATE_NOTE] * self.needs_date + [REGION_ASSUMED_NOTE] * self.region_assumed
        if notes:
            data["note"] = "；".join(notes)
        if full:
            data.update(enterprise=self.enterprise, qualifier=self.qualifier, extra=_plain(self.extra))
        return data

    def key(self) -> tuple:
        """What makes two facts the same statement (evidence and, for events, their date aside)."""
        match self.kind:
            case "listing":
                return self.kind, self.subject, self.extra.get("exchange"), self.extra.get("board")
            case "designation":
                return self.kind, self.subject, self.extra.get("title")
            case "project":
                return self.kind, self.subject, self.value
            case "signing":
                return self.kind, self.extra.get("event"), self.projects, self.value
        return (self.kind, self.subject, self.indicator, self.value, *self.month_span(), self.yoy_pct, self.target_year)


def _number(value: Decimal | None):
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _plain(value):
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def facts_to_jsonl(facts: list[Fact], *, full: bool = False) -> str:
    """One JSON object a line, Chinese as is (the `chanye extract --format jsonl` output)."""
    return "".join(json.dumps(fact.to_json(full=full), ensure_ascii=False) + "\n" for fact in facts)
