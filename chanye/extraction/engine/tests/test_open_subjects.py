"""Open subjects on real sentences: a region's industry, an enterprise and a park that the platform does
not know, read from published articles (short quotes; each test names its source)."""

import datetime
from decimal import Decimal

from chanye.extraction.engine import Subjects, extract
from chanye.lib.periods import Period

NOBODY = Subjects(clusters={}, enterprises={}, parks={}, district="大渡口区")


def read(text: str, published: datetime.date):
    return [f for f in extract(text, published, NOBODY) if f.kind == "metric"]


def test_a_regions_industry():
    # 荣昌区 招商推介 (2019), eval/extraction/dev/a08.txt: a peer district's industry, named by its short name
    first, second = read(
        "2018年荣昌电子信息产业总产值58.18亿元,2019年一季度电子信息产业总产值达17.55亿元,同比增长21.6%。",
        datetime.date(2019, 4, 20),
    )
    assert (first.region.name, first.region.code, first.industry) == ("荣昌区", "500153", "电子信息产业")
    assert first.industry_code == "39" and not first.resolved and first.entity is None
    assert (first.indicator, first.value, first.period) == ("output", Decimal("5818000000"), Period.whole_year(2018))
    # the second clause goes on with the same region and industry
    assert (second.region.name, second.industry, second.value, second.yoy_pct) == (
        "荣昌区",
        "电子信息产业",
        Decimal("1755000000"),
        Decimal("21.6"),
    )
    assert second.period == Period(year=2019, start=1, end=3)


def test_an_enterprise_named_before_the_time_of_its_figure():
    # 2023重庆企业100强 (重庆发布, 2023-09-26), https://freewechat.com/a/MzA4MzA0MTA4NA==/2658679976/1
    fact = read("龙湖集团以2022年营业收入2505亿元,夺得2023重庆服务业企业100强第一名。", datetime.date(2023, 9, 26))[0]
    assert (fact.entity, fact.entity_kind, fact.subject) == ("龙湖集团", "enterprise", "龙湖集团")
    assert (fact.indicator, fact.value, fact.period) == ("revenue", Decimal("250500000000"), Period.whole_year(2022))
    assert not fact.resolved


def test_a_park_with_its_place_in_its_name():
    # 永川区 北京推介会 (2019-10-28), eval/extraction/dev/a07.txt
    count, output = read(
        "目前永川区大数据产业园已引进企业315家,2018年产值达108亿元,已成为重庆市单体规模最大的大数据产业园。",
        datetime.date(2019, 10, 28),
    )
    assert (count.entity, count.entity_kind, count.region.name) == ("永川区大数据产业园", "park", "永川区")
    assert (count.indicator, count.value, count.period.end_date) == (
        "enterprises",
        Decimal("315"),
        datetime.date(2019, 10, 28),  # 目前 is the publication date, not the end of its month
    )
    assert (output.entity, output.indicator, output.value, output.period) == (
        "永川区大数据产业园",
        "output",
        Decimal("10800000000"),
        Period.whole_year(2018),
    )


def test_a_region_as_a_whole_is_resolved_by_itself():
    # 江津日报 2023-10-30, http://epaper.cqjjnet.com/PC/jjrb/202310/30/content_27168.html
    fact = read("前三季度，江津区实现地区生产总值(GDP)1029.5亿元,同比增长7.0%。", datetime.date(2023, 10, 30))[0]
    assert (fact.region.name, fact.industry, fact.entity, fact.indicator) == ("江津区", None, None, "gdp")
    assert fact.resolved and fact.value == Decimal("102950000000")


def test_a_bureau_note_saying_only_whole_city_is_of_the_city_its_site_names():
    # 惠州市工业和信息化局, http://gxj.huizhou.gov.cn/zwgk/jjyx/content/post_4221787.html (eval dev b15)
    text = "2021年1-2月,全市规上工业总产值1215.4亿元,增长48%。"
    fact = extract(text, None, NOBODY, source="http://gxj.huizhou.gov.cn/zwgk/jjyx/content/post_4221787.html")[0]
    assert (fact.region.name, fact.industry, fact.value) == ("惠州市", "规上工业", Decimal("121540000000"))
    # the publisher's name says it too; without either, 全市 is the platform's own city
    assert extract(text, None, NOBODY, source="惠州市工业和信息化局")[0].region.name == "惠州市"
    assert extract(text, None, NOBODY)[0].region.name == "重庆市"


def test_a_region_named_in_the_text_wins_over_its_source():
    # 江津日报 2023-10-30 carries a figure of 江津区 itself; a city paper on the district says 全区 of it
    fact = read("前三季度，江津区实现地区生产总值(GDP)1029.5亿元,同比增长7.0%。", datetime.date(2023, 10, 30))[0]
    assert fact.region.name == "江津区"
    city_paper = extract(
        "前三季度，全区实现地区生产总值1029.5亿元。", datetime.date(2023, 10, 30), NOBODY, source="重庆日报"
    )
    assert city_paper[0].region.name == "大渡口区"
