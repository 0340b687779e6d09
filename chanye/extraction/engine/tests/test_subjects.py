"""Subjects: the demo district, names and aliases, short names a text declares, lists and objects."""

from decimal import Decimal

from chanye.extraction.engine import Subjects
from chanye.extraction.engine.subjects import DISTRICT, ENTERPRISE, ORG, Lexicon, declared_names

from ._helpers import SUBJECTS, facts, one


def test_from_demo_reads_clusters_enterprises_parks_and_the_district():
    demo = Subjects.from_demo()
    assert demo.district == "大渡口区"
    assert set(demo.clusters) == {
        "大数据智能化",
        "大健康生物医药",
        "生态环保",
        "新材料",
        "重庆小面",
        "文化休闲旅游",
        "现代服务业",
    }
    assert demo.clusters["大数据智能化"][:3] == ["大数据智能化产业集群", "大数据智能化产业", "大数据智能化"]
    assert "现代服务产业办" in demo.clusters["现代服务业"]  # the office that runs it
    assert demo.enterprises["重庆国际复合材料股份有限公司"] == ["国际复材", "国际复合材料"]
    assert "4号仓库影视产业园" in demo.parks


def test_the_longest_name_wins():
    lexicon = Lexicon.build(SUBJECTS)
    mentions = lexicon.mentions("重庆国际复合材料股份有限公司与国际复材，全区与大渡口")
    assert [(m.text, m.entity.kind, m.entity.name) for m in mentions] == [
        ("重庆国际复合材料股份有限公司", ENTERPRISE, "重庆国际复合材料股份有限公司"),
        ("国际复材", ENTERPRISE, "重庆国际复合材料股份有限公司"),
        ("全区", DISTRICT, "大渡口区"),
        ("大渡口", DISTRICT, "大渡口区"),
    ]


def test_a_declared_short_name_maps_later_mentions_to_the_configured_enterprise():
    subjects = Subjects(clusters={}, enterprises={"重庆三峰环境集团股份有限公司": []}, district="大渡口区")
    text = "走进重庆三峰环境集团股份有限公司（简称“三峰环境”）总装基地。2023年，三峰环境企业垃圾处理量同比增长10.01%。"
    import datetime

    from chanye.extraction.engine import extract

    fact = extract(text, datetime.date(2024, 1, 23), subjects)[0]
    assert (fact.subject, fact.enterprise, fact.indicator, fact.yoy_pct) == (
        "重庆三峰环境集团股份有限公司",
        "重庆三峰环境集团股份有限公司",
        "waste_processed",
        Decimal("10.01"),
    )


def test_a_declared_short_name_of_an_unconfigured_company_keeps_its_full_name():
    fact = one(
        "重庆某某科技有限公司（以下简称“某某科技”）是一家软件企业。今年1-10月，某某科技实现营收5亿元，同比增长20%。"
    )
    assert (fact.subject, fact.enterprise, fact.cluster, fact.value) == ("重庆某某科技有限公司", None, None, 500000000)
    names = declared_names("重庆某某科技有限公司（简称“某某科技”）", Lexicon.build(SUBJECTS))
    assert names["某某科技"].kind == ORG and names["某某科技"].name == "重庆某某科技有限公司"


def test_the_nearest_subject_before_the_figure():
    found = facts("今年1-10月，全区大数据智能化产业实现营收92.2亿元，生态环保产业实现营收72.6亿元。")
    assert [(f.subject, f.cluster, f.value) for f in found] == [
        ("大数据智能化", "大数据智能化", Decimal("9220000000")),
        ("生态环保", "生态环保", Decimal("7260000000")),
    ]


def test_a_subject_carried_from_earlier_in_the_paragraph_over_a_bare_district():
    found = facts("大渡口出台新材料产业集群规划。预计到2025年，大渡口将建成西部材料高地，营收突破200亿元。")
    assert [(f.kind, f.subject, f.target_year) for f in found] == [("target", "新材料", 2025)]
    assert found[0].confidence < 0.8 and found[0].extra["subject_how"] == "段内前文"


def test_the_heading_gives_the_subject_when_the_paragraph_does_not():
    found = facts("新材料产业：培育西部地区材料产业集聚区\n预计到2025年，产业企业达300家。")
    assert [(f.kind, f.subject, f.value, f.extra["subject_how"]) for f in found] == [
        ("target", "新材料", 300, "小标题")
    ]


def test_a_list_of_clusters_names_no_single_subject():
    found = facts("近年来，大渡口区聚力发展大数据智能化、新材料、生态环保产业。2022年，全区实现营收500亿元。")
    assert [(f.subject, f.cluster) for f in found] == [("大渡口区", None)]


def test_companies_in_a_list_or_as_objects_are_not_subjects():
    found = facts("今年1-10月，全区引进了国际复材、三峰环境等企业，新材料产业实现营收59亿元。")
    assert [f.subject for f in found] == ["新材料"]
    assert facts("今年1-10月，全区引进了三峰环境，实现营收59亿元。")[0].subject == "大渡口区"


def test_a_part_of_the_subject_is_read_as_its_own_industry_not_the_clusters():
    found = facts("今年1-10月，全区大数据智能化产业实现营收92.2亿元。其中，软件和信息服务业营收30亿元。")
    assert [(f.cluster, f.industry, f.value) for f in found] == [
        ("大数据智能化", "大数据智能化", Decimal("9220000000")),
        (None, "软件和信息服务业", Decimal("3000000000")),
    ]
    assert found[1].region.name == "大渡口区" and found[1].industry_code == "65" and not found[1].resolved


def test_parks_are_subjects_too():
    found = facts(
        "4号仓库影视产业园负责人说，产业园建成至今，已接待全国各地大小剧组近60个，吸引40多家影视企业和工作室入驻。"
    )
    assert [(f.subject, f.indicator, f.value, f.qualifier, f.period_end) for f in found] == [
        ("4号仓库影视产业园", "film_crews_hosted", 60, "近", "2023-12"),
        ("4号仓库影视产业园", "enterprises", 40, "多", "2023-12"),
    ]


def test_traditional_text():
    text = "今年1-10月，全區大數據智能化產業實現營收92.2億元，同比增長1.89%。截至11月底，全區集聚新材料企業450多家。"
    found = facts(text)
    assert [(f.subject, f.indicator, f.value, f.yoy_pct) for f in found] == [
        ("大数据智能化", "revenue", Decimal("9220000000"), Decimal("1.89")),
        ("新材料", "enterprises", 450, None),
    ]
    for fact in found:
        assert text[fact.span[0] : fact.span[1]] == fact.evidence  # the evidence is the text as passed in
    assert found[0].evidence.startswith("今年1-10月，全區大數據")


def test_spans_point_into_the_text_as_passed_in_even_when_normalising_changes_its_length():
    text = "前言 。\n\n　今年１－１０月 ， 全区新材料产业实现营收 ５９ 亿元 ， 同比增长６.１％ 。"
    fact = one(text)
    assert (fact.value, fact.yoy_pct, fact.period_end) == (Decimal("5900000000"), Decimal("6.1"), "2023-10")
    assert text[fact.span[0] : fact.span[1]] == fact.evidence and fact.evidence.startswith("今年１－１０月")


def test_a_figure_of_another_place_is_that_places_not_the_districts():
    [city] = facts("今年1-10月，全市规上工业总产值同比增长5%。")
    assert (city.region.name, city.industry, city.cluster, city.yoy_pct) == ("重庆市", "规上工业", None, Decimal("5"))
    [materials] = facts("今年1-10月，重庆市新材料产业营收1000亿元。")
    assert (materials.region.name, materials.industry, materials.cluster) == ("重庆市", "新材料产业", None)
    found = facts("今年1-10月，九龙坡区实现营收200亿元，大渡口区实现营收100亿元。")
    assert [(f.region.name, f.value) for f in found] == [
        ("九龙坡区", Decimal("20000000000")),
        ("大渡口区", Decimal("10000000000")),
    ]
    # a place that is not the subject does not stop the figure
    assert one("截至目前，4号仓库影视产业园已接待全国各地剧组近60个。").value == 60


def test_a_count_of_a_sub_population_is_not_the_indicator():
    # a count of one kind of firm is that kind's, not the district's count of enterprises
    [listed] = facts("目前，全区共有上市企业5家。")
    assert (listed.industry, listed.indicator, listed.value) == ("上市企业", "enterprises", Decimal("5"))
    assert listed.subject == "大渡口区上市企业" and listed.cluster is None
    assert facts("今年以来，全区新增国家级专精特新“小巨人”企业3家。") == []
    assert one("截至11月底，全区规上企业达到120家。").indicator == "above_scale_enterprises"
    flow = one("今年1-10月，全区规上工业总产值完成300亿元，同比增长8.5%。")
    assert (flow.indicator, flow.extra["scope"]) == ("output", "规上") and flow.confidence < 0.8
