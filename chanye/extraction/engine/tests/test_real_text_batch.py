"""Shapes of real statistics and investment news the engine reads since the round of 2026-12-07: regions listed with
their amounts, a figure and its growth in different paragraphs, exports after imports, and the figures it no
longer gives a region as a whole (a part of it the rules cannot name, firms signed or set up over a period).
Short quotes; each test names its source (the evaluation corpus keeps the articles, eval/extraction/dev)."""

import datetime
from decimal import Decimal

from chanye.extraction.engine import Subjects, extract
from chanye.lib.periods import Period

NOBODY = Subjects(clusters={}, enterprises={}, parks={}, district="大渡口区")
GUIZHOU_Q3 = datetime.date(2021, 11, 13)
# 贵州前三季度市县经济发展情况公布 (2021-11-13), https://app.myzaker.com/news/article.php?pk=618f6648b15ec0125340d73e
# (eval/extraction/dev/h13.txt), spaces as the page has them
GUIZHOU_LEVELS = (
    "分市州看,在经济总量方面,今年前三季度,贵阳地区生产总值为 3102.44 亿元,占全省的比重为 22.2%。"
    "该地区生产总值首次突破 3000 亿元;黔南、铜仁、六盘水、黔西南位于 1000 亿元至 1500 亿元之间,"
    "分别为 1310.35、1098.90、1081.33、1050.40 亿元;黔东南、安顺低于 1000 亿元,分别为 899.22、819.17 亿元。"
)
GUIZHOU_RATES = (
    "在同比增速方面。遵义、黔西南、安顺地区生产总值比上年同期保持两位数增长,分别增长 11.7%、11.5%、11.3%,"
    "位居前列;铜仁、黔南、六盘水分别增长 9.9%、9.8%、9.7%,排名居中。"
)


def metrics(text: str, published: datetime.date | None):
    return [f for f in extract(text, published, NOBODY) if f.kind == "metric"]


def by_region(facts) -> dict:
    return {f.region.name: (f.value, f.yoy_pct) for f in facts if f.value is not None}


def test_regions_listed_then_their_amounts_after_fenbiewei():
    levels = by_region(metrics("贵州前三季度市县经济发展情况公布\n" + GUIZHOU_LEVELS, GUIZHOU_Q3))
    assert levels["黔南布依族苗族自治州"] == (Decimal("131035000000"), None)
    assert levels["黔西南布依族苗族自治州"] == (Decimal("105040000000"), None)
    # 安顺 is a city (安顺市), read by its short name in a text about its province
    assert levels["安顺市"] == (Decimal("81917000000"), None)
    assert levels["黔东南苗族侗族自治州"] == (Decimal("89922000000"), None)
    # the threshold the regions lie between is no figure of theirs
    assert Decimal("100000000000") not in {f.value for f in metrics(GUIZHOU_LEVELS, GUIZHOU_Q3)}


def test_a_figure_and_its_growth_in_two_paragraphs_are_one_figure():
    facts = metrics("贵州前三季度市县经济发展情况公布\n" + GUIZHOU_LEVELS + "\n" + GUIZHOU_RATES, GUIZHOU_Q3)
    levels = by_region(facts)
    assert levels["黔南布依族苗族自治州"] == (Decimal("131035000000"), Decimal("9.8"))
    assert levels["安顺市"] == (Decimal("81917000000"), Decimal("11.3"))
    qiannan = [f for f in facts if f.region.name == "黔南布依族苗族自治州"]
    assert len(qiannan) == 1 and qiannan[0].period == Period(year=2021, start=1, end=9)
    # 遵义's rate has no level in these paragraphs: it stays a growth-only figure
    [zunyi] = [f for f in facts if f.region.name == "遵义市"]
    assert (zunyi.value, zunyi.yoy_pct) == (None, Decimal("11.7"))


def test_exports_after_imports_in_a_qizhong_sentence():
    # 航空港实验区去年 GDP完成1172.8亿元 (郑州日报, 2022-02-01), https://zzrb.zynews.cn/html/2022-02/01/content_1291747.htm
    text = (
        "2021年全区外贸进出口总值突破5000亿元,达5245.6亿元,同比增长17.9%。"
        "其中进口完成2226亿元,同比增长17.4%;出口完成3019.6亿元,同比增长18.3%。"
    )
    found = {(f.indicator, f.value, f.yoy_pct) for f in metrics("航空港实验区经济运行\n" + text, None)}
    assert ("exports", Decimal("301960000000"), Decimal("18.3")) in found


def test_a_part_of_the_region_named_before_its_indicator_is_not_the_region():
    # 长沙县93个重大项目集中开工签约 (2024-02-19), http://gxt.hunan.gov.cn/…/t20240219_32875068.html (dev e15)
    facts = metrics(
        "长沙县重大项目集中开工签约\n长沙县2023年招商引资成效明显。全年新注册湘商企业23家,湘商回归到位资金121.1亿元。",
        datetime.date(2024, 2, 19),
    )
    assert Decimal("12110000000") not in {f.value for f in facts}
    # but the tallies of the region's investment promotion are its own
    [funds] = metrics("截至目前,长沙县招商引资到位资金107.50亿元。", datetime.date(2023, 12, 20))
    assert (funds.indicator, funds.value) == ("funds_in_place", Decimal("10750000000"))


def test_firms_signed_or_set_up_over_a_period_are_no_count_of_firms():
    # 竹山跨省招商喜迎“第一签” (2023-02-11), https://ncxbepaper.hubeidaily.net/pc/content/202302/11/content_211325.html
    signed = metrics(
        "近年来,竹山县先后10多次组队前往浙江招商,签约卫浴企业125家、投产84家,其中规上企业34家。",
        datetime.date(2023, 2, 11),
    )
    assert Decimal(125) not in {f.value for f in signed if f.indicator == "enterprises"}
    # 四川省10個國家級經開區前三季度進出口同比增長25% (2023-10-30), http://big5.china.com.cn/…/183576.shtml (dev g18)
    set_up = metrics("前三季度,四川省新设外商投资企业7家,同比持平。", datetime.date(2023, 10, 30))
    assert not [f for f in set_up if f.indicator == "enterprises"]


def test_a_zone_named_by_its_kind_only_is_the_zone_of_the_place_the_source_is_from():
    # 高新区发展态势良好 主要经济指标实现“双过半” (太仓日报, 2018-08-10), https://tcxq.investchn.com/news/detail/id/16119.html
    # (eval/extraction/dev/n05.txt): the text never writes 太仓; its publisher does
    text = (
        "高新区发展态势良好 主要经济指标实现“双过半”\n"
        "8月3日,高新区召开党工委扩大会议。上半年,高新区主要经济指标实现稳健增长。"
        "全区完成全口径财政税收收入68.46亿元,增长13.3%。"
    )
    [tax] = [f for f in extract(text, datetime.date(2018, 8, 10), NOBODY, source="太仓日报") if f.kind == "metric"]
    assert (tax.region.name, tax.region.parent, tax.indicator, tax.value) == (
        "太仓高新区",
        "320585",
        "tax",
        Decimal("6846000000"),
    )
    assert not tax.region_assumed
    # a title that names its place keeps it: 苏州工业园区 is not 太仓's zone
    [other] = [
        f
        for f in extract(
            "苏州高新区经济运行\n上半年,全区完成全口径财政税收收入68.46亿元。",
            datetime.date(2018, 8, 10),
            NOBODY,
            source="太仓日报",
        )
        if f.kind == "metric"
    ]
    assert other.region.name != "太仓高新区"


def test_the_investment_of_a_sector_and_of_real_estate():
    # 2016年1-6月全市經濟運行簡況 (北京), http://www.handmsg.com/page/2016/0514/8631699.shtml (dev l17), and 繁昌区
    # 2021年1-6月 统计 (dev n08): a sector's 完成投资 and 房地产投资 are parts of 固定资产投资, with their industry
    facts = metrics(
        "上半年,北京市第二產業完成投資255.5億元,同比增長17.7%;房地产投资8.79亿元,同比下降7.3%。",
        datetime.date(2016, 7, 20),
    )
    found = {(f.industry, f.indicator, f.value, f.yoy_pct) for f in facts}
    assert ("第二产业", "investment", Decimal("25550000000"), Decimal("17.7")) in found
    assert ("房地产", "investment", Decimal("879000000"), Decimal("-7.3")) in found


def test_a_government_site_named_by_the_first_letters_of_its_region():
    # 闽清县 statistics (fzmq.gov.cn, eval dev n19) and 三门峡 统计局 (tjj.smx.gov.cn, dev l18): the host names the
    # region by the first letters of its name (福州's 闽清; 三门峡, the city before 三门县 and 石门县 of its letters)
    text = "2017年一季度,全县规模以上工业增加值12.5亿元,同比增长8.1%。"
    [fact] = metrics_from(text, "http://fzmq.gov.cn/xjwz/zwgk/tjxx/201705/t20170512_1.htm")
    assert (fact.region.name, fact.region.code) == ("闽清县", "350124")
    [city] = metrics_from("2017年一季度,全市规模以上工业增加值12.5亿元。", "http://tjj.smx.gov.cn/tjsj/1.html")
    assert city.region.name == "三门峡市"
    # only on a government site: elsewhere bbs is a forum, not 蚌埠 (bbs.esanxia.com, dev n20)
    [forum] = metrics_from("2017年一季度,全市规模以上工业增加值12.5亿元。", "http://bbs.esanxia.com/thread-1.html")
    assert forum.region.name != "蚌埠市"
    # letters that several places of one level share say nothing (cxs: 慈溪市, 岑溪市, 楚雄市)
    [none] = metrics_from(text, "http://www.cxs.gov.cn/1.html")
    assert none.region_assumed


def metrics_from(text: str, source: str):
    return [f for f in extract(text, None, NOBODY, source=source) if f.kind == "metric"]


def test_a_region_wide_target_naming_nobody_in_a_text_about_the_region():
    # 300亿元!四川万源为自己新的五年征程定下目标 (2021-01-20), https://new.qq.com/omn/20210120/20210120A0CDE600.html (dev o19)
    text = (
        "四川万源为自己新的五年征程定下目标\n"
        "同时，城区建成区面积达到20平方公里。到2035年，地区生产总值突破600亿元，城区常住人口达到32万人。"
    )
    [target] = [f for f in extract(text, datetime.date(2021, 1, 20), NOBODY) if f.kind == "target"]
    assert (target.region.name, target.indicator, target.value, target.target_year) == (
        "万源市",
        "gdp",
        Decimal("60000000000"),
        2035,
    )
    # but not a figure that only a part of the region could have (an industry's, a group's)
    text = "四川万源为自己新的五年征程定下目标\n到2035年，湘商回归到位资金突破60亿元。"
    assert not [f for f in extract(text, datetime.date(2021, 1, 20), NOBODY) if f.kind == "target"]


def test_a_dateline_of_another_place_does_not_make_the_province_that_place():
    # 江西省經濟平穩回升實現“雙過半” (中评社, 2022-07-19), http://hk1.crntt.com/doc/7_0_106419834_1.html (dev o12)
    text = (
        "江西省經濟平穩回升實現“雙過半”\n"
        "中評社北京7月19日電/據江西日報報導,7月18日,省政府新聞辦召開新聞發布會。"
        "上半年我省地區生產總值15133.1億元,按不變價格計算,同比增長4.9%。"
    )
    [gdp] = metrics(text, datetime.date(2022, 7, 19))
    assert (gdp.region.name, gdp.value, gdp.yoy_pct) == ("江西省", Decimal("1513310000000"), Decimal("4.9"))


def test_an_undated_text_dates_the_parts_of_the_period_it_names_with_its_year():
    # 平稳向好!江西上半年经济成绩单出炉 (大江网, undated), http://app.qqgsw.com.cn/news/2760275 (dev o11): the day of the
    # press conference and 二季度 (inside 2025年上半年) do not keep 上半年 from being 2025's
    text = (
        "平稳向好!江西上半年经济成绩单出炉\n"
        "7月18日上午,2025年上半年江西经济运行情况新闻发布会在南昌召开。\n"
        "根据地区生产总值统一核算结果,上半年江西省地区生产总值16719.6亿元,按不变价格计算,同比增长5.6%。"
        "二季度增长5.8%,比一季度加快0.4个百分点。"
    )
    [gdp] = [f for f in metrics(text, None) if f.value is not None]
    assert (gdp.value, gdp.period) == (Decimal("1671960000000"), Period(year=2025, start=1, end=6))
    # a year alone dates nothing inside it: 进入2022年… 一季度 still needs the date (dev a05)
    text = (
        "两江新区工业\n进入2022年,两江新区汽车产业加速壮大。\n一季度两江新区汽车产业完成产值382.9亿元,同比增长17.6%。"
    )
    [output] = metrics(text, None)
    assert output.period is None and output.needs_date


def test_a_bulletins_gdp_with_its_short_name_in_brackets():
    # 2023年特克斯县国民经济和社会发展统计公报, http://www.ilynn.cn/document_detail/124427.html (dev o04)
    text = (
        "特克斯县2023年国民经济和社会发展统计公报\n"
        "根据地区生产总值统一核算结果,特克斯县全年实现地区生产总值(GDP)510832万元,比上年增长5.5%。"
    )
    [gdp] = metrics(text, None)
    assert (gdp.region.name, gdp.value, gdp.yoy_pct) == ("特克斯县", Decimal("5108320000"), Decimal("5.5"))


def test_a_kind_of_firm_with_a_few_words_before_it_is_counted():
    # 拉萨经济技术开发区成为西藏经济新引擎 (2018-06-12), http://www.rmzxb.com.cn/c/2018-06-12/2081696.shtml (dev o09)
    text = (
        "拉萨经济技术开发区成为西藏经济新引擎\n记者从拉萨经济技术开发区管委会获悉,这个开发区正在成为西藏经济新的增长引擎。"
        "到目前,园区落地实体生产型企业116家,上市企业13家,国内行业龙头企业12家。"
    )
    found = {(f.region.name, f.industry, f.value) for f in metrics(text, datetime.date(2018, 6, 12))}
    assert ("拉萨经济技术开发区", "龙头企业", Decimal(12)) in found
    # gathered or newly recognised firms are not the count there is
    assert not metrics("张家界高新区\n全年新认定国家高新技术企业7家。", datetime.date(2018, 12, 30))


def test_the_money_of_a_group_of_projects_counted_in_the_clause_before():
    # 试验区1-10月完成省外招商引资到位资金64.82亿元 (2022-11-04), http://cdm.qinghai.gov.cn/system/2022/11/04/010420945.shtml
    # (dev o06; the article names its zone only as 试验区, so 海西州 stands for it here)
    text = "海西州招商引资\n1-10月,海西州化工类项目6个,完成到位资金4.37亿元;新能源类项目8个,完成到位资金28.66亿元。"
    found = [(f.region.name, f.industry, f.indicator, f.value) for f in metrics(text, datetime.date(2022, 11, 4))]
    assert found == [
        ("海西蒙古族藏族自治州", "化工类", "funds_in_place", Decimal("437000000")),
        ("海西蒙古族藏族自治州", "新能源类", "funds_in_place", Decimal("2866000000")),
    ]


def test_a_title_that_is_a_sentence_is_no_industry_of_the_figures_under_it():
    # 光谷平均每日诞生企业近百家 GDP逾六成来自高新产业 (2020-12-16), http://news.cnhubei.com/content/2020-12/16/content_13506729.html
    # (dev b10): the title ends in 产业 but names none
    text = (
        "光谷平均每日诞生企业近百家 GDP逾六成来自高新产业\n"
        "从产业指数看，光谷“光芯屏端网”万亿级光电子产业集群，4年年均增长7.4%,2019年产业收入规模达5861.4亿元。"
    )
    facts = metrics(text, datetime.date(2020, 12, 16))
    assert all(f.industry is None or len(f.industry) <= 16 for f in facts)


def test_promised_output_and_shared_taxes_are_other_statistics():
    # 重庆高新区工业经济扩量提质成效明显 (2017-06-22), https://www.aimsen.com/information/25712 (dev a09): 合同工业产值 is what
    # signed projects promise; 甘孜州2022年工业实现较快增长 (2023-02-21),
    # http://cdslxx.cn/cn/news/zcdt/202302/t20230221_7364599.html (dev i14): 税收分成 is a share of taxes, not the taxes
    promised = metrics(
        "1-5月，重庆高新区招商引资新签约工业项目12个，合同投资额23.7亿元，合同工业产值144.3亿元。",
        datetime.date(2017, 6, 22),
    )
    assert Decimal("14430000000") not in {f.value for f in promised}
    shared = metrics(
        "2022年，甘孜州飞地园区实现产值507亿元，同比增长19%，实现税收分成1.81亿元。", datetime.date(2023, 2, 21)
    )
    assert not [f for f in shared if f.indicator == "tax"]


def test_regions_after_the_first_each_with_its_amount_of_the_same_indicator():
    # 江苏13个设区市2023年上半年经济数据全部出炉, https://zfw.changzhou.gov.cn/html/czzf/2023/FCPIQHAJ_0801/22475.html
    # (dev p01): the indicator is written once, for the first city
    text = (
        "江苏13个设区市2023年上半年经济数据全部出炉\n"
        "上半年，江苏13个设区市的数据也全部出炉。具体来看，苏州市地区生产总值 11458.4亿元，南京市8316.92亿元，无锡市7105.67亿元。"
    )
    found = [(f.region.name, f.indicator, f.value) for f in metrics(text, None)]
    assert found == [
        ("苏州市", "gdp", Decimal("1145840000000")),
        ("南京市", "gdp", Decimal("831692000000")),
        ("无锡市", "gdp", Decimal("710567000000")),
    ]
    assert all(f.period == Period(year=2023, start=1, end=6) for f in metrics(text, None))


def test_as_at_the_end_of_a_year_is_a_level_reached_not_a_target():
    # 甘肃永昌工业园区 (park profile, undated), https://gs.025b.com/yuanqu/detail/3030/intro (dev p12)
    text = (
        "甘肃永昌工业园区\n"
        "园区成立以来，初步形成产业发展格局，截止到2015年年底，园区实现销售收入273469万元，同比增长8.0%。"
    )
    facts = extract(text, None, NOBODY)
    assert not [f for f in facts if f.kind == "target"]
    [revenue] = [f for f in facts if f.kind == "metric"]
    assert (revenue.entity, revenue.value, revenue.yoy_pct) == ("永昌工业园区", Decimal("2734690000"), Decimal("8.0"))
    assert revenue.period == Period.whole_year(2015)
