"""Relative time against the publication date, and a period carried through a paragraph."""

import datetime
from decimal import Decimal

import pytest

from chanye.extraction.engine.timeexpr import find_targets, find_times
from chanye.lib.periods import Period

from ._helpers import DECEMBER, facts, one

JANUARY = datetime.date(2024, 1, 23)


def only(text, published=DECEMBER):
    refs = find_times(text, published)
    assert len(refs) == 1, refs
    return refs[0]


@pytest.mark.parametrize(
    ("text", "kind", "period"),
    [
        ("今年1-10月", "period", Period.ytd(2023, 10)),
        ("1-10月", "period", Period.ytd(2023, 10)),
        ("1至10月", "period", Period.ytd(2023, 10)),
        ("前三季度", "period", Period.ytd(2023, 9)),
        ("今年前三季度", "period", Period.ytd(2023, 9)),
        ("今年前三个季度", "period", Period.ytd(2023, 9)),  # dev y19, 2015: 今年前三个季度,该开发区新引进项目50个
        ("前两个季度", "period", Period.ytd(2023, 6)),
        ("上半年", "period", Period.ytd(2023, 6)),
        ("首季度", "period", Period.ytd(2023, 3)),
        ("一季度", "period", Period.ytd(2023, 3)),
        ("三季度", "period", Period(2023, 7, 9)),
        ("前10个月", "period", Period.ytd(2023, 10)),
        ("10月份", "period", Period.month(2023, 10)),
        ("截至11月底", "point", Period.point(datetime.date(2023, 11, 30))),
        ("去年底", "point", Period.point(datetime.date(2022, 12, 31))),
        ("去年", "period", Period.whole_year(2022)),
        ("2022年", "period", Period.whole_year(2022)),
        ("二〇二二年", "period", Period.whole_year(2022)),
        ("12月13日", "point", Period.point(datetime.date(2023, 12, 13))),
    ],
)
def test_relative_time_is_resolved_against_the_publication_date(text, kind, period):
    ref = only(text)
    assert (ref.kind, ref.period) == (kind, period)


def test_this_year_before_it_is_over_is_an_open_span():
    assert only("今年").kind == "open"
    assert only("今年以来").kind == "open"
    assert only("今年全年").kind == "future"  # its end is named and had not come
    assert only("12月").kind == "period" and only("12月").period == Period.month(2022, 12)
    assert only("今年12月").kind == "open"  # the month of publication
    assert only("2023年", JANUARY).kind == "period"  # read in January 2024, 2023 is a finished year


def test_a_month_without_a_year_is_the_latest_one_that_had_ended():
    assert only("1-11月", JANUARY).period == Period.ytd(2023, 11)
    assert only("1-12月", DECEMBER).period == Period.ytd(2022, 12)  # December 2023 not over on the 25th
    assert only("12月13日", datetime.date(2023, 12, 1)).period == Period.point(datetime.date(2022, 12, 13))


def test_a_month_takes_the_year_last_named_in_the_paragraph():
    refs = find_times("2022年，全区营收100亿元；1-10月，营收92亿元", DECEMBER)
    assert [r.period for r in refs] == [Period.whole_year(2022), Period.ytd(2022, 10)]


def test_now_and_vague_words():
    assert only("截至目前").kind == "now" and only("截至目前").period == Period.point(DECEMBER)
    assert only("当前").kind == "now"
    assert only("近年来").kind == "vague"
    assert only("从2016年起").kind == "vague"
    assert only("2016年以来").kind == "vague"


def test_the_base_of_a_comparison_is_not_a_period():
    assert only("较上半年").kind == "compare"
    assert only("比去年").kind == "compare"
    assert find_times("去年同期", DECEMBER)[0].kind == "compare"


def test_targets_need_a_future_year_or_a_word_of_intent():
    assert [t.year for t in find_targets("预计到2025年，营收突破100亿元；2035年达1000亿元", DECEMBER)] == [2025, 2035]
    assert [t.year for t in find_targets("力争到“十四五”末", DECEMBER)] == [2025]
    assert [t.year for t in find_targets("力争今年营收突破60亿元", DECEMBER)] == [2023]
    assert find_targets("2023年，营收100亿元；明年年初新厂房建成", DECEMBER) == []


# -- in extract() ---------------------------------------------------------------------------------


def test_stock_at_a_date_and_flow_year_to_date():
    stock = one("截至11月底，全区集聚大数据智能化企业450多家。")
    assert (stock.period_start, stock.period_end, stock.value, stock.qualifier) == ("2023-11", "2023-11", 450, "多")
    flow = one("截至11月底，全区新材料产业实现营收59亿元。")  # a flow 截至N月底 is the year to date
    assert (flow.period_start, flow.period_end) == ("2023-01", "2023-11")


def test_last_year_end_is_the_december_point_for_a_stock_and_the_whole_year_for_a_flow():
    stock = one("去年底，全区共有新材料企业300家。")
    assert (stock.period_start, stock.period_end) == ("2022-12", "2022-12")
    flow = one("去年底新材料产业营收实现137.6亿元。")
    assert (flow.period_start, flow.period_end) == ("2022-01", "2022-12")


def test_a_stock_given_for_a_span_is_at_its_end():
    stock = one("今年1-10月，新材料产业集聚企业120家。")
    assert (stock.period_start, stock.period_end) == ("2023-10", "2023-10")


def test_a_period_is_carried_to_the_figures_that_follow_it_in_the_paragraph():
    found = facts(
        "今年1-10月，全区大数据智能化产业实现营收92.2亿元，同比增长1.89%。新材料产业实现营收59亿元，同比增长6.1%。"
        "\n新材料产业实现产值53亿元。"
    )
    assert [(f.subject, f.value, f.period_start, f.period_end) for f in found] == [
        ("大数据智能化", 9220000000, "2023-01", "2023-10"),
        ("新材料", 5900000000, "2023-01", "2023-10"),
    ]
    assert found[1].confidence < found[0].confidence  # carried from the sentence before
    # the next paragraph starts afresh: a flow without any period is not read


def test_an_unfinished_whole_year_does_not_replace_the_period_said_before_it():
    fact = one("今年1-11月，全区新材料产业全年实现营收59亿元，同比上升6.1%。")
    assert (fact.period_start, fact.period_end, fact.yoy_pct) == ("2023-01", "2023-11", Decimal("6.1"))


def test_this_year_in_january_and_a_finished_year():
    fact = one("2023年，三峰环境企业垃圾处理量同比增长10.01%。", JANUARY)
    assert (fact.period_start, fact.period_end, fact.value, fact.yoy_pct) == (
        "2023-01",
        "2023-12",
        None,
        Decimal("10.01"),
    )
    assert facts("今年1-11月，新材料产业实现营收59亿元。", JANUARY) == []  # 2024's Jan-Nov had not happened


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("前三季度，新材料产业实现产值40亿元。", ("2023-01", "2023-09")),
        ("上半年，新材料产业实现产值30亿元。", ("2023-01", "2023-06")),
        ("首季度，新材料产业实现产值10亿元。", ("2023-01", "2023-03")),
        ("1-10月，新材料产业实现产值50亿元。", ("2023-01", "2023-10")),
        ("10月，新材料产业实现产值5亿元。", ("2023-10", "2023-10")),
    ],
)
def test_named_spans(text, period):
    fact = one(text)
    assert (fact.period_start, fact.period_end) == period


def test_a_figure_said_as_now_is_at_the_publication_month_with_less_confidence():
    fact = one("目前，全区生态环保企业达200多家。")
    assert (fact.period_start, fact.period_end) == ("2023-12", "2023-12") and fact.confidence < 0.8


def test_now_is_never_dated_after_the_publication_date():
    """当前 in an article of 2024-01-23 is the level on 2024-01-23 (issue 17: it was dated 2024-01-31)."""
    published = datetime.date(2024, 1, 23)
    fact = one("当前，大渡口区已集聚大数据智能化企业450多家。", published)
    assert fact.period == Period.point(published)
    assert fact.period.end_date <= published and fact.month_span() == ("2024-01", "2024-01")
    flow = one("目前，新材料产业实现营收5亿元。", published)  # the month of publication, up to that day
    assert flow.period == Period.point(published)
    on_the_last_day = one("目前，全区生态环保企业达200多家。", datetime.date(2023, 12, 31))
    assert on_the_last_day.period == Period.point(datetime.date(2023, 12, 31))


def test_a_flow_without_any_period_is_not_read():
    assert facts("新材料产业实现营收59亿元。") == []


@pytest.mark.parametrize("heading", ["目标", "新材料规划", "标题"])
def test_a_target_year_never_reaches_back_across_a_paragraph(heading):
    text = f"{heading}\n\n预计到2027年，全区新材料产业营收将突破150亿元。"
    assert [(t.start, t.year) for t in find_targets(text, JANUARY)] == [(len(heading) + 2, 2027)]
    target = one(text, JANUARY, kind="target")
    assert (target.value, target.target_year) == (Decimal("15000000000"), 2027)
