import datetime
from decimal import Decimal

import pytest

from chanye.lib.periods import Period, PeriodError, cumulate, growth_disagrees, single_months, yoy_pct

D = Decimal


# -- kinds, spans and dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "kind", "months"),
    [
        (Period(2023, 10, 10), "month", 1),
        (Period(2023, 1, 1), "month", 1),
        (Period(2023, 1, 2), "ytd", 2),
        (Period(2023, 1, 3), "ytd", 3),  # 一季度 is the same months as 1-3月
        (Period(2023, 1, 10), "ytd", 10),
        (Period(2023, 1, 12), "year", 12),
        (Period(2023, 4, 6), "quarter", 3),
        (Period(2023, 7, 9), "quarter", 3),
        (Period(2023, 10, 12), "quarter", 3),
        (Period(2023, 7, 12), "half", 6),
        (Period(2023, 11, 11, 30), "point", 1),
    ],
)
def test_kind_and_months_follow_from_the_span(period, kind, months):
    assert period.kind == kind
    assert period.months == months


@pytest.mark.parametrize(("start", "end"), [(3, 5), (2, 4), (5, 12), (2, 12), (4, 9), (1, 0), (0, 3), (1, 13), (6, 4)])
def test_spans_the_statistics_office_does_not_publish_are_refused(start, end):
    with pytest.raises(PeriodError):
        Period(2023, start, end)


def test_the_refusal_of_a_span_says_what_is_allowed():
    with pytest.raises(PeriodError, match="3-5月不是规范的统计期.*季度"):
        Period(2023, 3, 5)


def test_months_outside_the_year_are_named():
    with pytest.raises(PeriodError, match="月份应在1-12之间，实际为13"):
        Period(2023, 13, 13)


def test_end_before_start_is_named():
    with pytest.raises(PeriodError, match="结束月份（4月）早于起始月份（6月）"):
        Period(2023, 6, 4)


@pytest.mark.parametrize(
    ("year", "month", "day", "reason"),
    [(2023, 2, 29, "2023年2月没有29日"), (2023, 4, 31, "2023年4月没有31日"), (2023, 11, 0, "2023年11月没有0日")],
)
def test_a_day_that_does_not_exist_is_refused(year, month, day, reason):
    with pytest.raises(PeriodError, match=reason):
        Period(year, month, month, day)


def test_a_point_must_lie_in_one_month():
    with pytest.raises(PeriodError, match="时点只能落在一个月内"):
        Period(2023, 1, 10, 31)


def test_non_integer_fields_are_refused():
    with pytest.raises(PeriodError, match="应为整数"):
        Period("2023", 1, 10)


def test_period_error_is_a_value_error():
    assert issubclass(PeriodError, ValueError)


def test_periods_are_values_usable_as_dictionary_keys():
    figures = {Period(2023, 1, 3): "一季度"}
    assert figures[Period.ytd(2023, 3)] == "一季度"
    assert Period(2023, 1, 3) == Period.parse("2023年1-3月") == Period.parse("2023年一季度")
    assert Period(2023, 11, 11) != Period(2023, 11, 11, 30)  # a month is not a date in it


def test_periods_of_the_same_kind_sort_by_time():
    months = [Period.month(2023, 3), Period.month(2022, 12), Period.month(2023, 1)]
    assert sorted(months) == [Period.month(2022, 12), Period.month(2023, 1), Period.month(2023, 3)]


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period(2023, 1, 10), datetime.date(2023, 1, 1), datetime.date(2023, 10, 31)),
        (Period(2023, 1, 2), datetime.date(2023, 1, 1), datetime.date(2023, 2, 28)),
        (Period(2023, 4, 6), datetime.date(2023, 4, 1), datetime.date(2023, 6, 30)),
        (Period(2023, 10, 12), datetime.date(2023, 10, 1), datetime.date(2023, 12, 31)),  # Q4 ends the year
        (Period(2023, 7, 12), datetime.date(2023, 7, 1), datetime.date(2023, 12, 31)),
        (Period(2023, 1, 12), datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)),
        (Period(2023, 9, 9), datetime.date(2023, 9, 1), datetime.date(2023, 9, 30)),
        (Period(2023, 11, 11, 30), datetime.date(2023, 11, 30), datetime.date(2023, 11, 30)),
    ],
)
def test_start_and_end_dates(period, start, end):
    assert (period.start_date, period.end_date) == (start, end)


def test_february_ends_on_the_29th_in_a_leap_year():
    assert Period.month(2024, 2).end_date == datetime.date(2024, 2, 29)
    assert Period.ytd(2024, 2).end_date == datetime.date(2024, 2, 29)
    assert Period.month(2100, 2).end_date == datetime.date(2100, 2, 28)  # centuries are not leap years
    assert Period.month(2000, 2).end_date == datetime.date(2000, 2, 29)  # unless divisible by 400


# -- labels -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(2023, 1, 10), "2023年1-10月"),
        (Period(2023, 10, 10), "2023年10月"),
        (Period(2023, 1, 1), "2023年1月"),
        (Period(2023, 1, 2), "2023年1-2月"),
        (Period(2023, 1, 3), "2023年一季度"),
        (Period(2023, 1, 6), "2023年上半年"),
        (Period(2023, 1, 9), "2023年前三季度"),
        (Period(2023, 1, 11), "2023年1-11月"),
        (Period(2023, 1, 12), "2023年"),
        (Period(2023, 4, 6), "2023年第二季度"),
        (Period(2023, 7, 9), "2023年第三季度"),
        (Period(2023, 10, 12), "2023年第四季度"),
        (Period(2023, 7, 12), "2023年下半年"),
        (Period(2023, 11, 11, 30), "2023年11月30日"),
    ],
)
def test_labels_are_written_as_the_statistics_office_writes_them(period, label):
    assert period.label == label


def test_every_label_parses_back_to_its_period():
    periods = [Period(2023, 1, end) for end in range(1, 13)] + [Period.month(2023, m) for m in range(1, 13)]
    periods += [Period(2023, 4, 6), Period(2023, 7, 9), Period(2023, 10, 12), Period(2023, 7, 12)]
    periods += [Period.point(datetime.date(2024, 2, 29)), Period.point(datetime.date(2023, 12, 31))]
    for period in periods:
        assert Period.parse(period.label) == period, period.label


# -- constructors and the year before -----------------------------------------------------------


def test_small_constructors():
    assert Period.month(2023, 10) == Period(2023, 10, 10)
    assert Period.ytd(2023, 10) == Period(2023, 1, 10)
    assert Period.whole_year(2023) == Period(2023, 1, 12)
    assert Period.point(datetime.date(2023, 11, 30)) == Period(2023, 11, 11, 30)


@pytest.mark.parametrize(
    ("period", "before"),
    [
        (Period(2023, 1, 10), Period(2022, 1, 10)),
        (Period(2023, 1, 3), Period(2022, 1, 3)),  # Q1 a year back is still Q1
        (Period(2023, 10, 12), Period(2022, 10, 12)),
        (Period(2023, 1, 12), Period(2022, 1, 12)),
        (Period(2025, 1, 2), Period(2024, 1, 2)),
        (Period(2023, 11, 11, 30), Period(2022, 11, 11, 30)),
        (Period(2024, 2, 2, 29), Period(2023, 2, 2, 28)),  # no 29 February in 2023
        (Period(2024, 2, 2, 28), Period(2023, 2, 2, 28)),
    ],
)
def test_previous_year_is_the_same_span_a_year_earlier(period, before):
    assert period.previous_year() == before


def test_previous_year_of_a_leap_day_ends_on_the_28th():
    before = Period.point(datetime.date(2024, 2, 29)).previous_year()
    assert before.end_date == datetime.date(2023, 2, 28)
    assert before.kind == "point"


def test_previous_year_of_leap_january_february_ends_on_the_28th():
    assert Period.ytd(2024, 2).previous_year().end_date == datetime.date(2023, 2, 28)


# -- parsing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2023年1-10月", Period(2023, 1, 10)),
        ("2023年1—10月", Period(2023, 1, 10)),
        ("2023年1–10月", Period(2023, 1, 10)),
        ("2023年1~10月", Period(2023, 1, 10)),
        ("2023年1至10月", Period(2023, 1, 10)),
        ("2023年1到10月", Period(2023, 1, 10)),
        ("2023年1月-10月", Period(2023, 1, 10)),
        ("2023年1——10月", Period(2023, 1, 10)),
        ("２０２３年１－１０月", Period(2023, 1, 10)),
        ("２０２３年１～１０月", Period(2023, 1, 10)),
        (" 2023 年 1 - 10 月 ", Period(2023, 1, 10)),
        ("2023年1-10月累计", Period(2023, 1, 10)),
        ("2023年一至十月", Period(2023, 1, 10)),
        ("2023年10月", Period(2023, 10, 10)),
        ("2023年10月份", Period(2023, 10, 10)),
        ("2023年十月", Period(2023, 10, 10)),
        ("2023年十二月", Period(2023, 12, 12)),
        ("2023年1月", Period(2023, 1, 1)),
        ("二〇二三年十一月", Period(2023, 11, 11)),
        ("2023-10", Period(2023, 10, 10)),
        ("2023.10", Period(2023, 10, 10)),
        ("2023/10", Period(2023, 10, 10)),
        ("2023-3", Period(2023, 3, 3)),
        ("2023年前三季度", Period(2023, 1, 9)),
        ("2023年上半年", Period(2023, 1, 6)),
        ("2023上半年", Period(2023, 1, 6)),
        ("2023年下半年", Period(2023, 7, 12)),
        ("2023年全年", Period(2023, 1, 12)),
        ("2023年度", Period(2023, 1, 12)),
        ("2023年", Period(2023, 1, 12)),
        ("2023", Period(2023, 1, 12)),
        ("2023年1-12月", Period(2023, 1, 12)),
        ("2023年一季度", Period(2023, 1, 3)),
        ("2023年首季度", Period(2023, 1, 3)),
        ("2023年第一季度", Period(2023, 1, 3)),
        ("2023年第2季度", Period(2023, 4, 6)),
        ("2023年二季度", Period(2023, 4, 6)),
        ("2023年三季度", Period(2023, 7, 9)),  # one quarter, unlike 前三季度
        ("2023年第四季度", Period(2023, 10, 12)),
        ("2023Q3", Period(2023, 7, 9)),
        ("2023q4", Period(2023, 10, 12)),
        ("2023年Q1", Period(2023, 1, 3)),
        ("2023年1-2月", Period(2023, 1, 2)),
        ("2024年1-2月", Period(2024, 1, 2)),
        ("2023年11月底", Period(2023, 11, 11, 30)),
        ("2023年11月末", Period(2023, 11, 11, 30)),
        ("截至2023年11月底", Period(2023, 11, 11, 30)),
        ("截止2023年11月底", Period(2023, 11, 11, 30)),
        ("截至2023年11月30日", Period(2023, 11, 11, 30)),
        ("2024年2月底", Period(2024, 2, 2, 29)),
        ("2023年2月底", Period(2023, 2, 2, 28)),
        ("2023年末", Period(2023, 12, 12, 31)),
        ("2023年底", Period(2023, 12, 12, 31)),
        ("截至2023年底", Period(2023, 12, 12, 31)),
        ("2023-11-30", Period(2023, 11, 11, 30)),
        ("2023/11/30", Period(2023, 11, 11, 30)),
        ("2023年11月30日", Period(2023, 11, 11, 30)),
        ("2024-02-29", Period(2024, 2, 2, 29)),
    ],
)
def test_parse(text, period):
    assert Period.parse(text) == period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("1-10月", Period(2023, 1, 10)),
        ("1—10月", Period(2023, 1, 10)),
        ("10月", Period(2023, 10, 10)),
        ("前三季度", Period(2023, 1, 9)),
        ("上半年", Period(2023, 1, 6)),
        ("一季度", Period(2023, 1, 3)),
        ("Q2", Period(2023, 4, 6)),
        ("全年", Period(2023, 1, 12)),
        ("截至11月底", Period(2023, 11, 11, 30)),
        ("11月30日", Period(2023, 11, 11, 30)),
        ("年末", Period(2023, 12, 12, 31)),
    ],
)
def test_parse_without_a_year_takes_the_default_year(text, period):
    assert Period.parse(text, default_year=2023) == period


def test_a_stated_year_wins_over_the_default_year():
    assert Period.parse("2022年1-10月", default_year=2023) == Period(2022, 1, 10)


@pytest.mark.parametrize("text", ["1-10月", "前三季度", "截至11月底", "10月", "全年"])
def test_parse_without_any_year_says_the_year_is_missing(text):
    with pytest.raises(PeriodError, match=f"“{text}”缺少年份"):
        Period.parse(text)


def test_parse_refuses_a_span_that_is_not_published_and_quotes_the_text():
    with pytest.raises(PeriodError, match="“2023年3-5月”：3-5月不是规范的统计期"):
        Period.parse("2023年3-5月")


@pytest.mark.parametrize(
    "text", ["", "   ", "去年", "2023年春季", "abc", "10", "2023年1-10", "202310", "2023年1-10月份份"]
)
def test_parse_refuses_garbage_and_quotes_it(text):
    with pytest.raises(PeriodError, match=f"无法识别的统计期：“{text}”"):
        Period.parse(text, default_year=2023)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023年13月", "月份应在1-12之间，实际为13"),
        ("2023年0月", "月份应在1-12之间，实际为0"),
        ("2023-13", "月份应在1-12之间"),
        ("2023年13月底", "月份应在1-12之间"),
        ("2023年第5季度", "季度应为1-4，实际为5"),
        ("2023Q0", "季度应为1-4，实际为0"),
        ("2023年2月29日", "2023年2月没有29日"),
        ("2023-04-31", "2023年4月没有31日"),
        ("2023年10-1月", "结束月份（1月）早于起始月份（10月）"),
    ],
)
def test_parse_names_what_is_wrong(text, reason):
    with pytest.raises(PeriodError, match=f"“{text}”：{reason}"):
        Period.parse(text)


def test_as_at_with_a_span_is_ambiguous_and_refused():
    # 截至10月 may mean the level at the end of October or the total of 1-10月.
    with pytest.raises(PeriodError, match="含“截至”却不是时点"):
        Period.parse("截至2023年10月")


def test_cumulative_with_a_single_later_month_is_refused():
    with pytest.raises(PeriodError, match="“累计”只能用于从1月起的期间"):
        Period.parse("2023年10月累计")


# -- single months and cumulative values --------------------------------------------------------


def test_single_months_from_year_to_date_values():
    assert single_months({2: D(10), 3: D(16), 4: D(22)}) == {(1, 2): D(10), (3, 3): D(6), (4, 4): D(6)}


def test_january_and_february_reported_together_stay_one_block():
    steps = single_months({2: D("8.5"), 3: D("13.0")})
    assert list(steps) == [(1, 2), (3, 3)]
    assert steps[(1, 2)] == D("8.5")


def test_january_alone_is_its_own_step():
    assert single_months({1: D(4), 2: D(10)}) == {(1, 1): D(4), (2, 2): D(6)}


def test_a_missing_month_gives_a_two_month_block():
    assert single_months({4: D(22), 6: D(40), 7: D(47)}) == {(1, 4): D(22), (5, 6): D(18), (7, 7): D(7)}


def test_single_months_does_not_care_about_key_order():
    assert list(single_months({6: D(40), 2: D(10)})) == [(1, 2), (3, 6)]


def test_single_months_of_nothing_is_nothing():
    assert single_months({}) == {} and cumulate({}) == {}


def test_single_months_refuses_a_month_outside_the_year():
    with pytest.raises(PeriodError, match="实际为13"):
        single_months({13: D(1)})


def test_cumulate_sums_contiguous_blocks_from_january():
    assert cumulate({(1, 2): D(10), (3, 3): D(6), (4, 4): D(6)}) == {2: D(10), 3: D(16), 4: D(22)}


def test_cumulate_stops_at_the_first_gap():
    # April is missing: May and June are no longer year-to-date values.
    assert cumulate({(1, 2): D(10), (3, 3): D(6), (5, 5): D(7), (6, 6): D(8)}) == {2: D(10), 3: D(16)}


def test_cumulate_without_january_gives_nothing():
    assert cumulate({(3, 3): D(6), (4, 4): D(6)}) == {}


def test_cumulate_refuses_overlapping_blocks():
    with pytest.raises(PeriodError, match="重叠"):
        cumulate({(1, 2): D(10), (2, 3): D(6)})


@pytest.mark.parametrize(
    "cumulative",
    [
        {2: D(10), 3: D(16), 4: D(22)},
        {1: D("3.1"), 2: D("7.25"), 3: D("12")},
        {2: D(10), 3: D(16), 5: D(30), 6: D(36), 12: D(80)},  # 4, 7-11 missing
        {12: D(100)},
        {m: D(m * 7) for m in range(1, 13)},
        {2: D(10), 3: D(9)},  # a revision can make a step negative; it still round-trips
    ],
)
def test_single_months_and_cumulate_round_trip(cumulative):
    assert cumulate(single_months(cumulative)) == cumulative


def test_steps_round_trip_through_cumulative_values():
    steps = {(1, 2): D(10), (3, 3): D(6), (4, 5): D(13), (6, 6): D(7)}
    assert single_months(cumulate(steps)) == steps


# -- year-on-year growth ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "previous", "pct"),
    [
        (D(110), D(100), D("10.00")),
        (D(90), D(100), D("-10.00")),
        (D(100), D(100), D("0.00")),
        (D(1), D(3), D("-66.67")),
        (D(2), D(3), D("-33.33")),
        (D("201.25"), D(200), D("0.63")),  # 0.625 rounds half up, not to even
        (D("198.75"), D(200), D("-0.63")),
        (D("100.0049"), D(100), D("0.00")),
        (D("9220000000"), D("8000000000"), D("15.25")),
        (D(0), D(100), D("-100.00")),
    ],
)
def test_yoy_pct(current, previous, pct):
    result = yoy_pct(current, previous)
    assert result == pct
    assert result.as_tuple().exponent == -2  # always two decimals, for display and storage


def test_yoy_pct_of_a_tiny_decline_is_not_negative_zero():
    assert str(yoy_pct(D("99.999"), D(100))) == "0.00"


@pytest.mark.parametrize(
    ("current", "previous"), [(None, D(100)), (D(100), None), (None, None), (D(100), D(0)), (D(100), D(-50))]
)
def test_yoy_pct_is_none_without_a_usable_base(current, previous):
    assert yoy_pct(current, previous) is None


@pytest.mark.parametrize(
    ("stated", "computed", "disagrees"),
    [
        (D("8.5"), D("8.5"), False),
        (D("8.5"), D("8.55"), False),  # exactly the tolerance is agreement
        (D("8.5"), D("8.56"), True),
        (D("8.5"), D("8.44"), True),
        (D("-3.2"), D("3.2"), True),
        (D("8.5"), None, False),
        (None, D("8.5"), False),
        (None, None, False),
    ],
)
def test_growth_disagrees(stated, computed, disagrees):
    assert growth_disagrees(stated, computed) is disagrees


def test_growth_disagrees_with_a_wider_tolerance():
    assert growth_disagrees(D("8.5"), D("8.9"), tolerance=D("0.5")) is False
    assert growth_disagrees(D("8.5"), D("9.1"), tolerance=D("0.5")) is True
