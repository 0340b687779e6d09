"""Every service leaves an audit entry with who, when, what and the before/after values."""

import pytest
from django.urls import reverse

from chanye.accounts import services as account_services
from chanye.core.models import AuditEntry
from chanye.registry import services
from chanye.registry.models import Cluster, Designation, Enterprise, Park

CREATE_CASES = [
    (services.create_cluster, Cluster, {"name": "测试集群", "kind": "产业领域"}),
    (services.create_enterprise, Enterprise, {"name": "测试企业", "role": "培育"}),
    (services.create_park, Park, {"name": "测试园区", "kind": "工业园区"}),
    (
        services.create_designation,
        Designation,
        {"holder": "测试企业", "holder_kind": "enterprise", "title": "测试名单"},
    ),
]


@pytest.mark.parametrize(("create", "model", "data"), CREATE_CASES)
def test_create_update_delete_each_leave_an_entry(personas, create, model, data):
    admin = personas["admin"]
    obj = create(actor=admin, data=data)
    name = model._meta.model_name
    update = getattr(services, f"update_{name}")
    delete = getattr(services, f"delete_{name}")
    field = next(iter(data))
    update(actor=admin, data={field: data[field] + "改"}, **{name: obj})
    pk = obj.pk
    delete(actor=admin, **{name: obj})
    entries = list(AuditEntry.objects.filter(object_id=str(pk), content_type__model=name).order_by("time", "pk"))
    assert [e.action for e in entries] == ["create", "update", "delete"]
    created, updated, deleted = entries
    assert created.before is None and created.after[field] == data[field]
    assert updated.before[field] == data[field] and updated.after[field] == data[field] + "改"
    assert deleted.before[field] == data[field] + "改" and deleted.after is None
    assert {e.actor_name for e in entries} == {"admin"}


def test_an_update_that_changes_nothing_leaves_no_entry(personas):
    cluster = Cluster.objects.get(name="新材料")
    before = AuditEntry.objects.count()
    services.update_cluster(actor=personas["admin"], cluster=cluster, data={"name": "新材料"})
    assert AuditEntry.objects.count() == before


def test_a_refused_write_leaves_no_entry_and_changes_nothing(personas):
    from django.core.exceptions import PermissionDenied

    cluster = Cluster.objects.get(name="新材料")
    before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.update_cluster(actor=personas["office"], cluster=cluster, data={"description": "改"})
    cluster.refresh_from_db()
    assert cluster.description != "改" and AuditEntry.objects.count() == before


def test_account_services_are_audited(personas):
    user, password = account_services.set_up_account(actor=personas["admin"], username="newbie", role="统计")
    entry = AuditEntry.objects.filter(object_id=str(user.pk), content_type__model="user").get()
    assert entry.after["roles"] == ["统计"] and password not in str(entry.after)
    account_services.create_token(actor=personas["admin"], user=user)
    assert AuditEntry.objects.filter(object_id=str(user.pk), note="创建 API 令牌").exists()


def test_the_demo_load_is_audited_as_the_system(db):
    entry = AuditEntry.objects.for_object(Cluster.objects.get(name="重庆小面")).get()
    assert (entry.actor_name, entry.action, entry.note) == ("系统", "create", "演示数据")


def test_object_history_page_shows_the_change(personas, client_for):
    cluster = Cluster.objects.get(name="大数据智能化")
    services.update_cluster(actor=personas["office"], cluster=cluster, data={"description": "新的简介"})
    page = client_for(personas["leader"]).get(reverse("registry:cluster-history", args=[cluster.pk])).content.decode()
    assert "新的简介" in page and "office" in page


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("leader", 200), ("office", 403), ("statistics", 403)])
def test_who_reads_the_site_history(personas, client_for, role, status):
    assert client_for(personas[role]).get(reverse("audit:site")).status_code == status


def test_administrators_filter_the_site_history(personas, client_for):
    cluster = Cluster.objects.get(name="大数据智能化")
    services.update_cluster(actor=personas["office"], cluster=cluster, data={"description": "筛选测试"})
    client = client_for(personas["admin"])
    by_actor = client.get(reverse("audit:site"), {"actor": personas["office"].pk}).content.decode()
    assert "筛选测试" in by_actor and "演示数据" not in by_actor
    by_action = client.get(reverse("audit:site"), {"action": "update"})
    assert "筛选测试" in by_action.content.decode()
    assert {entry.action for entry in by_action.context["object_list"]} == {"update"}
    by_name = client.get(reverse("audit:site"), {"q": "重庆小面"}).content.decode()
    assert "重庆小面" in by_name and "筛选测试" not in by_name
