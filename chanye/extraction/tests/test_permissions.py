"""Who may read and decide proposed facts, on the pages and through the API: the shared refusal tests of
chanye.core.testing, with rejecting as the write (accepting writes the record it becomes as well, and is
tested in test_review.py). A figure is decided by 统计, or by an 产业办 for its own clusters."""

import pytest

from chanye.archive import services as archive
from chanye.core.testing import ApiCases, PageCases
from chanye.extraction.models import ExtractedFact


def figure_fact(user, cluster: str) -> ExtractedFact:
    """The one figure a short dated report about `cluster` proposes (测试日报 is made up for the tests)."""
    text = (
        f"{cluster}产业一季度稳中有进\n\n《 测试日报 》( 2024年04月20日   第 2 版)\n\n"
        f"今年一季度，全区{cluster}产业实现营收21亿元，同比增长8.5%。\n"
    )
    document = archive.ingest_file(actor=user, filename=f"{cluster}.txt", content=text.encode())
    return document.facts.get(kind="metric")


class FactCase:
    model = ExtractedFact
    may_change = frozenset({"admin", "office", "statistics"})

    @pytest.fixture
    def own(self, personas):
        return figure_fact(personas["admin"], "大数据智能化")

    @pytest.fixture
    def foreign(self, personas):
        return figure_fact(personas["admin"], "新材料")


class TestFactPages(FactCase, PageCases):
    urls = "extraction:fact"
    pages = ("list", "detail", "update")
    url_names = {"update": "extraction:fact-reject"}
    form_pages = ()

    @pytest.fixture
    def update_data(self):
        return {"note": "口径不一致"}


class TestFactApi(FactCase, ApiCases):
    endpoint = "/api/v1/facts/"
    operations = ("list", "detail", "update")
    update_method, update_action = "post", "reject/"

    @pytest.fixture
    def update_data(self):
        return {"note": "口径不一致"}
