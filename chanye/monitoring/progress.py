"""Progress towards a target, as plain arithmetic over figures (no Django).

Level: for a flow, the latest full-year value, or else the latest year-to-date value scaled to
twelve months (marked as an estimate); for a stock, the latest level.
Growth actually achieved: the latest 同比 (stated, or computed from the same period a year before).
Needed: the compound annual growth from the level to the target by the target year.
Projected year: when the level reaches the target if it keeps growing at the achieved rate.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from chanye.lib.periods import Period

MET, ON_TRACK, BEHIND, AT_RISK = "达标", "正常", "滞后", "高风险"

STATUS_RULES = [
    (MET, "当前水平已达到目标值"),
    (ON_TRACK, "实际增速不低于达到目标所需的年均增速"),
    (BEHIND, "实际增速低于所需增速，但不低于其一半"),
    (AT_RISK, "实际增速不到所需增速的一半、为负、没有增速数据，或目标年份已到仍未达到"),
]


@dataclass(frozen=True)
class Figure:
    """One observation as the arithmetic needs it."""

    period: Period
    value: Decimal | None
    yoy_pct: Decimal | None = None


@dataclass
class Level:
    value: Decimal
    year: int
    basis: str
    estimated: bool = False


@dataclass
class Progress:
    target: Decimal
    target_year: int
    level: Level | None
    growth_pct: Decimal | None
    growth_basis: str
    needed_pct: Decimal | None
    projected_year: int | None
    status: str
    reasons: list[str]

    @property
    def progress_pct(self) -> Decimal | None:
        if self.level is None or not self.target:
            return None
        return (self.level.value / self.target * 100).quantize(Decimal("0.1"))


def level_of(figures: list[Figure], flow: bool) -> Level | None:
    valued = [f for f in figures if f.value is not None]
    if not valued:
        return None
    if not flow:
        latest = max(valued, key=lambda f: f.period.end_date)
        return Level(latest.value, latest.period.year, f"{latest.period.label}时点数")
    years = [f for f in valued if f.period.kind == "year"]
    ytd = [f for f in valued if f.period.kind == "ytd" or (f.period.kind == "month" and f.period.start == 1)]
    latest_year = max(years, key=lambda f: f.period.year, default=None)
    latest_ytd = max(ytd, key=lambda f: f.period.end_date, default=None)
    if latest_ytd and (latest_year is None or latest_ytd.period.year > latest_year.period.year):
        months = latest_ytd.period.months
        estimate = (latest_ytd.value * 12 / months).quantize(Decimal("1"))
        return Level(estimate, latest_ytd.period.year, f"按{latest_ytd.period.label}累计折算全年（×12/{months}）", True)
    if latest_year:
        return Level(latest_year.value, latest_year.period.year, f"{latest_year.period.label}全年")
    return None


def growth_of(figures: list[Figure]) -> tuple[Decimal | None, str]:
    """The latest stated 同比, else one computed from the same period a year earlier."""
    by_period = {f.period: f for f in figures}
    for figure in sorted(figures, key=lambda f: f.period.end_date, reverse=True):
        if figure.yoy_pct is not None:
            return figure.yoy_pct, f"{figure.period.label}同比（报告值）"
        previous = by_period.get(figure.period.previous_year())
        if previous and previous.value and figure.value is not None:
            pct = ((figure.value - previous.value) / previous.value * 100).quantize(Decimal("0.01"))
            return pct, f"{figure.period.label}同比（按上年同期计算）"
    return None, "没有增速数据"


def progress(target: Decimal, target_year: int, figures: list[Figure], flow: bool) -> Progress:
    level = level_of(figures, flow)
    growth, growth_basis = growth_of(figures)
    result = Progress(target, target_year, level, growth, growth_basis, None, None, AT_RISK, [])
    if level is None:
        result.reasons.append("没有可比的当前水平")
        return result
    if level.value >= target:
        result.status = MET
        result.reasons.append(f"当前{level.value}已达到目标{target}")
        return result
    years_left = target_year - level.year
    if years_left <= 0:
        result.reasons.append(f"目标年份{target_year}年已到，仍未达到")
        return result
    if level.value <= 0:
        result.reasons.append("当前水平不为正，无法计算所需增速")
        return result
    needed = (float(target) / float(level.value)) ** (1 / years_left) - 1
    result.needed_pct = Decimal(str(round(needed * 100, 2)))
    if growth is not None and growth > 0:
        rate = float(growth) / 100
        result.projected_year = level.year + math.ceil(
            math.log(float(target) / float(level.value)) / math.log(1 + rate)
        )
    result.status, reason = _status(growth, result.needed_pct)
    result.reasons.append(reason)
    return result


def _status(growth: Decimal | None, needed: Decimal) -> tuple[str, str]:
    if growth is None:
        return AT_RISK, f"没有增速数据；所需年均增速{needed}%"
    if growth >= needed:
        return ON_TRACK, f"实际增速{growth}% ≥ 所需{needed}%"
    if growth >= needed / 2 and growth > 0:
        return BEHIND, f"实际增速{growth}% 低于所需{needed}%，但不低于其一半"
    return AT_RISK, f"实际增速{growth}% 不到所需{needed}%的一半"


def trajectory(progress_: Progress) -> dict[str, list]:
    """Yearly points for the chart: the path the target needs and the path the achieved growth gives."""
    if progress_.level is None or progress_.needed_pct is None:
        return {"years": [], "needed": [], "projected": []}
    years = list(range(progress_.level.year, progress_.target_year + 1))
    start = float(progress_.level.value)
    needed = [round(start * (1 + float(progress_.needed_pct) / 100) ** i, 2) for i in range(len(years))]
    rate = float(progress_.growth_pct or 0) / 100
    projected = [round(start * (1 + rate) ** i, 2) for i in range(len(years))]
    return {"years": years, "needed": needed, "projected": projected}
