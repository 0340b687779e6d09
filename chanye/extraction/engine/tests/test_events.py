"""Signings, projects, listings and designations."""

import datetime
from decimal import Decimal

from ._helpers import facts, one


def test_a_signing_with_its_event_count_and_investment():
    fact = one(
        "前不久，在大渡口举行的2023年重点项目暨第三次招商引资项目集中签约仪式上，共签约23个项目，"
        "涉及大数据智能化、环保等多个产业领域，计划总投资107亿元。",
        kind="signing",
    )
    assert (fact.subject, fact.projects, fact.value, fact.unit) == (
        "2023年重点项目暨第三次招商引资项目集中签约仪式",
        23,
        Decimal("10700000000"),
        "元",
    )
    assert fact.period_start is None  # 前不久: no date, and the 2023年 in the event's name is not one
    assert facts("前不久，在大渡口举行的签约仪式上，共签约23个项目，计划总投资107亿元。", kind="metric") == []


def test_a_project_and_its_investment_is_not_a_statistic():
    fact = one("总投资380亿元的重庆华韶智算中心项目正式开建。", kind="project")
    assert (fact.subject, fact.value) == ("重庆华韶智算中心", Decimal("38000000000"))
    assert one("中元汇吉生物科技园项目总投资20亿元，目前进展顺利。", kind="project").subject == "中元汇吉生物科技园"
    assert facts("总投资380亿元的重庆华韶智算中心项目正式开建。", kind="metric") == []


def test_a_listing_needs_an_exchange_or_board_and_no_intent():
    text = "2023年底，重庆国际复合材料股份有限公司（简称“国际复材”）在深圳证券交易所创业板成功上市。"
    fact = one(text, datetime.date(2024, 1, 23), kind="listing")
    assert (fact.subject, fact.enterprise, fact.extra["exchange"], fact.extra["board"]) == (
        "重庆国际复合材料股份有限公司",
        "重庆国际复合材料股份有限公司",
        "深圳证券交易所",
        "创业板",
    )
    assert (fact.period_start, fact.period_end) == ("2023-12", "2023-12")
    assert one("国际复合材料今年已成功在深交所创业板发行上市。", kind="listing").extra["exchange"] == "深圳证券交易所"
    assert facts("重庆国际复合材料股份有限公司拟在上交所科创板上市。", kind="listing") == []
    assert facts("推动更多企业上市。", kind="listing") == []


def test_designations():
    found = facts(
        "今年以来，“重庆小面制品”先后跻身工信部“重点地方特色食品产业集群”建设名单，"
        "农业农村部“农业产业融合发展优势特色产业”建设名单。",
        kind="designation",
    )
    assert [(f.subject, f.cluster, f.extra["title"]) for f in found] == [
        ("重庆小面制品", "重庆小面", "工信部“重点地方特色食品产业集群”建设名单"),
        ("重庆小面制品", "重庆小面", "农业农村部“农业产业融合发展优势特色产业”建设名单"),
    ]
    fact = one("2023年4月，大渡口区在国家产业转型升级示范区建设评估中获得优秀等级。", kind="designation")
    assert (fact.subject, fact.extra["title"], fact.period_start) == (
        "大渡口区",
        "国家产业转型升级示范区建设评估优秀等级",
        "2023-04",
    )
    found = facts(
        "近年全区引进培育了德润环境、三峰环境等一大批重点企业，相继获得“重庆市环保科技园”“国家环保产业发展重庆基地”等称号。",
        kind="designation",
    )
    assert [(f.subject, f.extra["title"]) for f in found] == [
        ("大渡口区", "重庆市环保科技园"),
        ("大渡口区", "国家环保产业发展重庆基地"),
    ]


def test_an_effort_is_not_a_designation():
    assert facts("大渡口区正在积极创建国家级经开区，争创全国文明城区。", kind="designation") == []
    assert facts("井谷元获得多份意向订单。", kind="designation") == []
    assert facts("现场达成了多份意向订单。", kind="designation") == []


def test_a_chain_leader():
    fact = one("中元汇吉是重庆市体外诊断产业链链主企业。", kind="designation")
    assert (fact.subject, fact.enterprise, fact.extra["title"]) == ("中元汇吉", "中元汇吉", "重庆市体外诊断产业链链主")
    assert facts("以海康威视为链主建设智能视觉产业链。", kind="designation") == []  # an unconfigured holder: not read


def test_a_generic_holder_is_the_company_of_the_paragraph_or_nobody():
    assert one("走进井谷元。今年，该企业入选重庆市“专精特新”企业名单。", kind="designation").subject == "井谷元"
    assert facts("公司被评为国家级专精特新“小巨人”企业。", kind="designation") == []
