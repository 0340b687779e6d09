"""Who may read, add, change and delete projects, their funds in place and signing events, on the
pages and through the API: the shared refusal tests of chanye.core.testing. 招商局 edits every
project, an 产业办 those of its clusters; signing events are 招商局's alone."""

import datetime
from decimal import Decimal

import pytest

from chanye.core.testing import ApiCases, PageCases
from chanye.projects import services
from chanye.projects.models import FundsInPlace, Project, SigningEvent
from chanye.registry.models import Cluster

PIPELINE = frozenset({"admin", "investment", "office"})
INVESTMENT = frozenset({"admin", "investment"})


def project(name: str, cluster: str) -> Project:
    return services.create_project(actor=None, data={"name": name, "cluster": Cluster.objects.get(name=cluster)})


class ProjectCase:
    model = Project
    may_add = may_change = may_delete = PIPELINE
    may_add_elsewhere = {"other_office"}

    @pytest.fixture
    def own(self, demo):
        return project("测试数据中心项目", "大数据智能化")

    @pytest.fixture
    def foreign(self, demo):
        return project("测试复材项目", "新材料")


class TestProjectPages(ProjectCase, PageCases):
    urls = "projects:project"

    @pytest.fixture
    def create_data(self, own):
        return {"name": "新引进项目", "cluster": own.cluster_id, "planned_investment": "10.6亿元"}

    @pytest.fixture
    def update_data(self, own):
        return {"name": own.name, "cluster": own.cluster_id, "next_action": "赴企业洽谈", "task_force": "专班"}


class TestProjectApi(ProjectCase, ApiCases):
    endpoint = "/api/v1/projects/"

    @pytest.fixture
    def create_data(self, own):
        return {"name": "新引进项目", "cluster": own.cluster_id, "planned_investment": "1060000000"}

    @pytest.fixture
    def update_data(self):
        return {"next_action": "赴企业洽谈"}


class TestFundsPages(PageCases):
    """Funds in place have no list or page of their own: they are shown on their project's page."""

    model = FundsInPlace
    urls = "projects:fundsinplace"
    pages = ("create", "update", "delete", "history")
    may_add = may_change = may_delete = PIPELINE
    may_add_elsewhere = {"other_office"}

    @staticmethod
    def funds(project: Project) -> FundsInPlace:
        data = {"project": project, "on": datetime.date(2024, 3, 1), "amount": Decimal("50000000")}
        return services.create_fundsinplace(actor=None, data=data)

    @pytest.fixture
    def own(self, demo):
        return self.funds(project("测试数据中心项目", "大数据智能化"))

    @pytest.fixture
    def foreign(self, demo):
        return self.funds(project("测试复材项目", "新材料"))

    @pytest.fixture
    def create_data(self, own):
        return {"project": own.project_id, "on": "2024-06-30", "amount": "1.2亿元", "note": "二期"}

    @pytest.fixture
    def update_data(self, own):
        return {"project": own.project_id, "on": "2024-03-01", "amount": "6000万元", "note": "更正"}


class SigningEventCase:
    model = SigningEvent
    may_add = may_change = may_delete = INVESTMENT

    @pytest.fixture
    def own(self, demo):
        return services.create_signingevent(actor=None, data={"name": "测试集中签约", "venue": "区政府"})

    @pytest.fixture
    def foreign(self, demo):
        return services.create_signingevent(actor=None, data={"name": "另一场集中签约"})


class TestSigningEventPages(SigningEventCase, PageCases):
    urls = "projects:signingevent"

    @pytest.fixture
    def create_data(self):
        return {
            "name": "第四批集中签约",
            "date": "2024-05-20",
            "announced_projects": 12,
            "announced_investment": "50亿元",
        }

    @pytest.fixture
    def update_data(self, own):
        return {"name": own.name, "venue": "区会展中心", "announced_projects": 8}


class TestSigningEventApi(SigningEventCase, ApiCases):
    endpoint = "/api/v1/signings/"

    @pytest.fixture
    def create_data(self):
        return {"name": "第四批集中签约", "date": "2024-05-20", "announced_projects": 12}

    @pytest.fixture
    def update_data(self):
        return {"venue": "区会展中心"}
