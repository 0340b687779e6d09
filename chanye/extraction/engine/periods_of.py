"""The period of a figure: the time in force where it stands, read for a flow or a stock."""

from chanye.lib.periods import Period

from .context import EARLIER, SAME_PERIOD, TimePoint
from .timeexpr import UNDATED

NEEDS_DATE = "须补发布日期"


def level_at(period: Period, published=None) -> Period:
    """A level (stock) is stated for the end of the month its time names: 截至11月底, 目前, 12月13日 —
    but never after the publication date: 当前 in an article of 2024-01-23 is the level on 2024-01-23,
    not on 2024-01-31 (a point in the same month, so the month the figure is read for does not change)."""
    level = Period.month_end(period.year, period.end)
    if published is not None and level.end_date > published:
        return Period.point(published)
    return level


def period_for(
    point: TimePoint | None, kind: str, sentence_index: int, published
) -> tuple[Period | None, int | None, float, str] | None:
    """(period, open year, confidence factor, how) for an indicator of kind flow/stock, or None: no usable
    period. The open year is set, and the period None, for a span from January whose end is not said;
    both are None, with `how` ending in NEEDS_DATE, when the period depends on a date the text lacks."""
    if published is None:
        if point is None:
            return (None, None, 0.65, f"未写时间 → {NEEDS_DATE}") if kind == "stock" else None
        if point.ref.kind == UNDATED or (point.ref.kind == "vague" and kind == "stock"):
            return None, None, 0.9, f"“{point.ref.text}” → {NEEDS_DATE}"
    now = level_at(Period.point(published), published) if published is not None else None
    if point is None:
        return (now, None, 0.65, "no time named: publication date") if kind == "stock" else None
    ref = point.ref
    if point.carried == EARLIER:
        if kind == "stock":
            return period_for(None, kind, sentence_index, published)
        carried, how = 0.75, f"“{ref.text}”（前段，全文唯一时期）"
    elif point.carried == SAME_PERIOD:
        carried, how = 0.85, f"“{ref.text}”（同期，前段）"
    else:
        carried = 0.9 if point.sentence < sentence_index else 1.0
        how = f"“{ref.text}”" + ("（前句）" if carried < 1 else "")
    if ref.kind == "period":
        if kind == "stock":
            return level_at(ref.period, published), None, 0.95 * carried, how + " → 期末时点"
        return ref.period, None, carried, how
    if ref.kind == "point":
        if kind == "stock":
            return level_at(ref.period, published), None, carried, how
        if ref.month_end and ref.as_at:  # 截至11月底营收 = 1-11月; 去年底营收 = 去年全年
            year, end = ref.period.year, ref.period.end
            ytd = Period.ytd(year, end) if end > 1 else Period.month(year, 1)
            return ytd, None, 0.95 * carried, how + " → 年初至该月累计"
        return None
    if ref.kind == "now":
        if kind == "flow" and ref.as_at:  # 截至目前新签约项目30个: the year's so far, to the month of publication
            month = published.month
            so_far = Period.ytd(published.year, month) if month > 1 else Period.month(published.year, 1)
            return so_far, None, 0.8 * carried, how + " → 年初至刊发月累计"
        return (
            # A flow said as 目前 (目前产值已达到2000万元) is read, like the demo data reads it, for the month
            # of publication, up to the publication day: never a day the article had not seen.
            now,
            None,
            (0.8 if kind == "stock" else 0.5) * carried,
            how + " → 刊发时点",
        )
    if ref.kind == "open":
        if kind == "stock":
            return now, None, 0.6 * carried, how + " → 刊发时点"
        return None, ref.period.year, 0.35 * carried, how + " → 止期未写明"
    if ref.kind == "vague":
        return (now, None, 0.65 * carried, how + " → 刊发时点") if kind == "stock" else None
    return None  # future
