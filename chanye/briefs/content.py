"""What the monthly brief (产业集群经济运行月报) says, computed from the database for one month and one
region, as the person generating it may read it. Nothing is typed: every number is a stored figure, a
count of stored records or arithmetic on them, and carries the number of its note (the source list at
the end: publication, date, 版次 and quote, or import file and row, or the platform record).

The brief of month M (e.g. 2023-11) reports, for the clusters of the region:

- each cluster's latest year-to-date figures of the year with period ending no later than M (1-11月, or
  1-10月 when November's is not in yet, said so), its 同比 (stated, else computed from the same period a
  year earlier), and its targets of the year and of the next plan year (2025) with progress and status
  (chanye.monitoring.progress: 达标 / 正常 / 滞后 / 高风险) computed from the figures known at the end of M;
- the investment pipeline of M: projects signed in M (each once), signing events in M counted once
  (chanye.projects.reports.signing_totals), stage changes in M, contract investment and funds in place per
  cluster at the end of M beside the statistics' reported totals;
- appeals by office: received in M, closed in M, open and overdue at the end of M;
- designations dated in M, and those of the year with no date recorded;
- figures that are 过期 at the brief's issue date (the 5th working day of the next month, when the brief is
  due), growth rates whose stated and computed values disagree, and figure conflicts awaiting a decision.

Figures dated after M (a stock "截至12月底") are not in M's brief.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q, Sum

from chanye.accounts.models import Office
from chanye.core import roles
from chanye.core.models import Region
from chanye.core.querysets import VIEW
from chanye.core.regions import home_region, scope_of
from chanye.extraction import conflicts as fact_conflicts
from chanye.extraction.models import ExtractedFact
from chanye.lib.periods import Period, PeriodError, growth_disagrees, yoy_pct
from chanye.monitoring import progress as arithmetic
from chanye.monitoring.models import Indicator, Observation, Target, subject_key
from chanye.projects.models import SIGNED, STAGES, FundsInPlace, Project, SigningEvent, StageChange
from chanye.projects.reports import signing_totals
from chanye.registry.models import Cluster, Designation
from chanye.visits import workdays
from chanye.visits.deadlines import MILESTONES, overdue_cutoffs
from chanye.visits.models import Appeal

from . import style

# The clusters' main indicators: the table's columns, and the headline figure is the first one present.
MAIN = ["revenue", "output", "value_added", "enterprises"]
PIPELINE = ["projects_introduced", "contract_investment", "funds_in_place"]
BRIEF_DAY = 5  # the brief of a month is due on the 5th working day of the next


class BriefRefused(PermissionDenied):
    """The user may not generate this brief (a region outside their scope); the message says why."""


# -- the month ---------------------------------------------------------------------------------------


def parse_month(text: str) -> Period:
    """ "2023-11", "2023年11月" -> the month; anything else is refused with a message."""
    try:
        period = Period.parse(str(text).strip())
    except PeriodError as error:
        raise ValidationError(f"月份无效：{error}") from None
    if period.kind != "month":
        raise ValidationError(f"“{text}”不是一个月份：月报按月生成，请写作“2023-11”或“2023年11月”")
    return period


def month_of(period: Period) -> str:
    return f"{period.year}-{period.end:02d}"


def issue_date(month: Period) -> datetime.date:
    """When the brief of `month` is due: the 5th working day (Chinese calendar) of the next month."""
    return workdays.add_workdays(month.end_date, BRIEF_DAY)


def previous_month(day: datetime.date) -> Period:
    first = day.replace(day=1) - datetime.timedelta(days=1)
    return Period.month(first.year, first.month)


def is_brief_day(day: datetime.date) -> bool:
    """Whether `day` is the day the previous month's brief is due (the 5th working day of its month)."""
    return issue_date(previous_month(day)) == day


# -- notes: where each figure comes from ---------------------------------------------------------------


class Ref(int):
    """A note number inside running text."""


@dataclass
class Note:
    number: int
    text: str
    kind: str  # 报道 / 导入 / 录入 / 平台记录
    details: dict = field(default_factory=dict)


class Notes:
    """The numbered source list; the same source text gets the same number."""

    def __init__(self):
        self.items: list[Note] = []
        self._by_text: dict[str, Note] = {}

    def add(self, text: str, kind: str, **details) -> Ref:
        if text not in self._by_text:
            note = Note(len(self.items) + 1, text, kind, details)
            self.items.append(note)
            self._by_text[text] = note
        return Ref(self._by_text[text].number)

    def citation(self, citation) -> Ref:
        source = citation.source
        quote = f"，“{citation.heading}”栏" if citation.heading else ""
        text = f"{source}{quote}：“{citation.quote}”"
        return self.add(
            text,
            "报道",
            publication=source.publication or "刊物未注明",
            title=source.title,
            date=source.date.isoformat() if source.date else "日期未注明",
            date_note=source.date_note,
            page=source.page,
            heading=citation.heading,
            quote=citation.quote,
            url=source.url,
        )

    def figure(self, observation: Observation) -> Ref:
        if observation.citation_id:
            return self.citation(observation.citation)
        if observation.import_batch_id:
            batch = observation.import_batch
            return self.add(
                f"统计数据导入：{batch.filename}，第{observation.import_row}行（{batch.imported_at:%Y-%m-%d}导入）",
                "导入",
                file=batch.filename,
                row=observation.import_row,
                date=f"{batch.imported_at:%Y-%m-%d}",
            )
        who = observation.entered_by.get_username() if observation.entered_by_id else "系统"
        return self.add(
            f"平台录入：{who}，{observation.entered_at:%Y-%m-%d}",
            "录入",
            who=who,
            date=f"{observation.entered_at:%Y-%m-%d}",
        )

    def target(self, target: Target) -> Ref:
        if target.citation_id:
            return self.citation(target.citation)
        return self.add("平台录入的目标（无出处）", "录入")

    def record(self, citations, fallback: str) -> Ref:
        """A project, event or designation: its first citation, else the platform's register."""
        first = next(iter(citations), None)
        return self.citation(first) if first is not None else self.add(fallback, "平台记录")


# -- running text with note references ---------------------------------------------------------------


Parts = list  # of str and Ref


def plain(parts: Parts) -> str:
    """Running text with its note references as [n]."""
    return "".join(f"[{p}]" if isinstance(p, Ref) else p for p in parts)


# -- figures -----------------------------------------------------------------------------------------


@dataclass
class Figure:
    observation: Observation
    computed_yoy: Decimal | None
    stale: bool
    note: Ref

    @property
    def indicator(self) -> Indicator:
        return self.observation.indicator

    @property
    def period(self) -> Period:
        return self.observation.period

    @property
    def stated_yoy(self) -> Decimal | None:
        return self.observation.yoy_pct

    @property
    def yoy(self) -> Decimal | None:
        return self.stated_yoy if self.stated_yoy is not None else self.computed_yoy

    @property
    def yoy_disagrees(self) -> bool:
        return growth_disagrees(self.stated_yoy, self.computed_yoy)

    @property
    def text(self) -> str:
        return style.amount(self.observation.value, self.indicator.unit, self.observation.qualifier)

    @property
    def value_in_unit(self) -> Decimal | None:
        """The number the tables show: money in 亿元 (one decimal), counts as they are."""
        value = self.observation.value
        if value is None:
            return None
        return style.in_yi(value) if self.indicator.is_money else Decimal(value)

    @property
    def table_unit(self) -> str:
        return "亿元" if self.indicator.is_money else self.indicator.unit

    @property
    def when(self) -> str:
        """2023年1-10月 / 截至2023年11月30日."""
        label = self.period.label
        return f"截至{label}" if self.period.kind == "point" else label

    @property
    def short_when(self) -> str:
        """1-10月, 11月30日: the period within the brief's year, for table cells."""
        return self.period.label.removeprefix(f"{self.period.year}年")


@dataclass
class TargetLine:
    target: Target
    progress: arithmetic.Progress
    note: Ref
    ytd: Figure | None = None  # for a target of the brief's year: the year-to-date figure it is compared with

    @property
    def indicator(self) -> Indicator:
        return self.target.indicator

    @property
    def text(self) -> str:
        return style.target_amount(self.target.value, self.indicator.unit, self.target.qualifier)

    @property
    def completion_pct(self) -> Decimal | None:
        """Of a target of the brief's year: the year-to-date figure over the year's target."""
        if self.ytd is None or self.ytd.observation.value is None or not self.target.value:
            return None
        return style.one_decimal(self.ytd.observation.value / self.target.value * 100)

    @property
    def status(self) -> str:
        return self.progress.status

    @property
    def reasons(self) -> str:
        return "；".join(self.progress.reasons)


@dataclass
class Cell:
    """One cluster's one main indicator in the table: the number as shown, its period, its 同比, its note."""

    figure: Figure | None
    month: Period  # the brief's month: a figure of it needs no period in its cell

    @property
    def value(self) -> str:
        f = self.figure
        if f is None or f.value_in_unit is None:
            return style.NO_DATA
        return (
            f"{f.value_in_unit:f}"
            if f.indicator.is_money
            else style.amount(f.observation.value, "", f.observation.qualifier)
        )

    @property
    def when(self) -> str:
        """The period, for a figure not of the brief's month (1-10月 in November's brief, 前三季度)."""
        f = self.figure
        if f is None or (f.period.year, f.period.end) == (self.month.year, self.month.end):
            return ""
        return f.short_when

    @property
    def yoy(self) -> str:
        return style.NO_DATA if self.figure is None else style.signed_percent(self.figure.yoy)

    @property
    def note(self) -> Ref | None:
        return None if self.figure is None else self.figure.note


@dataclass
class ClusterSection:
    cluster: Cluster
    figures: dict[str, Figure]  # this year's latest year-to-date figure of each indicator (≤ the month)
    older: Figure | None  # the latest figure before this year, when the cluster has none of this year
    year_targets: list[TargetLine]
    plan_targets: list[TargetLine]
    month: Period
    paragraph: Parts = field(default_factory=list)

    @property
    def headline(self) -> Figure | None:
        return next((self.figures[k] for k in MAIN if k in self.figures), None)

    def main(self, key: str) -> Figure | None:
        return self.figures.get(key)

    @property
    def cells(self) -> list[Cell]:
        return [Cell(self.figures.get(k), self.month) for k in MAIN]

    @property
    def notes(self) -> list[Ref]:
        return sorted({f.note for f in self.figures.values() if f.indicator.key in MAIN})

    @property
    def targets(self) -> list[TargetLine]:
        return self.year_targets + self.plan_targets


# -- pipeline, appeals, designations, quality ---------------------------------------------------------


@dataclass
class ClusterInvestment:
    """A cluster's projects at the end of the month: signed (by their signing date), their contract
    investment and the funds in place recorded by then; None where nothing is recorded."""

    name: str
    signed_projects: int
    undated_signed: int  # projects at 签约 or beyond whose signing date is not recorded
    contract: Decimal | None
    funds: Decimal | None
    funds_in_month: Decimal | None
    reported: list[Figure]  # the statistics' figures of the year (projects introduced, contract, funds)

    @property
    def ratio_pct(self) -> Decimal | None:
        if self.funds is None or not self.contract:
            return None
        return style.one_decimal(self.funds / self.contract * 100)

    @property
    def projects_text(self) -> str:
        extra = f"（另{self.undated_signed}个未录签约日期）" if self.undated_signed else ""
        return f"{self.signed_projects}{extra}"


@dataclass
class Pipeline:
    signed: list[tuple[Project, Ref]]
    signed_contract: Decimal
    signed_without_amount: int
    events: list[tuple[object, Ref]]  # (EventTotals, note)
    changes: list[StageChange]
    changes_total: int
    clusters: list[ClusterInvestment]
    register_note: Ref

    @property
    def is_empty(self) -> bool:
        return not (self.signed or self.events or self.changes)


@dataclass
class OfficeAppeals:
    office: str
    received: int = 0
    closed: int = 0
    open_at_end: int = 0
    overdue_at_end: int = 0


@dataclass
class Appeals:
    offices: list[OfficeAppeals]
    total: OfficeAppeals
    partial: bool  # the user reads only their offices' appeals
    note: Ref

    @property
    def is_empty(self) -> bool:
        return not (self.total.received or self.total.closed or self.total.open_at_end)


@dataclass
class Designations:
    new: list[tuple[Designation, Ref]]
    undated: list[tuple[Designation, Ref]]  # of the year, without a date: when in the year is not known


@dataclass
class Quality:
    stale: list[tuple[Cluster, Figure]]
    growth: list[tuple[Cluster, Figure]]  # stated and computed 同比 disagree
    conflicts: list[dict]  # figure conflicts awaiting a decision (事实抽取 → 冲突裁决)
    missing: list[Cluster]  # no figure of the year at all

    @property
    def is_empty(self) -> bool:
        return not (self.stale or self.growth or self.conflicts or self.missing)


@dataclass
class Brief:
    month: Period
    region: Region
    issue_date: datetime.date
    generated_at: datetime.datetime
    sections: list[ClusterSection]
    summary: Parts
    pipeline: Pipeline
    appeals: Appeals
    designations: Designations
    quality: Quality
    notes: Notes
    user_label: str
    columns: list[tuple[str, str]]  # the table's main indicators: (name, unit shown)

    @property
    def title(self) -> str:
        return f"{self.region.name}产业集群经济运行月报"

    @property
    def period_label(self) -> str:
        return self.month.label

    @property
    def ytd_label(self) -> str:
        return Period.ytd(self.month.year, self.month.end).label if self.month.end > 1 else self.month.label

    @property
    def has_figures(self) -> bool:
        return any(s.figures for s in self.sections)

    @property
    def targets(self) -> list[TargetLine]:
        return [t for s in self.sections for t in s.targets]

    @property
    def table_span(self) -> int:
        return 2 * len(self.columns) + 2

    @property
    def filename_stem(self) -> str:
        return f"{self.region.name}产业集群经济运行月报-{month_of(self.month)}"


# -- who may generate which brief ----------------------------------------------------------------------


def resolve_region(user, region: Region | str | None) -> Region:
    """The region the brief is about: the one named (a name, short name or 区划代码), else the user's own
    (or, for the system, the instance's). Refused when it is outside the user's scope or the instance's."""
    home = home_region()
    if region is None or region == "":
        own = scope_of(user).region if user is not None else home
        return own if home.contains(own) else home  # an account over more than the instance: the instance
    if not isinstance(region, Region):
        found = Region.objects.named(str(region), near=home)
        if found is None and str(region).isdigit():
            found = Region.objects.filter(pk=int(region)).first()
        if found is None:
            raise ValidationError(f"没有这个区域：“{region}”")
        region = found
    if not home.contains(region):
        raise BriefRefused(f"“{region.name}”不是本平台所辖区域（对标区域不出月报）")
    if user is not None and not scope_of(user).region.contains(region):
        raise BriefRefused(f"您负责的区域是“{scope_of(user).region.name}”，不能生成“{region.name}”的月报")
    return region


def check_user(user) -> None:
    """A person generating a brief needs a role (None is the system)."""
    if user is not None and not roles.has_role(user):
        raise BriefRefused("您的账户尚未分配角色，不能生成月报")


def _readable(queryset, user):
    return queryset if user is None else queryset.restrict(user, VIEW)


# -- building the brief -------------------------------------------------------------------------------


def build(month: Period, region: Region | str | None = None, user=None, now=None) -> Brief:
    """The brief of `month` for `region`, as `user` may read it (None: the system, which reads everything)."""
    from django.utils import timezone

    check_user(user)
    region = resolve_region(user, region)
    notes = Notes()
    due = issue_date(month)
    clusters = list(
        _readable(Cluster.objects.all(), user).within(region).select_related("office").order_by("order", "name")
    )
    sections = _sections(clusters, month, due, notes, user)
    pipeline = _pipeline(clusters, month, region, notes, user, sections)
    appeals = _appeals(month, region, notes, user)
    designations = _designations(month, region, notes, user)
    quality = _quality(sections, clusters, user)
    brief = Brief(
        month=month,
        region=region,
        issue_date=due,
        generated_at=timezone.localtime(now or timezone.now()),
        sections=sections,
        summary=[],
        pipeline=pipeline,
        appeals=appeals,
        designations=designations,
        quality=quality,
        notes=notes,
        user_label=user.get_username() if user is not None else "系统",
        columns=_columns(),
    )
    brief.summary = _summary(brief)
    for section in sections:
        section.paragraph = _paragraph(section, month)
    return brief


def _figure_indicators(keys: list[str]) -> list[int]:
    targeted = Target.objects.filter(subject_key__in=keys).values_list("indicator_id", flat=True)
    named = Indicator.objects.filter(key__in=MAIN + PIPELINE).values_list("pk", flat=True)
    return sorted(set(named) | set(targeted))


RELATED = ("indicator", "citation__source", "import_batch", "entered_by")


def _cumulative(kind: str, period_kind: str, period_start: datetime.date) -> bool:
    """A year-to-date figure (from January) of a flow, or a level of a stock."""
    if kind == Indicator.Kind.STOCK:
        return period_kind == "point"
    return period_start.month == 1 and period_kind in ("ytd", "year", "month")


@dataclass(frozen=True)
class _Row:
    """An observation as the arithmetic needs it, read without building a model object (a city has tens
    of thousands of figures in a brief's window; only the ones shown are read in full)."""

    pk: int
    subject_key: str
    indicator_id: int
    period_kind: str
    period_start: datetime.date
    period_end: datetime.date
    value: Decimal | None
    yoy_pct: Decimal | None

    @property
    def period(self) -> Period:
        day = self.period_end.day if self.period_kind == "point" else None
        return Period(self.period_end.year, self.period_start.month, self.period_end.month, day)


ROW_FIELDS = ("pk", "subject_key", "indicator_id", "period_kind", "period_start", "period_end", "value", "yoy_pct")


def _sections(clusters, month: Period, due: datetime.date, notes: Notes, user) -> list[ClusterSection]:
    keys = [subject_key("cluster", c) for c in clusters]
    if not keys:
        return []
    year, end = month.year, month.end_date
    kinds = dict(Indicator.objects.values_list("pk", "kind"))
    window = [
        _Row(*values)
        for values in _readable(Observation.objects.all(), user)
        .filter(
            subject_key__in=keys,
            indicator_id__in=_figure_indicators(keys),
            period_end__gte=datetime.date(year - 1, 1, 1),
            period_end__lte=end,
        )
        .values_list(*ROW_FIELDS)
        .order_by()
    ]
    by_period = {(r.subject_key, r.indicator_id, r.period_kind, r.period_start, r.period_end): r for r in window}
    latest: dict[tuple[str, int], _Row] = {}
    for r in window:
        if (
            r.period_end.year == year
            and r.value is not None
            and _cumulative(kinds[r.indicator_id], r.period_kind, r.period_start)
        ):
            key = (r.subject_key, r.indicator_id)
            if key not in latest or r.period_end > latest[key].period_end:
                latest[key] = r
    with_figures = {sk for sk, _indicator in latest}
    older = _older([k for k in keys if k not in with_figures], year, user, kinds)
    shown = Observation.objects.select_related(*RELATED).in_bulk([r.pk for r in [*latest.values(), *older.values()]])

    def figure(r: _Row) -> Figure:
        before = r.period.previous_year()
        previous = by_period.get((r.subject_key, r.indicator_id, before.kind, before.start_date, before.end_date))
        o = shown[r.pk]
        return Figure(o, yoy_pct(r.value, previous.value if previous else None), o.is_stale(due), notes.figure(o))

    targets = list(
        _readable(Target.objects.all(), user)
        .filter(subject_key__in=keys, year__gte=year)
        .select_related("indicator", "citation__source")
        .order_by("indicator__order", "year")
    )
    plan_year = {}
    for t in targets:
        if t.year > year:
            plan_year[t.subject_key] = min(plan_year.get(t.subject_key, t.year), t.year)
    targeted = {(t.subject_key, t.indicator_id) for t in targets}
    arithmetic_figures = defaultdict(list)
    for r in [*window, *older.values()]:
        if (r.subject_key, r.indicator_id) in targeted:
            arithmetic_figures[(r.subject_key, r.indicator_id)].append(arithmetic.Figure(r.period, r.value, r.yoy_pct))
    order = dict(Indicator.objects.values_list("pk", "order"))
    latest_of, older_of, targets_of = defaultdict(list), defaultdict(list), defaultdict(list)
    for (sk, _indicator), r in sorted(latest.items(), key=lambda item: order[item[0][1]]):
        latest_of[sk].append(r)
    for (sk, _indicator), r in older.items():
        older_of[sk].append(r)
    for t in targets:
        targets_of[t.subject_key].append(t)
    main_of = dict(Indicator.objects.filter(key__in=MAIN).values_list("pk", "key"))
    sections = []
    for cluster, key in zip(clusters, keys, strict=True):
        figures = {f.indicator.key: f for f in (figure(r) for r in latest_of[key])}
        headline_older = None
        if not any(k in figures for k in MAIN) and older_of[key]:
            best = min(older_of[key], key=lambda r: (MAIN.index(main_of[r.indicator_id]), -r.period_end.toordinal()))
            headline_older = figure(best)
        lines_year, lines_plan = [], []
        for t in targets_of[key]:
            if t.year not in (year, plan_year.get(key)):
                continue
            line = TargetLine(
                t,
                arithmetic.progress(
                    t.value,
                    t.year,
                    arithmetic_figures[(key, t.indicator_id)],
                    flow=t.indicator.kind == Indicator.Kind.FLOW,
                ),
                notes.target(t),
            )
            if t.year == year:
                line.ytd = figures.get(t.indicator.key)
                lines_year.append(line)
            else:
                lines_plan.append(line)
        sections.append(ClusterSection(cluster, figures, headline_older, lines_year, lines_plan, month))
    return sections


def _older(keys: list[str], year: int, user, kinds: dict) -> dict[tuple[str, int], _Row]:
    """The latest figure before the year of each of these clusters and the main indicators (a cluster
    with nothing this year is shown with it, marked with its date), in two queries."""
    if not keys:
        return {}
    before = (
        _readable(Observation.objects.all(), user)
        .filter(
            subject_key__in=keys, indicator__key__in=MAIN, period_end__lt=datetime.date(year, 1, 1), value__isnull=False
        )
        .order_by()
    )
    wanted = {
        (sk, ind): last
        for sk, ind, last in before.values("subject_key", "indicator_id")
        .annotate(last=Max("period_end"))
        .values_list("subject_key", "indicator_id", "last")
    }
    found = {}
    for values in before.filter(period_end__in=set(wanted.values())).values_list(*ROW_FIELDS):
        r = _Row(*values)
        key = (r.subject_key, r.indicator_id)
        if wanted.get(key) == r.period_end and _cumulative(kinds[r.indicator_id], r.period_kind, r.period_start):
            found[key] = r
    return found


def _pipeline(clusters, month: Period, region: Region, notes: Notes, user, sections) -> Pipeline:
    start, end = month.start_date, month.end_date
    projects = _readable(Project.objects.all(), user).within(region)
    register = notes.add("本平台招商项目库（项目、阶段变更与到位资金记录）", "平台记录")
    signed = list(
        projects.filter(signed_on__range=(start, end))
        .select_related("cluster")
        .prefetch_related("citations__source")
        .order_by("signed_on", "name")
    )
    events = list(
        _readable(SigningEvent.objects.all(), user)
        .within(region)
        .filter(date__range=(start, end))
        .prefetch_related("signings", "citations__source")
        .order_by("date", "name")
    )
    changes = (
        _readable(StageChange.objects.all(), user)
        .filter(project__in=projects, on__range=(start, end))
        .select_related("project")
        .order_by("on", "pk")
    )
    shown_changes = list(changes[:100])
    by_cluster = {
        row["cluster"]: row
        for row in projects.filter(signed_on__lte=end)
        .values("cluster")
        .annotate(contract=Sum("contract_investment"), n=Count("pk"))
        .order_by()
    }
    undated = dict(
        projects.filter(signed_on__isnull=True, stage__in=STAGES[STAGES.index(SIGNED) :])
        .values("cluster")
        .annotate(n=Count("pk"))
        .values_list("cluster", "n")
        .order_by()
    )
    funds = _readable(FundsInPlace.objects.all(), user).filter(project__in=projects, on__lte=end)
    funds_total = dict(
        funds.values("project__cluster").annotate(total=Sum("amount")).values_list("project__cluster", "total")
    )
    funds_month = dict(
        funds.filter(on__gte=start)
        .values("project__cluster")
        .annotate(total=Sum("amount"))
        .values_list("project__cluster", "total")
    )
    reported = {s.cluster.pk: [s.figures[k] for k in PIPELINE if k in s.figures] for s in sections}
    rows = []
    for cluster in clusters:
        row = by_cluster.get(cluster.pk, {})
        if not (row or reported.get(cluster.pk) or cluster.pk in funds_total or cluster.pk in undated):
            continue
        rows.append(
            ClusterInvestment(
                cluster.name,
                int(row.get("n") or 0),
                undated.get(cluster.pk, 0),
                row.get("contract"),
                funds_total.get(cluster.pk),
                funds_month.get(cluster.pk),
                reported.get(cluster.pk, []),
            )
        )
    totals = signing_totals(events)
    return Pipeline(
        signed=[
            (p, notes.record(p.citations.all(), "本平台招商项目库（项目、阶段变更与到位资金记录）")) for p in signed
        ],
        signed_contract=sum((p.contract_investment for p in signed if p.contract_investment), Decimal(0)),
        signed_without_amount=sum(1 for p in signed if p.contract_investment is None),
        events=[(t, notes.record(t.event.citations.all(), "本平台集中签约记录")) for t in totals],
        changes=shown_changes,
        changes_total=changes.count(),
        clusters=rows,
        register_note=register,
    )


def _appeals(month: Period, region: Region, notes: Notes, user) -> Appeals:
    start, end = month.start_date, month.end_date
    appeals = _readable(Appeal.objects.all(), user).within(region)
    partial = user is not None and not (roles.is_admin(user) or roles.has(user, roles.LEADER))
    cutoffs = overdue_cutoffs(end)
    unmet_at_end = Q(pk__in=[])
    for key, _label, met in MILESTONES:
        unmet_at_end |= Q(**{f"{met}__isnull": True, "received_on__lte": cutoffs[key]}) | Q(
            **{f"{met}__date__gt": end, "received_on__lte": cutoffs[key]}
        )
    open_at_end = Q(received_on__lte=end) & (Q(closed_at__isnull=True) | Q(closed_at__date__gt=end))
    counts = {
        "received": appeals.filter(received_on__range=(start, end)),
        "closed": appeals.filter(closed_at__date__range=(start, end)),
        "open_at_end": appeals.filter(open_at_end),
        "overdue_at_end": appeals.filter(open_at_end & unmet_at_end),
    }
    rows: dict[int, OfficeAppeals] = {}
    for name, queryset in counts.items():
        for office, n in queryset.values("office").annotate(n=Count("pk")).values_list("office", "n").order_by():
            rows.setdefault(office, OfficeAppeals(""))
            setattr(rows[office], name, n)
    names = dict(Office.objects.filter(pk__in=rows).values_list("pk", "name"))
    for pk, row in rows.items():
        row.office = names.get(pk, "未注明部门")
    offices = sorted(rows.values(), key=lambda r: (-r.received, r.office))
    total = OfficeAppeals(
        "合计",
        *(sum(getattr(r, name) for r in offices) for name in ("received", "closed", "open_at_end", "overdue_at_end")),
    )
    return Appeals(offices, total, partial, notes.add("本平台企业诉求台账（受理、办结与期限记录）", "平台记录"))


def _designations(month: Period, region: Region, notes: Notes, user) -> Designations:
    rows = (
        _readable(Designation.objects.all(), user)
        .within(region)
        .prefetch_related("citations__source")
        .order_by("date", "holder")
    )
    new = rows.filter(date__range=(month.start_date, month.end_date))
    undated = rows.filter(year=month.year, date__isnull=True)

    def cited(designation):
        return designation, notes.record(designation.citations.all(), "本平台荣誉/名单登记")

    return Designations([cited(d) for d in new], [cited(d) for d in undated])


def _quality(sections: list[ClusterSection], clusters, user) -> Quality:
    stale, growth = [], []
    for s in sections:
        for f in [*s.figures.values(), *([s.older] if s.older else [])]:
            if f.stale:
                stale.append((s.cluster, f))
            if f.yoy_disagrees:
                growth.append((s.cluster, f))
    cluster_ids = {c.pk for c in clusters}
    pending = ExtractedFact.objects.pending() if user is None else ExtractedFact.objects.restrict(user).pending()
    pending = pending.filter(Q(cluster__in=cluster_ids) | Q(enterprise__clusters__in=cluster_ids)).distinct()
    conflicts = []
    for conflict in fact_conflicts.value_conflicts(pending.select_related("document", "indicator", "cluster")):
        sides = [f"{_fact_value(f)}（待审核，出自《{f.document}》）" for f in conflict.facts] + [
            f"{style.amount(r.value, r.indicator.unit, r.qualifier)}（已录入：{_record_source(r)}）"
            for r in conflict.records
        ]
        conflicts.append({"title": conflict.title, "sides": sides})
    missing = [s.cluster for s in sections if not s.figures]
    return Quality(stale, growth, conflicts, missing)


def _fact_value(fact: ExtractedFact) -> str:
    if fact.value is not None:
        return style.amount(fact.value, fact.indicator.unit, fact.qualifier)
    return style.growth(fact.yoy_pct)


def _record_source(record) -> str:
    if isinstance(record, Observation):
        return record.source_label()
    return str(record.citation.source) if record.citation_id else "平台录入"


# -- the words ---------------------------------------------------------------------------------------


def _figure_parts(f: Figure, lead: bool) -> Parts:
    """营业收入累计92.2亿元[1]，同比增长1.9%; 截至2023年11月30日，企业数450多家[1]."""
    flow = f.indicator.kind == Indicator.Kind.FLOW
    if flow:
        cumulative = "累计" if f.period.kind == "ytd" else ""
        parts: Parts = [f"{f.when}，" if lead else "", f"{f.indicator.name}{cumulative}{f.text}", f.note]
    else:
        parts = [f"{f.when}，{f.indicator.name}{f.text}", f.note]
    if f.yoy is not None or flow:
        parts.append(f"，{style.growth(f.yoy)}")
        if f.stated_yoy is None and f.computed_yoy is not None:
            parts.append("（按上年同期计算）")
    return parts


def _target_parts(line: TargetLine, year: int) -> Parts:
    p = line.progress
    parts: Parts = [f"{line.indicator.name}{line.text}", line.note]
    if p.level is None:
        parts.append(f"，当前水平{style.NO_DATA}")
    elif line.target.year == year and line.completion_pct is not None:
        months = line.ytd.period.months
        parts.append(
            f"，{line.ytd.short_when}完成{line.completion_pct:f}%（时间进度{style.one_decimal(Decimal(months * 100) / 12):f}%）"
        )
    elif p.progress_pct is not None:
        basis = (
            ("" if p.level.basis.startswith("按") else "按") + p.level.basis + ("，为估算" if p.level.estimated else "")
        )
        parts.append(f"，{basis}，完成{style.one_decimal(p.progress_pct):f}%")
    if p.needed_pct is not None:
        parts.append(f"，需年均增长{style.percent(p.needed_pct)}")
        parts.append(f"，实际增速{style.percent(p.growth_pct)}" if p.growth_pct is not None else "，实际增速暂无数据")
    parts.append(f"，状态：{p.status}")
    return parts


def _paragraph(section: ClusterSection, month: Period) -> Parts:
    year = month.year
    parts: Parts = []
    main = [section.figures[k] for k in MAIN if k in section.figures]
    if main:
        lead = True
        for i, f in enumerate(main):
            if i:
                parts.append("；")
            parts.extend(_figure_parts(f, lead or f.period != main[0].period))
            lead = False
            if f.period.end != month.end and f.indicator.cycle == "月" and f.period.year == year:
                parts.append(f"（{month.end}月数据暂缺，为最新数据）")
            if f.stale:
                parts.append("（过期）")
        parts.append("。")
    else:
        parts.append(f"本年暂无{'、'.join(_main_names())}数据")
        if section.older is not None:
            f = section.older
            parts.extend([f"；最新为{f.period.label}{f.indicator.name}{f.text}", f.note])
            if f.stale:
                parts.append("（过期）")
        parts.append("。")
    for label, lines in ((f"{year}年度目标", section.year_targets), (None, section.plan_targets)):
        if label is None:
            if not lines:
                continue
            label = f"{lines[0].target.year}年目标"
        parts.append(f"{label}：")
        if not lines:
            parts.append(f"{style.NO_DATA}。")
            continue
        for i, line in enumerate(lines):
            if i:
                parts.append("；")
            parts.extend(_target_parts(line, year))
        parts.append("。")
    return parts


def _columns() -> list[tuple[str, str]]:
    indicators = {i.key: i for i in Indicator.objects.filter(key__in=MAIN)}
    return [
        (indicators[k].name, "亿元" if indicators[k].is_money else indicators[k].unit) if k in indicators else (k, "")
        for k in MAIN
    ]


def _main_names() -> list[str]:
    return [name for name, _unit in _columns()]


def _summary(brief: Brief) -> Parts:
    sections = brief.sections
    if not sections:
        return [f"{brief.region.name}暂无登记的产业集群，本期月报无集群数据。"]
    with_figures = [s for s in sections if s.figures]
    current = [s for s in with_figures if any(f.period.end == brief.month.end for f in s.figures.values())]
    parts: Parts = [f"本期纳入月报的产业集群{len(sections)}个。"]
    if not with_figures:
        parts.append(f"截至{brief.period_label}，各集群均{style.NO_DATA}（本年未录入任何经济运行数据）。")
    else:
        parts.append(
            f"截至{brief.period_label}，{len(with_figures)}个集群有本年经济运行数据，其中{len(current)}个已有"
            f"{brief.month.end}月数据；{len(sections) - len(with_figures)}个集群本年{style.NO_DATA}。"
        )
    # The largest cluster by the first main indicator that any cluster reports (营业收入 first): only
    # figures of one indicator are compared.
    key = next((k for k in MAIN if any(k in s.figures for s in with_figures)), None)
    compared = [s.figures[key] for s in with_figures if key in s.figures and s.figures[key].indicator.is_money]
    if len(compared) > 1:
        best = max(compared, key=lambda f: f.observation.value)
        parts.extend(
            [
                f"{best.indicator.name}规模最大的是{best.observation.cluster.name}，{best.when}{best.text}",
                best.note,
                f"，{style.growth(best.yoy)}。",
            ]
        )
    targets = brief.targets
    if targets:
        counts = defaultdict(int)
        for t in targets:
            counts[t.status] += 1
        statuses = "、".join(
            f"{s}{counts[s]}项" for s in (arithmetic.MET, arithmetic.ON_TRACK, arithmetic.BEHIND, arithmetic.AT_RISK)
        )
        parts.append(f"本年度及下一规划年的目标共{len(targets)}项：{statuses}。")
    else:
        parts.append(f"本年度及规划目标：{style.NO_DATA}。")
    quality = brief.quality
    if quality.stale or quality.conflicts:
        parts.append(f"过期数据{len(quality.stale)}项、待裁决的数字冲突{len(quality.conflicts)}项，详见“数据质量”。")
    return parts
