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


def test_a_town_is_read_by_its_full_name_and_said_again_as_gai_zhen():
    # 东莞时间网 2016-05-09 (eval dev b22), http://guangzhou.baogaosu.com/xinwen/…/46690543: 长安镇 of 东莞,
    # one of eight towns of that name, found near the city its report is from
    text = (
        "长安首季度GDP增长12.2% 增幅领跑东莞全市\n"
        "东莞时间网讯 记者从长安镇日前召开的党政联席会议上获悉，今年第一季度，该镇实现生产总值105.9亿元，增长12.2%。"
    )
    fact = read(text, datetime.date(2016, 5, 9))[0]
    assert (fact.region.name, fact.region.code) == ("长安镇", "441900119")
    assert (fact.indicator, fact.value, fact.yoy_pct) == ("gdp", Decimal("10590000000"), Decimal("12.2"))
    assert fact.period == Period(year=2016, start=1, end=3)


def test_a_zone_named_after_its_city_is_the_zone_not_the_city():
    # 北京日报 2025-07-28 (eval dev b17), https://beijing.qianlong.com/2025/0728/8528755.shtml
    fact = read(
        "上半年，北京经开区地区生产总值同比增长12.3%；实现产值3478.7亿元，同比增长15.6%。", datetime.date(2025, 7, 28)
    )[-1]
    assert (fact.region.name, fact.region.code) == ("北京经济技术开发区", None)
    assert (fact.indicator, fact.value, fact.yoy_pct) == ("output", Decimal("347870000000"), Decimal("15.6"))
    # a county-level zone by the name its news uses, said again as 该区
    # (郑州日报 2022-02-01, eval dev b07, https://zzrb.zynews.cn/html/2022-02/01/content_1291747.htm)
    fact = read(
        "郑州航空港实验区近日传来喜讯：2021年，该区地区生产总值完成1172.8亿元，同比增长12.1%。",
        datetime.date(2022, 2, 1),
    )[0]
    assert (fact.region.name, fact.region.code) == ("郑州航空港经济综合实验区", "410173")
    assert (fact.indicator, fact.value) == ("gdp", Decimal("117280000000"))
    # a zone the gazetteer does not list, read by its form: place, words of its own, kind
    # (荣昌区 招商推介 2019, eval dev a08)
    facts = read(
        "荣昌国家高新区负责人介绍，2019年一季度荣昌国家高新区电子信息产业总产值达17.55亿元，同比增长21.6%。",
        datetime.date(2019, 4, 20),
    )
    assert (facts[0].region.name, facts[0].region.code, facts[0].industry) == ("荣昌国家高新区", None, "电子信息产业")


def test_a_list_of_periods_dates_only_its_own_figures():
    # 椒江区 2021年经济运行 (eval dev b03), http://www.jj.gov.cn/art/2022/7/18/art_1229438846_3806807.html:
    # after 一季度、上半年、前三季度和全年…分别为, the next sentence is of 2021 again, not of 前三季度
    text = (
        "2021年全区实现生产总值752.14亿元，总量排名全市第3位，按可比价格计算，比上年增长6.2%。"
        "从增长走势来看，一季度、上半年、前三季度和全年GDP增速分别为18.8%、9.6%、8.7%和6.2%。"
        "分产业看，第二产业实现增加值280.74亿元，比上年增长6.4%。"
    )
    facts = [f for f in extract(text, datetime.date(2022, 7, 18), NOBODY) if f.value is not None]
    gdp, second = facts
    # a ranking between a figure and its growth does not part them
    assert (gdp.indicator, gdp.value, gdp.yoy_pct) == ("gdp", Decimal("75214000000"), Decimal("6.2"))
    assert (second.industry, second.value, second.period) == (
        "第二产业",
        Decimal("28074000000"),
        Period.whole_year(2021),
    )


def test_the_first_three_quarters_without_du():
    # 經濟通 2025-10-22 (eval dev b12, traditional), https://www.etnet.com.hk/www/tc/forex/news-article/20251022841
    fact = extract(
        "上海市統計局公布，前三季全市實現地區生產總值40721.17億元，同比增長5.5%。", datetime.date(2025, 10, 22), NOBODY
    )[0]
    assert (fact.region.name, fact.value, fact.period) == (
        "上海市",
        Decimal("4072117000000"),
        Period(year=2025, start=1, end=9),
    )


def test_a_plans_bullets_take_the_industry_of_the_heading_above_the_word_goal():
    # 云南省 关于着力推进重点产业发展的若干意见 (2016, eval dev a19), http://kunming.baogaosu.com/xinwen/…/48333650/:
    # 目标 and a headline figure between the industry's heading and its bullets do not end its section
    text = (
        "云南省出台意见推进重点产业发展\n生物医药和大健康\n主营业务收入达3800亿\n目标\n"
        "主营业务收入2017年达到2400亿元左右\n2020年达到3800亿元左右\n"
    )
    first, second = [f for f in extract(text, datetime.date(2016, 7, 5), NOBODY) if f.kind == "target"]
    assert (first.region.name, first.industry, first.indicator) == ("云南省", "生物医药和大健康", "revenue")
    assert (first.value, first.target_year) == (Decimal("240000000000"), 2017)
    assert (second.industry, second.value, second.target_year) == ("生物医药和大健康", Decimal("380000000000"), 2020)
    # a heading that is not an industry ends the section
    assert not [
        f
        for f in extract(text.replace("生物医药和大健康", "保障措施"), datetime.date(2016, 7, 5), NOBODY)
        if f.kind == "target"
    ]


def test_a_tally_of_signed_projects_is_not_a_signing_held():
    # 綦江区 1-9月 招商引资 (重庆日报 2025-10-23, eval dev a03), https://app.cqrb.cn/disijii/2025-10-23/2455606_pc.html
    tally = "能源专班签约项目2个，合同额22亿元。"
    assert not [f for f in extract(tally, datetime.date(2025, 10, 23), NOBODY) if f.kind == "signing"]
    # 永川区 北京推介会 (2019-10-28, eval dev a07), http://zhongshitoutiao.cn/kb/k/2019/1028/12359.html: the
    # sentence points to the event it was held at
    held = "本次推介会上，签约项目11个，总投资27.6亿元。"
    (signing,) = [f for f in extract(held, datetime.date(2019, 10, 28), NOBODY) if f.kind == "signing"]
    assert (signing.projects, signing.value) == (11, Decimal("2760000000"))


def test_a_numbered_heading_names_the_industry_of_the_targets_below_it():
    # a city's "231" cluster plan as 中商产业研究院 summarised it (2022-03-01),
    # https://askci.com/news/chanye/20220301/1040101745582_2.shtml
    text = "1.高端装备产业集群\n主攻工程机械、液压专用装备、农机装备等。到2025年，规模以上企业达到1100家，营业收入达到1500亿元。"
    firms, revenue = [f for f in extract(text, datetime.date(2022, 3, 1), NOBODY) if f.kind == "target"]
    assert (firms.industry, firms.indicator, firms.value, firms.target_year) == (
        "高端装备产业集群",
        "above_scale_enterprises",
        Decimal("1100"),
        2025,
    )
    assert (revenue.industry, revenue.value, revenue.target_year) == ("高端装备产业集群", Decimal("150000000000"), 2025)


def test_the_level_a_figure_rose_to_and_the_one_it_rose_from():
    # 西安经开区 (2021-06-09, eval dev a16, traditional in the original), http://www.446dt.com/shehui/2021/168042.html
    text = "西安经开区地区生产总值由2015年的571亿元提高到2020年的895亿元，市场主体由1.6万户增加至2020年的12.3万户。"
    facts = read(text, datetime.date(2021, 6, 9))
    assert [(f.indicator, f.value, f.period) for f in facts] == [
        ("gdp", Decimal("57100000000"), Period.whole_year(2015)),
        ("gdp", Decimal("89500000000"), Period.whole_year(2020)),
        # the level it rose from has no date of its own: left out rather than dated 2020
        ("market_entities", Decimal("123000"), Period.month_end(2020, 12)),
    ]


def test_a_years_bulletin_dates_its_whole_year_by_its_title():
    # 2019年交城县国民经济和社会发展统计公报 (undated page, eval dev c11),
    # https://quyushuju.com/forum.php?extra=page%3D1&mod=viewthread&tid=41696
    text = "2019年交城县国民经济和社会发展统计公报\n初步核算，全年全县生产总值914326万元，比上年增长5.4%。"
    (gdp,) = extract(text, None, NOBODY)
    assert (gdp.region.name, gdp.indicator, gdp.value) == ("交城县", "gdp", Decimal("9143260000"))
    assert (gdp.period, gdp.yoy_pct) == (Period.whole_year(2019), Decimal("5.4"))


def test_a_share_between_a_figure_and_its_growth_does_not_part_them():
    # 长寿区 2023年上半年经济运行情况 (eval dev c09, traditional in the original),
    # http://www.contigotg.com/…/202307/t20230728_12192363.html
    text = "上半年，全区第二产业实现增加值280.5亿元，占GDP比重61.8%，增加值增长6.8%，增速比全市高2.8个百分点。"
    (fact,) = [f for f in extract(text, datetime.date(2023, 7, 28), NOBODY) if f.kind == "metric"]
    assert (fact.industry, fact.value, fact.yoy_pct) == ("第二产业", Decimal("28050000000"), Decimal("6.8"))


def test_amounts_listed_one_for_each_industry_listed():
    # the same report: three industries, three values, three rates
    text = "上半年，化工、医药、家居分别实现产值156.2亿元、28.3亿元、39亿元，分别下降9%、26.3%、3.9%。"
    facts = extract(text, datetime.date(2023, 7, 28), NOBODY)
    assert [(f.industry, f.value, f.yoy_pct) for f in facts] == [
        ("化工", Decimal("15620000000"), Decimal("-9")),
        ("医药", Decimal("2830000000"), Decimal("-26.3")),
        ("家居", Decimal("3900000000"), Decimal("-3.9")),
    ]
    # targets of a plan, the kind named once after the list
    # (惠州 制造业 行动方案, eval dev c03, http://www.findmova.com/city/huizhou/zxdt/content/post_1038429.html)
    text = "到2025年，惠州石化能源新材料、电子信息两大产业集群产值分别达6000亿元、8500亿元。"
    facts = [f for f in extract(text, datetime.date(2021, 3, 1), NOBODY) if f.kind == "target"]
    assert [(f.region.name, f.industry, f.value, f.target_year) for f in facts] == [
        ("惠州市", "石化能源新材料产业集群", Decimal("600000000000"), 2025),
        ("惠州市", "电子信息产业集群", Decimal("850000000000"), 2025),
    ]
    # not a list of industries: nothing made up
    assert not extract("上半年，我们、他们分别实现产值156.2亿元、28.3亿元。", datetime.date(2023, 7, 28), NOBODY)


def test_an_estimate_of_a_finished_year_and_the_regions_own_indicators():
    # 浦东新区 政府工作报告 as 格隆汇 reported it (2026-01-21, eval dev b18), http://zhishi.hgjy100.com/guancha/142614.html
    text = (
        "浦东新区区长吴金城作政府工作报告。吴金城介绍，2025年，浦东经济社会发展稳中有进。\n"
        "一是经济韧性增长。预计地区生产总值1.88万亿元左右、增速高于全市，规模以上工业总产值1.39万亿元、同比增长8%，"
        "外贸进出口总额2.76万亿元、同比增长5.9%。"
    )
    facts = read(text, datetime.date(2026, 1, 21))
    # (the GDP, without a 同比 to say it is of the period lent by the paragraph before, is left out)
    assert [(f.region.name, f.industry, f.indicator, f.value, f.period) for f in facts] == [
        ("浦东新区", "规模以上工业", "output", Decimal("1390000000000"), Period.whole_year(2025)),
        # trade is the district's, not its industry's named a clause before
        ("浦东新区", None, "foreign_trade", Decimal("2760000000000"), Period.whole_year(2025)),
    ]


def test_an_official_notice_is_about_its_issuer_not_its_addressees():
    # 盐城市数字经济高质量发展三年行动计划 (2025-12-03, eval dev c06), http://www.yancheng.gov.cn/art/2025/12/3/art_55799_21032.html
    text = (
        "各县（市、区）人民政府，盐城经济技术开发区、盐南高新区管委会，市各有关委、办、局：\n"
        "《盐城市数字经济高质量发展三年行动计划（2025-2027年）》已经市政府常务会议审议通过，现印发给你们。\n"
        "盐城市人民政府办公室\n"
        "到2027年，规模以上数字经济核心产业营业收入超3000亿元。"
    )
    (target,) = [f for f in extract(text, datetime.date(2025, 12, 3), NOBODY) if f.kind == "target"]
    assert (target.region.name, target.industry, target.value, target.target_year) == (
        "盐城市",
        "规模以上数字经济核心产业",
        Decimal("300000000000"),
        2027,
    )


def test_a_title_that_opens_with_a_countys_short_name_and_a_tally_with_its_money():
    # 福建日报 2020-10-14 (eval dev c15), http://m.zz.mnw.cn/yunxiao/xw/2326156.html: 云霄 is 漳州's 云霄县, far
    # from the platform's province; a title opening with it says what the article is about
    text = "云霄第三季度17个项目签约 计划总投资44.8亿元\n第三季度，云霄全县共签约招商项目17个，计划总投资44.8亿元。"
    count, money = read(text, datetime.date(2020, 10, 14))
    assert (count.region.name, count.region.code, count.indicator, count.value) == (
        "云霄县",
        "350622",
        "projects_introduced",
        Decimal("17"),
    )
    # after a tally of projects, their 总投资 is the tally's contract investment
    assert (money.indicator, money.value, money.period) == (
        "contract_investment",
        Decimal("4480000000"),
        Period(year=2020, start=7, end=9),
    )


def test_a_city_written_before_its_district_only_says_where_the_district_is():
    # 天津 滨海新区 (2020-05-13, eval dev b16), http://www.xfyyw.2g.cn/2020/0513/42174.html
    text = "记者13日从天津滨海新区获悉，今年前4月该区招商引资到位资金为590亿元左右。"
    (fact,) = read(text, datetime.date(2020, 5, 13))
    assert (fact.region.name, fact.region.code, fact.indicator) == ("滨海新区", "120116", "funds_in_place")


def test_a_plans_targets_go_on_with_its_year_and_one_level_said_of_each():
    # 四川省工业“珠峰攀登”行动方案 as 成都日报 reported it (eval dev d07, traditional in the original, undated),
    # https://www.xuehua.us/a/63b5d6e814ca73f78e354cf9?lang=zh-hk
    text = (
        "到2027年，将新型显示、清洁能源装备等10个优势产业，培育打造成为世界一流产业。\n"
        "为此，将在十大产业实施一流产业攀登行动。其中，航空航天、轨道交通、生物医药产业营业收入分别达到3000亿元以上。"
    )
    targets = [f for f in extract(text, None, NOBODY) if f.kind == "target"]
    assert [(f.industry, f.indicator, f.value, f.target_year) for f in targets] == [
        ("航空航天", "revenue", Decimal("300000000000"), 2027),
        ("轨道交通", "revenue", Decimal("300000000000"), 2027),
        ("生物医药产业", "revenue", Decimal("300000000000"), 2027),
    ]


def test_two_years_listed_and_their_two_levels():
    # 湖北 光电子信息产业 (eval dev d12, undated), https://icspec.com/news/article-details/2367701: 2022年和2023年 is a
    # list of years, not a comparison with 2023
    text = "2022年和2023年，湖北省电子信息产业营收连续跨越两个千亿级台阶，分别达到7655亿元和8209亿元。"
    facts = extract(text, None, NOBODY)
    assert [(f.region.name, f.industry, f.value, f.period) for f in facts] == [
        ("湖北省", "电子信息产业", Decimal("765500000000"), Period.whole_year(2022)),
        ("湖北省", "电子信息产业", Decimal("820900000000"), Period.whole_year(2023)),
    ]


def test_industries_listed_before_the_verb_and_their_indicator():
    # 江津区 前三季度 (2023-10-17, eval dev d02), https://cq.cnipai.com/news/detail/303941.html
    text = "前三季度，消费品、装备、汽摩、材料产业实现规模工业产值分别为432.2亿元、268.7亿元、260.0亿元、324.7亿元。"
    facts = extract(text, datetime.date(2023, 10, 17), NOBODY)
    assert [(f.industry, f.value) for f in facts] == [
        ("消费品", Decimal("43220000000")),
        ("装备", Decimal("26870000000")),
        ("汽摩", Decimal("26000000000")),
        ("材料产业", Decimal("32470000000")),
    ]
    assert {f.period for f in facts} == {Period(year=2023, start=1, end=9)}


def test_a_part_of_the_figure_before_and_exports_of_the_trade_before():
    # 郑州日报 2022-02-01 (eval dev b07), https://zzrb.zynews.cn/html/2022-02/01/content_1291747.htm
    text = (
        "郑州航空港实验区近日传来喜讯。2021年，该区工业总产值达4174.5亿元，同比增长31%。其中电子信息产业完成4110.5亿元，"
        "增长31.9%。2021年全区外贸进出口总值达5245.6亿元，同比增长17.9%，其中出口完成3019.6亿元，同比增长18.3%。"
    )
    facts = read(text, datetime.date(2022, 2, 1))
    assert [(f.industry, f.indicator, f.value, f.yoy_pct) for f in facts] == [
        ("工业", "output", Decimal("417450000000"), Decimal("31")),
        ("电子信息产业", "output", Decimal("411050000000"), Decimal("31.9")),
        (None, "foreign_trade", Decimal("524560000000"), Decimal("17.9")),
        (None, "exports", Decimal("301960000000"), Decimal("18.3")),
    ]
    assert {f.region.name for f in facts} == {"郑州航空港经济综合实验区"}


def test_one_level_said_of_each_with_jun():
    # the form of 四川's 珠峰攀登 plan above (eval dev d07), with 均 for 分别: each industry listed reaches it
    text = "到2027年，航空航天、轨道交通、生物医药产业营业收入均达到3000亿元以上。"
    targets = [f for f in extract(text, datetime.date(2023, 1, 1), NOBODY) if f.kind == "target"]
    assert [(f.industry, f.value, f.target_year) for f in targets] == [
        ("航空航天", Decimal("300000000000"), 2027),
        ("轨道交通", Decimal("300000000000"), 2027),
        ("生物医药产业", Decimal("300000000000"), 2027),
    ]


def test_counts_of_a_kind_of_firm():
    # 中国新闻网 2018-10-29 on 成都 (eval dev a12), http://m.foggame.cn/chanjing/20181029/10652.html: 该市 points back
    # to the city of the opening, and each count is of the kind of firm it names
    text = (
        "记者28日从成都市人民政府新闻办公室获悉，前三季度，该市实现地区生产总值10803.1亿元。\n"
        "前三季度，该市入库科技型中小企业达到2931家，高新技术企业达到2472家，实现高新技术产业产值7529.7亿元，增长13.7%。"
    )
    counts = [f for f in read(text, datetime.date(2018, 10, 29)) if f.indicator == "enterprises"]
    assert [(f.region.name, f.industry, f.value) for f in counts] == [
        ("成都市", "科技型中小企业", Decimal("2931")),
        ("成都市", "高新技术企业", Decimal("2472")),
    ]
    assert {f.period.end_date for f in counts} == {datetime.date(2018, 9, 30)}  # a level at the end of 前三季度


def test_new_firms_and_the_size_of_a_group_are_not_counts_of_a_kind():
    # 新增 is a flow the catalogue does not keep; 50户重点企业 is the group a figure is then said of
    facts = read("全区新增专精特新企业3家。全区50户重点企业实现产值100亿元。", datetime.date(2023, 10, 20))
    assert not [f for f in facts if f.indicator == "enterprises"]


def test_a_plans_count_of_a_kind_of_firm():
    # 深圳 战略性新兴产业 实施方案 (eval dev d09): 国家 belongs to the kind's name
    text = "到2025年深圳市战略性新兴产业增加值超过1.6万亿元。规模以上工业企业超过1.5万家，国家高新技术企业超过2.5万家。"
    targets = [f for f in extract(text, datetime.date(2022, 6, 6), NOBODY) if f.kind == "target"]
    assert ("国家高新技术企业", "enterprises", Decimal("25000"), 2025) in [
        (f.industry, f.indicator, f.value, f.target_year) for f in targets
    ]


def test_a_regions_parks_together():
    # 芜湖 开发区 (2019, eval dev e23), https://yybnet.net/wuhu/news/201905/9056397.html: 全市开发区 is all of them,
    # and the clause after it goes on with them (its 工业总产值 is theirs, not 工业's)
    text = "芜湖市开发区发展情况。2018年，全市开发区实现经营收入6251.36亿元，增长10.38%；工业总产值4362.41亿元，增长11.36%。"
    facts = read(text, datetime.date(2019, 5, 20))
    assert [(f.region.name, f.industry, f.entity, f.indicator, f.value) for f in facts] == [
        ("芜湖市", "开发区", None, "revenue", Decimal("625136000000")),
        ("芜湖市", "开发区", None, "output", Decimal("436241000000")),
    ]
    # 江西 工业园区 (2017-04-24, eval dev e16), https://lysjxsh.com/index.php?a=shows&catid=25&id=116
    [profit] = read("1~2月，全省工业园区实现利润总额278.38亿元，同比增长15.2%。", datetime.date(2017, 4, 24))
    assert profit.industry == "工业园区" and profit.entity is None


def test_a_list_whose_unit_is_written_once():
    # 4月份浙江工业生产增长3.3% (2017-07-06, eval dev e18), http://lib.zjsru.edu.cn/info/1331/18214.htm:
    # 448和591亿元 share 亿元; 轻、重工业 are 轻工业 and 重工业; 增长4.5%和2.5% are theirs in order
    text = "4月份，轻、重工业增加值分别为448和591亿元，增长4.5%和2.5%，增速分别比上月提高2.7和0.2个百分点。"
    facts = read(text, datetime.date(2017, 5, 20))
    assert [(f.industry, f.value, f.yoy_pct) for f in facts] == [
        ("轻工业", Decimal("44800000000"), Decimal("4.5")),
        ("重工业", Decimal("59100000000"), Decimal("2.5")),
    ]


def test_the_city_a_dateline_names_not_its_papers_province():
    # 四川经济网 2021-10-20 (eval dev f13), https://www.scjjrb.com/2021/10/20/99295511.html: 四川经济网德阳讯 is a
    # paper of 四川 writing from 德阳; 其中… goes on with 德阳
    text = (
        "前三季度德阳GDP达1924.34亿元\n"
        "四川经济网德阳讯 2021年前三季度，德阳全市地区生产总值为1924.34亿元，同比增长9.7%。"
        "其中，第一产业增加值为229.77亿元，同比增长6.9%。"
    )
    facts = read(text, datetime.date(2021, 10, 20))
    assert {f.region.name for f in facts} == {"德阳市"} and len(facts) == 2


def test_this_city_is_a_city_not_its_province():
    # 柳州 工业 (2023-09-01, eval dev f15), http://jinrijiangxi.3news.com.cn/xueshu/2023/0901/10981.html: 该市 points
    # back to the last city named, not to 广西 named after it
    text = "柳州是广西最大的工业城市。目前，该市规模以上工业企业达1325家。"
    [count] = read(text, datetime.date(2023, 9, 1))
    assert (count.region.name, count.indicator, count.value) == ("柳州市", "above_scale_enterprises", Decimal("1325"))


def test_so_far_is_the_year_so_far_for_a_flow():
    # 大庆 招商 (2024-06-11, eval dev f12), https://hlj.gov.cn/hlj/c107858/202406/c00_31741939.shtml
    text = "截至目前，大庆市新签约千万元以上项目30个、计划投资额267.8亿元。"
    facts = read(text, datetime.date(2024, 6, 11))
    count = next(f for f in facts if f.indicator == "projects_introduced")
    assert (count.value, count.period) == (Decimal("30"), Period(year=2024, start=1, end=6))


def test_a_countys_short_name_after_its_province():
    # 安徽庐江15个重点项目集中签约 (2016-06-30, eval dev e02), https://ah.cnipai.com/news/detail/134533.html
    text = "安徽庐江15个重点项目集中签约 投资金额近200亿元\n签约仪式上，安徽省外经建设集团、合肥国轩、中国南山等十余家国内知名企业与该县共签约项目15个，总投资额172.55亿元。"
    facts = extract(text, datetime.date(2016, 6, 30), NOBODY)
    # the signing is the county's; 等十余家企业 counts the firms just named, not the province's firms
    assert [(f.kind, f.subject, f.projects, f.value) for f in facts] == [
        ("signing", "庐江县", 15, Decimal("17255000000"))
    ]


def test_a_count_of_projects_signed_and_what_they_will_invest():
    # 巴彦淖尔招商引资实现“开门红” (内蒙古日报 2023-05-19, eval dev f04), https://www.zgceo.cn/?m=home&c=View&a=index&aid=36456:
    # 约 of 签约 is no 约 (about); the 总投资 after the count is the tally's
    facts = read("一季度，巴彦淖尔市共签约66个项目，总投资751.2亿元，已取得立项手续30项。", datetime.date(2023, 5, 19))
    assert [(f.indicator, f.value, f.approx) for f in facts] == [
        ("projects_introduced", Decimal("66"), False),
        ("contract_investment", Decimal("75120000000"), False),
    ]
    # 大庆 (2024-06-11, eval dev f12): 计划投资额 of signed projects is their contract investment, not a plan
    facts = read("截至目前，大庆市新签约千万元以上项目30个、计划投资额267.8亿元。", datetime.date(2024, 6, 11))
    assert [f.indicator for f in facts] == ["projects_introduced", "contract_investment"]


def test_another_provinces_whole_region_does_not_make_the_text_the_platforms():
    # the same article: its last paragraph quotes 全区 (内蒙古自治区); the text is still about 巴彦淖尔
    text = (
        "巴彦淖尔招商引资实现“开门红”\n"
        "今年一季度，全市引进国内到位资金40.93亿元，同比增加238.76%。\n"
        "据了解，该市认真落实全区招商引资暨优化营商环境大会精神。"
    )
    [funds] = read(text, datetime.date(2023, 5, 19))
    assert (funds.region.name, funds.indicator, funds.value) == ("巴彦淖尔市", "funds_in_place", Decimal("4093000000"))


def test_a_plan_period_aimed_at_and_a_sectors_count_of_firms_above_the_scale():
    # 楚雄州 (2021-06-04, eval dev e11), https://kunming.cn/news/c/2021-06-04/13247383.shtml
    [gdp] = extract("力争在“十四五”时期，全州GDP总量达2500亿元以上。\n楚雄州", datetime.date(2021, 6, 4), NOBODY)
    assert (gdp.kind, gdp.indicator, gdp.value, gdp.target_year) == ("target", "gdp", Decimal("250000000000"), 2025)
    # 柳州 (eval dev f15): 规模以上工业企业 counts 工业's firms
    [count] = read("目前，柳州市规模以上工业企业达1325家。", datetime.date(2023, 9, 1))
    assert (count.indicator, count.industry) == ("above_scale_enterprises", "工业")


def test_pinyin_printed_after_characters_and_a_dateline_inside_the_titles_region():
    # 人民网 2023-10-19 (eval dev g07), http://ixoko.cn/n2/2023/1019/c345167-40609004.html: the page prints pinyin after
    # some characters; the story is filed from 成都 about 四川's figures
    text = (
        "前三季度 四川地區(qū)生產(chǎn)總值為43387.0億元\n"
        "人民網(wǎng)成都10月19日電 前三季度四川地區(qū)生產(chǎn)總值為43387.0億元，同比增長6.5%。"
        "其中，第一產(chǎn)業(yè)增加值為4947.0億元，增長3.8%。"
    )
    facts = [f for f in read(text, datetime.date(2023, 10, 19)) if f.value is not None]
    assert [(f.region.name, f.industry, f.value) for f in facts] == [
        ("四川省", None, Decimal("4338700000000")),
        ("四川省", "第一产业", Decimal("494700000000")),
    ]


def test_a_festivals_signing_is_a_signing():
    # 开封 (河南省人民政府 2019-10-19, eval dev g02), https://www.henan.gov.cn/2019/10-19/989496.html
    text = "2018年中国开封菊花文化节全市共签约73个招商项目，总投资333.4亿元。"
    [signing] = [f for f in extract(text, datetime.date(2019, 10, 19), NOBODY) if f.kind in ("signing", "metric")]
    assert (signing.kind, signing.subject, signing.projects, signing.value) == (
        "signing",
        "2018年中国开封菊花文化节",
        73,
        Decimal("33340000000"),
    )


def test_the_parts_of_retail_sales():
    # 重庆 统计 前三季度 2024 (eval dev g04): 商品零售 and 餐饮收入 are parts of 社会消费品零售总额, each its own figure
    text = (
        "前三季度，重庆市社会消费品零售总额11657.46亿元，同比增长3.5%。"
        "按消费类型分，商品零售9777.66亿元，同比增长2.6%；餐饮收入1879.80亿元，同比增长10.4%。"
    )
    facts = read(text, datetime.date(2024, 10, 20))
    assert [(f.industry, f.indicator, f.value) for f in facts] == [
        (None, "retail_sales", Decimal("1165746000000")),
        ("商品零售", "retail_sales", Decimal("977766000000")),
        ("餐饮", "retail_sales", Decimal("187980000000")),
    ]


def test_parks_counted_then_what_they_did():
    # 四川 国家级经开区 前三季度 2023 (eval dev g18), http://big5.china.com.cn/gate/big5/sl.china.com.cn/2023/1030/183576.shtml
    text = "前三季度，全省10个国家级经济技术开发区完成规上工业总产值8473.9亿元，同比增长1.7%，实现进出口总额979.7亿元。\n四川"
    facts = read(text, datetime.date(2023, 10, 30))
    assert [(f.entity, f.entity_kind, f.industry, f.indicator) for f in facts] == [
        ("10个国家级经济技术开发区", "park", "规上工业", "output"),
        ("10个国家级经济技术开发区", "park", None, "foreign_trade"),
    ]
    # 湖南 省级以上产业园区 (红网 2017-10-27, eval dev g06), https://yq.rednet.cn/c/2017/10/27/4113366.htm
    [revenue] = read(
        "前三季度，湖南省22家高新技术产业开发区实现高新技术产业主营业务收入5561.48亿元。", datetime.date(2017, 10, 27)
    )
    assert (revenue.entity, revenue.industry, revenue.value) == (
        "22家高新技术产业开发区",
        "高新技术产业",
        Decimal("556148000000"),
    )


def test_the_scorer_takes_a_zones_long_and_short_names_as_one():
    from chanye.extraction.engine.evaluate_open import names_agree

    assert names_agree("成都经济技术开发区", "成都经开区") and names_agree(
        "武汉东湖高新区", "武汉东湖高新技术产业开发区"
    )
    assert not names_agree("成都经开区", "成都高新区")
    # a zone as the figure's region: 雅安经济开发区's own report calls it 雅安经开区 (eval dev aa15)
    from chanye.extraction.engine.evaluate_open import regions_agree

    assert regions_agree({"name": "雅安经济开发区", "code": None}, {"name": "雅安经开区", "code": None})
    assert not regions_agree({"name": "雅安经济开发区", "code": None}, {"name": "雅安高新区", "code": None})


def test_the_next_industry_of_a_sentence_takes_its_indicator_and_the_publisher_is_not_the_subject():
    # 光明网 2020-07-22 (eval dev h01), http://economy.gmw.cn/2020-07/22/content_34017987.htm: 西安市发展改革委 publishes
    # 陕西's figures; 第二产业 and 第三产业 go on with 增加值
    text = (
        "陕西：上半年生产总值达11794.92亿元\n"
        "7月22日，西安市发展改革委网站公布陕西省上半年经济运行情况。上半年，全省实现地区生产总值11794.92亿元。"
        "其中，第一产业增加值620.36亿元，同比增长1.3%；第二产业5354.63亿元，同比下降0.4%；第三产业5819.93亿元，同比下降0.5%。"
    )
    facts = read(text, datetime.date(2020, 7, 22))
    assert [(f.region.name, f.industry, f.indicator, f.yoy_pct) for f in facts][1:] == [
        ("陕西省", "第一产业", "value_added", Decimal("1.3")),
        ("陕西省", "第二产业", "value_added", Decimal("-0.4")),
        ("陕西省", "第三产业", "value_added", Decimal("-0.5")),
    ]


def test_product_per_head_is_not_the_regions_product():
    # 华池县 2022 统计公报 (eval dev h03), http://m.ilynn.cn/document_detail/114698.html
    text = "初步核算，2022年华池县实现生产总值150.61亿元，比上年增长10.2%。三次产业结构比为5.1:83.7:11.2，人均生产总值127499元。"
    facts = read(text, datetime.date(2023, 4, 1))
    assert [(f.indicator, f.value) for f in facts] == [("gdp", Decimal("15061000000"))]


def test_the_money_of_signed_projects_named_as_such():
    # 广西 一季度 招商 2023 (eval dev h07); 云南 上半年 招商 2019 (eval dev h08)
    facts = read(
        "一季度，广西全区招商引资到位资金2593亿元，同比增长16.9%；新签项目投资额3815亿元，同比增长19.3%。",
        datetime.date(2023, 4, 20),
    )
    assert [(f.indicator, f.value) for f in facts] == [
        ("funds_in_place", Decimal("259300000000")),
        ("contract_investment", Decimal("381500000000")),
    ]
    [signed] = read("上半年，云南全省新增项目协议总投资3224.25亿元。", datetime.date(2019, 7, 20))
    assert (signed.region.name, signed.indicator) == ("云南省", "contract_investment")


def test_the_whole_park_is_the_park_named_before():
    # 遂川县工业园区简介 (吉安市台办, 2024-07-29, eval dev e17), https://gd.huaxia.com/c/2024/07/29/1946696.shtml
    text = (
        "遂川县工业园区简介\n"
        "遂川工业园区成立于1995年，2006年被批准为省级工业园区，规划区总面积约3.2万亩。"
        "目前整个园区落户企业297家，其中规上企业118家。"
    )
    facts = read(text, datetime.date(2024, 7, 29))
    assert [(f.entity, f.entity_kind, f.indicator, f.value) for f in facts] == [
        ("遂川工业园区", "park", "enterprises", Decimal("297")),
        ("遂川工业园区", "park", "above_scale_enterprises", Decimal("118")),
    ]


def test_firms_visited_or_born_a_day_are_no_count_of_firms():
    # 巴彦淖尔 (eval dev f04): 考察企业621家 counts visits; 光谷 (eval dev b10): 日均诞生企业96家 a daily rate
    text = "一季度，巴彦淖尔市共派出招商小分队216批次、考察企业621家、对接企业442家。2019年，光谷日均诞生企业96家。"
    assert not [f for f in read(text, datetime.date(2023, 5, 19)) if f.indicator == "enterprises"]


def test_industries_counted_before_the_level_each_is_to_reach():
    # 商丘市致力打造“三城五基地” (2015-06-01, eval dev g03), http://shangqiu.yuduxx.com/huashang/181767.html
    text = (
        "商丘市致力打造“三城五基地”\n力争到2017年，形成食品、纺织服装制鞋、装备制造3个主营业务收入超千亿元的产业集群。"
    )
    targets = [f for f in extract(text, datetime.date(2015, 6, 1), NOBODY) if f.kind == "target"]
    assert [(f.industry, f.indicator, f.value, f.approx, f.target_year) for f in targets] == [
        (name, "revenue", Decimal("100000000000"), True, 2017) for name in ("食品", "纺织服装制鞋", "装备制造")
    ]
    # outside a plan the same round level is a threshold passed (贵阳, eval dev e03), not a figure
    assert read("2015年，贵阳高新技术工业产值首超千亿元，位居全省第一。", datetime.date(2016, 5, 20)) == []


def test_my_province_is_the_publishers_when_the_text_names_none():
    # 安徽日报 2024-05-21 (eval dev g05): the page says only 我省; its 来源 line names the paper, kept as its source
    text = "我省新能源和节能环保产业营收规模连创新高\n2023年，我省吸引新能源和节能环保产业项目落地1350个，总投资额1.19万亿元。"
    facts = [f for f in extract(text, datetime.date(2024, 5, 21), NOBODY, source="安徽日报") if f.kind == "metric"]
    assert [(f.region.name, f.industry, f.indicator, f.value) for f in facts] == [
        ("安徽省", "新能源和节能环保产业", "projects_introduced", Decimal("1350")),
        ("安徽省", "新能源和节能环保产业", "contract_investment", Decimal("1190000000000")),
    ]


def test_an_industry_opening_the_sentence_is_whose_the_next_clauses_figure_is():
    # 破千亿!江西这些地方太牛了 (2023-04-14, eval dev i02), https://liantu.cn/gonglue/k8147.html: under a heading that is
    # a sentence about another industry
    text = (
        "南昌高新区：大力发展电子信息产业\n"
        "2022年，航空制造产业加速蓄势，实现营收215亿元，中国商飞第二飞机制造中心正式落地。新材料产业加快转型升级，营收超过1100亿元。"
    )
    facts = read(text, datetime.date(2023, 4, 14))
    assert [(f.industry, f.indicator, f.value) for f in facts] == [
        ("航空制造产业", "revenue", Decimal("21500000000")),
        ("新材料产业", "revenue", Decimal("110000000000")),
    ]


def test_a_regions_parks_doing_the_figure_are_not_the_region():
    # 海南日报 (2023-02-10), https://shuzhiren.com/post/10737.html (eval/extraction/dev/f05.txt): the parks' tax,
    # not 海口's nor 海南's; the rules cannot name "重点园区" as a park, so they give no figure rather than a wrong one
    text = (
        "海南自贸港重点园区去年累计实现营业收入18246亿元\n"
        "本报海口2月9日电(记者孙海天)据悉,2022年海南自贸港重点园区累计完成固定资产投资1261.48亿元,同比增长6.6%。"
        "“2022年,重点园区实现税收收入700.32亿元,占全省税收收入的比重为53.6%。”"
    )
    assert not [f for f in read(text, datetime.date(2023, 2, 10)) if f.indicator == "tax"]


def test_firms_brought_in_over_a_period_are_no_count_of_firms():
    # 碧江区 2023年招商引资工作总结 (2024-01-24), https://www.bjq.gov.cn/qdmz/tzbj/zsyzsj/202401/t20240124_86096331.html
    # (eval/extraction/dev/i10.txt): 引进优强企业21家 is the year's new firms, not how many firms the district has
    facts = read(
        "碧江区2023年招商引资工作情况\n2023年,我区签约项目108个,签约资金64.08亿元,引进优强企业21家(任务数18家),"
        "上报到位资金36亿元。",
        datetime.date(2024, 1, 24),
    )
    assert {f.indicator for f in facts} >= {"projects_introduced", "funds_in_place"}
    assert "enterprises" not in {f.indicator for f in facts}


def test_a_text_naming_no_place_is_the_platforms_district_only_by_assumption():
    # a 统计局 note as printed (中山市统计局, eval dev c12, names no place at all): 全区 / 全市 fall back to the
    # platform's district and its city, but the figures say the region is assumed and fall below bulk acceptance
    text = "2023年1-12月，全区规模以上工业实现增加值1506.30亿元，同比增长6.1%。全市地区生产总值3850.65亿元。"
    district, city = extract(text, datetime.date(2024, 1, 20), NOBODY)
    assert (district.region.name, city.region.name) == ("大渡口区", "重庆市")
    assert district.region_assumed and city.region_assumed
    assert district.confidence < 0.8 and city.confidence < 0.8
    assert district.to_json()["note"] == "原文未写地区，按本平台所在区推定：请确认地区"
    # a source that names a region, a place named in the text: nothing is assumed
    from_source = extract(text, datetime.date(2024, 1, 20), NOBODY, source="中山市统计局")
    assert [f.region.name for f in from_source] == ["中山市", "中山市"]
    assert not any(f.region_assumed for f in from_source)
    named = extract("大渡口区" + text, datetime.date(2024, 1, 20), NOBODY)
    assert not any(f.region_assumed for f in named) and "region_assumed" not in named[0].to_json()


def test_a_kind_of_park_after_a_countys_name_is_that_countys_park():
    # 柴达木循环经济试验区 一季度招商引资 (2022-04-18), http://cdm.qinghai.gov.cn/system/2022/04/18/010407140.shtml
    # (eval/extraction/dev/j19.txt): 乌兰工业园 is 乌兰县's park, not "工业园" as an industry of 乌兰县
    text = "试验区一季度完成省外招商引资到位资金2.28亿元\n一季度,乌兰工业园完成到位资金0.1亿元。"
    source = "http://cdm.qinghai.gov.cn/system/2022/04/18/010407140.shtml"
    park = next(f for f in extract(text, datetime.date(2022, 4, 18), NOBODY, source=source) if "乌兰" in f.subject)
    assert (park.entity, park.entity_kind, park.industry, park.region.name) == ("乌兰工业园", "park", None, "乌兰县")
    assert (park.indicator, park.value) == ("funds_in_place", Decimal("10000000"))
    # a city's parks of a kind stay its parks together (芜湖市开发区, eval dev e23)
    parks = read("2018年，芜湖市开发区实现营业收入5000亿元。", datetime.date(2019, 1, 20))[0]
    assert (parks.entity, parks.industry, parks.region.name) == (None, "开发区", "芜湖市")


def test_a_provinces_own_text_says_whole_province_of_itself():
    # 山西省政府门户网站 (2024-03-30), http://baode.gov.cn/zsyz/zsdt/202403/t20240330_3964985.html
    # (eval/extraction/dev/j12.txt): 全省 in a paragraph that names nothing else is the province the text is about
    text = (
        "2023年，我省招商引资交出靓丽成绩单\n\n我们很好。\n\n"
        "这一年，招商项目拉动作用更加明显。据统计，2023年，全省招商引资签约项目3108个，签约金额达1.58万亿元。"
    )
    facts = extract(text, datetime.date(2024, 3, 30), NOBODY, source="山西省政府门户网站")
    assert [(f.region.name, f.indicator, f.value) for f in facts if f.kind == "metric"] == [
        ("山西省", "projects_introduced", Decimal("3108")),
        ("山西省", "contract_investment", Decimal("1580000000000")),
    ]


def test_the_far_end_of_a_range_with_units_on_both_ends_is_no_figure():
    # 云南网 (2021-12-27), https://society.yunnan.cn/system/2021/12/27/031839920.shtml (eval/extraction/dev/e22.txt)
    text = "云南省推动“小升规”\n到2025年，我省将每年主营业务收入1500万元至2000万元的临近入规企业作为重点培育对象。"
    assert not [f for f in extract(text, datetime.date(2021, 12, 27), NOBODY) if f.value == Decimal("20000000")]


def test_the_three_sectors_numbered_once_are_three_sectors():
    # 云南 招商引资 1—4月 (2016), eval/extraction/dev/k15.txt: 第一、二、三产业 is 第一产业, 第二产业 and 第三产业, not
    # three 产业 counted
    text = "云南省前4个月招商引资\n前4个月，全省第一、二、三产业分别到位资金197.3亿元、768.5亿元和1129.3亿元。"
    facts = extract(text, datetime.date(2016, 5, 20), NOBODY)
    assert [(f.region.name, f.industry, f.value) for f in facts] == [
        ("云南省", "第一产业", Decimal("19730000000")),
        ("云南省", "第二产业", Decimal("76850000000")),
        ("云南省", "第三产业", Decimal("112930000000")),
    ]


def test_a_tally_goes_on_with_its_projects_money():
    # 云南 招商引资 1—4月 (2016), eval/extraction/dev/k15.txt: [项目]协议总投资 after the projects signed is the same
    # region's tally
    text = (
        "前4个月昆明和曲靖引进省外到位资金超200亿元\n今年1—4月，全省共新签订实施国内合作项目553个，同比增长23%；"
        "项目协议总投资864.5亿元，同比增长31.5%。"
    )
    facts = extract(text, datetime.date(2016, 5, 20), NOBODY)
    assert [(f.region.name, f.indicator, f.value, f.yoy_pct) for f in facts] == [
        ("云南省", "projects_introduced", Decimal("553"), Decimal("23")),
        ("云南省", "contract_investment", Decimal("86450000000"), Decimal("31.5")),
    ]


def test_a_part_said_in_brackets_is_not_the_tally():
    # 湖北 秭归 (2021), http://news.hbtv.com.cn/appgd/p/1939787.html (eval/extraction/dev/i18.txt)
    text = (
        "湖北秭归2021年一季度重大项目集中开工\n据了解,2021年一季度,秭归县共签约总投资近16亿元的10个重大项目"
        "(含现场签约5个项目),涵盖工业、农业、文化旅游等产业。"
    )
    facts = extract(text, datetime.date(2021, 4, 1), NOBODY)
    assert Decimal("5") not in {f.value for f in facts if f.kind == "metric"}


def test_a_standard_set_gives_thresholds_not_figures():
    # 岱山县入选全省工业大县 (2024), http://www.mobiupdates.com/zsnews/46467.html (eval/extraction/dev/i19.txt)
    text = (
        "岱山县入选全省工业大县名单\n据介绍，本次工业大县（市、区）划定标准为：2023年规上工业总产值1000亿元以上，"
        "或规上工业增加值200亿元以上，或规上工业企业数1000家以上。"
    )
    assert not [f for f in extract(text, datetime.date(2024, 9, 20), NOBODY) if f.kind == "metric"]


def test_a_bulletins_region_wide_figures_name_nobody():
    # 2022年宜春市袁州区国民经济和社会发展统计公报 (2023-06-26), http://bx2200.com/tjgongbao/huazhong/8149.html
    # (eval/extraction/dev/i01.txt): GDP and the budget revenue are the bulletin's region's; so they are in another
    # kind of text that has named its region (since the fourth batch of 2026-12-07: dev o19's 万源); in a text that
    # names no region such a figure is left unread, its subject unknown
    body = "初步核算,全年实现地区生产总值5604155万元,比上年增长5.6%。\n全年一般公共预算收入684812万元,增长17.9%。"
    facts = extract("2022年宜春市袁州区国民经济和社会发展统计公报\n" + body, datetime.date(2023, 6, 26), NOBODY)
    assert [(f.region.name, f.indicator, f.value) for f in facts] == [
        ("袁州区", "gdp", Decimal("56041550000")),
        ("袁州区", "fiscal_revenue", Decimal("6848120000")),
    ]
    named = extract("袁州区经济发展情况\n" + body, datetime.date(2023, 6, 26), NOBODY)
    assert [(f.region.name, f.indicator) for f in named] == [("袁州区", "gdp"), ("袁州区", "fiscal_revenue")]
    assert extract("经济发展情况\n" + body, datetime.date(2023, 6, 26), NOBODY) == []


def test_a_zone_named_as_its_figures_subject_is_the_region_not_a_park_in_it():
    # 中山火炬开发区 2023年工作总结 (2024-01-30), https://test.zsnews.cn/town/index/view/cateid/1202/id/721026.html
    # (eval/extraction/dev/l21.txt): 火炬开发区's GDP is the zone's as a region (its gazetteer name), no entity
    text = (
        "1月30日,中山火炬开发区召开2023年工作总结暨2024年工作部署大会。\n"
        "2023年,火炬开发区全年地区生产总值预计完成531.48亿元,同比增长5.0%,总量居全市第一。"
    )
    fact = next(f for f in extract(text, datetime.date(2024, 1, 30), NOBODY) if f.indicator == "gdp")
    assert (fact.region.name, fact.entity, fact.entity_kind) == ("中山火炬开发区", None, None)
    assert (fact.value, fact.period) == (Decimal("53148000000"), Period.whole_year(2023))


def test_the_money_signed_is_the_tallys_contract_investment():
    # 碧江区 2023年招商引资工作总结 (2024-01-24), https://www.bjq.gov.cn/qdmz/tzbj/zsyzsj/202401/t20240124_86096331.html
    # (eval/extraction/dev/i10.txt): 签约资金 is the money of the projects signed, as 协议资金 and 签约金额 are
    facts = read(
        "碧江区2023年招商引资工作情况\n2023年,碧江高新区签约项目41个,签约资金22.51亿元。", datetime.date(2024, 1, 24)
    )
    money = [f for f in facts if f.indicator == "contract_investment"]
    assert [(f.value, f.period) for f in money] == [(Decimal("2251000000"), Period.whole_year(2023))]


def test_the_exports_of_a_trade_total_said_with_a_verb_after_qizhong():
    # 成都 前三季度经济 (2018), eval/extraction/dev/a12.txt: 其中，实现出口总额… is the region's exports, a part
    # its indicator names, as 其中出口… is
    facts = read(
        "前三季度，成都实现进出口总额3517.4亿元，增长26.7%。其中，实现出口总额1895.7亿元，增长33.6%。",
        datetime.date(2018, 10, 30),
    )
    exports = [f for f in facts if f.indicator == "exports"]
    assert [(f.region.name, f.value, f.yoy_pct) for f in exports] == [
        ("成都市", Decimal("189570000000"), Decimal("33.6"))
    ]


def test_the_totals_after_new_firms_are_the_level_of_each_kind():
    # 安徽固镇 经济运行 (2023-01-04), http://finance.21cnw.cn/finance/20230104/010432183.html (eval/extraction/dev/i20.txt):
    # the new ones are a flow (every one of the list 新增 heads), the totals after them the level of each kind
    facts = read(
        "固镇县2022年工业经济运行情况\n2022年，固镇县工业经济稳中提质。"
        "新增战略性新兴产业企业3家、国家级高新技术企业31家，总数44家、88家。",
        datetime.date(2023, 1, 4),
    )
    assert [(f.indicator, f.industry, f.value, f.period) for f in facts] == [
        ("enterprises", "战略性新兴产业", Decimal(44), Period.month_end(2022, 12)),
        ("enterprises", "国家级高新技术企业", Decimal(88), Period.month_end(2022, 12)),
    ]


def test_the_holder_of_the_firms_counted_is_the_subject_of_its_figures():
    # 安徽固镇 经济运行 (2023-01-04), http://finance.21cnw.cn/finance/20230104/010432183.html (eval/extraction/dev/i20.txt):
    # the cluster that 集聚 the firms is whose their output is (its aside （基地） is no part of the name)
    facts = read(
        "2022年，固镇县工业经济稳中提质。生物基特色产业集群（基地）集聚27家规上企业，实现产值130亿元，增长20.6%。",
        datetime.date(2023, 1, 4),
    )
    output = [f for f in facts if f.indicator == "output"]
    assert [(f.industry, f.value, f.yoy_pct) for f in output] == [
        ("生物基特色产业集群", Decimal("13000000000"), Decimal("20.6"))
    ]


def test_a_paragraph_whose_first_sentence_names_no_time_is_lent_the_reports_period_there():
    # 黑龙江 一季度经济 (东方网, 2022-04-25), eval/extraction/dev/j16.txt: the figures before the paragraph's first time
    # are of the report's only period; the time a later sentence names holds from there on
    facts = read(
        "2022年一季度黑龙江全省地区生产总值3040.6亿元，同比增长5.4%。\n"
        "从三次产业看，第一产业增加值124亿元，增长6.3%，高于全国0.3个百分点。截至10月10日，黑龙江省累计收获水稻。",
        datetime.date(2022, 4, 25),
    )
    first = next(f for f in facts if f.industry == "第一产业")
    assert (first.value, first.period, first.yoy_pct) == (Decimal("12400000000"), Period.ytd(2022, 3), Decimal("6.3"))


def test_a_report_of_months_to_date_lends_its_span_when_it_also_names_the_last_month():
    # 2021年1-10月嘉定区经济运行情况简析 (2021-10-20), eval/extraction/dev/b11.txt: 10月份 is the month's own figures
    # inside the report's 1-10月, so a paragraph that names no time is of 1-10月
    facts = read(
        "2021年1-10月嘉定区经济运行情况简析\n"
        "1-10月，全区规模以上工业实现总产值4317.1亿元，同比增长1.6%。10月份，全口径工业实现工业总产值503.4亿元，同比下降11.0%。\n"
        "全区汽车产业实现工业产值2821.7亿元，同比下降3.4%。",
        datetime.date(2021, 11, 20),
    )
    cars = next(f for f in facts if f.industry == "汽车产业")
    assert (cars.value, cars.period, cars.yoy_pct) == (Decimal("282170000000"), Period.ytd(2021, 10), Decimal("-3.4"))


def test_a_fiscal_total_is_no_revenue_and_rates_said_of_two_figures_go_in_order():
    # 2021年浙江省一季度经济运行 (中新网), eval/extraction/dev/e10.txt: 财政总收入 is fiscal (not 营业收入), and the two
    # rates after the two amounts are theirs in order: 27.5% is the 一般公共预算收入's
    facts = read(
        "2021年一季度浙江经济运行情况\n从财政收支看，一季度浙江财政总收入4792亿元，一般公共预算收入2757亿元，"
        "同比分别增长26.3%和27.5%。",
        datetime.date(2021, 4, 26),
    )
    assert [(f.indicator, f.value, f.yoy_pct) for f in facts] == [
        ("fiscal_revenue", Decimal("275700000000"), Decimal("27.5"))
    ]


def test_an_undated_text_dates_the_periods_it_also_names_with_their_year():
    # 上饶 1—7月工业园区 (上饶日报), eval/extraction/dev/d17.txt: the text says 2016年1—7月 once, then 1-7月
    facts = read(
        "本报讯 据省统计局正式发布的2016年1—7月全省工业园区发展情况显示，上饶市工业园区经济运行良好。\n"
        "1-7月，全市工业园区实现工业增加值348亿元，同比增长7.6%。",
        None,
    )
    assert [(f.value, f.period, f.needs_date) for f in facts if f.indicator == "value_added"] == [
        (Decimal("34800000000"), Period.ytd(2016, 7), False)
    ]
    # a year said of something else does not date a period named without one (进入2022年… / 一季度): it needs the date
    facts = read(
        "进入2022年，两江新区汽车产业加速壮大。\n一季度两江新区汽车产业完成产值382.9亿元，同比增长17.6%。", None
    )
    assert [(f.period, f.needs_date) for f in facts] == [(None, True)]


def test_the_times_of_a_documents_title_are_no_period_of_the_figures():
    # 贵州省高新技术产值 贵阳贡献近五成 (贵阳日报, 2016-05-17), eval/extraction/dev/e03.txt: 2016年第一季度 names the report,
    # so 2015 is the only period the article has named, and a paragraph naming none is of it
    facts = read(
        "《贵州省2015年全年和2016年第一季度高新技术产业发展报告》发布，2015年，贵阳高新技术工业产值首超千亿元。\n"
        "贵阳10个区（市、县）中，花溪区高新技术工业产值排名第一，达279.74亿元，同比增长15.9%。",
        datetime.date(2016, 5, 17),
    )
    huaxi = [f for f in facts if f.region is not None and f.region.name == "花溪区"]
    assert [(f.value, f.period, f.yoy_pct) for f in huaxi] == [
        (Decimal("27974000000"), Period.whole_year(2015), Decimal("15.9"))
    ]


def test_a_list_is_of_the_region_its_sentence_names_before_it():
    # 云南 1—4月 招商引资 (2016), eval/extraction/dev/k15.txt: 全省 before the list of sectors is whose they are, not the
    # city the text opened with
    facts = read(
        "今年1—4月，昆明、曲靖引进省外到位资金超过200亿元。\n"
        "据业内人士分析称，前4个月，全省引资结构呈现新变化：第一、二、三产业分别到位资金197.3亿元、768.5亿元和1129.3亿元。",
        datetime.date(2016, 5, 20),
    )
    sectors = [f for f in facts if f.industry]
    assert [(f.region.name, f.industry, f.value) for f in sectors] == [
        ("云南省", "第一产业", Decimal("19730000000")),
        ("云南省", "第二产业", Decimal("76850000000")),
        ("云南省", "第三产业", Decimal("112930000000")),
    ]


def test_a_tally_of_projects_says_their_industry_between_its_verb_and_xiangmu():
    # 重庆高新区 1-5月 招商引资 (2017), eval/extraction/dev/a09.txt: 工业 of 新签约工业项目 is the tally's industry, and so
    # of its contract money; 招商引资 before it is what was done, no part of the subject
    facts = read(
        "重庆高新区1-5月经济运行情况\n1-5月，重庆高新区招商引资新签约工业项目12个，合同投资额23.7亿元。",
        datetime.date(2017, 6, 20),
    )
    assert [(f.indicator, f.industry, f.value) for f in facts] == [
        ("projects_introduced", "工业", Decimal(12)),
        ("contract_investment", "工业", Decimal("2370000000")),
    ]


def test_the_industry_goes_on_through_an_indicators_own_word_gongye():
    # 厦门 1-8月 工业 (2017), eval/extraction/dev/b04.txt: 工业 of 工业增加值 is the indicator's word; the value added is
    # the 规模以上高新技术产业's, as its 工业总产值 is
    facts = read(
        "厦门市1-8月工业经济运行情况\n1月至8月，全市规模以上高新技术产业完成工业总产值2777.04亿元，实现工业增加值641.47亿元。",
        datetime.date(2017, 9, 20),
    )
    assert [(f.indicator, f.industry) for f in facts] == [
        ("output", "规模以上高新技术产业"),
        ("value_added", "规模以上高新技术产业"),
    ]


def test_a_class_of_firms_by_size_is_no_count_of_the_firms_there():
    # 柳州 工业 (2023), eval/extraction/dev/f15.txt: 亿元工业企业 are the firms above 1亿元 of output, a class by size;
    # the count of 规模以上工业企业 before it stays
    facts = read("目前，该市规模以上工业企业达1325家，亿元工业企业超过400家。", datetime.date(2023, 9, 20))
    assert [(f.indicator, f.value) for f in facts] == [("above_scale_enterprises", Decimal(1325))]


def test_projects_of_industry_in_general_name_no_industry():
    # 珠海高新区 6月 招商 (eval/extraction/dev/d19.txt): 产业 of 新引进产业项目 is no industry of its own
    facts = read("据悉，6月份，珠海高新区共新引进产业项目48个，合计投资总额135亿元。", datetime.date(2023, 7, 10))
    assert [(f.indicator, f.industry) for f in facts if f.indicator == "projects_introduced"] == [
        ("projects_introduced", None)
    ]


def test_an_industrys_projects_are_the_subject_of_their_funds():
    # 庐江县 上半年 招商引资 (2016), eval/extraction/dev/e02.txt: 工业项目 after 其中 names the part: 工业's projects
    facts = read(
        "庐江县上半年招商引资工作情况\n上半年，全县招商引资到位资金107.50亿元。其中，工业项目到位资金76.3亿元。",
        datetime.date(2016, 7, 10),
    )
    assert [(f.industry, f.value) for f in facts] == [(None, Decimal("10750000000")), ("工业", Decimal("7630000000"))]


def test_funds_in_place_said_by_where_they_come_from():
    # 大庆 上半年 招商 (2024), eval/extraction/dev/f12.txt; 云南 1—4月 招商 (2016), eval/extraction/dev/k15.txt:
    # 实际利用内资 and 到位省外资金 are funds in place (as 省外到位资金 is); 但 before the industry is no part of it
    facts = read(
        "大庆市上半年招商引资情况\n上半年，全市实际利用内资117.2亿元，同比增长32.4%。", datetime.date(2024, 7, 20)
    )
    assert [(f.indicator, f.value, f.yoy_pct) for f in facts] == [
        ("funds_in_place", Decimal("11720000000"), Decimal("32.4"))
    ]
    facts = read(
        "前4个月，云南省二产省外到位资金比重虽然有所下降，但制造业到位省外资金335.8亿元，同比增长4.6%。",
        datetime.date(2016, 5, 20),
    )
    assert [(f.indicator, f.industry, f.value) for f in facts] == [("funds_in_place", "制造业", Decimal("33580000000"))]


def test_a_zones_kind_said_alone_in_its_own_text_is_the_zone():
    # 通州湾示范区 (2021-04-13), eval/extraction/dev/f02.txt: 示范区 alone is the zone the text is about (as 全区 is),
    # and 新招引 counts the projects brought in as 新引进 does
    text = "本网讯12日下午，通州湾示范区2021年一季度重大项目集中签约。\n2020年示范区新招引亿元以上项目109个，总投资超700亿元。"
    facts = [f for f in extract(text, datetime.date(2021, 3, 13), NOBODY, source="南通网") if f.kind == "metric"]
    assert [(f.indicator, f.region.name, f.entity, f.value) for f in facts] == [
        ("projects_introduced", "通州湾示范区", None, Decimal(109)),
        ("contract_investment", "通州湾示范区", None, Decimal("70000000000")),
    ]


def test_the_park_said_in_a_zones_own_report_is_the_zone():
    # 海口国家高新区 1-4月 经济运行 (2017), eval/extraction/dev/j05.txt: 园区 is the zone the report is about, and
    # 营业总收入 its revenue
    facts = read(
        "海口国家高新区1-4月经济运行情况\n1-4月份园区营业总收入实现79.5亿元，同比增长50.5%。",
        datetime.date(2017, 5, 20),
    )
    assert [(f.indicator, f.region.name, f.entity, f.value, f.yoy_pct) for f in facts] == [
        ("revenue", "海口国家高新区", None, Decimal("7950000000"), Decimal("50.5"))
    ]


def test_a_figure_goes_on_from_the_indicator_of_the_clause_before_after_its_time():
    # 海口国家高新区 1-4月 经济运行 (2017), eval/extraction/dev/j05.txt: 公共财政收入 (一般公共预算收入's older name)
    # is named in one clause, its amount in the next after that clause's time
    facts = read(
        "海口国家高新区1-4月经济运行情况\n园区公共财政收入保持较快增长，1-4月份实现10.8亿元，同比增长13.4%。",
        datetime.date(2017, 5, 20),
    )
    assert [(f.indicator, f.value, f.period, f.yoy_pct) for f in facts] == [
        ("fiscal_revenue", Decimal("1080000000"), Period.ytd(2017, 4), Decimal("13.4"))
    ]


def test_the_next_park_of_a_sentence_goes_on_with_the_indicator():
    # 上饶 1—7月 工业园区 (上饶日报, 2016), eval/extraction/dev/d17.txt: after one park's 主营业务收入, the next parks'
    # amounts are theirs, of the same indicator
    facts = read(
        "2016年1—7月，其中上饶经济技术开发区主营业务收入494.82亿元，在全省100个工业园区中排位第五位；"
        "广丰经济开发区325.44亿元，全省第八位。",
        datetime.date(2016, 8, 20),
    )
    assert [(f.indicator, f.subject, f.value) for f in facts] == [
        ("revenue", "上饶经济技术开发区", Decimal("49482000000")),
        ("revenue", "广丰经济开发区", Decimal("32544000000")),
    ]
