"""Reading figures for pages and the API: the latest figure of each indicator with its stated and
computed 同比, staleness and source; target progress; series for the charts."""

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


def latest_observations(subject_keys: list[str]) -> list[Observation]:
    """The latest figures of each subject and indicator, with the same periods a year earlier
    (for the computed 同比): what the cockpit shows, in three queries whatever the history's length."""
    latest = {
        (sk, ind): last
        for sk, ind, last in Observation.objects.filter(subject_key__in=subject_keys)
        .values("subject_key", "indicator_id")
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


def chart_series(observations: list[Observation], indicator: Indicator) -> dict:
    """Cumulative values by period and the single months derived from them, per year, for ECharts."""
    by_year: dict[int, dict[int, Decimal]] = defaultdict(dict)
    labels = {}
    for o in observations:
        if (
            o.indicator_id == indicator.pk
            and o.value is not None
            and o.period.start == 1
            and o.period.kind in ("ytd", "year", "month")
        ):
            by_year[o.period.year][o.period.end] = o.value
            labels[(o.period.year, o.period.end)] = o.period.label
    cumulative, monthly = [], []
    scale = Decimal(100_000_000) if indicator.is_money else Decimal(1)
    for year in sorted(by_year):
        for end, value in sorted(by_year[year].items()):
            cumulative.append({"label": labels[(year, end)], "value": float(value / scale)})
        for (start, end), value in sorted(single_months(by_year[year]).items()):
            monthly.append(
                {
                    "label": f"{year}年{start}月" if start == end else f"{year}年{start}-{end}月",
                    "value": float(value / scale),
                }
            )
    return {"unit": "亿元" if indicator.is_money else indicator.unit, "cumulative": cumulative, "monthly": monthly}


# -- the cockpit ---------------------------------------------------------------------------------

HEADLINE = ["revenue", "output", "value_added", "enterprises"]  # the figure a cluster's card leads with


def cockpit(clusters: list) -> dict:
    """What the cockpit shows for a page of clusters: each cluster's latest figure of every indicator
    (headline first) and its targets with progress, and the data of the two charts."""
    keys = [subject_key("cluster", c) for c in clusters]
    observations = latest_observations(keys)
    targets = target_views(subject_targets(keys), observations)
    latest = _latest_views(observations)
    summaries = [
        _cluster_summary(
            cluster,
            [v for v in latest if v.observation.cluster_id == cluster.pk],
            [t for t in targets if t.target.cluster_id == cluster.pk],
        )
        for cluster in clusters
    ]
    return {
        "summaries": summaries,
        "revenue_chart": _headline_chart(summaries),
        "target_charts": target_charts(targets),
    }


def _latest_views(observations: list[Observation]) -> list[FigureView]:
    """The latest figure of each subject and indicator (the year-earlier rows are there for the computed 同比 only)."""
    last = {}
    for o in observations:
        key = (o.subject_key, o.indicator_id)
        last[key] = max(o.period_end, last.get(key, o.period_end))
    return [
        v
        for v in figure_views(observations)
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


def _headline_chart(summaries: list[dict]) -> list[dict]:
    return [
        {
            "name": s["cluster"].name,
            "value": float(s["headline"].observation.value / 100_000_000),
            "label": s["headline"].observation.period.label,
        }
        for s in summaries
        if s["headline"]
        and s["headline"].observation.indicator.is_money
        and s["headline"].observation.value is not None
    ]


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
