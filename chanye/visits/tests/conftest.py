import datetime

import pytest

from chanye.accounts.models import Office
from chanye.conftest import make_user
from chanye.registry.models import Cluster, Enterprise
from chanye.visits import services


@pytest.fixture
def materials_office(demo):
    return Cluster.objects.get(name="新材料").office


@pytest.fixture
def hikvision(demo):
    """An enterprise of 大数据智能化 (owned by the `office` persona's office)."""
    return Enterprise.objects.get(name="海康威视")


@pytest.fixture
def composites(demo):
    """An enterprise of 新材料 (owned by the `other_office` persona's office)."""
    return Enterprise.objects.get(short_name="国际复材")


@pytest.fixture
def head(personas, bigdata_office, django_user_model):
    """The head of 大数据智能化产业发展办公室: a member of it, set as its OfficeHead."""
    user = make_user(django_user_model, "head", "产业办", [bigdata_office])
    services.create_officehead(actor=None, data={"office": bigdata_office, "user": user})
    return user


@pytest.fixture
def make_appeal(personas, bigdata_office, hikvision):
    """make_appeal(**fields) -> an appeal of the bigdata office, written by the system through the service."""

    def make(**fields):
        data = {
            "enterprise": hikvision,
            "category": "用地",
            "description": "扩建厂房需新增用地指标",
            "office": bigdata_office,
            **fields,
        }
        return services.create_appeal(actor=None, data=data)

    return make


@pytest.fixture
def holiday_appeal(make_appeal):
    """Received on 2025-09-30, the eve of the 2025 National Day holiday (10月1日—8日, 调休 9月28日 and 10月11日)."""
    return make_appeal(received_on=datetime.date(2025, 9, 30))


@pytest.fixture
def materials_appeal(personas, materials_office, composites):
    return services.create_appeal(
        actor=None,
        data={
            "enterprise": composites,
            "category": "融资",
            "description": "技改项目贷款贴息",
            "office": materials_office,
        },
    )


@pytest.fixture
def second_member(bigdata_office, django_user_model, personas):
    return make_user(django_user_model, "member2", "产业办", [bigdata_office])


def office_of(name: str) -> Office:
    return Office.objects.get(name=name)
