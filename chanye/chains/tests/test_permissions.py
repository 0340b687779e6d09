"""Who may read, add, change and delete chains and their links, on the pages and through the API:
the shared refusal tests of chanye.core.testing. An 产业办 owns the chains of its office's clusters."""

import pytest

from chanye.chains import services
from chanye.chains.models import Chain, ChainLink
from chanye.core.testing import ApiCases, PageCases
from chanye.registry.models import Cluster

OFFICE = frozenset({"admin", "office"})


@pytest.fixture
def bigdata_chain(demo):
    cluster = Cluster.objects.get(name="大数据智能化")
    return services.create_chain(actor=None, data={"cluster": cluster, "name": "测试视觉链"})


@pytest.fixture
def materials_chain(demo):
    cluster = Cluster.objects.get(name="新材料")
    return services.create_chain(actor=None, data={"cluster": cluster, "name": "测试复材链"})


class ChainCase:
    model = Chain
    may_add = may_change = may_delete = OFFICE
    may_add_elsewhere = {"other_office"}

    @pytest.fixture
    def own(self, bigdata_chain):
        return bigdata_chain

    @pytest.fixture
    def foreign(self, materials_chain):
        return materials_chain


class TestChainPages(ChainCase, PageCases):
    urls = "chains:chain"

    @pytest.fixture
    def create_data(self, own):
        return {"cluster": own.cluster_id, "name": "新建产业链", "description": "", "order": 0}

    @pytest.fixture
    def update_data(self, own):
        return {"cluster": own.cluster_id, "name": own.name, "description": "新的简介", "order": 2}


class TestChainApi(ChainCase, ApiCases):
    endpoint = "/api/v1/chains/"

    @pytest.fixture
    def create_data(self, own):
        return {"cluster": own.cluster_id, "name": "新建产业链"}

    @pytest.fixture
    def update_data(self):
        return {"description": "新的简介"}


class ChainLinkCase:
    model = ChainLink
    may_add = may_change = may_delete = OFFICE
    may_add_elsewhere = {"other_office"}

    @pytest.fixture
    def own(self, bigdata_chain):
        return services.create_chainlink(actor=None, data={"chain": bigdata_chain, "name": "芯片", "segment": "上游"})

    @pytest.fixture
    def foreign(self, materials_chain):
        return services.create_chainlink(actor=None, data={"chain": materials_chain, "name": "玻纤", "segment": "上游"})


class TestChainLinkPages(ChainLinkCase, PageCases):
    urls = "chains:chainlink"

    @pytest.fixture
    def create_data(self, bigdata_chain):
        return {"chain": bigdata_chain.pk, "name": "设备", "segment": "中游", "industry_codes": "3919", "order": 1}

    @pytest.fixture
    def update_data(self, own):
        return {"chain": own.chain_id, "name": own.name, "segment": "上游", "keywords": "芯片、传感器", "order": 0}


class TestChainLinkApi(ChainLinkCase, ApiCases):
    endpoint = "/api/v1/chain-links/"

    @pytest.fixture
    def create_data(self, bigdata_chain):
        return {"chain": bigdata_chain.pk, "name": "设备", "segment": "中游", "industry_codes": ["3919"]}

    @pytest.fixture
    def update_data(self):
        return {"keywords": "芯片、传感器"}
