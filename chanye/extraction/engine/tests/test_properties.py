"""Property tests: extract() never crashes, and what it returns always points into the text."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chanye.extraction.engine import extract, facts_to_jsonl
from chanye.extraction.engine.facts import KINDS

from ._helpers import SUBJECTS

FRAGMENTS = [
    "今年1-10月，",
    "截至11月底，",
    "去年底",
    "前三季度",
    "上半年",
    "首季度",
    "全区",
    "大渡口",
    "新材料产业",
    "大数据智能化",
    "國際複材",
    "三峰环境",
    "（简称“某某”）",
    "实现营收",
    "产值",
    "企业",
    "市场主体",
    "92.2亿元",
    "450多家",
    "二十三个",
    "同比增长1.89%",
    "增长5%",
    "占比66%",
    "提升7.2个百分点",
    "百亿级",
    "预计到2025年",
    "将突破",
    "签约",
    "项目",
    "总投资380亿元的",
    "在深交所创业板上市",
    "入选",
    "“重庆小面制品”",
    "名单",
    "。",
    "，",
    "；",
    "、",
    "\n",
    "\n\n",
    "“",
    "”",
    "１２３",
    "　",
    "\r\n",
    "…",
    "其中",
    "目前",
]
DATES = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31))


def check(text: str, published: datetime.date):
    facts = extract(text, published, SUBJECTS)
    for fact in facts:
        assert fact.kind in KINDS
        start, end = fact.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == fact.evidence
        assert 0 <= fact.confidence <= 1
    facts_to_jsonl(facts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), DATES)
def test_never_crashes_on_arbitrary_unicode(text, published):
    check(text, published)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join), DATES)
def test_never_crashes_on_text_that_looks_like_a_report(text, published):
    check(text, published)
