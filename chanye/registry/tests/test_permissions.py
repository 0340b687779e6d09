"""Who may read, add, change and delete each registry model, on its pages and through the API:
the shared refusal tests of chanye.core.testing, declared per model."""

import pytest

from chanye.core.testing import ApiCases, PageCases
from chanye.registry import services
from chanye.registry.models import Cluster, Designation, Enterprise, Park

OFFICE = frozenset({"admin", "office"})  # an 产业办 edits what lies in its office's clusters


@pytest.fixture
def bigdata(demo):
    """The cluster of the `office` persona's office."""
    return Cluster.objects.get(name="大数据智能化")


@pytest.fixture
def materials(demo):
    """The cluster of the `other_office` persona's office."""
    return Cluster.objects.get(name="新材料")


# ---- clusters: administrators create and delete; the owning office edits


class ClusterCase:
    model = Cluster
    may_change = OFFICE

    @pytest.fixture
    def own(self, bigdata_office):
        return services.create_cluster(
            actor=None, data={"name": "测试集群", "kind": "产业领域", "office": bigdata_office}
        )

    @pytest.fixture
    def foreign(self, materials):
        return materials


class TestClusterPages(ClusterCase, PageCases):
    urls = "registry:cluster"

    @pytest.fixture
    def create_data(self):
        return {"name": "新建集群", "kind": "产业领域", "office": "", "description": "", "order": 0}

    @pytest.fixture
    def update_data(self, own):
        return {"name": own.name, "kind": own.kind, "office": own.office_id, "description": "新的简介", "order": 3}


class TestClusterApi(ClusterCase, ApiCases):
    endpoint = "/api/v1/clusters/"

    @pytest.fixture
    def create_data(self):
        return {"name": "新建集群", "kind": "产业领域"}

    @pytest.fixture
    def update_data(self):
        return {"description": "新的简介"}


# ---- enterprises, parks and designations: the office adds, edits and deletes those of its clusters


class EnterpriseCase:
    model = Enterprise
    may_add = may_change = may_delete = OFFICE
    may_add_elsewhere = {"other_office"}

    @pytest.fixture
    def own(self, bigdata):
        return services.create_enterprise(actor=None, data={"name": "测试企业", "clusters": [bigdata], "role": "培育"})

    @pytest.fixture
    def foreign(self, materials):
        return materials.enterprises.get(short_name="国际复材")


class TestEnterprisePages(EnterpriseCase, PageCases):
    elsewhere_status = 200  # the form offers only the office's own clusters: the choice is refused on the form
    urls = "registry:enterprise"

    @pytest.fixture
    def create_data(self, bigdata):
        return {"name": "新建企业", "clusters": [bigdata.pk], "role": "培育", "credit_code": "91350100M000100Y43"}

    @pytest.fixture
    def update_data(self, own, bigdata):
        return {"name": own.name, "short_name": "测试", "clusters": [bigdata.pk], "role": "规上"}


class TestEnterpriseApi(EnterpriseCase, ApiCases):
    endpoint = "/api/v1/enterprises/"

    @pytest.fixture
    def create_data(self, bigdata):
        return {"name": "新建企业", "clusters": [bigdata.pk], "role": "培育"}

    @pytest.fixture
    def update_data(self):
        return {"short_name": "测试"}


class ParkCase:
    model = Park
    may_add = may_change = may_delete = OFFICE
    may_add_elsewhere = {"other_office"}

    @pytest.fixture
    def own(self, bigdata):
        return services.create_park(actor=None, data={"name": "测试园区", "kind": "工业园区", "clusters": [bigdata]})

    @pytest.fixture
    def foreign(self, materials):
        return services.create_park(actor=None, data={"name": "别处园区", "kind": "工业园区", "clusters": [materials]})


class TestParkPages(ParkCase, PageCases):
    elsewhere_status = 200  # the form offers only the office's own clusters: the choice is refused on the form
    urls = "registry:park"

    @pytest.fixture
    def create_data(self, bigdata):
        return {"name": "新建园区", "kind": "专业园区", "location": "", "clusters": [bigdata.pk]}

    @pytest.fixture
    def update_data(self, own, bigdata):
        return {"name": own.name, "kind": own.kind, "location": "建桥园区", "clusters": [bigdata.pk]}


class TestParkApi(ParkCase, ApiCases):
    endpoint = "/api/v1/parks/"

    @pytest.fixture
    def create_data(self, bigdata):
        return {"name": "新建园区", "kind": "专业园区", "clusters": [bigdata.pk]}

    @pytest.fixture
    def update_data(self):
        return {"location": "建桥园区"}


class DesignationCase:
    model = Designation
    may_add = may_change = may_delete = OFFICE
    may_add_elsewhere = {"other_office"}

    @pytest.fixture
    def own(self, bigdata):
        data = {"holder": "测试企业", "holder_kind": "enterprise", "title": "测试名单", "cluster": bigdata}
        return services.create_designation(actor=None, data=data)

    @pytest.fixture
    def foreign(self, materials):
        data = {"holder": "别处企业", "holder_kind": "enterprise", "title": "测试名单", "cluster": materials}
        return services.create_designation(actor=None, data=data)


class TestDesignationPages(DesignationCase, PageCases):
    urls = "registry:designation"
    elsewhere_status = 200  # the form offers only what the office's clusters hold: the choice is refused on the form

    @pytest.fixture
    def create_data(self, bigdata):
        return {"holder": "新获得者", "holder_kind": "cluster", "title": "新名单", "level": "市", "cluster": bigdata.pk}

    @pytest.fixture
    def update_data(self, own, bigdata):
        return {
            "holder": own.holder,
            "holder_kind": own.holder_kind,
            "title": own.title,
            "issuer": "市经济信息委",
            "cluster": bigdata.pk,
        }


class TestDesignationApi(DesignationCase, ApiCases):
    endpoint = "/api/v1/designations/"

    @pytest.fixture
    def create_data(self, bigdata):
        return {"holder": "新获得者", "holder_kind": "cluster", "title": "新名单", "cluster": bigdata.pk}

    @pytest.fixture
    def update_data(self):
        return {"issuer": "市经济信息委"}
