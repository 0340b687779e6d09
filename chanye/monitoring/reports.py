"""Reading figures for pages and the API: the latest figure of each indicator with its stated and
computed 同比, staleness and source; target progress; series for the charts."""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from chanye.lib.periods import growth_disagrees, single_months, yoy_pct

from . import progress as arithmetic
from .models import Indicator, Observation, Target, subject_key


@dataclass
class FigureView:
    observation: Observation
    computed_yoy: Decimal | None
    stale: bool

    @property
    def stated_yoy(self) -> Decimal | None:
        return self.observation.yoy_pct

    @property
    def yoy_disagrees(self) -> bool:
        return growth_disagrees(self.stated_yoy, self.computed_yoy)


def _by_indicator(observations) -> dict[int, list[Observation]]:
    grouped = defaultdict(list)
    for observation in observations:
        grouped[observation.indicator_id].append(observation)
    return grouped


def figure_views(observations: list[Observation], today=None) -> list[FigureView]:
    """Every observation with the 同比 computed from the same period a year earlier, where stored."""
    today = today or timezone.localdate()
    index = {(o.subject_key, o.indicator_id, o.period_kind, o.period_start, o.period_end): o for o in observations}
    views = []
    for o in observations:
        before = o.period.previous_year()
        previous = index.get((o.subject_key, o.indicator_id, before.kind, before.start_date, before.end_date))
        views.append(FigureView(o, yoy_pct(o.value, previous.value if previous else None), o.is_stale(today)))
    return views


def subject_observations(subject_keys: list[str], user=None):
    queryset = Observation.objects.filter(subject_key__in=subject_keys)
    if user is not None:
        queryset = queryset.restrict(user, "view")
    return list(queryset.select_related(*RELATED).order_by("indicator__order", "period_end"))


RELATED = ("indicator", "citation__source", "import_batch", "entered_by", "cluster", "enterprise", "park", "chain_link")


def latest_observations(subject_keys: list[str], as_of: datetime.date | None = None) -> list[Observation]:
    """The latest figures of each subject and indicator (up to `as_of`, the end of the month the page
    is read as of), with the same periods a year earlier (for the computed 同比): what the cockpit
    shows, in three queries whatever the history's length."""
    known = Observation.objects.filter(subject_key__in=subject_keys)
    if as_of is not None:
        known = known.filter(period_end__lte=as_of)
    latest = {
        (sk, ind): last
        for sk, ind, last in known.values("subject_key", "indicator_id")
        .annotate(last=Max("period_end"))
        .values_list("subject_key", "indicator_id", "last")
    }
    if not latest:
        return []
    rows = [
        o
        for o in Observation.objects.filter(
            subject_key__in=subject_keys, period_end__in=set(latest.values())
        ).select_related(*RELATED)
        if latest.get((o.subject_key, o.indicator_id)) == o.period_end
    ]
    wanted = {(o.subject_key, o.indicator_id, o.period.previous_year().end_date) for o in rows}
    earlier = [
        o
        for o in Observation.objects.filter(
            subject_key__in=subject_keys, period_end__in={w[2] for w in wanted}
        ).select_related(*RELATED)
        if (o.subject_key, o.indicator_id, o.period_end) in wanted
    ]
    return rows + earlier


def latest_by_indicator(views: list[FigureView]) -> dict[str, FigureView]:
    """The latest figure of each indicator (by the end of its period), keyed by indicator key."""
    latest: dict[str, FigureView] = {}
    for view in views:
        key = view.observation.indicator.key
        if key not in latest or view.observation.period_end > latest[key].observation.period_end:
            latest[key] = view
    return latest


@dataclass
class TargetView:
    target: Target
    progress: arithmetic.Progress

    @property
    def trajectory(self) -> dict:
        return arithmetic.trajectory(self.progress)


def target_views(targets: list[Target], observations: list[Observation]) -> list[TargetView]:
    grouped = defaultdict(list)
    for o in observations:
        grouped[(o.subject_key, o.indicator_id)].append(arithmetic.Figure(o.period, o.value, o.yoy_pct))
    return [
        TargetView(
            t,
            arithmetic.progress(
                t.value, t.year, grouped[(t.subject_key, t.indicator_id)], flow=t.indicator.kind == Indicator.Kind.FLOW
            ),
        )
        for t in targets
    ]


def subject_targets(subject_keys: list[str]) -> list[Target]:
    return list(
        Target.objects.filter(subject_key__in=subject_keys)
        .select_related("indicator", "citation__source", "cluster", "enterprise", "park")
        .order_by("indicator__order", "year")
    )


MONTHS = range(1, 13)


def chart_series(observations: list[Observation], indicator: Indicator) -> dict:
    """An indicator's 累计 values (1-N月, 全年) as one line per year against the month they run to, and
    the single months derived from them (lib/periods) as bars per year, for two charts: no line joins
    two years (全年 112 then 2024一季度 28), and cumulative and single-month values never share an axis."""
    by_year: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for o in observations:
        if (
            o.indicator_id == indicator.pk
            and o.value is not None
            and o.period.start == 1
            and o.period.kind in ("ytd", "year", "month")
        ):
            by_year[o.period.year][o.period.end] = o.value
    scale = Decimal(100_000_000) if indicator.is_money else Decimal(1)

    def line(values: dict[int, Decimal]) -> list[float | None]:
        return [float(values[m] / scale) if m in values else None for m in MONTHS]

    cumulative, monthly = [], []
    for year in sorted(by_year):
        cumulative.append({"name": f"{year}年", "values": line(by_year[year])})
        singles = {end: value for (start, end), value in single_months(by_year[year]).items() if start == end}
        if singles:
            monthly.append({"name": f"{year}年", "values": line(singles)})
    return {
        "unit": chart_unit(indicator),
        "cumulative_months": ["1月" if m == 1 else f"1-{m}月" for m in MONTHS],
        "months": [f"{m}月" for m in MONTHS],
        "cumulative": cumulative,
        "monthly": monthly,
    }


# -- the cockpit ---------------------------------------------------------------------------------

HEADLINE = ["revenue", "output", "value_added", "enterprises"]  # the figure a cluster's card leads with


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def data_months(subject_keys: list[str]) -> list[datetime.date]:
    """The months (their last day) in which a period of these subjects' figures ends, latest first:
    the months a cockpit can be read as of."""
    months = Observation.objects.filter(subject_key__in=subject_keys).dates("period_end", "month", order="DESC")
    return [month_end(m) for m in months]


def cockpit(clusters: list, all_cluster_keys: list[str], region_key: str, as_of: datetime.date) -> dict:
    """What the cockpit shows as of the end of a month: the district's own figures and the clusters'
    totals (全区), each cluster of the page with its latest figure of every indicator (headline
    first) and its targets with progress, and the data of the charts. Staleness is judged against
    `as_of`, so a past month reads as it did then."""
    keys = [subject_key("cluster", c) for c in clusters]
    everything = latest_observations(all_cluster_keys, as_of)
    on_page = set(keys)
    observations = [o for o in everything if o.subject_key in on_page]
    targets = target_views(subject_targets(keys), observations)
    latest = _latest_views(observations, as_of)
    summaries = [
        _cluster_summary(
            cluster,
            [v for v in latest if v.observation.cluster_id == cluster.pk],
            [t for t in targets if t.target.cluster_id == cluster.pk],
        )
        for cluster in clusters
    ]
    all_latest = _latest_views(everything, as_of)
    return {
        "summaries": summaries,
        "district": list(latest_by_indicator(_latest_views(latest_observations([region_key], as_of), as_of)).values()),
        "totals": cluster_totals(all_latest),
        "compare_charts": compare_charts(all_latest),
        "target_charts": target_charts(targets),
    }


def _latest_views(observations: list[Observation], as_of: datetime.date | None = None) -> list[FigureView]:
    """The latest figure of each subject and indicator (the year-earlier rows are there for the computed 同比 only)."""
    last = {}
    for o in observations:
        key = (o.subject_key, o.indicator_id)
        last[key] = max(o.period_end, last.get(key, o.period_end))
    return [
        v
        for v in figure_views(observations, today=as_of)
        if v.observation.period_end == last[(v.observation.subject_key, v.observation.indicator_id)]
    ]


def _cluster_summary(cluster, views: list[FigureView], targets: list[TargetView]) -> dict:
    latest = latest_by_indicator(views)
    headline = next((latest[k] for k in HEADLINE if k in latest), None)
    return {
        "cluster": cluster,
        "headline": headline,
        "others": [v for v in latest.values() if v is not headline],
        "targets": targets,
    }


def _period_groups(views: list[FigureView]) -> dict[tuple, list[FigureView]]:
    """Figures with a value grouped by indicator and exact period: only these may be added up or
    drawn on one axis (营业收入 of 2023年1-10月 is not comparable with 增加值 or with 2022年)."""
    groups = defaultdict(list)
    for view in views:
        o = view.observation
        if o.value is not None:
            groups[(o.indicator, o.period_kind, o.period_start, o.period_end)].append(view)
    return groups


def cluster_totals(views: list[FigureView]) -> list[dict]:
    """The clusters' total of each indicator for its latest period that any cluster reports (as of the
    page's month), with how many clusters the total covers."""
    latest: dict[Indicator, tuple] = {}
    groups = _period_groups(views)
    for key in groups:
        indicator, end = key[0], key[3]
        if indicator not in latest or end > latest[indicator][3]:
            latest[indicator] = key
    totals = []
    for indicator, key in sorted(latest.items(), key=lambda item: item[0].order):
        members = groups[key]
        period = members[0].observation.period
        totals.append(
            {
                "indicator": indicator,
                "period": period.label,
                "value": sum(v.observation.value for v in members),
                "clusters": len(members),
            }
        )
    return totals


def compare_charts(views: list[FigureView]) -> list[dict]:
    """One bar chart per indicator and period, clusters side by side, most clusters first: what the
    cockpit's comparison selector offers."""
    charts = []
    for (indicator, _kind, _start, _end), members in _period_groups(views).items():
        scale = 100_000_000 if indicator.is_money else 1
        period = members[0].observation.period
        unit = chart_unit(indicator)
        charts.append(
            {
                "id": f"{indicator.key}-{period.year}-{period.start}-{period.end}-{period.day or 0}",
                "title": f"{indicator.name} · {period.label}（{unit}）",
                "unit": unit,
                "bars": [
                    {"name": v.observation.cluster.name, "value": round(float(v.observation.value) / scale, 2)}
                    for v in sorted(members, key=lambda v: -v.observation.value)
                ],
                "order": (-len(members), indicator.order, -period.end_date.toordinal()),
            }
        )
    charts.sort(key=lambda c: c.pop("order"))
    return charts


def target_charts(targets: list[TargetView]) -> list[dict]:
    """Each target's trajectory chart: its title, unit and the scaled series."""
    return [
        {
            "id": t.target.pk,
            "title": str(t.target),
            "unit": chart_unit(t.target.indicator),
            **scaled(t.trajectory, t.target.indicator),
        }
        for t in targets
        if t.trajectory["years"]
    ]


def chart_unit(indicator: Indicator) -> str:
    return "亿元" if indicator.is_money else indicator.unit


def scaled(trajectory: dict, indicator: Indicator) -> dict:
    """A target's trajectory in the unit its chart shows (money in 亿元)."""
    scale = 100_000_000 if indicator.is_money else 1
    return {
        key: [round(v / scale, 2) for v in values] if key != "years" else values for key, values in trajectory.items()
    }


def cluster_figures(cluster, user) -> dict:
    """Every indicator of one cluster: its figures with 同比, its targets with progress, a series per flow."""
    key = subject_key("cluster", cluster)
    observations = subject_observations([key], user)
    targets = target_views(subject_targets([key]), observations)
    indicators = sorted({o.indicator for o in observations}, key=lambda i: i.order)
    return {
        "views": figure_views(observations),
        "targets": targets,
        "series": [
            {"id": i.key, "indicator": i.name, **chart_series(observations, i)}
            for i in indicators
            if i.kind == Indicator.Kind.FLOW
        ],
        "target_charts": target_charts(targets),
    }
