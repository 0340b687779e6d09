"""Who may read, enter, correct and delete figures and targets, on the pages and through the API: the
shared refusal tests of chanye.core.testing. 统计 enters every figure, an 产业办 those of its clusters."""

from decimal import Decimal

import pytest

from chanye.core.testing import ApiCases, PageCases
from chanye.lib.periods import Period
from chanye.monitoring import services
from chanye.monitoring.models import ImportTemplate, Indicator, Observation, Target
from chanye.registry.models import Cluster

FIGURES = frozenset({"admin", "office", "statistics"})


@pytest.fixture
def bigdata(demo):
    return Cluster.objects.get(name="大数据智能化")


@pytest.fixture
def materials(demo):
    return Cluster.objects.get(name="新材料")


@pytest.fixture
def tax(demo):
    return Indicator.objects.get(key="tax")


def figure(cluster, indicator) -> Observation:
    data = {
        "subject_kind": "cluster",
        "cluster": cluster,
        "indicator": indicator,
        "period": Period.parse("2023年1-11月"),
        "value": Decimal("100000000"),
    }
    return services.create_observation(actor=None, data=data)


class ObservationCase:
    model = Observation
    may_add = may_change = may_delete = FIGURES
    may_add_elsewhere = {"other_office"}

    @pytest.fixture
    def own(self, bigdata, tax):
        return figure(bigdata, tax)

    @pytest.fixture
    def foreign(self, materials, tax):
        return figure(materials, tax)


class TestObservationPages(ObservationCase, PageCases):
    urls = "monitoring:observation"

    @pytest.fixture
    def create_data(self, bigdata, tax):
        return {
            "subject_kind": "cluster",
            "cluster": bigdata.pk,
            "indicator": tax.pk,
            "period": "2023年1-10月",
            "value": "0.9",
            "unit": "亿元",
        }

    @pytest.fixture
    def update_data(self, own):
        return {
            "subject_kind": "cluster",
            "cluster": own.cluster_id,
            "indicator": own.indicator_id,
            "period": "2023年1-11月",
            "value": "1.2",
            "unit": "亿元",
            "yoy_pct": "5.1",
        }


class TestObservationApi(ObservationCase, ApiCases):
    endpoint = "/api/v1/observations/"

    @pytest.fixture
    def create_data(self, bigdata, tax):
        data = {"subject_kind": "cluster", "cluster": bigdata.pk, "indicator": tax.pk, "period": "2023年1-10月"}
        return {**data, "value": "90000000"}

    @pytest.fixture
    def update_data(self):
        return {"value": "120000000", "yoy_pct": "5.1"}


class TargetCase:
    model = Target
    may_add = may_change = may_delete = FIGURES
    may_add_elsewhere = {"other_office"}

    @pytest.fixture
    def own(self, bigdata, tax):
        data = {"subject_kind": "cluster", "cluster": bigdata, "indicator": tax, "year": 2030, "value": Decimal(10**9)}
        return services.create_target(actor=None, data=data)

    @pytest.fixture
    def foreign(self, materials, tax):
        data = {
            "subject_kind": "cluster",
            "cluster": materials,
            "indicator": tax,
            "year": 2030,
            "value": Decimal(10**9),
        }
        return services.create_target(actor=None, data=data)


class TestTargetPages(TargetCase, PageCases):
    urls = "monitoring:target"

    @pytest.fixture
    def create_data(self, bigdata, tax):
        return {"subject_kind": "cluster", "cluster": bigdata.pk, "indicator": tax.pk, "year": 2031, "value": "12"}

    @pytest.fixture
    def update_data(self, own):
        data = {"subject_kind": "cluster", "cluster": own.cluster_id, "indicator": own.indicator_id, "year": 2030}
        return {**data, "value": "15", "unit": "亿元", "qualifier": "超"}


class TestTargetApi(TargetCase, ApiCases):
    endpoint = "/api/v1/targets/"

    @pytest.fixture
    def create_data(self, bigdata, tax):
        return {"subject_kind": "cluster", "cluster": bigdata.pk, "indicator": tax.pk, "year": 2031, "value": "1e9"}

    @pytest.fixture
    def update_data(self):
        return {"value": "1500000000", "qualifier": "超"}


class ImportTemplateCase:
    """统计 saves and corrects every import template of its region; an 产业办 those its members saved."""

    model = ImportTemplate
    may_add = FIGURES | {"other_office"}
    may_change = may_delete = FIGURES

    @pytest.fixture
    def own(self, personas):
        data = {"name": "区统计月报", "mapping": {"region": "大渡口区"}}
        return services.create_importtemplate(actor=personas["office"], data=data)

    @pytest.fixture
    def foreign(self, personas):
        data = {"name": "新材料月报", "mapping": {}}
        return services.create_importtemplate(actor=personas["other_office"], data=data)


class TestImportTemplatePages(ImportTemplateCase, PageCases):
    urls = "monitoring:importtemplate"

    @pytest.fixture
    def create_data(self):
        return {"name": "招商月报", "mapping": '{"unit": "万元"}'}

    @pytest.fixture
    def update_data(self, own):
        return {"name": "区统计月报（修订）", "mapping": '{"region": "大渡口区", "unit": "亿元"}'}
