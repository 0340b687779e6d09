"""Who may read, log, change and delete visits and appeals, on the pages and through the API: the
shared refusal tests of chanye.core.testing. An office sees and edits its own appeals only; the
forms offer an 产业办 only its own offices and enterprises, so there another office's choice is a
form error (200) where the API answers 403."""

import datetime

import pytest

from chanye.core.testing import ApiCases, PageCases
from chanye.visits import services
from chanye.visits.models import Appeal, Visit

VISIT_DAY = datetime.date(2025, 9, 29)


def visit(enterprise) -> Visit:
    data = {"date": VISIT_DAY, "enterprise": enterprise, "other_officials": "区经信委 李四", "purpose": "了解扩产计划"}
    return services.create_visit(actor=None, data=data)


class VisitCase:
    model = Visit
    may_add = frozenset({"admin", "office", "investment"})
    may_add_elsewhere = {"other_office"}
    may_change = may_delete = frozenset({"admin", "office"})  # 招商局 changes only the visits it made

    @pytest.fixture
    def own(self, hikvision):
        return visit(hikvision)

    @pytest.fixture
    def foreign(self, composites):
        return visit(composites)


class TestVisitPages(VisitCase, PageCases):
    urls = "visits:visit"
    elsewhere_status = 200

    @pytest.fixture
    def create_data(self, hikvision):
        return {"date": "2025-09-30", "enterprise": hikvision.pk, "other_officials": "张三", "purpose": "回访"}

    @pytest.fixture
    def update_data(self, own):
        data = {"date": "2025-09-29", "enterprise": own.enterprise_id, "other_officials": "张三"}
        return {**data, "purpose": own.purpose, "notes": "企业计划扩建二期厂房"}


class TestVisitApi(VisitCase, ApiCases):
    endpoint = "/api/v1/visits/"

    @pytest.fixture
    def create_data(self, hikvision):
        return {"date": "2025-09-30", "enterprise": hikvision.pk, "other_officials": "张三", "purpose": "回访"}

    @pytest.fixture
    def update_data(self):
        return {"notes": "企业计划扩建二期厂房"}


class AppealCase:
    model = Appeal
    may_read = frozenset({"admin", "leader", "office"})
    may_add = may_change = frozenset({"admin", "office"})
    may_add_elsewhere = {"other_office"}
    foreign_visible = False  # another office's appeal

    @pytest.fixture
    def own(self, make_appeal):
        return make_appeal()

    @pytest.fixture
    def foreign(self, materials_appeal):
        return materials_appeal


class TestAppealPages(AppealCase, PageCases):
    urls = "visits:appeal"
    elsewhere_status = 200

    @pytest.fixture
    def create_data(self, hikvision, bigdata_office):
        return {"enterprise": hikvision.pk, "category": "用工", "description": "招工难", "office": bigdata_office.pk}

    @pytest.fixture
    def update_data(self, own):
        data = {"enterprise": own.enterprise_id, "category": "融资", "description": "流动资金贷款"}
        return {**data, "office": own.office_id, "received_on": own.received_on}


class TestAppealApi(AppealCase, ApiCases):
    endpoint = "/api/v1/appeals/"

    @pytest.fixture
    def create_data(self, hikvision, bigdata_office):
        return {"enterprise": hikvision.pk, "category": "用工", "description": "招工难", "office": bigdata_office.pk}

    @pytest.fixture
    def update_data(self):
        return {"category": "融资", "description": "流动资金贷款"}
