"""Numerals, units and qualifiers; what is not a figure; growth rates and what is not one."""

from decimal import Decimal

import pytest

from chanye.extraction.engine.amounts import find_amounts, find_growths, find_points

from ._helpers import facts, one


def amounts(text):
    return [(a.value, a.unit, a.qualifier) for a in find_amounts(text, find_points(text))]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("92.2亿元", Decimal("9220000000"), "元", ""),
        ("450多家", 450, "家", "多"),
        ("2万多家", 20000, "家", "多"),
        ("近60个", 60, "个", "近"),
        ("突破100亿元", Decimal("10000000000"), "元", "超"),
        ("超过500家", 500, "家", "超"),
        ("约2亿元", 200000000, "元", "约"),
        ("10亿元左右", 1000000000, "元", "约"),
        ("300余家", 300, "家", "余"),
        ("逾千亿元", 100000000000, "元", "超"),  # a round level; read as a figure only in a plan (test_open_subjects)
        ("千亿级", None, None, None),  # a class of size
        ("二十三个", 23, "个", ""),
        ("两万五千户", 25000, "户", ""),
        ("1,234.5万元", 12345000, "元", ""),
        ("2000万元", 20000000, "元", ""),
    ],
)
def test_amounts(text, value, unit, qualifier):
    found = amounts(text)
    assert found == ([] if value is None else [(Decimal(value), unit, qualifier)])


@pytest.mark.parametrize(
    "text",
    [
        "百亿级产业集群",
        "千亿级新材料产业",
        "一百亿级产业",
        "100亿元级项目",
        "第一家入驻企业",
        "是一家生产商",
        "提升7.2个百分点",
        "10-20亿元",
        "年处理能力50万吨/年",
        "不足100家",
        "5万人次",
    ],
)
def test_what_is_not_an_amount(text):
    assert amounts(text) == []


def test_a_class_of_size_is_never_a_figure_of_a_subject():
    assert facts("大渡口区正打造百亿级新材料产业集群，到2025年建成千亿级产业集群，三年内实现百亿级产值规模。") == []
    assert facts("今年以来，大渡口聚力发展大数据智能化、新材料等5个百亿级产业。") == []


def test_growth_rates():
    assert [(g.pct, g.yoy) for g in find_growths("同比增长1.89%，同比下降3.2%，增长5%，同比持平", [])] == [
        (Decimal("1.89"), True),
        (Decimal("-3.2"), True),
        (Decimal("5"), False),
        (Decimal(0), True),
    ]
    assert find_growths("环比增长3%，年均增长10%", []) == []
    # 分别: every rate, in order, for the reader to pair with the things listed
    [each] = find_growths("营收、产值分别增长5%、8%", [])
    assert each.each == (Decimal("5"), Decimal("8"))


def test_a_share_is_not_a_growth_rate():
    fact = one("今年1-10月，新材料产业营收20亿元，占比66%。")
    assert (fact.value, fact.yoy_pct) == (2000000000, None)


def test_percentage_points_are_not_a_growth_rate():
    fact = one("今年前三季度全区现代服务业增加值实现124.3亿元，同比增长7.3%，增速较上半年提升7.2个百分点。")
    assert (fact.indicator, fact.value, fact.yoy_pct) == ("value_added", Decimal("12430000000"), Decimal("7.3"))
    assert facts("今年1-10月，新材料产业营收增速较上半年提升7.2个百分点。") == []


def test_a_bare_percentage_is_nothing():
    assert facts("4号仓库影视产业园负责人说，整个项目建成才70%。") == []


def test_growth_without_a_statistical_period_is_not_year_on_year():
    assert facts("截至目前，三峰环境企业垃圾处理量增长10.01%，年发电量增长8.28%。") == []
    fact = one("上半年，新材料产业实现营收30亿元，增长12%。")
    assert fact.yoy_pct == 12 and fact.extra["growth_how"] == "未写“同比”" and fact.confidence < 0.8


def test_a_month_on_month_rate_is_not_year_on_year():
    assert one("10月，新材料产业实现产值5亿元，环比增长3%。").yoy_pct is None


def test_approximate_qualifiers_are_kept():
    found = facts("截至11月底，全区集聚新材料企业近60家，生态环保企业超过200家，重庆小面企业约80家。")
    assert [(f.subject, f.value, f.qualifier, f.approx) for f in found] == [
        ("新材料", 60, "近", True),
        ("生态环保", 200, "超", True),
        ("重庆小面", 80, "约", True),
    ]
    assert one("截至11月底，全区集聚新材料企业60家。").approx is False


def test_chinese_numerals_in_a_signing():
    signing = one(
        "今年以来，在招商引资项目集中签约仪式上，共签约二十三个项目，计划总投资一百零七亿元。", kind="signing"
    )
    assert (signing.projects, signing.value) == (23, Decimal("10700000000"))


def test_the_growth_can_come_before_the_value():
    fact = one("1-11月，生态环保产业营收同比增长5.5%，达到72.6亿元。")
    assert (fact.value, fact.yoy_pct) == (Decimal("7260000000"), Decimal("5.5"))


def test_forecasts_are_not_figures():
    assert facts("明年年初新厂房建成投用后，将实现日体外诊断试剂产品10万人份，实现年产值近2亿元。") == []
