"""Shapes of real articles the engine reads since it was measured on two fresh development parts (eval/extraction/dev
q and r, labelled by helpers who neither ran the engine nor read the test set): the first quarters together (1-3季度),
whose accounting a figure follows (根据深圳市…核算结果), what a subject holds in brackets, a figure 好于预期, a part of a
sentence opening with its park, a region's parks taken together, counties together, an event just told of.
Short quotes; each test names its source (the evaluation corpus keeps the articles)."""

import datetime
from decimal import Decimal

from chanye.extraction.engine import Subjects, extract
from chanye.extraction.engine.places import Places
from chanye.extraction.engine.subjects import Lexicon, declared_names
from chanye.extraction.engine.timeexpr import find_times
from chanye.lib.periods import Period

NOBODY = Subjects(clusters={}, enterprises={}, parks={}, district="大渡口区")


def metrics(text: str, published: datetime.date | None, source: str = ""):
    return [f for f in extract(text, published, NOBODY, source=source) if f.kind == "metric"]


def test_the_quarters_to_the_third_and_whose_accounting_the_figure_follows():
    # 2022年前三季度龙岗区经济运行情况, http://www.lg.gov.cn/tzcy/tjfx/content/post_10211751.html (dev q03)
    text = (
        "2022年前三季度龙岗区经济运行情况\n"
        "根据深圳市地区生产总值统一核算结果，2022年1-3季度我区地区生产总值为3297.55亿元，同比增长2.5%。"
        "其中，第一产业增加值为1.19亿元，同比增长30.9%；第二产业增加值为2169.00亿元，同比增长4.0%。"
    )
    facts = metrics(text, None, "http://www.lg.gov.cn/tzcy/tjfx/content/post_10211751.html")
    assert {(f.region.name, f.industry, f.value, f.period) for f in facts} == {
        ("龙岗区", None, Decimal("329755000000"), Period(year=2022, start=1, end=9)),
        ("龙岗区", "第一产业", Decimal("119000000"), Period(year=2022, start=1, end=9)),
        ("龙岗区", "第二产业", Decimal("216900000000"), Period(year=2022, start=1, end=9)),
    }
    # the first two quarters are the half-year; the third alone stays the third
    [half] = metrics("2022年1—2季度全区地区生产总值为1800亿元。", None, "龙岗区统计局")
    assert half.period == Period(year=2022, start=1, end=6)
    [third] = metrics("2022年3季度全区地区生产总值为1100亿元。", None, "龙岗区统计局")
    assert third.period == Period(year=2022, start=7, end=9)


SHENYANG = datetime.date(2023, 11, 9)
# 前三季度沈阳市县域经济运行情况, https://tjj.shenyang.gov.cn/sjfb/sqfx/202311/t20231109_4554105.html (dev q06)
SHENYANG_TEXT = (
    "前三季度沈阳市县域经济运行情况\n"
    "今年以来，沈阳市县域地区全面贯彻落实党的二十大作出的决策部署，着力推动县域经济高质量发展。\n"
    "根据地区生产总值统一核算结果，前三季度，沈阳市县域地区（包含康平县、法库县新民市）实现地区生产总值443.9亿元，"
    "按可比价格计算，同比增长3.7%，比上半年提高1.2个百分点。\n"
    "分地区看，康平县实现地区生产总值87.4亿元，同比增长1.3%，低于全市增速4.7个百分点；"
    "新民市实现地区生产总值211.8亿元，增长6.0%。\n"
    "从产业结构看，前三季度县域地区第一产业增加值实现103.9亿元，比增长4.6%。"
)


def test_a_report_of_one_period_lends_it_past_a_paragraph_of_words_only():
    facts = {f.region.name: f for f in metrics(SHENYANG_TEXT, SHENYANG, "沈阳市统计局") if f.value is not None}
    # 今年以来 in a paragraph without a figure dates nothing: the next paragraphs take the report's 前三季度
    assert facts["康平县"].value == Decimal("8740000000")
    assert facts["康平县"].period == Period(year=2023, start=1, end=9)
    assert facts["新民市"].value == Decimal("21180000000")


def test_places_a_subject_holds_and_counties_together_are_nobodys_figure():
    values = {f.value for f in metrics(SHENYANG_TEXT, SHENYANG, "沈阳市统计局")}
    # 沈阳市县域地区（包含康平县、法库县新民市）: not 新民市's GDP, nor the city's
    assert Decimal("44390000000") not in values
    # 县域地区第一产业: the counties' sector together, not the city's
    assert Decimal("10390000000") not in values


def test_a_figure_better_than_expected_is_no_plan():
    # 甘肃一季度地区生产总值同比增长6.7%, http://wap.dizo.com.cn/qyjj/2023/0425/55903.html (dev r03)
    text = (
        "甘肃一季度地区生产总值同比增长6.7%\n"
        "4月25日召开的甘肃2023年一季度全省经济运行情况新闻发布会透露，一季度，全省主要经济指标增速好于预期，"
        "全省地区生产总值2670.7亿元，同比增长6.7%。"
    )
    [gdp] = [f for f in metrics(text, None) if f.value is not None]
    assert (gdp.region.name, gdp.value, gdp.period, gdp.yoy_pct) == (
        "甘肃省",
        Decimal("267070000000"),
        Period(year=2023, start=1, end=3),
        Decimal("6.7"),
    )


def test_each_part_of_a_sentence_opening_with_its_park():
    # 陕西省新增3个省级经济技术开发区 (三秦都市报, 2021-02-20), https://m.yybnet.net/weinan/chengcheng/202102/11247647.html
    # (dev r14)
    text = (
        "陕西省新增3个省级经济技术开发区\n"
        "合阳经开区符合现行土地利用规划和城乡规划的面积为1.1788平方公里，重点发展现代农副产品加工及机械制造产业，"
        "现有企业39户，其中规上企业14户；澄城经开区符合现行土地利用规划和城乡规划的面积为10.17平方公里，"
        "重点发展新能源、装备制造、涉农加工产业，现有企业103户，从业人员1.8万人，其中规上企业16户、外贸企业5户。"
    )
    found = {(f.region.name, f.indicator, f.value) for f in metrics(text, datetime.date(2021, 2, 20))}
    assert ("合阳经开区", "enterprises", Decimal("39")) in found
    assert ("合阳经开区", "above_scale_enterprises", Decimal("14")) in found
    assert ("澄城经开区", "enterprises", Decimal("103")) in found
    assert ("澄城经开区", "above_scale_enterprises", Decimal("16")) in found
    assert not any(region == "合阳经开区" and value == Decimal("103") for region, _, value in found)


def test_a_provinces_high_tech_zones_together():
    # 安徽2020年20家高新区实现工业总产值达12893.5亿 (中安在线, 2021-05-14),
    # http://www.dongchanet.com/yaowen/redian/20210514/74961.html (dev r01)
    text = (
        "安徽2020年20家高新区实现工业总产值达12893.5亿\n"
        "2020年，全省高新区共实现工业总产值12893.5亿元，同比增长16.0%；营业收入15877.5亿元，同比增长20.3%。"
    )
    [output] = [f for f in metrics(text, datetime.date(2021, 5, 14)) if f.indicator == "output"]
    # the zones together, the industry their 工业总产值 is of: not a place of their own nor an industry named 高新区工业
    assert (output.region.name, output.entity, output.industry, output.value) == (
        "安徽省",
        "高新区",
        "工业",
        Decimal("1289350000000"),
    )


def test_firms_of_a_cluster_counted_with_the_words_inside_it():
    # 湖南省级产业集群“上新”，长沙共有9个产业集群入选 (2024-07-26), http://news.cjn.cn/zjzycsqpd/zwms/202407/t4954937.htm
    # (dev r02)
    text = "截至2023年年底，浏阳市烟花爆竹产业集群内相关企业有594家，烟花爆竹系列产品种类齐全。"
    [firms] = metrics(text, datetime.date(2024, 7, 26))
    assert (firms.region.name, firms.industry, firms.value) == ("浏阳市", "烟花爆竹产业集群", Decimal("594"))


def test_a_zones_investment_promotion_after_its_industrys_figure():
    # 延边州跑出项目建设“加速度” (2025-03-13), https://jl.cri.cn/n/20250313/73489175-b4cf-13e1-cb17-52ef2a63fb8d.html
    # (dev r15)
    text = (
        "2024年，延吉高新区完成规模以上工业总产值214.9亿元，同比增长6.3%；完成招商引资到位资金13.4亿元，同比增长5.6%。"
    )
    funds = [f for f in metrics(text, None) if f.indicator == "funds_in_place"]
    assert [(f.region.name, f.value, f.yoy_pct) for f in funds] == [
        ("延吉高新区", Decimal("1340000000"), Decimal("5.6"))
    ]


def test_projects_signed_at_the_event_just_told_of_are_a_signing():
    # 漳州開發區在2022年招商大會簽約8個項目 (traditional script), http://www.xiaolijiang.cn/Post/8d9d603999e59f0 (dev q16)
    text = "漳州市2022年招商大会暨项目签约活动举行。此次大会漳州开发区共签约8个项目，总投资约25亿元。"
    facts = extract(text, datetime.date(2022, 1, 10), NOBODY)
    assert [(f.projects, f.value) for f in facts if f.kind == "signing"] == [(8, Decimal("2500000000"))]
    assert not [f for f in facts if f.kind == "metric" and f.indicator == "projects_introduced"]


def test_firms_opening_a_sentence_with_a_figure_the_catalogue_does_not_keep():
    # 2021年1-6月份全区经济发展统计公报 (繁昌区), https://www.fanchang.gov.cn/sjfb/tjgb/12037029.html (dev n08)
    text = "1—6月份，全区规模以上工业企业实现利税27.56亿元，同比增长18.2%；实现利润20.98亿元，同比增长17.5%。"
    [profit] = metrics(text, datetime.date(2021, 7, 20), "繁昌区统计局")
    assert (profit.region.name, profit.industry, profit.indicator, profit.value) == (
        "繁昌区",
        "规模以上工业",
        "profit",
        Decimal("2098000000"),
    )


def test_a_parks_industrial_figures_after_its_other_figures():
    # 甘肃永昌工业园区, https://gs.025b.com/yuanqu/detail/3030/intro (dev p12)
    text = (
        "甘肃永昌工业园区\n截止到2015年年底，园区实现销售收入273469万元，同比增长8.0%；"
        "完成工业增加值49772万元，同比增长8.9%。"
    )
    facts = metrics(text, None)
    assert {(f.entity.removeprefix("甘肃"), f.indicator, f.value) for f in facts} == {
        ("永昌工业园区", "revenue", Decimal("2734690000")),
        ("永昌工业园区", "value_added", Decimal("497720000")),
    }
    # 2022年，云南保山产业园区实现工业总产值432.76亿元 (traditional script), http://3wayday.com/2023/0420/69264.shtml
    # (dev p17): the scope word before the indicator does not make it the region's
    text = (
        "2022年，保山产业园区实现工业总产值432.76亿元，同比增长80.81%；规模以上工业总产值431.39亿元，同比增长81.98%。"
    )
    assert {f.entity for f in metrics(text, datetime.date(2023, 4, 20))} == {"保山产业园区"}


def test_a_zones_figure_after_a_clause_of_its_own_and_how_far_along_its_plan():
    # 海南经济增长动力足 (2021-11-23), http://www2.china-sd.com/News/gn/202111/t20211123_2994505.html (dev o10)
    text = (
        "据悉，海口江东新区2021年在建项目115个，今年前10个月累计完成固定资产投资255.53亿元，"
        "完成了全年计划的93%，超出时序9.9个百分点，同比增速达到了39.2%。"
    )
    [investment] = metrics(text, datetime.date(2021, 11, 23))
    assert (investment.region.name, investment.value, investment.period, investment.yoy_pct) == (
        "海口江东新区",
        Decimal("25553000000"),
        Period(year=2021, start=1, end=10),
        Decimal("39.2"),
    )


def test_the_park_a_zones_own_report_speaks_of():
    # 拉萨经济技术开发区成为西藏经济新引擎 (2018-06-12), http://www.rmzxb.com.cn/c/2018-06-12/2081696.shtml (dev o09):
    # the zone is a county of the 区划代码 (540172), 园区 in its text is the zone
    text = (
        "拉萨经济技术开发区成为西藏经济新引擎\n"
        "国家级拉萨经济技术开发区成立于2001年。2017年园区实现地区生产总值71.6亿元，同比增长10.3%。"
    )
    [gdp] = [f for f in metrics(text, datetime.date(2018, 6, 12)) if f.indicator == "gdp"]
    assert (gdp.region.name, gdp.value, gdp.yoy_pct) == ("拉萨经济技术开发区", Decimal("7160000000"), Decimal("10.3"))


def test_the_estimate_of_the_year_a_review_names_in_an_undated_text():
    # 政府工作报告 (建宁县, undated), http://bx2200.com/baogao/huadong/4047.html (dev s19)
    text = (
        "建宁县政府工作报告\n"
        "2022年，县政府全面贯彻落实党中央决策部署，全县经济社会发展取得新进展、新成效。"
        "预计全年完成地区生产总值164亿元，增长4.5%；农林牧渔业总产值36亿元，增长5.7%。"
    )
    facts = extract(text, None, NOBODY)
    assert {(f.kind, f.indicator, f.value, f.period) for f in facts if f.value is not None} == {
        ("metric", "gdp", Decimal("16400000000"), Period(year=2022, start=1, end=12)),
        ("metric", "output", Decimal("3600000000"), Period(year=2022, start=1, end=12)),
    }
    # without a year the paragraph names, 预计全年 in an undated text stays a target waiting for the date
    [target] = extract("建宁县政府工作报告\n全县预计全年完成地区生产总值164亿元。", None, NOBODY)
    assert (target.kind, target.target_year, target.needs_date) == ("target", None, True)


def test_industrys_value_added_after_a_sibling_sectors():
    # 2019年长顺县国民经济和社会发展统计公报, https://tjgb.hongheiku.com/xjtjgb/xj2020/18861.html (dev s02)
    text = "2019年，全县农林牧渔业增加值171598万元，比上年增长6.0%；工业增加值203465万元，比上年增长10.9%。"
    industries = {f.value: f.industry for f in metrics(text, datetime.date(2020, 7, 10), "长顺县统计局")}
    assert industries == {Decimal("1715980000"): "农林牧渔业", Decimal("2034650000"): "工业"}


def test_a_threshold_then_the_exact_count_after_a_dun_hao():
    # 2021年江西规上工业营收预计突破4万亿元, http://jx.people.com.cn/n2/2022/0111/c190260-35091219.html (dev v13)
    text = "2021年，江西工业经济稳中向好，11月末规模以上工业企业突破1.5万家、达到15142家。"
    counts = [f.value for f in metrics(text, datetime.date(2022, 1, 11)) if f.indicator == "above_scale_enterprises"]
    assert counts == [Decimal("15142")]


def test_a_plans_level_after_the_rate_it_grows_at():
    # 太和县政府工作报告 (undated forum copy), http://taihe.tv/forum.php?goto=lastpost&mod=redirect&tid=829764 (dev s17)
    text = "太和县政府工作报告明确，到2026年，太和地区生产总值年均增长8%左右，力争达到880亿元。"
    [target] = extract(text, None, NOBODY)
    assert (target.kind, target.region.name, target.indicator, target.value, target.target_year) == (
        "target",
        "太和县",
        "gdp",
        Decimal("88000000000"),
        2026,
    )


def test_gdp_said_as_the_places_own_product():
    # (河北省)2017年蠡县人民政府工作报告, https://gongwensou.com/zhengfubaogao/28572.html (dev s20)
    text = "蠡县人民政府工作报告\n截至2016年末，全县地方生产总值完成96.4亿元，是2011年的1.37倍。"
    [gdp] = metrics(text, datetime.date(2017, 2, 22))
    assert (gdp.region.name, gdp.indicator, gdp.value, gdp.period) == (
        "蠡县",
        "gdp",
        Decimal("9640000000"),
        Period(year=2016, start=1, end=12),
    )


def test_an_industry_written_bare_after_its_size_class():
    # 三年5000亿营收，湖北将实施六大行动发展纺织服装产业, https://modebychina.com/1252/ (dev v07)
    text = "在发展目标上，《方案》提出到2025年，全省规上纺织服装企业营业收入达到5000亿元。"
    facts = extract("湖北省纺织服装产业方案\n" + text, datetime.date(2023, 10, 18), NOBODY)
    assert [(f.kind, f.region.name, f.industry, f.value, f.target_year) for f in facts] == [
        ("target", "湖北省", "规上纺织服装", Decimal("500000000000"), 2025)
    ]


def test_a_period_said_in_a_paragraph_of_words_only_does_not_stop_the_reports_period():
    # 贵州前三季度市县经济发展情况公布 (2021-11-13), https://app.myzaker.com/news/article.php?pk=618f6648b15ec0125340d73e
    # (dev h13): 上半年 in a paragraph without a figure is no second period of the report
    text = (
        "贵州前三季度市县经济发展情况公布\n"
        "据贵州省统计局消息，今年前三季度，我省主要经济指标总体处于合理区间，总体延续了上半年稳定恢复的良好趋势。\n"
        "分市州看，今年前三季度，贵阳地区生产总值为3102.44亿元，占全省的比重为22.2%。\n"
        "在同比增速方面。遵义、黔西南、安顺地区生产总值比上年同期保持两位数增长，分别增长11.7%、11.5%、11.3%；"
        "毕节、黔东南、贵阳分别增长7.6%、5.7%、4.8%，排名靠后。"
    )
    facts = metrics(text, datetime.date(2021, 11, 13))
    guiyang = [f for f in facts if f.region.name == "贵阳市"]
    assert [(f.value, f.yoy_pct, f.period) for f in guiyang] == [
        (Decimal("310244000000"), Decimal("4.8"), Period(year=2021, start=1, end=9))
    ]


def test_the_sectors_after_the_regions_product_are_their_value_added():
    # 平遥县2017年国民经济和社会发展统计公报, https://gcs66.com/document_detail/9801.html (dev w09)
    text = (
        "初步核算，地区生产总值全年完成116.5亿元，按可比价格计算，比上年同期增长4.6%，分产业看，第一产业完成13.3亿元，"
        "比上年同期下降0.5%；第二产业完成43.5亿元，同比增长1.0%，其中工业完成37.7亿元，增长0.8%。"
    )
    facts = metrics("平遥县2017年国民经济和社会发展统计公报\n" + text, datetime.date(2018, 3, 1))
    assert {(f.industry, f.indicator, f.value, f.yoy_pct) for f in facts} == {
        (None, "gdp", Decimal("11650000000"), Decimal("4.6")),
        ("第一产业", "value_added", Decimal("1330000000"), Decimal("-0.5")),
        ("第二产业", "value_added", Decimal("4350000000"), Decimal("1.0")),
        ("工业", "value_added", Decimal("3770000000"), Decimal("0.8")),
    }


def test_the_tax_part_of_a_regions_revenue():
    # 2019年洪洞县国民经济和社会发展统计公报, https://quyushuju.com/forum.php?mod=viewthread&tid=41675 (dev w06)
    text = "全年全县财政总收入222827万元，同比增长9.6%，一般公共预算收入97092万元，增长0.9%，其中税收收入190268万元，增长10.5%。"
    facts = metrics("2019年洪洞县国民经济和社会发展统计公报\n" + text, datetime.date(2020, 3, 1))
    [tax] = [f for f in facts if f.indicator == "tax"]
    assert (tax.region.name, tax.value, tax.period, tax.yoy_pct) == (
        "洪洞县",
        Decimal("1902680000"),
        Period(year=2019, start=1, end=12),
        Decimal("10.5"),
    )


def test_projects_of_a_size_class_after_the_tally_are_a_part_of_it():
    # 2023年,我省招商引资交出靓丽成绩单, http://baode.gov.cn/zsyz/zsdt/202403/t20240330_3964985.html (dev j12)
    text = (
        "2023年,我省招商引资交出靓丽成绩单\n"
        "据统计,2023年,全省招商引资签约项目3108个,签约金额达1.58万亿元。"
        "全省新签约亿元以上项目1360个,占比43.8%,其中10亿元以上项目352个。"
    )
    facts = metrics(text, datetime.date(2024, 3, 30), "http://baode.gov.cn/zsyz/zsdt/202403/t20240330_3964985.html")
    assert {(f.indicator, f.value) for f in facts} == {
        ("projects_introduced", Decimal("3108")),
        ("contract_investment", Decimal("1580000000000")),
    }
    # 前11月皖利用省外资金增长4.4%, https://anhui.imsilkroad.com/p/2095.html (dev x03): a size class is the tally when
    # it comes first, and the newer, larger classes after it are its parts
    text = (
        "前11月皖利用省外资金增长4.4% 全省新建大项目形势喜人\n"
        "记者日前从省合作交流办获悉,2019年前11个月,全省亿元以上在建省外投资项目5114个,实际到位资金11597.8亿元,同比增长4.4%。\n"
        "前11个月,全省新建亿元以上省外投资项目3350个,比去年同期增加374个;实际到位资金8166.4亿元,同比增长25.1%。"
    )
    facts = metrics(text, datetime.date(2019, 12, 30), "安徽日报")
    assert [(f.region.name, f.value, f.yoy_pct) for f in facts if f.indicator == "funds_in_place"] == [
        ("安徽省", Decimal("1159780000000"), Decimal("4.4"))
    ]


def test_the_threshold_of_a_class_of_contracts_is_no_projects_money():
    # 842个重大项目签约四川 总投资额6015.6亿元, https://sc.cnipai.com/news/detail/88657.html (dev x10)
    text = "2015中外知名企业四川行活动共签约投资额3000万元以上的投资类合同项目842个,总投资额6015.6亿元。"
    facts = extract(text, datetime.date(2015, 4, 25), NOBODY, source="四川日报")
    assert not [f for f in facts if f.kind == "project"]


def test_rates_of_a_stated_part_of_the_year_in_an_undated_report_wait_for_its_date():
    # 锦州市上半年经济运行情况 (no title, no date in the stored page),
    # http://oemstone.com/html/jzszfzfxxgktjsjydtjsj4295191index.html (dev z16)
    text = (
        "上半年,全市多项主要经济指标延续了年初以来的向好态势,经济总体保持平稳运行。\n"
        "上半年,全市规模以上工业增加值同比下降2.7%,降幅比1-5月收窄3.6个百分点。"
        "从轻重工业看,轻工业增加值下降14.5%,重工业增加值增长0.6%。"
    )
    facts = metrics(text, None, "锦州市统计局")
    assert {(f.region.name, f.industry, f.yoy_pct, f.period, f.needs_date) for f in facts} == {
        ("锦州市", "规模以上工业", Decimal("-2.7"), None, True),
        ("锦州市", "轻工业", Decimal("-14.5"), None, True),
        ("锦州市", "重工业", Decimal("0.6"), None, True),
    }
    # dated, the same rates have the half-year; 今年以来 states no finished period, dated or not
    dated = metrics(text, datetime.date(2023, 7, 20), "锦州市统计局")
    assert {f.period for f in dated} == {Period(year=2023, start=1, end=6)}
    assert not metrics("今年以来,全市规模以上工业增加值增长5.1%。", None, "锦州市统计局")


def test_investment_after_an_industrys_output_is_the_regions_unless_its_clause_names_an_industry():
    # 长春汽开区64个项目集中签约 总投资442亿元, http://cnbzol.com/finance/gushi/2023/0106/745138.html (dev y12)
    text = "长春汽开区64个项目集中签约 总投资442亿元\n2022年1至11月,该区实现规模以上工业总产值3790亿元,固定资产投资120.2亿元。"
    facts = {f.indicator: f for f in metrics(text, datetime.date(2023, 1, 6), "长春")}
    assert facts["output"].industry == "规模以上工业"
    assert (facts["investment"].industry, facts["investment"].value) == (None, Decimal("12020000000"))
    # 衡南县:上半年经济运行稳中向好, http://hunan.voc.com.cn/article/201908/20190816113656942.html (dev s06)
    text = (
        "衡南县:上半年经济运行稳中向好\n"
        "全县上半年规模工业总产值 43.62亿元,同比增长12.6%;完成工业固定资产投资45.4亿元,同比增长36%。"
    )
    facts = {f.indicator: f for f in metrics(text, datetime.date(2019, 8, 16), "衡阳日报")}
    assert (facts["investment"].industry, facts["investment"].value) == ("工业", Decimal("4540000000"))


def test_districts_of_one_city_named_once_each_say_whose_the_text_is():
    # 锦州市上半年经济运行情况 (no title, no date), http://oemstone.com/html/jzszfzfxxgktjsjydtjsj4295191index.html (dev z16):
    # 松山新区 is also a zone of 赤峰 and 滨海新区 天津's district; 古塔区 and 凌河区 are both 锦州's
    text = (
        "上半年,全市多项主要经济指标延续了年初以来的向好态势,经济总体保持平稳运行。\n"
        "初步核算,上半年,全市地区生产总值实现486.6亿元,按可比价格计算,同比增长4.4%。\n"
        "全市9个县(市)区GDP增速“四升五降”。古塔区、松山新区、滨海新区和凌河区分别增长27.5%、21.8%、14.1%和3.8%。"
    )
    [gdp] = [f for f in metrics(text, None) if f.value is not None]
    assert (gdp.region.name, gdp.value, gdp.needs_date) == ("锦州市", Decimal("48660000000"), True)


def test_partners_named_then_counted_are_no_count_of_the_regions_firms():
    # 黑龙江日报 2023-02-27, http://epaper.hljnews.cn/hljrb/pc/con/202302/27/content_125352.html (dev y03)
    text = (
        "1月13日,肇州县人民政府与国中(青岛)能源、四川中财经能源、大庆油田、哈尔滨惠保互金商务服务4家企业代表进行了签约,"
        "涉及液化气、天然气、风力发电、充电站建设等产业领域。"
    )
    assert not [f for f in metrics(text, datetime.date(2023, 2, 27), "黑龙江日报") if f.indicator == "enterprises"]
    # a region's own count after a list of kinds stays: 全市规上工业企业、高新技术企业共计1200家
    [count] = metrics("2022年末，全市规上工业企业、高新技术企业共计1200家。", datetime.date(2023, 2, 27), "哈尔滨日报")
    assert count.value == Decimal("1200")


def test_a_countys_short_name_before_its_whole_says_whose_the_text_is():
    # 缙云县2023年上半年经济运行情况 (no title, no date), http://news.25948.com/zhuanti/2023/0727/61418.html (dev s07):
    # 缙云 alone is read only in a text about 浙江; 缙云全县 (its whole, 全县, right after it) says it is the county
    text = (
        "上半年,缙云全县上下深入学习贯彻党的二十大精神,全县经济运行延续向好态势。\n"
        "据初步核算,2023年上半年全县实现生产总值145.17亿元,按可比价格计算,同比增长6.4%。"
    )
    [gdp] = [f for f in metrics(text, None) if f.value is not None]
    assert (gdp.region.name, gdp.value) == ("缙云县", Decimal("14517000000"))
    # before the whole of another level it is not read so: 缙云全市 (缙云 is no city) names nobody
    [other] = [f for f in metrics(text.replace("缙云全县", "缙云全市"), None) if f.value is not None]
    assert other.region.name != "缙云县"


def test_an_industrys_declared_short_name_names_no_organisation_and_no_county_hides_in_a_word():
    # 皖政办秘〔2024〕56号, http://linkv.com.cn/OpennessContent/show/1590350.html (dev i11): 集群 is short for an
    # industry, not an organisation whose name would run back over the line before it; 和县 is no place in 和县域
    text = (
        "皖政办秘〔2024〕56号\n"
        "各市、县人民政府,省政府各部门、各直属机构:\n"
        "为贯彻落实省委、省政府关于培育发展县域特色产业集群(基地)(以下简称“集群”)的工作部署,推动全省县域经济高质量发展。\n"
        "努力把集群培育成为各类重大产业基地的后备军和县域高质量发展的重要引擎,为全面建设现代化美好安徽提供坚实支撑。\n"
        "到2025年,力争培育营业收入百亿级集群35个,集群营业收入总规模突破1万亿元;制造业集群力争培育高新技术企业2400家。"
    )
    facts = extract(text, None, NOBODY, source="http://linkv.com.cn/OpennessContent/show/1590350.html")
    # before: six targets of an organisation named "\n为贯彻落实…集群（基地）" in 和县
    assert not [f for f in facts if f.entity and ("\n" in f.entity or "集群" in f.entity)]
    assert declared_names(text.replace("(", "（").replace(")", "）"), Lexicon.build(NOBODY)) == {}
    assert not [f for f in facts if f.region is not None and f.region.name == "和县"]
    assert [m.text for m in Places.load().mentions(text)] == ["安徽"]  # not 和县 in 后备军和县域
    # the text's region is the province (美好安徽)
    [firms] = metrics(text + "\n全省县域特色产业集群2023年营业收入达到8000亿元。", None, "http://linkv.com.cn/")
    assert (firms.region.name, firms.value) == ("安徽省", Decimal("800000000000"))


def test_industries_listed_then_counted_with_words_of_their_kind_each_take_their_amount():
    # 临平开发区, 2022-01-27, http://www.360doc.com/content/22/0127/17/65264576_1015124466.shtml (dev y08):
    # 两大主导产业 sums up the list; 112.91亿元 is 生物医药's, not the two together's
    text = (
        "临平开发区跃升至全国第38位\n"
        "全年实现规上工业总产值1061.77亿元,同比增长23.2%。其中,装备制造业、生物医药两大主导产业分别实现工业总产值"
        "775.28、112.91亿元,分别同比增长27.3%、20.1%。"
    )
    facts = {f.value: f for f in metrics(text, datetime.date(2022, 1, 27))}
    assert (facts[Decimal("77528000000")].industry, facts[Decimal("77528000000")].yoy_pct) == (
        "装备制造业",
        Decimal("27.3"),
    )
    assert (facts[Decimal("11291000000")].industry, facts[Decimal("11291000000")].yoy_pct) == (
        "生物医药产业",
        Decimal("20.1"),
    )


def test_a_tally_after_an_industrys_part_of_the_sentence_is_the_regions():
    # 中山火炬开发区 2023年工作总结, 2024-01-30, https://test.zsnews.cn/town/index/view/cateid/1202/id/721026.html (dev l21)
    text = (
        "1月30日,中山火炬开发区召开2023年工作总结暨2024年工作部署大会。\n"
        "2023年,火炬开发区全年地区生产总值预计完成531.48亿元,同比增长5.0%,总量居全市第一。规上工业增加值完成343.64亿元,"
        "同比增长4.3%;高技术产业增加值同比增长7.6%,占全市比重超4成;签约项目76个,投资总额超300亿元,项目签约数及投资额"
        "均居全市第一。"
    )
    facts = {f.indicator: f for f in metrics(text, datetime.date(2024, 1, 30))}
    assert (facts["projects_introduced"].value, facts["projects_introduced"].industry) == (Decimal("76"), None)
    assert (facts["contract_investment"].value, facts["contract_investment"].industry) == (Decimal("30000000000"), None)
    # an industry its own part names keeps its tally: 电子信息产业签约项目10个
    [own] = [
        f
        for f in metrics(
            "2023年,火炬开发区规上工业增加值增长4.3%;电子信息产业签约项目10个。", datetime.date(2024, 1, 30)
        )
        if f.indicator == "projects_introduced"
    ]
    assert own.industry == "电子信息产业"


def test_the_zones_kind_said_alone_in_its_own_text_is_the_zone_not_an_industry():
    # 雅安经开区:一季度多项经济指标增长强劲, 四川在线 2019-04-23, https://yaan.scol.com.cn/jj/201904/56857931.html (dev aa15)
    text = (
        "雅安经开区:一季度多项经济指标增长强劲\n"
        "4月19日,记者在雅安经济开发区2019年一季度新闻通气会上获悉,今年一季度,经开区营业收入110.4亿元,同比增长26%。"
    )
    [revenue] = metrics(text, datetime.date(2019, 4, 23), "四川在线")
    assert (revenue.region.name, revenue.industry, revenue.value) == ("雅安经济开发区", None, Decimal("11040000000"))


def test_the_years_target_said_with_how_much_of_it_is_done_is_a_target_of_the_figures_subject():
    # 许昌市招商引资 (no date in the text), http://m.chinacrane.net/news/201712/09/126218.html (dev x18)
    text = (
        "许昌市今年前10个月招商引资保持平稳增长势头,全市新签约招商引资项目247个。\n"
        "前10个月,全市新签约招商引资项目247个,合同引进市外资金1077亿元,履约项目244个,开工项目222个,到位资金370亿元,"
        "项目履约率、开工率与资金到位率分别为98.8%、90%和34%。2017年累计到位资金544亿元,完成全年目标560亿元的97%。"
    )
    facts = extract(text, None, NOBODY, source="http://m.chinacrane.net/news/201712/09/126218.html")
    [target] = [f for f in facts if f.kind == "target"]
    assert (target.indicator, target.value, target.target_year, target.region.name) == (
        "funds_in_place",
        Decimal("56000000000"),
        2017,
        "许昌市",
    )
    # the share names the figure: 544 of 560 is 97 %, the 30亿元 signed in between is not what was done of it
    other = "2017年全市累计到位资金544亿元,签约金额30亿元,完成全年目标560亿元的97%。"
    [target] = [f for f in extract(other, None, NOBODY, source="许昌日报") if f.kind == "target"]
    assert (target.indicator, target.value) == ("funds_in_place", Decimal("56000000000"))
    # and a share no figure of the sentence gives makes no target
    wrong = "2017年全市累计到位资金544亿元,完成全年目标560亿元的87%。"
    assert not [f for f in extract(wrong, None, NOBODY, source="许昌日报") if f.kind == "target"]


def test_a_countys_short_name_after_the_time_a_title_opens_with_says_whose_the_text_is():
    # 今年前8个月萧山经济增长稳中有进, 萧山日报 2021-09-22, http://zt.xsnet.cn/A/flfwpt/content/content_216538.html (dev ab01):
    # 萧山 alone is read only in a text about 浙江, or where a title opens with it: after its time, too
    text = (
        "今年前8个月萧山经济增长稳中有进\n"
        "今年1—8月,全区上下坚决贯彻中央及省市区委决策部署,经济运行稳中加固、稳中向好、稳中提质。\n"
        "数据显示,全区规上工业增加值353.64亿元,同比增长12.4%,两年平均增长2.9%。"
    )
    [industry] = metrics(text, datetime.date(2021, 9, 22), "http://zt.xsnet.cn/A/flfwpt/content/content_216538.html")
    assert (industry.region.name, industry.industry, industry.value) == ("萧山区", "规上工业", Decimal("35364000000"))


def test_a_tally_of_a_size_class_after_the_words_of_investment_promotion_is_the_regions():
    # 湖北今年招商引资签1219个亿元项目 投资额增六成, 2019-05-06 (dev ab19),
    # http://wuhan.baogaosu.com/xinwen/%E6%8A%95%E8%B5%84%E9%A2%9D%E5%A2%9E%E5%85%AD%E6%88%90%E4%B8%AA%E4%BA%BF%E5%85%83%E9%A1%B9%E7%9B%AE/74681515/
    text = (
        "湖北今年招商引资签1219个亿元项目 投资额增六成\n"
        "5月5日召开的全省一季度招商引资工作推进暨商务经济运行调度会透露,一季度全省招商引资亿元以上签约项目1219个,"
        "同比增长32.4%,其中,19个项目投资过百亿元。"
    )
    [tally] = [f for f in metrics(text, datetime.date(2019, 5, 6), "湖北日报") if f.indicator == "projects_introduced"]
    assert (tally.region.name, tally.value, tally.period) == (
        "湖北省",
        Decimal("1219"),
        Period(year=2019, start=1, end=3),
    )


def test_a_site_spelling_a_countys_usual_reading_and_the_months_from_january_written_yuan():
    # 今年元至六月全县工业经济实现稳步增长, 湘阴县工业和信息化局 2015-07-29,
    # https://www.xiangyin.gov.cn/31185/32018/32020/32032/37943/content_1152505.html (dev ac01): xiangyin is 湘阴's
    # only reading and one of 湘潭's rarer ones; 元至6月 is January to June (元月), not June
    text = "元至6月份,我县新型工业化工作打赢了“上半场”。全县完成规模工业总产值236.7亿元,同比增长11.7%。"
    [output] = metrics(text, datetime.date(2015, 7, 29), "https://www.xiangyin.gov.cn/31185/content_1152505.html")
    assert (output.region.name, output.industry, output.value, output.period) == (
        "湘阴县",
        "规模工业",
        Decimal("23670000000"),
        Period(year=2015, start=1, end=6),
    )
    # the site of 湘潭 is still 湘潭's, and a figure's 元 before 至 is no month
    assert metrics(text, datetime.date(2015, 7, 29), "http://www.xiangtan.gov.cn/1/a.html")[0].region.name == "湘潭市"
    [june] = find_times("投资5000万元至6月底到位", datetime.date(2015, 7, 29))
    assert (june.text, june.period) == ("6月底", Period(year=2015, start=6, end=6, day=30))


def test_a_zone_with_another_name_in_brackets_and_the_zone_it_points_back_to():
    # 安徽日报 2023-01-19, https://szb.ahnews.com.cn/ahrb/content/202301/19/c956091.html (dev ac12, undated in its text)
    text = (
        "2022年,长丰(双凤)经开区深化改革开放,有效推动经济实现质的有效提升和量的合理增长。规上工业产值增幅9%。"
        "2022年,该经开区新签约项目60个,其中亿元以上18个。"
    )
    facts = metrics(text, None, "安徽日报")
    assert {(f.region.name, f.indicator, f.value, f.yoy_pct) for f in facts} == {
        ("长丰（双凤）经开区", "output", None, Decimal("9")),
        ("长丰（双凤）经开区", "projects_introduced", Decimal("60"), None),
    }
    assert all(f.period == Period(year=2022, start=1, end=12) and not f.region_assumed for f in facts)
    # 该区 after a county is still the county: only 该经开区, 该开发区 … point back to a zone
    [county] = metrics("2022年，费县经济稳中有进。该区新签约项目60个。", None, "费县融媒体中心")
    assert county.region.name == "费县"


def test_the_money_of_signed_projects_and_local_taxes_by_their_other_names():
    # 山东费县:招大引强打造工业经济新引擎, http://www.hyjp.net/qzgl/1395702.html (dev ac13)
    text = (
        "山东费县:招大引强打造工业经济新引擎\n近年来,费县坚持把工业作为立县之本、强县之基,加快构建现代产业体系。"
        "持续开展“招商引资突破年”活动,2022年签约项目60个,合同资金241.5亿元,到位县外资金106.7亿元。"
    )
    found = {(f.region.name, f.indicator, f.value) for f in metrics(text, None)}
    assert ("费县", "contract_investment", Decimal("24150000000")) in found
    # 2025年1-10月抚州市规模以上工业增加值同比增长11.0%, https://www.marketmonitor.cn/report_blog/208997.html (dev ac17)
    text = "1-10月,全市一般公共预算收入136.74亿元,同比增长1.7%,其中地方税收收入完成80.27亿元,同比增长3.8%。"
    [tax] = [f for f in metrics(text, datetime.date(2025, 11, 20), "抚州市统计局") if f.indicator == "tax"]
    assert (tax.region.name, tax.value, tax.yoy_pct) == ("抚州市", Decimal("8027000000"), Decimal("3.8"))
