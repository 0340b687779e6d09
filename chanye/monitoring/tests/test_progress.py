"""Target arithmetic on plain figures (no database)."""

from decimal import Decimal as D

from chanye.lib.periods import Period
from chanye.monitoring import progress as p


def ytd(year, end, value, yoy=None):
    return p.Figure(Period.ytd(year, end), D(value), D(yoy) if yoy is not None else None)


def test_a_year_to_date_flow_is_scaled_to_a_full_year_estimate():
    level = p.level_of([ytd(2023, 10, "72.6", "5.5")], flow=True)
    assert (level.value, level.year, level.estimated) == (D("87"), 2023, True)  # 72.6 × 12 / 10 = 87.12
    assert level.basis == "按2023年1-10月累计折算全年（×12/10）"


def test_a_full_year_beats_an_older_year_to_date_and_a_newer_ytd_beats_the_year():
    full = p.Figure(Period.whole_year(2022), D("137.6"))
    assert p.level_of([full, ytd(2022, 10, "100")], flow=True).value == D("137.6")
    assert p.level_of([full, ytd(2023, 6, "80")], flow=True).value == D("160")


def test_a_stock_uses_its_latest_level():
    figures = [
        p.Figure(Period.point(Period.ytd(2023, 11).end_date), D("450")),
        p.Figure(Period.point(Period.ytd(2022, 12).end_date), D("400")),
    ]
    assert p.level_of(figures, flow=False).value == D("450")


def test_growth_is_computed_from_last_year_when_none_is_stated():
    growth, basis = p.growth_of([ytd(2023, 10, "110"), ytd(2022, 10, "100")])
    assert (growth, basis) == (D("10.00"), "2023年1-10月同比（按上年同期计算）")


def test_on_track_when_growth_covers_the_needed_rate():
    result = p.progress(D("100"), 2025, [ytd(2023, 12, "81", "12")], flow=True)
    assert result.needed_pct == D("11.11")  # (100/81)^(1/2) - 1
    assert (result.status, result.projected_year) == ("正常", 2025)


def test_behind_when_growth_is_at_least_half_the_needed_rate():
    result = p.progress(D("100"), 2025, [ytd(2023, 10, "72.6", "5.5")], flow=True)
    assert result.needed_pct == D("7.21")  # (100/87)^(1/2) - 1, level 87 from 1-10月
    assert result.status == "滞后"
    assert result.projected_year == 2023 + 3  # ln(100/87)/ln(1.055) = 2.6 → 3 years


def test_at_risk_without_growth_data_or_after_the_target_year():
    no_growth = p.progress(
        D("300"), 2025, [p.Figure(Period.point(Period.ytd(2023, 12).end_date), D("200"))], flow=False
    )
    assert (no_growth.status, no_growth.projected_year) == ("高风险", None)
    assert no_growth.reasons == ["没有增速数据；所需年均增速22.47%"]
    late = p.progress(D("300"), 2023, [ytd(2023, 12, "200", "50")], flow=True)
    assert late.status == "高风险" and late.reasons == ["目标年份2023年已到，仍未达到"]


def test_met_when_the_level_reaches_the_target():
    assert p.progress(D("50"), 2025, [ytd(2023, 12, "59")], flow=True).status == "达标"


def test_the_trajectory_runs_from_the_level_to_the_target_year():
    result = p.progress(D("121"), 2025, [ytd(2023, 12, "100", "5")], flow=True)
    path = p.trajectory(result)
    assert path["years"] == [2023, 2024, 2025]
    assert path["needed"] == [100.0, 110.0, 121.0]
    assert path["projected"] == [100.0, 105.0, 110.25]
