"""The write path of chanye.core.services: permission, one transaction, and one audit entry with the
before/after values for each create, update and delete; a refused or failed write changes nothing
and records nothing. Exercised on Park (an office's parks are those of its clusters)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chanye.chains import services as chains
from chanye.core import services
from chanye.core.audit import snapshot
from chanye.core.models import AuditEntry
from chanye.registry.models import Cluster, Park


@pytest.fixture
def bigdata(demo):
    return Cluster.objects.get(name="大数据智能化")


@pytest.fixture
def materials(demo):
    return Cluster.objects.get(name="新材料")


@pytest.fixture
def park(bigdata):
    return services.create(actor=None, model=Park, data={"name": "测试园区", "kind": "工业园区", "clusters": [bigdata]})


class Unchanged:
    """Asserts that nothing was written between its creation and `check()`."""

    def __init__(self, obj=None):
        self.entries = AuditEntry.objects.count()
        self.parks = list(Park.objects.order_by("pk").values_list("pk", flat=True))
        self.obj, self.before = obj, snapshot(Park.objects.get(pk=obj.pk)) if obj else None

    def check(self):
        assert AuditEntry.objects.count() == self.entries
        assert list(Park.objects.order_by("pk").values_list("pk", flat=True)) == self.parks
        if self.obj:
            assert snapshot(Park.objects.get(pk=self.obj.pk)) == self.before


def entries_of(pk) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(content_type__model="park", object_id=str(pk)).order_by("pk"))


def test_create_records_one_entry_with_the_stored_values(personas, bigdata):
    office = personas["office"]
    created = services.create(
        actor=office, model=Park, data={"name": "新园区", "kind": "专业园区", "clusters": [bigdata]}, note="测试"
    )
    [entry] = entries_of(created.pk)
    assert (entry.action, entry.actor, entry.actor_name, entry.note) == ("create", office, "office", "测试")
    assert entry.object_repr == "新园区" and entry.before is None
    assert entry.after == snapshot(Park.objects.get(pk=created.pk))
    assert entry.after["clusters"] == [bigdata.pk] and entry.after["kind"] == "专业园区"


def test_update_records_one_entry_with_before_and_after(personas, park, bigdata):
    updated = services.update(actor=personas["office"], obj=park, data={"location": "建桥园区"}, note="更正")
    [created, entry] = entries_of(park.pk)
    assert (entry.action, entry.actor_name, entry.note) == ("update", "office", "更正")
    assert entry.before == created.after and entry.before["location"] == ""
    assert entry.after == snapshot(updated) and entry.after["location"] == "建桥园区"
    assert entry.changes() == [("location", "", "建桥园区")]


def test_an_update_reads_the_stored_row_not_a_stale_copy(personas, park):
    stale = Park.objects.get(pk=park.pk)
    services.update(actor=personas["admin"], obj=park, data={"location": "一期"})
    services.update(actor=personas["admin"], obj=stale, data={"kind": "专业园区"})
    entry = entries_of(park.pk)[-1]
    assert entry.before["location"] == "一期" and entry.changes() == [("kind", "工业园区", "专业园区")]


def test_an_update_that_changes_nothing_records_nothing(personas, park):
    unchanged = Unchanged(park)
    services.update(actor=personas["office"], obj=park, data={"name": "测试园区"})
    unchanged.check()


def test_delete_records_one_entry_with_the_values_deleted(personas, park):
    pk = park.pk
    services.delete(actor=personas["office"], obj=park, note="重复录入")
    assert not Park.objects.filter(pk=pk).exists()
    [created, entry] = entries_of(pk)
    assert (entry.action, entry.actor_name, entry.note, entry.object_id) == ("delete", "office", "重复录入", str(pk))
    assert entry.before == created.after and entry.after is None


def test_the_system_writes_without_a_permission_check_but_is_audited(demo):
    park = services.create(actor=None, model=Park, data={"name": "系统园区"})
    [entry] = entries_of(park.pk)
    assert (entry.actor, entry.actor_name) == (None, "系统")


@pytest.mark.parametrize("persona", ["leader", "investment", "statistics", "norole"])
def test_a_refused_create_writes_nothing(personas, bigdata, persona):
    unchanged = Unchanged()
    with pytest.raises(PermissionDenied, match="新建产业载体"):
        services.create(actor=personas[persona], model=Park, data={"name": "越权园区", "clusters": [bigdata]})
    unchanged.check()


def test_a_create_outside_the_actors_clusters_is_rolled_back(personas, materials):
    """The park is saved, found outside the office's clusters, and the whole write undone."""
    unchanged = Unchanged()
    with pytest.raises(PermissionDenied, match="不在您的管理范围内"):
        services.create(actor=personas["office"], model=Park, data={"name": "越界园区", "clusters": [materials]})
    unchanged.check()
    assert not Park.objects.filter(name="越界园区").exists()


@pytest.mark.parametrize("persona", ["leader", "other_office", "investment", "statistics", "norole"])
def test_a_refused_update_changes_nothing(personas, park, persona):
    unchanged = Unchanged(park)
    with pytest.raises(PermissionDenied, match="修改“测试园区”"):
        services.update(actor=personas[persona], obj=park, data={"location": "改"})
    unchanged.check()


def test_moving_an_object_out_of_the_actors_scope_is_rolled_back(personas, park, materials):
    unchanged = Unchanged(park)
    with pytest.raises(PermissionDenied, match="不在您的管理范围内"):
        services.update(actor=personas["office"], obj=park, data={"clusters": [materials], "location": "改"})
    unchanged.check()


@pytest.mark.parametrize("persona", ["leader", "other_office", "investment", "statistics", "norole"])
def test_a_refused_delete_deletes_nothing(personas, park, persona):
    unchanged = Unchanged(park)
    with pytest.raises(PermissionDenied, match="删除“测试园区”"):
        services.delete(actor=personas[persona], obj=park)
    unchanged.check()


def test_invalid_data_is_a_validation_error_and_writes_nothing(personas, park):
    unchanged = Unchanged(park)
    with pytest.raises(ValidationError) as refused:
        services.create(actor=personas["office"], model=Park, data={"name": "测试园区", "kind": "不存在的类型"})
    # a name already used in the region (the park's region and name together), and a kind not offered
    assert set(refused.value.message_dict) == {"__all__", "kind"}
    # With nothing else wrong, the repeated name is a conflict (409 on the API).
    with pytest.raises(services.Conflict) as repeated:
        services.create(actor=personas["office"], model=Park, data={"name": "测试园区", "kind": "工业园区"})
    assert set(repeated.value.message_dict) == {"__all__"}
    with pytest.raises(ValidationError):
        services.update(actor=personas["office"], obj=park, data={"kind": "不存在的类型"})
    unchanged.check()


def test_a_protected_row_is_a_chinese_validation_error_and_stays(personas, demo):
    cluster = services.create(actor=None, model=Cluster, data={"name": "测试集群", "kind": "产业领域"})
    chains.create_chain(actor=None, data={"cluster": cluster, "name": "测试链"})
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.delete(actor=personas["admin"], obj=cluster)
    assert refused.value.messages == ["“测试集群”仍被其他记录引用（测试链），不能删除"]
    assert Cluster.objects.filter(pk=cluster.pk).exists() and AuditEntry.objects.count() == entries


def test_the_shared_services_of_a_model_take_the_object_by_its_name(bigdata, personas):
    from chanye.registry import services as registry

    assert registry.update_park.__name__ == "update_park"
    park = registry.create_park(actor=personas["office"], data={"name": "共享服务园区", "clusters": [bigdata]})
    registry.update_park(actor=personas["office"], park=park, data={"location": "建桥"})
    assert Park.objects.get(pk=park.pk).location == "建桥"
    with pytest.raises(TypeError, match="park=… expected"):
        registry.delete_park(actor=personas["office"], cluster=park)
    registry.delete_park(actor=personas["office"], park=park)
    assert not Park.objects.filter(pk=park.pk).exists()
    assert [
        e.action for e in AuditEntry.objects.filter(content_type__model="park", object_id=str(park.pk)).order_by("pk")
    ] == ["create", "update", "delete"]


def test_a_repeat_the_database_refuses_is_a_conflict_not_a_500(db):
    """The safety net under the services' own check: an IntegrityError reaching the API is 409 in Chinese,
    and a Django validation error raised outside a service call is 400."""
    from django.db import IntegrityError

    from chanye.core.api_settings import exception_handler

    conflict = exception_handler(IntegrityError("UNIQUE constraint failed"), {})
    assert conflict.status_code == 409 and "重复" in str(conflict.data)
    invalid = exception_handler(ValidationError("期间开始晚于结束"), {})
    assert invalid.status_code == 400 and "期间开始晚于结束" in str(invalid.data)
    repeat = exception_handler(services.Conflict("已有相同的目标"), {})
    assert repeat.status_code == 409 and "已有相同的目标" in str(repeat.data)
